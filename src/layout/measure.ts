/**
 * Text measurement for layout: widths and greedy line wrapping of paragraphs of runs, with the
 * advances of the fonts PowerPoint will draw with (see fonts.ts) and Unicode line breaking (see
 * breaks.ts). Kerning is deliberately ignored: PowerPoint kerns only runs above a per-run
 * threshold, which pptxgenjs never sets.
 *
 * Layout measures the same paragraph at many sizes and widths while it fits, so everything that
 * depends only on the text (clusters, break opportunities) or on the text and its faces (advances
 * in em) is computed once and cached; a wrap is then one pass over the clusters.
 */
import { memoBytes } from '../memoBudget.ts';
import { POINTS_PER_INCH } from '../units.ts';
import { segmentText, type Segments } from './breaks.ts';
import { faceMetrics, type HanVariant } from './fonts.ts';
export type { HanVariant } from './fonts.ts';
import { graphemeBounds } from './graphemes.ts';
import { countLines, fitLines, measureSegments, type Lines, type Measured } from './wrap.ts';

export type FontFace = 'Arial' | 'Calibri';
/** A run's font. Italic uses the italic faces where they exist (Noto Sans KR has none: upright). */
export interface FontSpec {
  face: FontFace;
  sizePt: number;
  bold?: boolean;
  italic?: boolean;
  /** Which Chinese font measures Han characters: simplified (default) or traditional. */
  han?: HanVariant;
}

/** One run of a paragraph as it will be drawn: its text and its font. */
export interface MeasureRun { text: string; font: FontSpec }

/**
 * A line of a wrapped paragraph: its pieces (run index + the text of that run on this line,
 * trailing spaces trimmed at line end; runs with no text on the line are left out, so an empty
 * line has no pieces) and its advance width in inches.
 */
export interface WrappedLine { pieces: Array<{ run: number; text: string }>; width: number }

export interface WrapOptions {
  /** Keep Korean words whole, breaking Hangul only after spaces, as LibreOffice does. */
  hangulWords?: boolean;
}

/**
 * A code point no bundled font has (emoji, Han outside Noto Sans KR's set): PowerPoint draws it
 * from some other font; a full em is what emoji and ideographs take, so it errs wide if at all.
 * In a cluster, the first code point pays it and so does each further letter or spacing mark (a
 * Devanagari conjunct draws each consonant); the rest of an emoji sequence and nonspacing marks
 * do not: a family or a flag is one glyph.
 */
const MISSING_EM = 1;
const PAYS_MISSING = /[\p{L}\p{Mc}]/u;

/** Controls and invisible characters take no room whatever a font says (or lacks). */
const ZERO_WIDTH = /[\p{Cc}\p{Default_Ignorable_Code_Point}\u2028\u2029]/u;

/** What is cached per paragraph text. */
interface TextInfo {
  text: string;
  bounds: Uint32Array;
  hangul: boolean;
  /** UAX #14 segments as PowerPoint breaks, and (for Hangul) as LibreOffice does. */
  segs?: Segments;
  wordSegs?: Segments;
  /** Advances in em per cluster, by the runs' lengths and faces (see layoutKey). */
  advances: Map<string, RunAdvances>;
  /** The paragraph at one set of sizes too (see sizedKey): what a fit needs, and fits made. */
  sized: Map<string, Sized>;
  /**
   * The same for a paragraph of one run, found by numbers (faceCode, then size) rather than by a
   * key string built at every call: most paragraphs are one run, measured thousands of times.
   */
  single: Map<number, Map<number, Sized>>;
}

/**
 * A paragraph in given faces and sizes: its clusters' advances in inches, its segments' widths
 * (one per way of breaking Hangul), and the line counts already found, by width. Fitting asks
 * for the same paragraph at the same size at many widths (a column search), and at the same
 * width again (a page plan re-measures the items it packs), so each answer is kept.
 */
interface Sized {
  advance: Float64Array;
  measured: [Measured | undefined, Measured | undefined];
  counts: Map<number, number>;
}
/** Each cluster's advance in em, and which run it belongs to (undefined: all to run 0). */
interface RunAdvances { em: Float64Array; run: Uint16Array | undefined }

