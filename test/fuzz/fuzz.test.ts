/**
 * Fuzz the whole pipeline: FUZZ_RUNS (default 500) seeded briefs with hostile Unicode in every
 * string field (see generate.ts), each loaded from YAML and built in process, then checked
 * (see check.ts for exactly what "appears as given" means).
 *
 * Half the seeds run in this process, half in one child process (worker.ts) at the same time,
 * because vitest gives this file one core and the machine has two.
 *
 *   FUZZ_RUNS=2000 npx vitest run test/fuzz/fuzz.test.ts     more cases
 *   FUZZ_SEED=7000 ...                                       another seed range
 *   FUZZ_WORKER=0 ...                                        everything in this process
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/build.ts';
import { checkSeeds, summarise, type CaseResult, type Summary } from './check.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);
const FIRST = Number(process.env.FUZZ_SEED ?? 1);
const USE_WORKER = process.env.FUZZ_WORKER !== '0';

function runWorker(seeds: number[]): Promise<CaseResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(PACKAGE_ROOT, 'test/fuzz/worker.ts'), ...seeds.map(String)], {
      cwd: PACKAGE_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const results = out.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as CaseResult);
      if (code !== 0 || results.length !== seeds.length) reject(new Error(`fuzz worker exited ${code} after ${results.length}/${seeds.length} cases\n${err.slice(0, 4000)}`));
      else resolve(results);
    });
  });
}

/** Up to `n` examples, one line each, for assertion messages. */
function examples<T>(results: CaseResult[], pick: (r: CaseResult) => T[], show: (r: CaseResult, x: T) => string, n = 12): string {
  const lines = results.flatMap((r) => pick(r).map((x) => show(r, x)));
  return `${lines.slice(0, n).join('\n')}${lines.length > n ? `\n... and ${lines.length - n} more` : ''}`;
}

const short = (s: string, n = 120) => JSON.stringify(s.length > n ? `${s.slice(0, n)}...` : s);

