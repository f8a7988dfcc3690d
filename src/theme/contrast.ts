/**
 * Theme contrast by the WCAG 2.x formula, the colour pairs the layouts set text on, and the
 * nearest shade of a colour that passes against its fill.
 */
import type { Theme } from './schema.ts';

/**
 * The WCAG linear value of each 8-bit channel value, made on first use: layout and lint take the
 * luminance of thousands of colours a deck (every text's against its fill, every shade a contrast
 * search tries), and the power is the costly part of it.
 */
let linearChannel: Float64Array | undefined;
function linearTable(): Float64Array {
  if (linearChannel) return linearChannel;
  linearChannel = new Float64Array(256);
  for (let v = 0; v < 256; v++) {
    const c = v / 255;
    linearChannel[v] = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }
  return linearChannel;
}

/** Relative luminance of a six-digit hex colour (WCAG 2.x); NaN for one that is not hex. */
export function luminance(hex: string): number {
  const lin = linearTable();
  // A channel that does not parse reads NaN, which indexes nothing: the result is NaN.
  const at = (i: number) => lin[parseInt(hex.slice(i, i + 2), 16)] ?? NaN;
  return 0.2126 * at(0) + 0.7152 * at(2) + 0.0722 * at(4);
}

/** Contrast ratio between two luminances, 1 to 21. */
function ratio(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** Contrast ratio between two colours, 1 to 21. */
export function contrast(a: string, b: string): number {
  return ratio(luminance(a), luminance(b));
}

export type ColorRole = keyof Theme['colors'];

/**
 * [text, fill, minimum ratio, where the layouts use the pair]. Normal text needs 4.5:1; the two
 * pairs used only for large bold text (cards' badges at body size, section kickers at 20 pt
 * bold) need the large-text 3:1.
 */
export const CONTRAST_PAIRS: Array<[ColorRole, ColorRole, number, string]> = [
  ['text', 'background', 4.5, 'body text, bullets, table body rows'],
  ['muted', 'background', 4.5, 'refs at the ref size, captions, footers, scope notes'],
  ['title', 'background', 4.5, 'slide titles'],
  ['accentText', 'accent', 4.5, 'heading bars, likelihood badges, agenda numbers, callout labels'],
  ['panelText', 'panel', 4.5, 'comparison, cards and placemat panels'],
  ['coverText', 'cover', 4.5, 'title, section and closing slides'],
  ['coverMuted', 'cover', 4.5, 'subtitles and footers on covers'],
  ['tableHeaderText', 'tableHeader', 4.5, 'table header rows'],
  ['text', 'tableStripe', 4.5, 'striped table rows'],
  ['muted', 'panel', 4.5, 'refs inside comparison, cards and placemat panels'],
  ['title', 'panel', 4.5, 'the bullets lead panel, card titles'],
  ['accent', 'background', 4.5, 'source numbers at reference size, timeline dates, the reported-statement label'],
  ['accent', 'panel', 3, 'card badges (bold, body size)'],
  ['accent', 'cover', 3, 'section kickers (bold, 20 pt)'],
];

const hex2 = (v: number) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0').toUpperCase();

/** `a` moved the fraction `t` of the way to `b`, channel by channel. */
export function mix(a: string, b: string, t: number): string {
  return [0, 2, 4].map((i) => hex2(parseInt(a.slice(i, i + 2), 16) * (1 - t) + parseInt(b.slice(i, i + 2), 16) * t)).join('');
}

/**
 * The shade of `fg` nearest to it (the least move toward black or white, in steps of 1%) that
 * reaches each minimum against its fill: `fills` is [fill, minimum] pairs. `fg` itself when it
 * passes; when no shade passes them all, the end (black or white) that does best.
 */
export function nearestPassing(fg: string, fills: ReadonlyArray<readonly [string, number]>): string {
  // How far the worst fill is from its minimum: 1 or more passes them all.
  const against = fills.map(([bg, min]) => [luminance(bg), min] as const);
  const score = (c: string) => {
    const l = luminance(c);
    let worst = Infinity;
    for (const [bg, min] of against) worst = Math.min(worst, ratio(l, bg) / min);
    return worst;
  };
  let best = { k: 0, c: fg, score: score(fg) };
  if (best.score >= 1) return fg;
  for (const end of ['000000', 'FFFFFF']) {
    for (let k = 1; k <= 100; k++) {
      const c = mix(fg, end, k / 100);
      const sc = score(c);
      const passes = sc >= 1;
      // The least move that passes; while none does, the shade that comes closest.
      if ((passes && (best.score < 1 || k < best.k)) || (!passes && best.score < 1 && sc > best.score)) best = { k, c, score: sc };
      if (passes) break;
    }
  }
  return best.c;
}
