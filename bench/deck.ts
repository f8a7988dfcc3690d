/**
 * One deck's build timings, measured in a process of its own so the first build is truly cold
 * (modules, templates and font metrics not yet loaded) and the peak RSS is this deck's.
 * bench/index.ts runs it as `node --import tsx bench/deck.ts <deck name> <runs>`; it prints one
 * JSON line (DeckBench) prefixed with RESULT_PREFIX and nothing else on stdout.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const RESULT_PREFIX = 'BENCH_DECK ';

export interface DeckBench {
  name: string;
  /** ms to import the pipeline's modules (before the first build). */
  importMs: number;
  slides: number;
  warnings: number;
  /** ms per stage and in total for the first build in the process. */
  cold: { stages: Record<string, number>; total: number };
  /** ms per stage and in total: the median of the warm runs. */
  warm: { stages: Record<string, number>; total: number; runs: number };
  /** Bytes: resident set after the runs, and the process's peak (resourceUsage maxRSS). */
  rss: number;
  maxRss: number;
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export async function benchDeck(name: string, runs = 5): Promise<DeckBench> {
  // Imported here, not at the top, to time loading the pipeline's modules on their own.
  const t0 = performance.now();
  const { DECKS, buildDeck } = await import('../test/render/decks.ts');
  const importMs = performance.now() - t0;
  const spec = DECKS.find((d) => d.name === name);
  if (!spec) throw new Error(`bench/deck.ts: no deck named ${JSON.stringify(name)}; decks: ${DECKS.map((d) => d.name).join(', ')}`);
  const dir = await mkdtemp(join(tmpdir(), 'briefdeck-bench-'));
  try {
    const build = async () => {
      const r = await buildDeck(spec, dir);
      if (!r.ok) throw new Error(`bench/deck.ts: ${name} did not build: ${r.diagnostics.map((d) => d.message).join('; ')}`);
      return r;
    };
    const first = await build();
    const warm: Array<{ stages: Record<string, number>; total: number }> = [];
    for (let i = 0; i < runs; i++) {
      const r = await build();
      warm.push({ stages: r.stages, total: r.ms });
    }
    const stageNames = [...new Set(warm.flatMap((w) => Object.keys(w.stages)))];
    return {
      name,
      importMs,
      slides: first.slides ?? 0,
      warnings: first.diagnostics.length,
      cold: { stages: first.stages, total: first.ms },
      warm: {
        stages: Object.fromEntries(stageNames.map((s) => [s, median(warm.map((w) => w.stages[s] ?? 0))])),
        total: median(warm.map((w) => w.total)),
        runs,
      },
      rss: process.memoryUsage().rss,
      maxRss: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [name, runs] = process.argv.slice(2);
  if (!name) throw new Error('usage: node --import tsx bench/deck.ts <deck name> [runs]');
  const result = await benchDeck(name, runs ? Number(runs) : 5);
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}
