/**
 * Deep nesting ("[[[[...]]]]"): the YAML parser gives up past a depth, but only after building
 * the whole structure, so a brief within the 2 MiB limit costs seconds and a gigabyte, and
 * two of them in one build abort the process. Run as child processes (measured-cli.mjs), so a
 * crash fails the test instead of taking the test runner down.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GOOD_BRIEF, makeProject, REPO, snapshot, type Project } from './harness.ts';

const MEASURED = join(REPO, 'test/robustness/measured-cli.mjs');

interface Measured {
  status: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  usage?: { code: number; ms: number; maxRssMB: number };
}

function measured(args: string[], cwd: string): Measured {
  const r = spawnSync(process.execPath, [MEASURED, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  let usage: Measured['usage'];
  try {
    usage = JSON.parse(last);
  } catch {
    usage = undefined;
  }
  return { status: r.status, signal: r.signal, output: `${r.stderr ?? ''}`, usage };
}

let project: Project | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

describe('nesting bombs', () => {
  it('a 2 MiB nesting bomb (the largest brief allowed) fails with E_TOO_DEEP in bounded memory (time: npm run bench -- limits)', async () => {
    project = await makeProject(['bomb']);
    const n = 1_000_000 - 2;
    project.write('bomb.yaml', `x: ${'['.repeat(n)}${']'.repeat(n)}\n`);
    project.write('good.yaml', GOOD_BRIEF);
    const before = snapshot(project.out);
    const base = measured(['check', 'good.yaml'], project.root);
    const bomb = measured(['build', 'bomb.yaml'], project.root);
    console.log(`nesting bomb, ${n} levels (2 MB): exit ${bomb.status ?? bomb.signal}, ${bomb.usage?.ms} ms, max RSS ${bomb.usage?.maxRssMB} MB (a normal brief: ${base.usage?.ms} ms, ${base.usage?.maxRssMB} MB)`);
    expect(bomb.usage, `the CLI crashed (${bomb.signal ?? bomb.status}):\n${bomb.output.slice(-2000)}`).toBeDefined();
    expect(bomb.status).toBe(1);
    expect(bomb.output).toMatch(/bomb\.yaml:\d+:\d+: error\[E_TOO_DEEP\]/);
    expect(snapshot(project.out)).toEqual(before);
    // Generous: a valid 2 MB brief of plain keys takes about 200 MB more than a small one.
    expect(bomb.usage!.maxRssMB - base.usage!.maxRssMB, 'extra MB of memory to reject a 2 MB nesting bomb').toBeLessThan(300);
  });

  it('two nesting bombs in one build do not abort the process: the other briefs still build', async () => {
    project = await makeProject(['a-nested', 'b-unclosed']);
    project.write('a-nested.yaml', `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`);
    project.write('b-unclosed.yaml', `x: ${'['.repeat(200_000)}\n`);
    project.write('c-good.yaml', GOOD_BRIEF);
    const before = snapshot(project.out);
    const r = measured(['build', 'a-nested.yaml', 'b-unclosed.yaml', 'c-good.yaml'], project.root);
    expect(r.signal, `the CLI was killed by ${r.signal}:\n${r.output.slice(-1500)}`).toBeNull();
    expect(r.status, r.output.slice(-1500)).toBe(1);
    expect(r.output).toMatch(/Built 1 brief ok, 2 failed/);
    expect(existsSync(project.path('out', 'c-good.pptx'))).toBe(true);
    const after = snapshot(project.out);
    delete after['c-good.pptx'];
    expect(after).toEqual(before);
  });
});