/**
 * Two generations of paragraphs: a lookup that misses the current one promotes from the old one,
 * and a full current generation becomes the old one. Bounded (a watch session or a fuzz run
 * cannot grow it), O(1), and what was used in the last generation survives. Evicting one entry
 * at a time from one Map is quadratic in V8, whose iterators walk past every deleted entry.
 */
const GENERATION = 4096;
/**
 * What a generation may hold besides, roughly, in bytes: the advances, segment widths and line
 * counts kept per size. A generation ends at GENERATION texts or at this, whichever comes first,
 * so memory stays flat however many briefs a process builds (two generations at most, and what
 * the newer one promoted): 16 MB in a session, 2 MB in a batch worker, whose briefs share little
 * text (memoBudget.ts).
 */
const generationBytesLimit = () => memoBytes(16 * 1024 * 1024, 2 * 1024 * 1024);
let generationBytes = 0;
/** Counts memory kept for the current generation. */
const held = (bytes: number) => void (generationBytes += bytes);
let texts = new Map<string, TextInfo>();
let oldTexts = new Map<string, TextInfo>();
const HAS_HANGUL = /\p{Script=Hangul}/u;

function textInfo(text: string): TextInfo {
  let info = texts.get(text);
  if (info) return info;
  info = oldTexts.get(text)
    ?? { text, bounds: graphemeBounds(text), hangul: HAS_HANGUL.test(text), advances: new Map(), sized: new Map(), single: new Map() };
  if (texts.size >= GENERATION || generationBytes >= generationBytesLimit()) {
    oldTexts = texts;
    texts = new Map();
    generationBytes = 0;
  }
  texts.set(text, info);
  return info;
}

function segmentsOf(info: TextInfo, hangulWords: boolean): Segments {
  if (hangulWords && info.hangul) return (info.wordSegs ??= segmentText(info.text, info.bounds, true));
  return (info.segs ??= segmentText(info.text, info.bounds, false));
}

const faceKey = (f: FontSpec) => `${f.face}/${f.bold ? 1 : 0}/${f.italic ? 1 : 0}/${f.han ?? 'sc'}`;
function layoutKey(runs: readonly MeasureRun[]): string {
  if (runs.length === 1) return faceKey(runs[0]!.font);
  let key = '';
  for (const r of runs) key += `${r.text.length}:${faceKey(r.font)},`;
  return key;
}

const zeroWidth = new Map<number, boolean>();
function isZeroWidth(cp: number): boolean {
  if (cp >= 0x20 && cp < 0x7f) return false;
  let z = zeroWidth.get(cp);
  if (z === undefined) zeroWidth.set(cp, (z = ZERO_WIDTH.test(String.fromCodePoint(cp))));
  return z;
}

function computeAdvances(info: TextInfo, runs: readonly MeasureRun[]): RunAdvances {
  const { text, bounds } = info;
  const n = bounds.length - 1;
  const em = new Float64Array(n);
  const run = runs.length > 1 ? new Uint16Array(n) : undefined;
  const metrics = runs.map(({ font }) => faceMetrics(font.face, font.bold ?? false, font.italic ?? false, font.han));
  let r = 0, runEnd = runs[0]?.text.length ?? 0;
  for (let g = 0; g < n; g++) {
    const a = bounds[g]!, b = bounds[g + 1]!;
    // A cluster is drawn in the font of the run it starts in (one that spans runs is unusual).
    while (a >= runEnd && r < runs.length - 1) runEnd += runs[++r]!.text.length;
    if (run) run[g] = r;
    const m = metrics[r]!;
    if (b - a === 1) {
      const cp = text.charCodeAt(a);
      em[g] = isZeroWidth(cp) ? 0 : m.advanceEm(cp) ?? MISSING_EM;
      continue;
    }
    let w = 0;
    for (let i = a; i < b;) {
      const cp = text.codePointAt(i)!;
      if (!isZeroWidth(cp)) w += m.advanceEm(cp) ?? (i === a || PAYS_MISSING.test(String.fromCodePoint(cp)) ? MISSING_EM : 0);
      i += cp > 0xffff ? 2 : 1;
    }
    em[g] = w;
  }
  return { em, run };
}

