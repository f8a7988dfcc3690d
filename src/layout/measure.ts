/**
 * Text measurement for layout: widths and greedy line wrapping with the advances of the fonts
 * PowerPoint will draw with (see fonts.ts). Kerning is deliberately ignored: PowerPoint kerns
 * only runs above a per-run threshold, which pptxgenjs never sets.
 */
import { POINTS_PER_INCH } from '../units.ts';
import { faceMetrics, type FaceMetrics } from './fonts.ts';

export type FontFace = 'Arial' | 'Calibri';
/** A run's font. Italic uses the italic faces where they exist (Noto Sans KR has none: upright). */
export interface FontSpec { face: FontFace; sizePt: number; bold?: boolean; italic?: boolean }

/**
 * A code point no bundled font has (emoji, Han outside Noto Sans KR's set): PowerPoint draws it
 * from some other font; a full em is what emoji and ideographs take, so it errs wide if at all.
 */
const MISSING_EM = 1;
/** Float slack when comparing sums of advances against a width. */
const EPS = 1e-9;

/** What a line break sees as one character: a base code point and what attaches to it. */
interface Cluster { text: string; w: number; cp: number }
/** An unbreakable run plus the spaces after it, which hang at a line end. */
interface Seg { cl: Cluster[]; n: number; cw: number; tw: number }

const set = (s: string) => new Set([...s].map((c) => c.codePointAt(0)!));
/** Closing punctuation never starts a line (kinsoku); opening never ends one. */
const CLOSE = set(')]},.:;!?、。，．：；？！）］｝」』〕】〉》〙〗〟’”・ー…‥々');
const OPEN = set('([{（［｛「『〔【〈《〘〖〝‘“');
/** Hyphen, en/em dash and zero-width space allow a break after them. */
const BREAK_AFTER = set('-\u2010\u2013\u2014\u200b');

const within = (cp: number, lo: number, hi: number) => cp >= lo && cp <= hi;
function isSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x09 || cp === 0x3000 || cp === 0x1680 || cp === 0x205f
    || (within(cp, 0x2000, 0x200a) && cp !== 0x2007);
}
/** Never break before these: combining marks, variation selectors, emoji modifiers, tags, conjoining jamo. */
function isExtender(cp: number): boolean {
  return within(cp, 0x300, 0x36f) || within(cp, 0x1ab0, 0x1aff) || within(cp, 0x1dc0, 0x1dff)
    || within(cp, 0x20d0, 0x20ff) || within(cp, 0xfe20, 0xfe2f) || within(cp, 0xfe00, 0xfe0f)
    || within(cp, 0x1160, 0x11ff) || within(cp, 0xd7b0, 0xd7ff) || within(cp, 0x1f3fb, 0x1f3ff)
    || within(cp, 0xe0000, 0xe0fff) || cp === 0x200d;
}
/** Controls and invisible format characters take no room whatever the font says. */
function isZeroWidth(cp: number): boolean {
  return cp < 0x20 || within(cp, 0x7f, 0x9f) || cp === 0xad || within(cp, 0x200b, 0x200f)
    || within(cp, 0x2028, 0x202e) || within(cp, 0x2060, 0x206f) || cp === 0xfeff
    || within(cp, 0xfe00, 0xfe0f) || within(cp, 0xe0000, 0xe0fff);
}
/** Scripts that break between any two characters: Hangul, kana, Han, CJK punctuation, fullwidth forms. */
function isCJK(cp: number): boolean {
  return within(cp, 0x1100, 0x11ff) || within(cp, 0x2e80, 0x2fdf) || within(cp, 0x3001, 0x4dbf)
    || within(cp, 0x4e00, 0x9fff) || within(cp, 0xa960, 0xa97f) || within(cp, 0xac00, 0xd7ff)
    || within(cp, 0xf900, 0xfaff) || within(cp, 0xfe30, 0xfe4f) || within(cp, 0xff00, 0xffe6)
    || within(cp, 0x20000, 0x3ffff);
}
const isRegional = (cp: number) => within(cp, 0x1f1e6, 0x1f1ff);

function clusters(text: string, m: FaceMetrics, inPerEm: number): Cluster[] {
  const out: Cluster[] = [];
  let afterZwj = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const last = out[out.length - 1];
    // A flag is two regional indicators; a ZWJ sequence is one emoji.
    const joins = last !== undefined
      && (afterZwj || isExtender(cp) || (isRegional(cp) && isRegional(last.cp) && last.text.length === 2));
    // Only a cluster's base pays for a missing glyph: an emoji sequence renders as one glyph.
    const em = isZeroWidth(cp) ? 0 : (m.advanceEm(cp) ?? (joins ? 0 : MISSING_EM));
    if (joins) { last.text += ch; last.w += em * inPerEm; } else out.push({ text: ch, w: em * inPerEm, cp });
    afterZwj = cp === 0x200d;
  }
  return out;
}

const isHangul = (cp: number) =>
  within(cp, 0x1100, 0x11ff) || within(cp, 0x3130, 0x318f) || within(cp, 0xa960, 0xa97f) || within(cp, 0xac00, 0xd7ff);

