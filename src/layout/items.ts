/**
 * List items as paragraphs: a bullet, an optional bold label, the text and its reference.
 * Shared by every kind that shows a list (bullets, comparison columns, placemat panels, closing).
 */
import type { Item } from '../compose/ir.ts';
import type { Theme } from '../theme/schema.ts';
import { lineHeightPt } from './fit.ts';
import { para, withRef } from './grid.ts';
import type { Paragraph } from './placed.ts';
import { portionRuns, textBlock, type BlockStyle, type TextBlock } from './text.ts';

/** Hanging indent of a bullet's text, per level, in inches. */
export const BULLET_INDENT = 0.32;

/** Space between items, as a fraction of the type size; a subheading gets more above it. */
export const ITEM_GAP = 0.5;
/** Narrow columns (comparison columns, placemat panels) set their items a little closer. */
export const COLUMN_ITEM_GAP = 0.25;

/**
 * A subheading is set in the accent colour; below 14 pt, where WCAG asks 4.5:1 even of bold
 * text, in the title colour, since a theme's accent holds only the large-text 3:1 on its panels.
 */
function subheadColor(theme: Theme, size: number): string {
  return size >= 14 ? theme.colors.accent : theme.colors.title;
}

/** The paragraphs of a list of items at `size`; `gap` is the space between items as a fraction of the size. */
export function itemParagraphs(items: readonly Item[], size: number, theme: Theme, gap = ITEM_GAP): Paragraph[] {
  return items.map((it, i) =>
    it.subhead
      ? para([{ text: it.text, bold: true, color: subheadColor(theme, size) }], { spaceBefore: i > 0 ? size * (gap + 0.3) : 0 })
      : para([...portionRuns(it.portion), ...(it.label ? [{ text: `${it.label} `, bold: true }] : []), ...withRef(it.text, it.ref, theme, size)], {
          bullet: { indent: BULLET_INDENT, level: it.level },
          spaceBefore: i > 0 && !items[i - 1]?.subhead ? size * gap : 0,
        }),
  );
}

/** A bulleted list set in the body face at `size`. */
export function listBlock(items: readonly Item[], size: number, theme: Theme, style: Partial<BlockStyle> & Pick<BlockStyle, 'color'>, gap = ITEM_GAP): TextBlock {
  return textBlock(itemParagraphs(items, size, theme, gap), { font: theme.fonts.body, size, lineHeight: lineHeightPt(theme, size), ...style });
}
