/**
 * Title fitting: a title keeps at most `titleMaxLines` lines; it shrinks to the title floor,
 * and below it (to the absolute floor) only with a warning.
 */
import { warning, type Diagnostic } from '../diagnostics.ts';
import type { LayoutContext } from './context.ts';
import { fitBlock, lineHeightPt } from './fit.ts';
import { para } from './grid.ts';
import { whereIs, type Culprit } from './oversize.ts';
import type { Frame, TextElement } from './placed.ts';
import { measureBlock, placeBlock, textBlock, totalLines, type TextBlock } from './text.ts';
import type { SlideBase } from '../compose/ir.ts';

export interface TitleFit {
  element: TextElement;
  lines: number;
  diagnostic?: Diagnostic;
}

/** How a title is set, less its size: colour and anchoring differ between content and cover slides. */
export type TitleStyle = Pick<TextBlock, 'color' | 'valign'>;

/** The title block at `size`: the heading face, bold, in the title placeholder. */
export function titleBlock(text: string, size: number, style: TitleStyle, ctx: Pick<LayoutContext, 'theme'>): TextBlock {
  const t = ctx.theme;
  return textBlock([para(text)], { font: t.fonts.heading, size, lineHeight: lineHeightPt(t, size), bold: true, role: 'title', ...style });
}

/** The title `culprit.text` set at the largest size at which it fits `f` in at most maxLines lines. */
export function fitTitle(
  culprit: Culprit,
  f: Frame,
  max: number,
  style: TitleStyle,
  ctx: Pick<LayoutContext, 'theme' | 'locate'>,
  slide: Pick<SlideBase, 'loc'>,
  maxLines = ctx.theme.fit.titleMaxLines,
): TitleFit {
  const t = ctx.theme;
  const text = culprit.text;
  const make = (size: number) => titleBlock(text, size, style, ctx);
  // A title takes no fewer lines at a larger size, so one that misses at a floor misses at every
  // size above it: trying the floors first spares a very long title dozens of full measurements.
  const lowest = measureBlock(t, make(t.fit.absoluteFloor), f.w);
  const fitsLowest = lowest.height <= f.h + 1e-6 && totalLines(lowest) <= maxLines;
  const fitsAt = (size: number) => fitBlock(t, make, f, size, size, maxLines) !== undefined;
  const ok = fitsLowest && fitsAt(t.fit.titleFloor) ? fitBlock(t, make, f, max, t.fit.titleFloor, maxLines) : undefined;
  if (ok) return { element: placeBlock(ok.block, f), lines: totalLines(ok.measure) };
  const small = fitsLowest ? fitBlock(t, make, f, t.fit.titleFloor - 0.5, t.fit.absoluteFloor, maxLines) : undefined;
  const block = small?.block ?? make(t.fit.absoluteFloor);
  const lines = totalLines(small?.measure ?? lowest);
  const where = whereIs(culprit, slide, ctx);
  const diagnostic = small
    ? warning('W_TITLE_TOO_LONG', `title "${text.slice(0, 60)}${text.length > 60 ? '...' : ''}" needs more than ${maxLines} lines at ${t.fit.titleFloor} pt; set at ${block.size} pt`, {
        ...where,
        hint: 'a headline reads best as one short sentence; shorten it',
      })
    : warning('W_TITLE_TOO_LONG', `title "${text.slice(0, 60)}..." does not fit in ${maxLines} lines even at ${block.size} pt (${lines} lines)`, {
        ...where,
        hint: 'shorten the title',
      });
  return { element: placeBlock(block, f), lines, diagnostic };
}

/** "Title (cont. 2/3)" for continuation parts; the first part keeps the plain title. */
export function partTitle(title: string, index: number, count: number): string {
  return index === 0 || count === 1 ? title : `${title} (cont. ${index + 1}/${count})`;
}
