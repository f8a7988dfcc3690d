/**
 * Tables: columns share the width in proportion; every row is as tall as its tallest cell at
 * the chosen size; rows that do not fit continue on further slides under a repeated header.
 */
import type { SlideOf } from '../../compose/ir.ts';
import type { KindResult, LayoutContext, Part } from '../context.ts';
import { measureParas, lineHeightPt } from '../fit.ts';
import { frame, titleRule } from '../grid.ts';
import { paginate } from '../paginate.ts';
import { roundIn } from '../../units.ts';
import { oversizeDiagnostic } from './oversize.ts';

export const CELL_INSET = 0.08;

export function layoutTable(slide: SlideOf<'table'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.body };
  const B = ctx.body;
  const total = slide.columns.reduce((a, c) => a + c.width, 0) || 1;
  const colW = slide.columns.map((c) => roundIn((B.w * c.width) / total));
  const header = slide.columns.map((c) => c.header);
  const rows = slide.rows.map((r) => r.map((c) => c.text));

  const rowHeight = (cells: string[], size: number, bold = false) =>
    Math.max(...cells.map((text, i) => measureParas(fc, [{ text, bold }], size, colW[i] ?? 1, CELL_INSET).height), 0.2);
  const height = (page: string[][], size: number) =>
    rowHeight(header, size, true) + page.reduce((sum, r) => sum + rowHeight(r, size), 0);

  const pages = paginate({ items: rows, available: B.h, max: t.sizes.table, floor: t.fit.tableFloor, absoluteFloor: t.fit.absoluteFloor, height });
  const diagnostics = pages.flatMap((p) => {
    if (!p.oversize) return [];
    const cells = p.items[0] ?? [];
    const longest = cells.reduce((a, b) => (b.length > a.length ? b : a), '');
    return [oversizeDiagnostic(slide, longest, p.size, p.oversize.fits, ctx, t.fit.tableFloor)];
  });
  const parts: Part[] = pages.map((page) => {
    const rowH = [rowHeight(header, page.size, true), ...page.items.map((r) => rowHeight(r, page.size))].map(roundIn);
    return {
      master: 'CONTENT',
      elements: [
        titleRule(t, B),
        {
          kind: 'table',
          frame: frame(B.x, B.y, B.w, rowH.reduce((a, b) => a + b, 0)),
          colW,
          rowH,
          header,
          rows: page.items,
          font: t.fonts.body,
          size: page.size,
          lineHeight: lineHeightPt(t, page.size),
          inset: CELL_INSET,
          headerFill: t.colors.tableHeader,
          headerColor: t.colors.tableHeaderText,
          color: t.colors.text,
          bodyFill: t.colors.background,
          stripeFill: t.colors.tableStripe,
          borderColor: t.colors.rule,
        },
      ],
      notes: slide.notes,
      itemTexts: page.items.map((r) => r.join(' — ')),
    };
  });
  return { parts, diagnostics };
}