describe(`fuzz: ${RUNS} generated briefs through the whole pipeline`, () => {
  let results: CaseResult[] = [];
  let summary: Summary;
  let wallMs = 0;

  beforeAll(async () => {
    const t0 = performance.now();
    const seeds = Array.from({ length: RUNS }, (_, i) => FIRST + i);
    const mine = USE_WORKER ? seeds.filter((_, i) => i % 2 === 0) : seeds;
    const theirs = USE_WORKER ? seeds.filter((_, i) => i % 2 === 1) : [];
    const worker = theirs.length ? runWorker(theirs) : Promise.resolve([]);
    const local: CaseResult[] = [];
    await checkSeeds(mine, (r) => local.push(r));
    results = [...local, ...(await worker)].sort((a, b) => a.seed - b.seed);
    wallMs = performance.now() - t0;
    summary = summarise(results);
    const s = summary;
    const table = (o: Record<string, number>) => Object.entries(o).sort((a, b) => b[1] - a[1]).map(([k, n]) => `    ${k}: ${n}`).join('\n') || '    (none)';
    console.log(
      [
        `fuzz: seeds ${FIRST}..${FIRST + RUNS - 1} (${Object.entries(s.sizes).map(([k, n]) => `${n} ${k}`).join(', ')}), ${USE_WORKER ? '2 processes' : '1 process'}`,
        `  briefs generated: ${s.briefs}; built: ${s.built}; slides: ${s.slides}; strings checked: ${s.strings}`,
        `  XML parts checked: ${s.parts}; malformed parts: ${s.malformed}; verifyDeck findings: ${s.verifyFailures}; decks with repair triggers: ${s.triggerDecks}`,
        `  schema (ECMA-376 transitional, libxml2): ${s.schemaDecks} decks, ${s.schemaParts} XML parts validated (${s.schemaNewParts} distinct per process, the rest cached by content), `
          + `invalid parts: ${s.schemaInvalid}; <p:sp> without <p:txBody>: ${s.bareShapes}; ${(s.schemaMs / 1000).toFixed(1)} s validating (both processes)`,
        `  strings changed by loading: ${s.loadAltered}; lost strings: ${s.lost}; strings with white space altered: ${s.altered}; core.xml title mismatches: ${s.coreTitle}`,
        `  decks with silent text overflow: ${s.overflowDecks}`,
        `  analytic findings (date, "Not assessed", appendix, hedges): ${s.analytic}`,
        `  lost strings by field:\n${table(s.lostByField)}`,
        `  altered strings by field:\n${table(s.alteredByField)}`,
        `  build errors:\n${table(s.errors)}`,
        `  warnings:\n${table(s.warnings)}`,
        `  time: ${(wallMs / 1000).toFixed(1)} s wall, ${(s.ms / s.briefs).toFixed(0)} ms per brief (generate + load + build + checks)`,
      ].join('\n'),
    );
  }, 600_000);

  it(`generates at least 500 briefs by default (FUZZ_RUNS=${RUNS})`, () => {
    expect(results).toHaveLength(RUNS);
    if (process.env.FUZZ_RUNS === undefined) expect(RUNS).toBeGreaterThanOrEqual(500);
  });

  it('every brief builds (valid by construction: any error is a finding)', () => {
    expect(summary.built, examples(results, (r) => r.errors, (r, e) => `seed ${r.seed}: ${e.code} ${e.path ?? ''} ${e.message.slice(0, 200)}`)).toBe(summary.briefs);
  });

  it('every XML part of every deck is well-formed (saxes)', () => {
    expect(summary.parts).toBeGreaterThan(0);
    expect(summary.malformed, examples(results, (r) => r.malformed, (r, m) => `seed ${r.seed}: ${m.part}: ${m.error}`)).toBe(0);
  });

  it('every XML part of every deck validates against the ECMA-376 schemas, and every shape has a text body', () => {
    expect(summary.schemaDecks).toBe(summary.built);
    expect(summary.schemaParts).toBe(summary.parts);
    expect(summary.schemaInvalid, examples(results, (r) => r.schemaInvalid, (r, i) => `seed ${r.seed}: ${i.part}: ${i.errors.slice(0, 2).join(' | ')}`)).toBe(0);
    expect(summary.bareShapes, examples(results, (r) => r.bareShapes, (r, b) => `seed ${r.seed}: ${b}`)).toBe(0);
  });

  it('every deck passes verifyDeck and has no repair triggers', () => {
    expect(summary.verifyFailures, examples(results, (r) => r.verify, (r, m) => `seed ${r.seed}: ${m}`)).toBe(0);
    expect(summary.triggerDecks, examples(results, (r) => r.triggers, (r, m) => `seed ${r.seed}: ${m}`)).toBe(0);
  });

  it('loading keeps every string as written, less the forbidden characters', () => {
    expect(summary.loadAltered, examples(results, (r) => r.loadAltered, (r, m) => `seed ${r.seed}: ${m.path} = ${short(m.value)}`)).toBe(0);
  });

  it('every string appears in the deck as given, less the forbidden characters', () => {
    const byField = Object.entries(summary.lostByField).map(([f, n]) => `${f}: ${n}`).join(', ');
    expect(summary.lost, `lost by field: ${byField}\n${examples(results, (r) => r.lost, (r, m) => `seed ${r.seed}: ${m.path} = ${short(m.value)}`)}`).toBe(0);
  });

  it('the deck keeps white space other than space/tab/CR/LF (NBSP, U+3000, U+2028, ...)', () => {
    const byField = Object.entries(summary.alteredByField).map(([f, n]) => `${f}: ${n}`).join(', ');
    expect(summary.altered, `altered by field: ${byField}\n${examples(results, (r) => r.altered, (r, m) => `seed ${r.seed}: ${m.path} = ${short(m.value)}`, 5)}`).toBe(0);
  });

  it('docProps/core.xml carries meta.title exactly', () => {
    expect(summary.coreTitle, examples(results, (r) => (r.coreTitle ? [r.coreTitle] : []), (r, c) => `seed ${r.seed}: expected ${short(c.expected)}, got ${short(c.actual ?? '(none)')}`)).toBe(0);
  });

  it('the deck shows a date, a rating, the scale appendix and a hedge exactly where the brief gives them', () => {
    expect(summary.analytic, examples(results, (r) => r.analytic, (r, m) => `seed ${r.seed}: ${m}`)).toBe(0);
  });

  it('no text overflows its frame or the slide without a diagnostic', () => {
    expect(summary.overflowDecks, examples(results, (r) => r.overflows, (r, o) => `seed ${r.seed}, slide ${o.slide} "${o.title.slice(0, 40)}": ${o.what}: ${short(o.text, 60)}`)).toBe(0);
  });
});
