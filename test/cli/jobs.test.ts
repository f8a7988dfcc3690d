/**
 * `build --jobs N` / `check --jobs N`: briefs built on worker threads give the same stdout,
 * stderr, exit status and deck bytes as one by one, a failing brief in the middle included;
 * a bad --jobs is a usage error. Run in-process through main(); the workers load the sources
 * through tsx, as the CLI does when dist/ is not current.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureOut, FIXTURES, REPO, SHIPPED_BRIEF } from '../support/helpers.ts';

// Each worker loads the pipeline afresh: generous limits for a busy machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 60_000 });

let project: string;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'briefdeck-jobs-'));
  cpSync(join(REPO, 'templates'), join(project, 'templates'), { recursive: true });
  mkdirSync(join(project, 'briefs'));
  // Named so that briefs/ sorts them in this order: the broken one in the middle.
  cpSync(join(FIXTURES, 'briefs/decision.yaml'), join(project, 'briefs/1-decision.yaml'));
  cpSync(join(FIXTURES, 'briefs/host-visit.yaml'), join(project, 'briefs/2-host-visit.yaml'));
  cpSync(join(FIXTURES, 'bad/syntax-unclosed-quote.yaml'), join(project, 'briefs/3-broken.yaml'));
  cpSync(SHIPPED_BRIEF, join(project, 'briefs/4-kim-putin.yaml'));
  cpSync(join(FIXTURES, 'briefs/extra-slides.yaml'), join(project, 'briefs/5-extra-slides.yaml'));
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

/** Output without what differs from run to run: build times, and the output folder's name. */
const steady = (text: string, outDir: string) => text.replaceAll(outDir, '<out>').replace(/ {2}\d+(\.\d+)? (ms|s)$/gm, '  <time>');

async function run(argv: string[], outDir: string) {
  const out = captureOut();
  const code = await main([...argv, '--out', outDir], out, { cwd: project });
  return { code, stdout: steady(out.out.join('\n'), outDir), stderr: steady(out.err.join('\n'), outDir) };
}

describe('--jobs', () => {
  it('build: the same output, exit status and deck bytes with one job and with two', async () => {
    const one = join(project, 'out-1'), two = join(project, 'out-2');
    const a = await run(['build', '--jobs', '1'], one);
    const b = await run(['build', '--jobs', '2'], two);
    expect(a.code).toBe(1);
    expect(b.code).toBe(a.code);
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toBe(a.stderr);
    // The broken brief fails with its position; the briefs after it are still built.
    expect(a.stdout.split('\n').map((l) => l.slice(0, 2))).toEqual(['✓ ', '✓ ', '✗ ', '✓ ', '✓ ']);
    expect(a.stderr).toMatch(/3-broken\.yaml:\d+:\d+: error/);
    const decks = readdirSync(one).sort();
    expect(decks).toEqual(['1-decision.pptx', '2-host-visit.pptx', '4-kim-putin.pptx', '5-extra-slides.pptx']);
    expect(readdirSync(two).sort()).toEqual(decks);
    for (const d of decks) expect(Buffer.compare(readFileSync(join(one, d)), readFileSync(join(two, d))), d).toBe(0);
  });

  it('check --json: the same results in the same order with one job and with two', async () => {
    const json = async (jobs: string) => {
      const out = captureOut();
      const code = await main(['check', '--json', '--jobs', jobs], out, { cwd: project });
      const doc = JSON.parse(out.out.join('\n')) as { ok: boolean; results: Array<Record<string, unknown>> };
      return { code, ok: doc.ok, results: doc.results.map(({ ms: _ms, stages: _stages, ...r }) => r) };
    };
    const a = await json('1');
    const b = await json('2');
    expect(a.code).toBe(1);
    expect(b).toEqual(a);
    expect(a.results.map((r) => r.ok)).toEqual([true, true, false, true, true]);
  });

  it('a --jobs that is not a whole number of at least 1 is a usage error', async () => {
    for (const bad of ['0', 'two', '-1', '1.5']) {
      const out = captureOut();
      expect(await main(['build', `--jobs=${bad}`], out, { cwd: project }), bad).toBe(2);
      expect(out.err.join('\n')).toContain(`--jobs takes a whole number of at least 1, not "${bad}"`);
    }
  });
});