/** A paragraph ready to wrap: its cached analysis, and its advances at its sizes. */
interface Prepared { info: TextInfo; sized: Sized }

/** Sizes a given layout (runs' lengths and faces) is measured at. */
function sizedKey(layout: string, runs: readonly MeasureRun[]): string {
  let key = `${layout}@`;
  for (const r of runs) key += `${r.font.sizePt},`;
  return key;
}

/** A paragraph's sizes per text: a fit tries a few dozen at most, so this bounds each text's memo. */
const SIZES_PER_TEXT = 64;

const FACE_CODE: Record<FontFace, number> = { Arial: 0, Calibri: 1 };
/** faceKey as a small number. */
const faceCode = (f: FontSpec) => (FACE_CODE[f.face] << 3) | (f.bold ? 4 : 0) | (f.italic ? 2 : 0) | (f.han === 'tc' ? 1 : 0);

function prepare(runs: readonly MeasureRun[]): Prepared {
  if (runs.length === 1) {
    const { text, font } = runs[0]!;
    const info = textInfo(text);
    const code = faceCode(font);
    let bySize = info.single.get(code);
    if (!bySize) info.single.set(code, (bySize = new Map()));
    let sized = bySize.get(font.sizePt);
    if (!sized) {
      sized = makeSized(info, runs, faceKey(font));
      if (bySize.size >= SIZES_PER_TEXT) bySize.clear();
      bySize.set(font.sizePt, sized);
    }
    return { info, sized };
  }
  let text = '';
  for (const r of runs) text += r.text;
  const info = textInfo(text);
  const layout = layoutKey(runs);
  const key = sizedKey(layout, runs);
  let sized = info.sized.get(key);
  if (!sized) {
    sized = makeSized(info, runs, layout);
    if (info.sized.size >= SIZES_PER_TEXT) info.sized.clear();
    info.sized.set(key, sized);
  }
  return { info, sized };
}

/** The paragraph's runs at their sizes: advances in inches, from the advances in em of its layout. */
function makeSized(info: TextInfo, runs: readonly MeasureRun[], layout: string): Sized {
  let adv = info.advances.get(layout);
  if (!adv) info.advances.set(layout, (adv = computeAdvances(info, runs)));
  const { em, run } = adv;
  const n = em.length;
  const advance = new Float64Array(n);
  if (run) {
    const k = new Float64Array(runs.length);
    for (let r = 0; r < runs.length; r++) k[r] = runs[r]!.font.sizePt / POINTS_PER_INCH;
    for (let g = 0; g < n; g++) advance[g] = em[g]! * k[run[g]!]!;
  } else {
    const k = (runs[0]?.font.sizePt ?? 0) / POINTS_PER_INCH;
    for (let g = 0; g < n; g++) advance[g] = em[g]! * k;
  }
  held(advance.byteLength + 160);
  return { advance, measured: [undefined, undefined], counts: new Map() };
}

function measuredOf(p: Prepared, hangulWords: boolean): Measured {
  const i = hangulWords && p.info.hangul ? 1 : 0;
  let m = p.sized.measured[i];
  if (!m) {
    p.sized.measured[i] = m = measureSegments(segmentsOf(p.info, hangulWords), p.sized.advance);
    held(2 * m.content.byteLength + 64);
  }
  return m;
}

function fit(p: Prepared, widthIn: number, hangulWords: boolean): Lines {
  return fitLines(measuredOf(p, hangulWords), widthIn);
}

/** Line counts kept per paragraph and sizes; beyond this many widths, the memo starts again. */
const WIDTHS_PER_SIZE = 256;

/**
 * Greedy wrap of a paragraph of runs to widthIn, breaking at UAX #14 opportunities that may fall
 * inside or between runs, found on the paragraph's whole text (so "Seeks:" + " text" breaks after
 * the space, and "text" + "\u00A0[1]" keeps the reference with its word). Each cluster is measured
 * in its own run's font; a word wider than the line breaks between clusters; spaces at a line
 * end hang; '\n' and '\r' force a break (see breaks.ts for where else UAX #14 is tailored). An
 * empty paragraph (no runs, or only empty ones) is one empty line.
 */
