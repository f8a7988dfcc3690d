/**
 * Fitting primitives: how tall a block of paragraphs is at a given size in a given frame, and
 * the largest size (between a ceiling and a floor) at which it fits. Every caller goes through
 * here, so the width and height reserves for PowerPoint's slightly different line breaking are
 * applied in one place.
 */
import type { Theme } from '../theme/schema.ts';
import { ptToIn } from '../units.ts';
import { lineCount, type FontFace } from './measure.ts';

/** One paragraph to measure: its text, weight and how far the text is indented (bullets). */
export interface MeasuredPara {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Inches of indent before the text (bullet hanging indent). */
  indent?: number;
  /**
   * Inches the text's first line loses to a differently set lead-in (a bold label measured as
   * regular text). Taken off every line: exact on the first, a little conservative after.
   */
  extraWidth?: number;
  /** Points of space before this paragraph. */
  spaceBefore?: number;
  /** Size relative to the block's size (e.g. 0.75 for a smaller attribution line). */
  scale?: number;
}

export interface Fit {
  size: number;
  /** Exact line pitch in points. */
  lineHeight: number;
  /** Lines per paragraph. */
  lines: number[];
  /** Height the text needs, in inches, reserve included. */
  height: number;
}

export interface FitContext {
  theme: Theme;
  face: FontFace;
}

/** A size scaled for a secondary line (a place, a role), in half points: measured and drawn alike. */
export function scaledSize(size: number, scale = 1): number {
  return Math.round(size * scale * 2) / 2;
}

/** Line pitch in points for a size, from the theme's line spacing. */
export function lineHeightPt(theme: Theme, size: number): number {
  return Math.round(size * theme.fit.lineSpacing * 100) / 100;
}

/** Width available for text in a frame of width `w` with inner margin `inset`, reserve applied. */
export function usableWidth(theme: Theme, w: number, inset: number): number {
  return (w - 2 * inset) * (1 - theme.fit.widthReserve);
}

/** Measures paragraphs at `size` in a text area `width` inches wide (reserves applied here). */
export function measureParas(ctx: FitContext, paras: MeasuredPara[], size: number, width: number, inset: number): Fit {
  const lh = lineHeightPt(ctx.theme, size);
  const avail = usableWidth(ctx.theme, width, inset);
  let heightPt = 0;
  const lines: number[] = [];
  paras.forEach((p, i) => {
    const s = scaledSize(size, p.scale);
    const n = lineCount(p.text, { face: ctx.face, sizePt: s, bold: p.bold, italic: p.italic }, Math.max(0.1, avail - (p.indent ?? 0) - (p.extraWidth ?? 0)));
    lines.push(n);
    // Render writes one exact pitch per text box, so smaller runs still take a full line.
    heightPt += n * lh + (i > 0 ? (p.spaceBefore ?? 0) : 0);
  });
  const height = ptToIn(heightPt + ctx.theme.fit.heightReserveLines * lh) + 2 * inset;
  return { size, lineHeight: lh, lines, height };
}

/** Sizes to try, largest first, in half points. */
export function sizesBetween(max: number, floor: number): number[] {
  const out: number[] = [];
  // Half-point steps that stay within [floor, max]: round max down and floor up.
  const top = Math.floor(max * 2 + 1e-9) / 2;
  const bottom = Math.ceil(floor * 2 - 1e-9) / 2;
  for (let s = top; s >= bottom; s -= 0.5) out.push(s);
  return out;
}

/**
 * The largest size from `max` down to `floor` at which the paragraphs fit in `height`;
 * undefined when they do not fit even at the floor.
 */
export function fitParas(
  ctx: FitContext,
  paras: MeasuredPara[],
  frame: { w: number; h: number },
  inset: number,
  max: number,
  floor: number,
  maxLines?: number,
): Fit | undefined {
  for (const size of sizesBetween(max, floor)) {
    const fit = measureParas(ctx, paras, size, frame.w, inset);
    const total = fit.lines.reduce((a, b) => a + b, 0);
    if (fit.height <= frame.h + 1e-6 && (maxLines === undefined || total <= maxLines)) return fit;
  }
  return undefined;
}
