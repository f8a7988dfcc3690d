/**
 * Where a paragraph may break: Unicode line breaking (UAX #14, the `linebreak` package) at
 * grapheme cluster boundaries, with the few rules on top that make it break where PowerPoint and
 * LibreOffice do. Font-independent: the result is cached per text by the caller.
 */
import LineBreaker from 'linebreak';

/**
 * A paragraph cut into unbreakable segments, each a range of grapheme indices: its content, then
 * the spaces and line terminators after it, which take no room at a line end. Packed as SEGMENT
 * numbers per segment, since a paragraph has hundreds: where its content ends, where it ends (the
 * next one starts there), and 1 when a mandatory break ('\n' or another UAX #14 line terminator)
 * ends it.
 */
export interface Segments { count: number; data: Uint32Array }
export const SEGMENT = 3;

const CONTENT = 0, SPACE = 1, NEWLINE = 2;

/** Spaces that hang at a line end: the breaking ones of Zs, and tab (not NBSP and its kin, which glue). */
const HANGING = /^[\t\p{Zs}]+$/u;
const GLUE_SPACE = /[\u00a0\u2007\u202f]/u;
/**
 * Where a line must end: UAX #14's CR and LF, and its BK for VT and FF (which loading removes
 * anyway). Not NEL, LS and PS, also mandatory in UAX #14: renderers draw them as invisible
 * characters a line may break after (LibreOffice does; pptxgenjs writes them as they are).
 */
const TERMINATOR = /[\n\v\f\r]/u;
const SOFT_TERMINATOR = /^[\u0085\u2028\u2029]$/u;
const HANGUL = /\p{Script=Hangul}/u;
const DIGIT = /\p{Nd}/u;

function kindOf(text: string, a: number, b: number): number {
  if (b - a === 1) {
    const c = text.charCodeAt(a);
    if (c === 0x20 || c === 0x09) return SPACE;
    // No Zs space and no terminator lies in these ranges: the common case, without a regex.
    if ((c > 0x20 && c < 0x85) || (c > 0xa0 && c < 0x1680) || c > 0x3000) return CONTENT;
  }
  if (TERMINATOR.test(text[b - 1]!)) return NEWLINE;
  const s = text.slice(a, b);
  return (HANGING.test(s) && !GLUE_SPACE.test(s)) || SOFT_TERMINATOR.test(s) ? SPACE : CONTENT;
}

/**
 * Segments of `text`, whose grapheme clusters start at `bounds` (see graphemeBounds).
 * UAX #14 breaks Hangul between syllables, as PowerPoint does; `keepHangulWords` breaks it as
 * LibreOffice does, only at spaces: a break touching a Hangul cluster survives only after a space,
 * so a Korean word keeps its particles and brackets (「조선중앙통신」에).
 */
export function segmentText(text: string, bounds: Uint32Array, keepHangulWords: boolean): Segments {
  const n = bounds.length - 1;
  if (scratch.length < 2 * n) scratch = new Uint8Array(Math.max(2 * n, 2 * scratch.length));
  // Per cluster, reused between calls: its kind, and whether a break may follow it.
  const kind = scratch.subarray(0, n), breakAfter = scratch.subarray(n, 2 * n);
  breakAfter.fill(0);
  for (let g = 0; g < n; g++) kind[g] = kindOf(text, bounds[g]!, bounds[g + 1]!);
  const lb = new LineBreaker(text);
  let g = 0;
  for (let b = lb.nextBreak(); b; b = lb.nextBreak()) {
    while (g < n && bounds[g + 1]! < b.position) g++;
    // A break UAX #14 allows inside a cluster (it works on code points) is no break at all.
    if (g < n && bounds[g + 1] === b.position) breakAfter[g] = 1;
  }
  // `linebreak` implements UAX #14 as of Unicode 13 or so; where it differs from the current
  // rules in a way the renderers follow, the current rule wins.
  for (let i = 0; i < n; i++) {
    const a = bounds[i]!, b = bounds[i + 1]!;
    if (kind[i] === NEWLINE) breakAfter[i] = 1;
    // A hyphen opening a word is a sign or a prefix ("-5", "-based"), and stays with the word:
    // LB20a (Unicode 15.1), as PowerPoint has it.
    else if (breakAfter[i] && isHyphen(text, a, b) && (i === 0 || kind[i - 1] !== CONTENT)) breakAfter[i] = 0;
    // A slash may break before a number it does not continue ("article/" "1694567890"); the old
    // pair table glued every slash to a following digit (LB25 since Unicode 15.1; LibreOffice).
    else if (!breakAfter[i] && b - a === 1 && text.charCodeAt(a) === 0x2f && i + 1 < n
      && DIGIT.test(text[b]!) && !(i > 0 && DIGIT.test(text[a - 1]!))) breakAfter[i] = 1;
  }
  if (keepHangulWords) {
    // Hangul is all in the BMP: a cluster's first unit tells its script.
    let hangulNext = n > 0 && HANGUL.test(text[bounds[0]!]!);
    for (let i = 0; i < n - 1; i++) {
      const hangul = hangulNext;
      hangulNext = HANGUL.test(text[bounds[i + 1]!]!);
      if (breakAfter[i] && kind[i] === CONTENT && (hangul || hangulNext)) breakAfter[i] = 0;
    }
  }
  if (n > 0) breakAfter[n - 1] = 1;
  return cut(kind, breakAfter);
}

let scratch = new Uint8Array(512);

const isHyphen = (text: string, a: number, b: number) =>
  b - a === 1 && (text.charCodeAt(a) === 0x2d || text.charCodeAt(a) === 0x2010);

function cut(kind: Uint8Array, breakAfter: Uint8Array): Segments {
  const n = kind.length;
  let count = 0;
  for (let g = 0; g < n; g++) count += breakAfter[g]!;
  const data = new Uint32Array(count * SEGMENT);
  let o = 0, a = 0;
  for (let g = 0; g < n; g++) {
    if (!breakAfter[g]) continue;
    const e = g + 1;
    let c = e;
    while (c > a && kind[c - 1] !== CONTENT) c--;
    // Spaces opening a paragraph are indentation, drawn and counted, not space hanging at a break.
    if (c === a && (a === 0 || kind[a - 1] === NEWLINE) && kind[g] === SPACE) c = e;
    data[o++] = c; data[o++] = e; data[o++] = kind[g] === NEWLINE ? 1 : 0;
    a = e;
  }
  return { count, data };
}