/** UAX #14, cut down to what PowerPoint and LibreOffice agree on for Latin, Cyrillic and CJK. */
function canBreak(a: Cluster, b: Cluster, before: Cluster | undefined, hangulWords: boolean): boolean {
  if (CLOSE.has(b.cp) || OPEN.has(a.cp)) return false;
  if (isSpace(a.cp)) return !isSpace(b.cp);
  if (isSpace(b.cp)) return false;
  // A leading hyphen is a sign ("-5", "-based"), and "10-20" keeps the number whole.
  if (a.cp === 0x2d) return before !== undefined && !isSpace(before.cp) && !within(b.cp, 0x30, 0x39);
  if (BREAK_AFTER.has(a.cp)) return true;
  // LibreOffice keeps Hangul words whole (breaks at spaces only); PowerPoint breaks syllables.
  if (hangulWords && (isHangul(a.cp) || isHangul(b.cp))) return false;
  return isCJK(a.cp) && isCJK(b.cp);
}

function segments(cl: Cluster[], hangulWords = false): Seg[] {
  const out: Seg[] = [];
  let start = 0;
  for (let i = 0; i < cl.length; i++) {
    const next = cl[i + 1];
    if (next !== undefined && !canBreak(cl[i]!, next, cl[i - 1], hangulWords)) continue;
    const seg = cl.slice(start, i + 1);
    let n = seg.length;
    while (n > 0 && isSpace(seg[n - 1]!.cp)) n--;
    // Spaces opening a paragraph are indentation, not hanging space.
    if (n === 0) n = seg.length;
    let cw = 0, tw = 0;
    seg.forEach((c, j) => { if (j < n) cw += c.w; else tw += c.w; });
    out.push({ cl: seg, n, cw, tw });
    start = i + 1;
  }
  return out;
}

const TRAILING_SPACE = /[\t \u1680\u2000-\u2006\u2008-\u200a\u205f\u3000]+$/u;

function wrapSegments(segs: Seg[], widthIn: number): string[] {
  const lines: string[] = [];
  let text = '', w = 0, started = false, pendText = '', pendW = 0;
  const flush = () => { lines.push(text.replace(TRAILING_SPACE, '')); text = ''; w = 0; started = false; };
  for (const s of segs) {
    if (started && w + pendW + s.cw > widthIn + EPS) flush();
    else if (started) { text += pendText; w += pendW; }
    const content = s.cl.slice(0, s.n);
    if (!started && s.cw > widthIn + EPS) {
      // Too long for a line of its own: break between characters, as PowerPoint does.
      for (const c of content) {
        if (started && w + c.w > widthIn + EPS) flush();
        text += c.text; w += c.w; started = true;
      }
    } else {
      for (const c of content) text += c.text;
      w += s.cw; started = true;
    }
    pendText = s.cl.slice(s.n).map((c) => c.text).join('');
    pendW = s.tw;
  }
  flush();
  return lines;
}

const metricsOf = (f: FontSpec) => faceMetrics(f.face, f.bold ?? false, f.italic ?? false);
const inPerEm = (f: FontSpec) => f.sizePt / POINTS_PER_INCH;
const paragraphs = (text: string) => text.split(/\r\n|\r|\n/);

/** Advance width of `text` on one line, in inches (no wrapping; '\n' ignored as 0). */
export function textWidthIn(text: string, font: FontSpec): number {
  let w = 0;
  for (const c of clusters(text, metricsOf(font), inPerEm(font))) w += c.w;
  return w;
}

/**
 * Greedy wrap as PowerPoint and LibreOffice wrap: break at spaces (a space at a line end does not
 * count toward the width); after a hyphen or en/em dash; between any two CJK/Hangul characters
 * (keeping closing punctuation with the character before it); '\n' forces a break. A word longer
 * than the width is broken between characters, so no line is wider than `widthIn` unless one
 * character alone is. Returns the lines' text, trailing spaces trimmed; empty text gives [''].
 */
export function wrapText(text: string, font: FontSpec, widthIn: number, opts: WrapOptions = {}): string[] {
  const m = metricsOf(font), k = inPerEm(font);
  return paragraphs(text).flatMap((p) => wrapSegments(segments(clusters(p, m, k), opts.hangulWords ?? false), widthIn));
}

export interface WrapOptions {
  /** Keep Hangul words whole, breaking only at spaces, as LibreOffice does. */
  hangulWords?: boolean;
}

const HAS_HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7ff]/u;

/**
 * Lines `text` takes in the worse of the renderers briefdeck supports: PowerPoint breaks
 * between Hangul syllables, LibreOffice only between Hangul words, so Korean text is wrapped
 * both ways and the larger count is kept. Layout sizes frames with this.
 */
export function lineCount(text: string, font: FontSpec, widthIn: number): number {
  const n = wrapText(text, font, widthIn).length;
  return HAS_HANGUL.test(text) ? Math.max(n, wrapText(text, font, widthIn, { hangulWords: true }).length) : n;
}

/** Width of the widest single unbreakable word (for column sizing), in inches. */
export function longestWordIn(text: string, font: FontSpec): number {
  const m = metricsOf(font), k = inPerEm(font);
  let max = 0;
  for (const p of paragraphs(text)) for (const s of segments(clusters(p, m, k))) max = Math.max(max, s.cw);
  return max;
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
