/**
 * Hostile briefs: how long each takes to be refused, against the budget its test used to assert.
 * The tests (test/load/, test/robustness/) now check only that each is refused, with its code;
 * the time is here. `npx tsx bench/limits.ts`, or `npm run bench -- limits`.
 *
 * The in-process cases run one after another in this fresh process, so the first of each kind
 * pays the module warm-up a single build pays. The 2 MB nesting bomb through the CLI runs in a
 * process of its own (test/robustness/measured-cli.mjs, as test/robustness/bombs.test.ts runs
 * it); its time is main()'s, without node's start-up and the module import.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildBrief } from '../src/build.ts';
import { didYouMean } from '../src/load/didYouMean.ts';
import { loadBrief, parseBrief } from '../src/load/loadBrief.ts';
import { MINIMAL_BRIEF } from '../test/support/helpers.ts';
import { budgetLine, timed } from './budget.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Case {
  label: string;
  budgetMs: number;
  /** The refusal the figure is of: the diagnostic codes (or result) the run must give. */
  expect: string;
  /** The test that checks the refusal (and used to assert the time). */
  test: string;
  run: (dir: string) => Promise<string> | string;
}

const codes = (r: { diagnostics: ReadonlyArray<{ code: string }> }) => [...new Set(r.diagnostics.map((d) => d.code))].join(',');
const nested = (n: number) => `x: ${'['.repeat(n)}${']'.repeat(n)}\n`;
const twoMiB = (unit: string) => `x: ${unit.repeat(Math.floor((2 * 1024 * 1024 - 8) / unit.length))}\n`;
const write = (dir: string, name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

const CASES: Case[] = [
  { label: 'parseBrief: 20 MB of bytes', budgetMs: 50, expect: 'E_TOO_LARGE', test: 'test/load/loadBrief.test.ts', run: () => codes(parseBrief(new Uint8Array(20 * 1024 * 1024).fill(0x61), 'huge.yaml')) },
  {
    label: 'parseBrief: billion-laughs alias bomb',
    budgetMs: 2000,
    expect: 'E_ALIAS',
    test: 'test/load/loadBrief.test.ts',
    run: () => codes(parseBrief(readFileSync(join(REPO, 'test/fixtures/load/alias-bomb.yaml')), 'alias-bomb.yaml')),
  },
  {
    label: 'parseBrief: 40 000 unknown keys',
    budgetMs: 10_000,
    expect: 'E_UNKNOWN_KEY',
    test: 'test/load/loadBrief.test.ts',
    run: () => codes(parseBrief(`${Array.from({ length: 40_000 }, (_, i) => `field${i}: 1`).join('\n')}\n${MINIMAL_BRIEF}`, 'keys.yaml')),
  },
  {
    label: 'didYouMean: a 1 000 000-character value',
    budgetMs: 100,
    expect: 'no suggestion',
    test: 'test/load/didYouMean.test.ts',
    run: () => didYouMean('x'.repeat(1_000_000), ['meta', 'bluf', 'delegation', 'sources', 'timeline']) ?? 'no suggestion',
  },
  { label: 'loadBrief: 200 KB nested [[...]]', budgetMs: 1000, expect: 'E_TOO_DEEP', test: 'test/load/nesting.test.ts', run: async (d) => codes(await loadBrief(write(d, 'a.yaml', nested(100_000)))) },
  { label: 'loadBrief: 200 KB unclosed [[[...', budgetMs: 1000, expect: 'E_TOO_DEEP', test: 'test/load/nesting.test.ts', run: async (d) => codes(await loadBrief(write(d, 'b.yaml', `x: ${'['.repeat(200_000)}\n`))) },
  { label: 'loadBrief: 2 MB nested [[...]]', budgetMs: 1000, expect: 'E_TOO_DEEP', test: 'test/load/nesting.test.ts', run: async (d) => codes(await loadBrief(write(d, 'bomb.yaml', nested(999_998)))) },
  {
    label: 'loadBrief: 2 MB of "]]]]", then 2 MB of "[][][]"',
    budgetMs: 1000,
    expect: 'E_YAML_SYNTAX E_YAML_SYNTAX',
    test: 'test/load/nesting.test.ts',
    run: async (d) => `${codes(await loadBrief(write(d, 'closers.yaml', twoMiB(']'))))} ${codes(await loadBrief(write(d, 'pairs.yaml', twoMiB('[]'))))}`,
  },
  {
    label: 'buildBrief: a 20 MB brief file',
    budgetMs: 1000,
    expect: 'E_TOO_LARGE',
    test: 'test/robustness/yaml.test.ts',
    run: async (d) => {
      const line = `# ${'x'.repeat(76)}\n`;
      const file = write(d, 'huge.yaml', `${MINIMAL_BRIEF}${line.repeat(Math.ceil((20 * 1024 * 1024) / line.length))}`);
      return codes(await buildBrief(file, { outDir: join(d, 'out'), projectRoot: d }));
    },
  },
  {
    label: 'buildBrief: alias bomb',
    budgetMs: 2000,
    expect: 'E_ALIAS',
    test: 'test/robustness/yaml.test.ts',
    run: async (d) => {
      copyFileSync(join(REPO, 'test/fixtures/bad/alias-bomb.yaml'), join(d, 'alias-bomb.yaml'));
      return codes(await buildBrief(join(d, 'alias-bomb.yaml'), { outDir: join(d, 'out'), projectRoot: d }));
    },
  },
];

/** `briefdeck <args>` in its own process, with main()'s time and the peak RSS. */
function measuredCli(args: string[], cwd: string): { code: number; ms: number; maxRssMB: number; output: string } {
  const r = spawnSync(process.execPath, [join(REPO, 'test/robustness/measured-cli.mjs'), ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, NO_COLOR: '1' } });
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  if (!last.startsWith('{')) throw new Error(`bench/limits.ts: briefdeck ${args.join(' ')} crashed (${r.signal ?? r.status}):\n${(r.stderr ?? '').slice(-2000)}`);
  return { ...(JSON.parse(last) as { code: number; ms: number; maxRssMB: number }), output: r.stderr ?? '' };
}

/** Measures and prints every case. */
export async function benchLimits(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-bench-limits-'));
  try {
    console.log('limits: time to refuse a hostile brief (the budget is what its test used to assert)');
    for (const c of CASES) {
      const { ms, value } = await timed(() => c.run(dir));
      if (value !== c.expect) throw new Error(`bench/limits.ts: ${c.label}: expected ${c.expect}, got ${value || 'no diagnostics'}, so the figure would not be of the refusal ${c.test} checks`);
      console.log(budgetLine(c.label, ms, c.budgetMs, c.expect));
    }
    const project = join(dir, 'cli');
    mkdirSync(project);
    write(project, 'good.yaml', MINIMAL_BRIEF);
    write(project, 'bomb.yaml', nested(999_998));
    const good = measuredCli(['check', 'good.yaml'], project);
    const bomb = measuredCli(['build', 'bomb.yaml'], project);
    if (bomb.code !== 1 || !/error\[E_TOO_DEEP\]/.test(bomb.output)) throw new Error(`bench/limits.ts: the CLI did not refuse the nesting bomb with E_TOO_DEEP (exit ${bomb.code}):\n${bomb.output.slice(-1000)}`);
    console.log(budgetLine('briefdeck build: 2 MB nesting bomb (own process)', bomb.ms, 3000, `E_TOO_DEEP, peak RSS ${bomb.maxRssMB} MB; a small brief: ${good.ms} ms, ${good.maxRssMB} MB`));
    console.log(`  this process's peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await benchLimits();
