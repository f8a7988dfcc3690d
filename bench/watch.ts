/**
 * Watch-mode latency: how long from saving a brief to its deck being written.
 * `npx tsx bench/watch.ts`, or through `npm run bench` (bench/index.ts runs this file).
 *
 * Two measurements, each in a temp project holding templates/ and the shipped brief, each
 * editing the brief's title several times and timing every edit from just before the write:
 *  - the watcher (src/watch/watcher.ts) in this process, to its report that the deck is in
 *    place, with the build's own time and stages; budget 100 ms (the performance issue's budget);
 *  - `briefdeck watch`, the command (main() in this process), to its "✓" line being printed
 *    (polled every 10 ms); budget 1000 ms for the slowest edit (what test/cli/watch.test.ts
 *    used to assert).
 * Each starts with an initial build that pays the cold-start cost. The 50 ms quiet period is
 * included; the build overlaps it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../src/cli/main.ts';
import type { Out } from '../src/cli/output.ts';
import { Watcher, type WatchBuild } from '../src/watch/watcher.ts';
import { BRIEF_NAME, nextBuild, tempProject, waitFor } from '../test/cli/helpers.ts';
import { budgetLine, median } from './budget.ts';

const TITLE = "title: Kim Jong Un's Train Trip to Russia";
const EDIT_TIMEOUT_MS = 10_000;

export interface WatchBenchResult {
  /** Change-to-deck latency of each edit, ms. */
  samples: number[];
  /** The build's own time (load to write) of each edit, ms. */
  buildMs: number[];
  /** Per-stage time of each edit's build, ms. */
  stages: Array<Record<string, number>>;
  /** The initial, cold build, ms. */
  initialMs: number;
  median: number;
  /** `briefdeck watch`: change to the "✓" line printed, per edit, ms. */
  cli: number[];
}

/**
 * A temp project with the shipped brief; `edit(rebuilt)` saves edits 1..n of its title, each
 * timed from just before the write until `rebuilt(i)` (called before the write) resolves.
 */
async function withProject<T>(run: (root: string, edit: <R>(n: number, rebuilt: (i: number) => Promise<R>) => Promise<Array<{ ms: number; value: R }>>) => Promise<T>): Promise<T> {
  const p = tempProject();
  try {
    const brief = join(p.root, 'briefs', BRIEF_NAME);
    const original = readFileSync(brief, 'utf8');
    if (!original.includes(TITLE)) throw new Error(`bench/watch.ts: the shipped brief no longer has "${TITLE}"; update the bench`);
    return await run(p.root, async (n, rebuilt) => {
      const out = [];
      for (let i = 1; i <= n; i++) {
        const done = rebuilt(i);
        const t0 = performance.now();
        writeFileSync(brief, original.replace(TITLE, `${TITLE} (${i})`));
        const value = await done;
        out.push({ ms: performance.now() - t0, value });
        // Let chokidar's 50 ms per-file throttle lapse, as it would between a person's saves.
        await new Promise((r) => setTimeout(r, 100));
      }
      return out;
    });
  } finally {
    p.cleanup();
  }
}

/** The watcher itself: latency, build time and stages per edit. */
function measureWatcher(edits: number): Promise<Omit<WatchBenchResult, 'cli'>> {
  return withProject(async (root, edit) => {
    const watcher = new Watcher({ root });
    try {
      let initialMs = 0;
      watcher.once('build', ({ result }) => (initialMs = result.ms));
      await watcher.start();
      const runs = await edit(edits, () => nextBuild(watcher, EDIT_TIMEOUT_MS));
      const builds: WatchBuild[] = runs.map((r) => r.value);
      builds.forEach((b, i) => {
        if (!b.result.ok) throw new Error(`bench/watch.ts: edit ${i + 1} failed to build: ${b.result.diagnostics.map((d) => d.message).join('; ')}`);
      });
      const samples = runs.map((r) => r.ms);
      return { samples, buildMs: builds.map((b) => b.result.ms), stages: builds.map((b) => b.result.stages), initialMs, median: median(samples) };
    } finally {
      await watcher.close();
    }
  });
}

/** `briefdeck watch` (main() in this process): change to the "✓ …pptx" line, per edit. */
function measureCommand(edits: number): Promise<number[]> {
  return withProject(async (root, edit) => {
    const printed: string[] = [];
    const errors: string[] = [];
    const out: Out = { color: false, stdout: (s) => printed.push(s), stderr: (s) => errors.push(s) };
    const stop = new AbortController();
    const running = main(['watch'], out, { cwd: root, signal: stop.signal });
    try {
      await waitFor(() => errors.some((l) => l.startsWith('Watching ')), 60_000, 'briefdeck watch to start');
      const decks = () => printed.filter((l) => l.startsWith('✓ ')).length;
      const runs = await edit(edits, (i) => {
        const before = decks();
        return waitFor(() => decks() > before || printed.some((l) => l.startsWith('✗ ')), EDIT_TIMEOUT_MS, `edit ${i} to be rebuilt`);
      });
      if (printed.some((l) => l.startsWith('✗ '))) throw new Error(`bench/watch.ts: briefdeck watch reported a failed build:\n${[...printed, ...errors].join('\n')}`);
      return runs.map((r) => r.ms);
    } finally {
      stop.abort();
      await running;
    }
  });
}

/** Runs both measurements; prints nothing. */
export async function measureWatch(edits = 15): Promise<WatchBenchResult> {
  const watcher = await measureWatcher(edits);
  return { ...watcher, cli: await measureCommand(edits) };
}

/** Measures and prints the watch latency against its budgets. */
export async function benchWatch(): Promise<void> {
  const r = await measureWatch();
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  const range = (xs: number[]) => `median ${f(median(xs))}  min ${f(Math.min(...xs))}  max ${f(Math.max(...xs))}  (${xs.length} edits)`;
  console.log('watch: change to deck written (one brief, warm process)');
  console.log(`  initial cold build:   ${f(r.initialMs)}`);
  console.log(`  rebuild latency:      ${range(r.samples)}`);
  console.log(`  of which the build:   median ${f(median(r.buildMs))}`);
  const names = [...new Set(r.stages.flatMap((s) => Object.keys(s)))];
  console.log(`  build stages:         ${names.map((n) => `${n} ${f(median(r.stages.map((s) => s[n] ?? 0)))}`).join(', ')} (medians)`);
  console.log(`  briefdeck watch:      ${range(r.cli)}, to the "✓" line`);
  console.log(budgetLine('watcher rebuild, median', r.median, 100));
  console.log(budgetLine('briefdeck watch rebuild, slowest edit', Math.max(...r.cli), 1000));
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await benchWatch();
