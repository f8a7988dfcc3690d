/**
 * One fuzz case, end to end: generate the brief for a seed, load it from YAML, build it in
 * process, and check the deck, then validate its parts against the ECMA-376 schemas (in
 * batches of decks, see checkSeeds). Used by the fuzz test directly and by worker.ts (the
 * second core), so both halves check exactly the same things.
 *
 * How strings are compared ("as given, less the forbidden characters"):
 *  - expected = the generated string with XML-forbidden characters removed (C0 controls other
 *    than tab/LF/CR, U+FFFE, U+FFFF, lone surrogates) and CR LF / CR turned into LF;
 *  - the deck's text = every `<a:t>` of every slide (or notes page) in order, runs joined with
 *    nothing, `<a:br/>` and paragraph ends as LF, decoded by an XML parser (so `&amp;` is `&`);
 *  - both sides have runs of XML white space (space, tab, CR, LF) collapsed to one space and
 *    are trimmed, because slide markup does that (markupTree.ts collapse()) and because text
 *    may wrap across paragraphs;
 *  - a string is found when its expected form is a substring of the deck's text. Each string
 *    holds a unique marker, so it cannot be found by accident in some other string.
 *  - "slide" strings must be on a slide, "notes" strings in the speaker notes, meta.title on a
 *    slide and, exactly, in docProps/core.xml.
 * A string that is not found that way but is found once *JavaScript's* `\s` (NBSP, U+3000,
 * U+2028/9, U+FEFF, ...) is collapsed too counts as "altered": the deck changed its white space.
 * Anything else is "lost". A claim with basis "reporting" keeps its attribution inside the
 * sentence ("... stockpiles (reported by KCNA)."), so its string is looked for less a final
 * full stop, colon or semicolon.
 *
 * The analytic fields are checked as the deck shows them (see `analyticFindings`): a date on
 * the slides only where the brief gives `as_of`, "Not assessed" on the slides exactly when some
 * judgment is unrated, the estimative-language appendix, with the brief's scale, exactly when
 * some judgment is rated, and each judgment's hedge in the notes.
 */
import { strFromU8 } from 'fflate';
import { join } from 'node:path';
import { buildLoaded, PACKAGE_ROOT } from '../../src/build.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import { formatLongDate } from '../../src/dates.ts';
import { SCALE_NAMES, type ScaleName } from '../../src/estimative.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';
import { listRepairTriggers, verifyDeck } from '../../src/package/index.ts';
import { loadTheme } from '../../src/theme/loadTheme.ts';
import { validateDecks } from '../support/ooxmlSchema.ts';
import { collapseJsSpace, collapseXmlSpace, deckText, isXmlName, unzip, xmlError } from './deckText.ts';
import { briefYaml, cleaned, fieldOf, generateBrief, type FieldString } from './generate.ts';
import { findOverflows, type Overflow } from './overflow.ts';

export const TEMPLATES = join(PACKAGE_ROOT, 'templates');

export interface StringMiss {
  path: string;
  value: string;
}

export interface CaseResult {
  seed: number;
  size: string;
  ms: number;
  strings: number;
  /** Build errors (the brief is valid by construction, so any error is a finding). */
  errors: Array<Pick<Diagnostic, 'code' | 'path' | 'message'>>;
  warnings: Record<string, number>;
  slides: number;
  parts: number;
  malformed: Array<{ part: string; error: string }>;
  verify: string[];
  triggers: string[];
  /** XML parts schema-validated, those seen first in this deck (in its process), and what failed. */
  schemaParts: number;
  schemaNewParts: number;
  schemaInvalid: Array<{ part: string; errors: string[] }>;
  /** `<p:sp>` without `<p:txBody>`, as `part: shape`. */
  bareShapes: string[];
  /** This deck's share of its batch's validation time. */
  schemaMs: number;
  /** Loaded value differs from the generated string (less forbidden characters). */
  loadAltered: StringMiss[];
  lost: StringMiss[];
  altered: StringMiss[];
  /** docProps/core.xml title differs from meta.title. */
  coreTitle?: { expected: string; actual: string | undefined };
  overflows: Overflow[];
  /** The deck shows a date, a rating, the scale appendix or a hedge other than the brief gives. */
  analytic: string[];
}

function get(data: unknown, path: string): unknown {
  let cur = data;
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[m[1] ?? Number(m[2])];
  }
  return cur;
}

let widthReserve: number | undefined;

/** A result with nothing found yet. */
function emptyResult(seed: number, size: string, strings: number): CaseResult {
  return {
    seed, size, ms: 0, strings, errors: [], warnings: {}, slides: 0, parts: 0, malformed: [], verify: [], triggers: [],
    schemaParts: 0, schemaNewParts: 0, schemaInvalid: [], bareShapes: [], schemaMs: 0, loadAltered: [], lost: [], altered: [], overflows: [], analytic: [],
  };
}

/** Decks per schema validation run: each run compiles the schemas once, which costs about 0.7 s of CPU. */
const SCHEMA_BATCH = 125;