export function wrapRuns(runs: readonly MeasureRun[], widthIn: number, opts: WrapOptions = {}): WrappedLine[] {
  const p = prepare(runs);
  const lines = fit(p, widthIn, opts.hangulWords ?? false);
  const { bounds } = p.info;
  const out: WrappedLine[] = [];
  for (let i = 0; i < lines.start.length; i++) {
    const a = bounds[lines.start[i]!]!, b = bounds[lines.end[i]!]!;
    const pieces: WrappedLine['pieces'] = [];
    let runStart = 0;
    for (let run = 0; run < runs.length; run++) {
      const { text } = runs[run]!;
      const from = Math.max(a, runStart), to = Math.min(b, runStart + text.length);
      if (from < to) pieces.push({ run, text: text.slice(from - runStart, to - runStart) });
      runStart += text.length;
    }
    out.push({ pieces, width: lines.width[i]! });
  }
  return out;
}

/**
 * Lines the runs take in the worse of the renderers briefdeck supports: PowerPoint breaks between
 * Hangul syllables, LibreOffice only between Hangul words, so Korean is wrapped both ways and
 * the larger count is kept. Layout sizes frames with this.
 */
export function lineCountRuns(runs: readonly MeasureRun[], widthIn: number): number {
  const p = prepare(runs);
  const { counts } = p.sized;
  let n = counts.get(widthIn);
  if (n === undefined) {
    n = countLines(measuredOf(p, false), widthIn);
    if (p.info.hangul) n = Math.max(n, countLines(measuredOf(p, true), widthIn));
    if (counts.size >= WIDTHS_PER_SIZE) counts.clear();
    counts.set(widthIn, n);
    held(48);
  }
  return n;
}

/**
 * Width in inches of the widest segment the runs cannot break inside (a word with what sticks to
 * it), without its trailing spaces: the least width that wraps them without breaking a word.
 * For table column sizing.
 */
export function longestWordRuns(runs: readonly MeasureRun[], opts: WrapOptions = {}): number {
  const { content } = measuredOf(prepare(runs), opts.hangulWords ?? false);
  let max = 0;
  for (let i = 0; i < content.length; i++) if (content[i]! > max) max = content[i]!;
  return max;
}

const single = (text: string, font: FontSpec): MeasureRun[] => [{ text, font }];

/** Advance width of `text` on one line, in inches (no wrapping; '\n' takes no width). */
export function textWidthIn(text: string, font: FontSpec): number {
  const { sized: { advance }, info } = prepare(single(text, font));
  let w = 0;
  for (let g = 0; g < info.bounds.length - 1; g++) w += advance[g]!;
  return w;
}

/**
 * wrapRuns for a single run: the lines' text. No line is wider than `widthIn` unless one cluster
 * alone is; empty text gives [''].
 */
export function wrapText(text: string, font: FontSpec, widthIn: number, opts: WrapOptions = {}): string[] {
  const p = prepare(single(text, font));
  const lines = fit(p, widthIn, opts.hangulWords ?? false);
  const { bounds } = p.info;
  return lines.start.map((a, i) => text.slice(bounds[a], bounds[lines.end[i]!]));
}

/** lineCountRuns for a single run. */
export function lineCount(text: string, font: FontSpec, widthIn: number): number {
  return lineCountRuns(single(text, font), widthIn);
}

/** longestWordRuns for a single run, as PowerPoint breaks (for column sizing), in inches. */
export function longestWordIn(text: string, font: FontSpec): number {
  return longestWordRuns(single(text, font));
}

/**
 * Preload the fonts for these faces (optional; everything lazy-loads): decodes the Latin subset
 * of the regular and bold weights. Other scripts still load on first use.
 */
export function warmFonts(faces: FontFace[]): void {
  for (const face of faces) {
    for (const bold of [false, true]) {
      const m = faceMetrics(face, bold, false);
      for (let cp = 0x20; cp < 0x7f; cp++) m.advanceEm(cp);
    }
  }
}
