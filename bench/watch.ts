/**
 * Watch-mode latency: how long from saving a brief to its deck being written.
 * `npx tsx bench/watch.ts`, or through `npm run bench` (bench/index.ts calls benchWatch).
 *
 * Copies templates/ and the shipped brief into a temp project, starts the watcher in this
 * process (its initial build pays the cold-start cost), then edits the brief's title several
 * times, timing each edit from just before the write to the watcher's report that the deck is
 * in place. The 50 ms quiet period is included; the build overlaps it.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Watcher, type WatchBuild } from '../src/watch/watcher.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BRIEF = 'kim-putin-2023.yaml';
const TITLE = "title: Kim Jong Un's Train Trip to Russia";

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
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Runs the measurement; prints nothing. */
export async function measureWatch(edits = 15): Promise<WatchBenchResult> {
  const root = await mkdtemp(join(tmpdir(), 'briefdeck-bench-watch-'));
  let watcher: Watcher | undefined;
  try {
    await cp(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
    await mkdir(join(root, 'briefs'));
    const brief = join(root, 'briefs', BRIEF);
    const original = await readFile(join(REPO, 'briefs', BRIEF), 'utf8');
    if (!original.includes(TITLE)) throw new Error(`bench/watch.ts: the shipped brief no longer has "${TITLE}"; update the bench`);
    await writeFile(brief, original);
    watcher = new Watcher({ root });
    let initialMs = 0;
    watcher.once('build', ({ result }) => (initialMs = result.ms));
    await watcher.start();
    const samples: number[] = [];
    const buildMs: number[] = [];
    const stages: Array<Record<string, number>> = [];
    for (let i = 1; i <= edits; i++) {
      const built = new Promise<WatchBuild>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`bench/watch.ts: edit ${i} was not rebuilt within 10 s`)), 10_000);
        watcher!.once('build', (b) => {
          clearTimeout(timer);
          done(b);
        });
      });
      const t0 = performance.now();
      await writeFile(brief, original.replace(TITLE, `${TITLE} (${i})`));
      const b = await built;
      samples.push(performance.now() - t0);
      if (!b.result.ok) throw new Error(`bench/watch.ts: edit ${i} failed to build: ${b.result.diagnostics.map((d) => d.message).join('; ')}`);
      buildMs.push(b.result.ms);
      stages.push(b.result.stages);
      // Let chokidar's 50 ms per-file throttle lapse, as it would between a person's saves.
      await new Promise((r) => setTimeout(r, 100));
    }
    return { samples, buildMs, stages, initialMs, median: median(samples) };
  } finally {
    await watcher?.close();
    await rm(root, { recursive: true, force: true });
  }
}

/** Measures and prints the watch latency (the figure the issue asks for: at most 150 ms). */
export async function benchWatch(): Promise<void> {
  const r = await measureWatch();
  const sorted = [...r.samples].sort((a, b) => a - b);
  const f = (ms: number) => `${ms.toFixed(0)} ms`;
  console.log('watch: change to deck written (one brief, warm process)');
  console.log(`  initial cold build:   ${f(r.initialMs)}`);
  console.log(`  rebuild latency:      median ${f(r.median)}  min ${f(sorted[0]!)}  max ${f(sorted[sorted.length - 1]!)}  (${r.samples.length} edits)`);
  console.log(`  of which the build:   median ${f(median(r.buildMs))}`);
  const names = [...new Set(r.stages.flatMap((s) => Object.keys(s)))];
  console.log(`  build stages:         ${names.map((n) => `${n} ${f(median(r.stages.map((s) => s[n] ?? 0)))}`).join(', ')} (medians)`);
  console.log(`  target:               at most 150 ms  ${r.median <= 150 ? 'met' : 'NOT met'}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await benchWatch();