/**
 * Checks each seed (see {@link checkSeed}), then validates the decks against the ECMA-376
 * schemas, a batch at a time; passes each result to `onResult` once its batch is validated,
 * in seed order. A case that throws is reported as an error result, never as a crash.
 */
export async function checkSeeds(seeds: readonly number[], onResult: (r: CaseResult) => void): Promise<void> {
  for (let i = 0; i < seeds.length; i += SCHEMA_BATCH) {
    const batch: Array<{ result: CaseResult; pptx?: Uint8Array }> = [];
    for (const seed of seeds.slice(i, i + SCHEMA_BATCH)) {
      try {
        batch.push(await checkSeed(seed));
      } catch (e) {
        const result = emptyResult(seed, '?', 0);
        result.errors = [{ code: 'THROWN', message: (e as Error).stack ?? String(e) }];
        batch.push({ result });
      }
    }
    const built = batch.filter((b): b is { result: CaseResult; pptx: Uint8Array } => b.pptx !== undefined);
    const t0 = performance.now();
    const validated = await validateDecks(built.map((b) => b.pptx));
    const ms = (performance.now() - t0) / Math.max(1, built.length);
    built.forEach(({ result }, k) => {
      const v = validated[k]!;
      Object.assign(result, { schemaParts: v.parts, schemaNewParts: v.newParts, schemaInvalid: v.invalid, bareShapes: v.shapesWithoutTxBody, schemaMs: ms });
    });
    for (const b of batch) onResult(b.result);
  }
}

/** One case, up to schema validation; returns the deck for that. */
async function checkSeed(seed: number): Promise<{ result: CaseResult; pptx?: Uint8Array }> {
  const t0 = performance.now();
  const g = generateBrief(seed);
  const res = emptyResult(seed, g.size, g.strings.length);
  const done = (pptx?: Uint8Array) => ({ result: { ...res, ms: performance.now() - t0 }, ...(pptx ? { pptx } : {}) });
  const errorsOf = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error').map(({ code, path, message }) => ({ code, path, message }));
  const loaded = parseBrief(briefYaml(g.brief), `fuzz-${seed}.yaml`);
  if (!loaded.value) {
    res.errors = errorsOf(loaded.diagnostics);
    return done();
  }
  for (const s of g.strings) {
    const got = get(loaded.value.value, s.path);
    const want = cleaned(s.value);
    // Text fields are trimmed by the schema (zod .trim()), notes and dates are not.
    if (got !== want && got !== want.trim()) res.loadAltered.push({ path: s.path, value: s.value });
  }
  const r = await buildLoaded(loaded.value, { templatesDir: TEMPLATES, projectRoot: process.cwd() });
  for (const d of [...loaded.diagnostics, ...r.diagnostics]) if (d.severity === 'warning') res.warnings[d.code] = (res.warnings[d.code] ?? 0) + 1;
  if (!r.ok || !r.pptx || !r.placed) {
    res.errors = errorsOf(r.diagnostics);
    return done();
  }
  res.slides = r.slides ?? 0;
  res.verify = verifyDeck(r.pptx).map((d) => d.message);
  res.triggers = listRepairTriggers(r.pptx).map((h) => `${h.part}: ${h.trigger} ${h.detail}`);
  const parts = unzip(r.pptx);
  for (const [name, bytes] of parts) {
    if (!isXmlName(name)) continue;
    res.parts += 1;
    const e = xmlError(strFromU8(bytes));
    if (e) res.malformed.push({ part: name, error: e });
  }
  const text = deckText(parts);
  const slides = text.slides.join('\n');
  const notes = text.notes.join('\n');
  const hay = { slide: [collapseXmlSpace(slides), collapseJsSpace(slides)], notes: [collapseXmlSpace(notes), collapseJsSpace(notes)] };
  const find = (s: FieldString) => {
    const [strict, loose] = s.where === 'notes' ? hay.notes : hay.slide;
    const reporting = /\.(text|statement)$/.test(s.path) && get(g.brief, s.path.replace(/\.\w+$/, '.basis')) === 'reporting';
    const want = reporting ? cleaned(s.value).trim().replace(/[.;:]$/, '') : cleaned(s.value);
    if (strict!.includes(collapseXmlSpace(want.trim()))) return;
    (loose!.includes(collapseJsSpace(want)) ? res.altered : res.lost).push({ path: s.path, value: s.value });
  };
  for (const s of g.strings) find(s);
  res.analytic = analyticFindings(g.brief, slides, notes);
  const title = g.strings.find((s) => s.path === 'meta.title');
  if (title) {
    const expected = cleaned(title.value).trim();
    if (text.title !== expected) res.coreTitle = { expected, actual: text.title };
  }
  widthReserve ??= loadTheme(join(TEMPLATES, 'themes'), 'civic').value?.fit.widthReserve ?? 0.07;
  // A title that warned (W_TITLE_TOO_LONG) or text that warned (W_TEXT_TOO_LONG) was reported,
  // so its overflow is not silent. (Coarse: any such warning in the deck excuses that kind.)
  res.overflows = findOverflows(r.placed, widthReserve).filter((o) =>
    o.role === 'title' ? !res.warnings.W_TITLE_TOO_LONG : !res.warnings.W_TEXT_TOO_LONG,
  );
  return done(r.pptx);
}

