/**
 * Deep nesting is refused before the document is built (E_TOO_DEEP). yaml builds nested
 * collections recursively and relied on catching the stack overflow: a 2 MB "[[[[...]]]]" cost
 * 5 s and 1.2 GB, and two deep briefs in one process aborted it outright ("FATAL ERROR:
 * RegExpCompiler Allocation failed": V8 compiling one of yaml's regular expressions at the edge
 * of the stack), so the good briefs after them never built.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic, Result } from '../../src/diagnostics.ts';
import { MAX_DEPTH, parseYaml } from '../../src/load/yamlDocument.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const heads = (r: Result<unknown>) => r.diagnostics.map((d) => `${d.line}:${d.col} ${d.severity}[${d.code}]`);

describe('nesting depth', () => {
  it('allows 64 levels and refuses 65, at the bracket that opens the 65th', () => {
    expect(MAX_DEPTH).toBe(64);
    // "x:" is the first level (a group of fields), so 63 brackets make 64 levels.
    const ok = parseYaml(`x: ${'['.repeat(63)}${']'.repeat(63)}\n`, 'x.yaml');
    expect(ok.diagnostics).toEqual([]);
    const deep = parseYaml(`x: ${'['.repeat(64)}${']'.repeat(64)}\n`, 'x.yaml');
    expect(deep.value).toBeUndefined();
    expect(heads(deep)).toEqual(['1:67 error[E_TOO_DEEP]']);
    expect(deep.diagnostics[0]?.hint).toMatch(/never closed/);
  });

  it('counts { and [ alike, and unclosed ones too', () => {
    expect(heads(parseYaml(`x: ${'{a: ['.repeat(40)}\n`, 'x.yaml'))).toEqual([`1:${3 + 31 * 5 + 4 + 1} error[E_TOO_DEEP]`]);
    expect(heads(parseYaml('['.repeat(100_000), 'x.yaml'))).toEqual(['1:65 error[E_TOO_DEEP]']);
  });

  it('counts block nesting: indentation, and "- - -" or "? ? ?" on one line', () => {
    const stairs = `${Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}k:`).join('\n')} 1\n`;
    expect(heads(parseYaml(stairs, 'x.yaml'))).toEqual(['65:65 error[E_TOO_DEEP]']);
    expect(heads(parseYaml(`x:\n${'- '.repeat(100)}y\n`, 'x.yaml'))).toEqual([`2:${2 * 63 + 1} error[E_TOO_DEEP]`]);
    expect(heads(parseYaml(`x:\n${'? '.repeat(100)}y\n`, 'x.yaml'))).toEqual([`2:${2 * 64 + 1} error[E_TOO_DEEP]`]);
  });

  it('does not count brackets in quotes, comments, block scalars or plain text', () => {
    const many = '['.repeat(1000);
    const src = [
      `a: "${many} \\" ${many}"`,
      `b: '${'{'.repeat(1000)}'' ${many}'`,
      `c: it's text ${'[ '.repeat(1000)}`,
      `# ${many}`,
      `d: 1 # ${many}`,
      'e: |',
      `  ${many}`,
      `f: [x, "${many}", '${many}', y] # ${many}`,
      '',
    ].join('\n');
    const r = parseYaml(src, 'x.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(Object.keys(r.value?.value as object)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('checks every document, not only the first', () => {
    expect(heads(parseYaml(`a: 1\n---\nb: ${'['.repeat(1000)}\n`, 'x.yaml'))).toEqual(['3:67 error[E_TOO_DEEP]']);
  });
});

interface ChildRun {
  results: { file: string; ms: number; loaded: boolean; diagnostics: Diagnostic[] }[];
  maxRssMB: number;
}

/** loadBrief on each file in turn, in one child process (so a crash fails the test, not the runner). */
function loadInChild(files: string[], nodeFlags: string[] = []): ChildRun {
  const script = `
    const { loadBrief } = await import(${JSON.stringify(pathToFileURL(join(REPO, 'src/load/loadBrief.ts')).href)});
    const results = [];
    for (const file of process.argv.slice(1)) {
      const t0 = performance.now();
      const r = await loadBrief(file);
      results.push({ file, ms: Math.round(performance.now() - t0), loaded: r.value !== undefined, diagnostics: r.diagnostics });
    }
    console.log(JSON.stringify({ results, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
  `;
  // Run from the repository, where --import finds tsx.
  const run = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', '--input-type=module', '-e', script, ...files], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  expect(run.signal, run.stderr.slice(-2000)).toBeNull();
  expect(run.status, run.stderr.slice(-2000)).toBe(0);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '') as ChildRun;
}

describe('bombs in one process (child process, time and memory printed)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'briefdeck-nesting-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    writeFileSync(join(tmp, name), text);
    return join(tmp, name);
  };
  const report = (what: string, out: ChildRun) =>
    console.log(`${what}: ${out.results.map((r) => `${r.file.slice(tmp.length + 1)} ${r.ms} ms`).join(', ')}; peak RSS ${out.maxRssMB} MB`);

  it('a 2 MB [[[...]]], 200 KB nested, 200 KB unclosed: each E_TOO_DEEP, and the good brief after them loads (time: npm run bench -- limits)', () => {
    // The order that used to abort the process: a, b, then the good brief.
    const files = [
      write('a.yaml', `x: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`),
      write('b.yaml', `x: ${'['.repeat(200_000)}\n`),
      write('bomb.yaml', `x: ${'['.repeat(999_998)}${']'.repeat(999_998)}\n`),
      write('good.yaml', readFileSync(join(REPO, 'test/fixtures/load/minimal.yaml'), 'utf8')),
    ];
    expect(readFileSync(files[2]!).byteLength).toBeLessThanOrEqual(2 * 1024 * 1024);
    const out = loadInChild(files);
    report('nesting bombs in one process', out);
    for (const r of out.results.slice(0, 3)) {
      expect(r.loaded).toBe(false);
      expect(r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual([`${r.file}:1:67 E_TOO_DEEP`]);
    }
    expect(out.results[3]).toMatchObject({ file: files[3], loaded: true, diagnostics: [] });
    // Node, tsx and zod alone take about 100 MB; the 2 MB bomb used to take 1.2 GB.
    expect(out.maxRssMB, 'peak RSS in MB').toBeLessThan(400);
  });

  it('2 MB of nothing but mistakes ("]]]]", "[][][]", unclosed quotes) fails within a 1 GB heap (time: npm run bench -- limits)', () => {
    const max = 2 * 1024 * 1024 - 8;
    const fill = (unit: string) => `x: ${unit.repeat(Math.floor(max / unit.length))}\n`;
    // These made millions of errors, each with a stack trace: 17-26 s and 3 GB (a process with
    // a 2 GB heap aborted), with only the first 20 ever shown.
    const files = [write('closers.yaml', fill(']')), write('pairs.yaml', fill('[]')), write('quotes.yaml', fill('"'))];
    const out = loadInChild(files, ['--max-old-space-size=1024']);
    report('files of mistakes', out);
    for (const r of out.results) {
      expect(r.loaded).toBe(false);
      expect(r.diagnostics).toHaveLength(21);
      expect(r.diagnostics[20]?.message).toMatch(/more syntax errors not shown$/);
    }
    expect(out.results[0]?.diagnostics[20]?.message).toBe('many (over 980) more syntax errors not shown');
  });
});
