/**
 * List items as paragraphs: a bullet, an optional bold label, the text and its reference.
 * Shared by every kind that shows a list (bullets, comparison columns, placemat panels, closing).
 */
import type { Item } from '../compose/ir.ts';
import type { Theme } from '../theme/schema.ts';
import { lineHeightPt } from './fit.ts';
import { para, withRef } from './grid.ts';
import type { Paragraph } from './placed.ts';
import { textBlock, type BlockStyle, type TextBlock } from './text.ts';

/** Hanging indent of a bullet's text, per level, in inches. */
export const BULLET_INDENT = 0.32;

/** The paragraphs of a list of items at `size`. */
export function itemParagraphs(items: readonly Item[], size: number, theme: Theme): Paragraph[] {
  return items.map((it, i) =>
    para([...(it.label ? [{ text: `${it.label} `, bold: true }] : []), ...withRef(it.text, it.ref, theme, size)], {
      bullet: { indent: BULLET_INDENT, level: it.level },
      spaceBefore: i > 0 ? size * 0.5 : 0,
    }),
  );
}

/** A bulleted list set in the body face at `size`. */
export function listBlock(items: readonly Item[], size: number, theme: Theme, style: Partial<BlockStyle> & Pick<BlockStyle, 'color'>): TextBlock {
  return textBlock(itemParagraphs(items, size, theme), { font: theme.fonts.body, size, lineHeight: lineHeightPt(theme, size), ...style });
}