interface AnalyticBrief {
  meta: { as_of?: string; likelihood_scale?: ScaleName };
  key_judgments?: { items: Array<{ likelihood?: string; confidence?: string; hedge?: string }> };
}

/**
 * What the deck's text shows of the brief's analytic fields, against what the brief gives:
 * its date only with `as_of`; "Not assessed" exactly when a judgment is unrated; the appendix,
 * naming the brief's scale, exactly when one is rated; each hedge, quoted, in the notes.
 */
export function analyticFindings(data: Record<string, unknown>, slides: string, notes: string): string[] {
  const brief = data as unknown as AnalyticBrief;
  const out: string[] = [];
  const dated = /\bAs of\b/.test(slides);
  if (brief.meta.as_of !== undefined && !slides.includes(`As of ${formatLongDate(brief.meta.as_of)}`)) out.push(`as_of ${brief.meta.as_of} is not shown`);
  if (brief.meta.as_of === undefined && dated) out.push('a slide says "As of" but the brief gives no as_of');
  const items = brief.key_judgments?.items ?? [];
  const unrated = items.some((j) => j.likelihood === undefined && j.confidence === undefined);
  const rated = items.some((j) => j.likelihood !== undefined || j.confidence !== undefined);
  if (slides.includes('Not assessed') !== unrated) out.push(unrated ? 'an unrated judgment is not marked "Not assessed"' : '"Not assessed" is shown, but every judgment is rated');
  const appendix = slides.includes('Estimative language');
  if (appendix !== rated) out.push(rated ? 'judgments are rated, but there is no estimative-language appendix' : 'the estimative-language appendix is shown, but no judgment is rated');
  const scale = SCALE_NAMES[brief.meta.likelihood_scale ?? 'icd203'];
  if (rated && !slides.includes(`Likelihood: ${scale}`)) out.push(`the appendix does not name the brief's scale, the ${scale}`);
  items.forEach((j, i) => {
    if (j.hedge !== undefined && !notes.includes(`“${j.hedge}”`)) out.push(`judgment ${i + 1}'s hedge "${j.hedge}" is not in the notes`);
  });
  return out;
}

/** Totals over many cases, for the printed report. */
export interface Summary {
  briefs: number;
  built: number;
  slides: number;
  strings: number;
  parts: number;
  malformed: number;
  verifyFailures: number;
  triggerDecks: number;
  schemaDecks: number;
  schemaParts: number;
  schemaNewParts: number;
  schemaInvalid: number;
  bareShapes: number;
  schemaMs: number;
  lost: number;
  altered: number;
  loadAltered: number;
  coreTitle: number;
  overflowDecks: number;
  analytic: number;
  lostByField: Record<string, number>;
  alteredByField: Record<string, number>;
  warnings: Record<string, number>;
  errors: Record<string, number>;
  sizes: Record<string, number>;
  ms: number;
}

export function summarise(results: CaseResult[]): Summary {
  const s: Summary = {
    briefs: results.length,
    built: 0,
    slides: 0,
    strings: 0,
    parts: 0,
    malformed: 0,
    verifyFailures: 0,
    triggerDecks: 0,
    schemaDecks: 0,
    schemaParts: 0,
    schemaNewParts: 0,
    schemaInvalid: 0,
    bareShapes: 0,
    schemaMs: 0,
    lost: 0,
    altered: 0,
    loadAltered: 0,
    coreTitle: 0,
    overflowDecks: 0,
    analytic: 0,
    lostByField: {},
    alteredByField: {},
    warnings: {},
    errors: {},
    sizes: {},
    ms: 0,
  };
  const bump = (o: Record<string, number>, k: string, n = 1) => (o[k] = (o[k] ?? 0) + n);
  for (const r of results) {
    if (r.errors.length === 0) s.built += 1;
    s.slides += r.slides;
    s.strings += r.strings;
    s.parts += r.parts;
    s.malformed += r.malformed.length;
    s.verifyFailures += r.verify.length;
    if (r.triggers.length) s.triggerDecks += 1;
    if (r.schemaParts) s.schemaDecks += 1;
    s.schemaParts += r.schemaParts;
    s.schemaNewParts += r.schemaNewParts;
    s.schemaInvalid += r.schemaInvalid.length;
    s.bareShapes += r.bareShapes.length;
    s.schemaMs += r.schemaMs;
    s.lost += r.lost.length;
    s.altered += r.altered.length;
    s.loadAltered += r.loadAltered.length;
    if (r.coreTitle) s.coreTitle += 1;
    if (r.overflows.length) s.overflowDecks += 1;
    s.analytic += r.analytic.length;
    for (const m of r.lost) bump(s.lostByField, fieldOf(m.path));
    for (const m of r.altered) bump(s.alteredByField, fieldOf(m.path));
    for (const [k, n] of Object.entries(r.warnings)) bump(s.warnings, k, n);
    for (const e of r.errors) bump(s.errors, e.code);
    bump(s.sizes, r.size);
    s.ms += r.ms;
  }
  return s;
}
