/**
 * `npm run bench`: figures, no assertions.
 *
 *  decks    build time per stage for the shipped brief and each stress fixture (the decks of
 *           test/render/decks.ts): cold (the first build in a fresh process) and warm (median of
 *           5 builds after it), total build time, module import time and peak RSS. Each deck
 *           runs in a process of its own (bench/deck.ts), one after another, so cold means cold
 *           and the peak RSS is that deck's.
 *  measure  text measurement timings (bench/measure.ts), in a fresh process.
 *  title    `check` of a brief with a 1k, 20k and 100k-character title (bench/longTitle.ts),
 *           against a one-second budget for 100k, in a fresh process.
 *  watch    rebuild latency in watch mode, the watcher and the `briefdeck watch` command
 *           (bench/watch.ts), in a fresh process, against budgets.
 *  serve    save to updated preview page in chromium (bench/serve.ts), in a fresh process.
 *  limits   time to refuse each hostile brief (nesting and alias bombs, 20 MB files, ...) against
 *           the budget its test used to assert (bench/limits.ts), in a fresh process.
 *  cold, version, warm, batch, scale
 *           figures through the compiled CLI (bench/cli.ts): a cold build against pandoc on the
 *           same content, --version against bare node, warm builds of the shipped brief in one
 *           process (bench/warm.mjs), 500 briefs in one command, and decks of 10, 100 and 1000
 *           slides; each against the performance budgets.
 *
 * Timings are figures here, not test assertions: a test checks what happens, the bench how long
 * it takes, each against its budget (bench/budget.ts), printed "ok" or "OVER BUDGET".
 *
 * `npm run bench -- decks watch` runs only those parts; `--runs N` sets the warm runs.
 * Figures are wall-clock times: another load on the machine inflates them (the load average is
 * printed with them).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DECKS } from '../test/render/decks.ts';
import { budgetLine } from './budget.ts';
import { RESULT_PREFIX, type DeckBench } from './deck.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const PARTS = ['cold', 'version', 'warm', 'decks', 'batch', 'scale', 'measure', 'title', 'watch', 'limits', 'serve'] as const;
const CLI_PARTS: readonly Part[] = ['cold', 'version', 'warm', 'batch', 'scale'];
type Part = (typeof PARTS)[number];

const argv = process.argv.slice(2);
const runsAt = argv.indexOf('--runs');
const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 5;
const asked = argv.filter((a, i) => !a.startsWith('--') && !(runsAt >= 0 && i === runsAt + 1));
const unknown = asked.filter((a) => !(PARTS as readonly string[]).includes(a));
if (unknown.length) {
  console.error(`bench: unknown part ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
  process.exit(2);
}
if (!Number.isInteger(runs) || runs < 1) {
  console.error('bench: --runs takes a whole number of at least 1');
  process.exit(2);
}
const parts: Part[] = asked.length ? (asked as Part[]) : [...PARTS];

/** Runs a bench script under tsx in a fresh process; stdout is returned (or passed through). */
function node(script: string, args: string[], capture: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${script} ${args.join(' ')} exited with ${code}`))));
  });
}

const ms = (v: number | undefined) => (v === undefined ? '-' : v < 10 ? v.toFixed(1) : v.toFixed(0));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function table(head: string[], rows: string[][]): void {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

async function benchDecks(): Promise<void> {
  const results: DeckBench[] = [];
  for (const d of DECKS) {
    const out = await node(join(HERE, 'deck.ts'), [d.name, String(runs)], true);
    const line = out.split('\n').find((l) => l.startsWith(RESULT_PREFIX));
    if (!line) throw new Error(`bench/deck.ts ${d.name} printed no result`);
    results.push(JSON.parse(line.slice(RESULT_PREFIX.length)) as DeckBench);
  }
  console.log(`Build time per deck, ms — cold: first build in a fresh process; warm: median of ${runs} builds after it`);
  table(
    ['deck', 'slides', 'layout cold', 'layout warm', 'total cold', 'total warm', 'import', 'peak RSS'],
    results.map((r) => [r.name, String(r.slides), ms(r.cold.stages.layout), ms(r.warm.stages.layout), ms(r.cold.total), ms(r.warm.total), ms(r.importMs), mb(r.maxRss)]),
  );
  const stages = [...new Set(results.flatMap((r) => [...Object.keys(r.cold.stages), ...Object.keys(r.warm.stages)]))];
  for (const which of ['cold', 'warm'] as const) {
    console.log(`\nStages, ${which === 'cold' ? 'cold' : `warm (median of ${runs})`}, ms`);
    table(
      ['deck', ...stages, 'total'],
      results.map((r) => [r.name, ...stages.map((s) => ms(r[which].stages[s])), ms(r[which].total)]),
    );
  }
  const total = (k: 'cold' | 'warm') => results.reduce((a, r) => a + r[k].total, 0);
  console.log(`\nAll ${results.length} decks: ${ms(total('cold'))} ms cold, ${ms(total('warm'))} ms warm; largest peak RSS ${mb(Math.max(...results.map((r) => r.maxRss)))}`);
  // test/package/package.test.ts used to assert packaging a 20-slide deck in under 2 s: 100 ms a
  // slide, applied to the deck with the most slides.
  const shipped = results.find((r) => r.name === 'kim-putin-2023');
  // The budget's figure is the compiled CLI's (bench/cli.ts, part warm): here the sources run
  // through tsx, whose loader every import() a build makes goes through.
  if (shipped) console.log(`  warm build per deck, the shipped brief, sources through tsx: ${ms(shipped.warm.total)} ms (the budget is checked on the compiled bundle: part warm)`);
  const largest = results.reduce((a, r) => (r.slides > a.slides ? r : a));
  const packageMs = largest.warm.stages.package;
  if (packageMs === undefined) throw new Error('bench: bench/deck.ts reported no "package" stage');
  console.log(budgetLine(`package stage, warm, ${largest.name} (${largest.slides} slides)`, packageMs, 100 * largest.slides, '2 s per 20 slides'));
}

const t0 = performance.now();
const load = loadavg().map((l) => l.toFixed(1)).join(' ');
const compiled = existsSync(join(HERE, '../dist/BUILT')) ? 'compiled dist/' : 'no dist/ (run npm run compile): the CLI runs src/ through tsx';
console.log(`briefdeck bench — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, load average ${load}, ${compiled} (wall-clock figures; other load inflates them)\n`);
const cliParts = parts.filter((p) => CLI_PARTS.includes(p));
if (cliParts.length) await node(join(HERE, 'cli.ts'), [...cliParts, '--runs', String(runs)], false);
for (const part of parts) {
  if (part === 'decks') {
    console.log('');
    await benchDecks();
  }
  if (part === 'measure') {
    console.log('\nText measurement (bench/measure.ts, fresh process)');
    await node(join(HERE, 'measure.ts'), [], false);
  }
  if (part === 'title') {
    console.log('\nLong titles (bench/longTitle.ts, fresh process)');
    await node(join(HERE, 'longTitle.ts'), [], false);
  }
  if (part === 'watch' || part === 'limits' || part === 'serve') {
    console.log('');
    await node(join(HERE, `${part}.ts`), [], false);
  }
}
console.log(`\nbench done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
