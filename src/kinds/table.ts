/**
 * Tables: columns as wide as their measured content needs (see layout/columns.ts); every row is
 * as tall as its tallest cell at the chosen size, the largest up to the table ceiling at which the
 * table fits; rows that do not fit continue on further slides under a repeated header.
 */
import type { FieldPath } from '../compose/ir.ts';
import type { MarkupElement } from '../compose/markupTree.ts';
import type { Part } from '../layout/context.ts';
import { measuredColumns } from '../layout/columns.ts';
import { lineHeightPt, perItemAndSize, tableRange } from '../layout/fit.ts';
import { balancedTop, frame, para, titleRule } from '../layout/grid.ts';
import { oversizeDiagnostic } from '../layout/oversize.ts';
import { paginate, setSize, tallest } from '../layout/paginate.ts';
import type { Paragraph } from '../layout/placed.ts';
import { measureBlock, portionRuns, textBlock, type TextBlock } from '../layout/text.ts';
import type { Theme } from '../theme/schema.ts';
import { roundIn } from '../units.ts';
import type { KindModule, SlideReader } from './kind.ts';

export interface TableCell {
  text: string;
  origin?: FieldPath;
  /** Portion mark of the brief item the cell's text came from. */
  portion?: string;
}

/**
 * A row's portion mark, shown once before its first cell: the mark of the item most of its cells
 * came from. A cell may come from elsewhere (a member's row starts with its group's side, taken
 * from the group's first member), and must not lend the row that item's mark.
 */
function rowPortion(row: readonly TableCell[]): string | undefined {
  const count = new Map<string, number>();
  for (const c of row) if (c.portion !== undefined) count.set(c.portion, (count.get(c.portion) ?? 0) + 1);
  let best: [string, number] | undefined;
  for (const e of count) if (!best || e[1] > best[1]) best = e;
  return best?.[0];
}

export interface TableColumn {
  header: string;
  /** Relative width from the template: how room to spare is shared once every column fits its content. */
  width: number;
}

export interface TableSlide { layout: 'table'; columns: TableColumn[]; rows: TableCell[][]; }

export const CELL_INSET = 0.08;
/** The least height of a row, in inches. */
const MIN_ROW = 0.2;

function cellBlock(cell: Paragraph[], size: number, t: Theme): TextBlock {
  return textBlock(cell, { font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.text, inset: CELL_INSET });
}

function readTable(r: SlideReader, slide: MarkupElement): Pick<TableSlide, 'columns' | 'rows'> {
  const tableEl = r.first('table');
  if (!tableEl) {
    r.fail(slide, 'a table slide needs a <table> element');
    return { columns: [], rows: [] };
  }
  const trs = r.children(tableEl);
  const header = trs.find((tr) => tr.attrs.header !== undefined);
  if (!header || trs[0] !== header) {
    r.fail(tableEl, 'a table needs a header row first: <tr header="true">', 'tables always carry a header row (accessibility), and it repeats on continuation slides');
    return { columns: [], rows: [] };
  }
  const columns = r.children(header).map((td) => {
    const raw = r.attr(td, 'width');
    const w = Number(raw ?? '1');
    if (!Number.isFinite(w) || w <= 0) r.badAttr(td, `column width must be a positive number, got "${td.attrs.width}"`);
    return { header: r.text(td), width: Number.isFinite(w) && w > 0 ? w : 1 };
  });
  const rows = trs.slice(1).map((tr) => {
    if (tr.attrs.header !== undefined) r.fail(tr, 'only the first row may be a header row');
    const cells = r.children(tr).map((td) => ({ text: r.text(td), origin: r.origin(td), portion: r.portion(td) }));
    if (cells.length !== columns.length) r.fail(tr, `row has ${cells.length} cells, the header has ${columns.length}`, 'tables have no merged cells: give every row one <td> per column');
    return cells;
  });
  return { columns, rows };
}

export const table: KindModule<TableSlide> = {
  vocabulary: {
    children: ['table'],
    elements: { table: { attrs: [], children: ['tr'], text: false }, tr: { attrs: ['header'], children: ['td'], text: false }, td: { attrs: ['width'], text: true } },
  },

  read: readTable,

  layout(slide, ctx) {
    const t = ctx.theme;
    const B = ctx.body;
    const header: Paragraph[][] = slide.columns.map((c) => [para([{ text: c.header, bold: true }])]);
    const rows: Paragraph[][][] = slide.rows.map((r) => r.map((c, i) => [para(i === 0 ? [...portionRuns(rowPortion(r)), { text: c.text }] : c.text)]));
    const widths = measuredColumns(t, (size) => [header, ...rows].map((row) => row.map((cell) => cellBlock(cell, size, t))), slide.columns.map((c) => ({ weight: c.width })), B.w, B.h);
    // A cell is measured as the block render draws it in: the table's face, size and pitch, the cell inset.
    const cellH = (cell: Paragraph[], size: number, i: number) => measureBlock(t, cellBlock(cell, size, t), widths(size)[i] ?? 1).height;
    const rowHeight = perItemAndSize((cells: Paragraph[][], size: number) => Math.max(...cells.map((cell, i) => cellH(cell, size, i)), MIN_ROW));
    const height = (page: Paragraph[][][], size: number) => rowHeight(header, size) + page.reduce((sum, r) => sum + rowHeight(r, size), 0);

    const range = tableRange(ctx);
    const pages = paginate({ items: rows.map((cells, i) => ({ cells, i })), available: B.h, ...range, absoluteFloor: t.fit.absoluteFloor, height: (page, size) => height(page.map((p) => p.cells), size) });
    const diagnostics = pages.flatMap((p) => {
      if (!p.oversize) return [];
      const cells = slide.rows[p.items[0]?.i ?? 0] ?? [];
      const longest = cells.reduce<{ text: string; origin?: FieldPath }>((a, b) => (b.text.length > a.text.length ? b : a), { text: '' });
      return [oversizeDiagnostic(slide, longest, p.size, p.oversize.fits, ctx, t.fit.tableFloor)];
    });
    const top = balancedTop(B, tallest(pages));
    const parts: Part[] = pages.map((page) => {
      const body = page.items.map((p) => p.cells);
      const rowH = [rowHeight(header, page.size), ...body.map((r) => rowHeight(r, page.size))].map(roundIn);
      return {
        master: 'CONTENT',
        elements: [
          titleRule(t, B),
          {
            kind: 'table',
            frame: frame(B.x, top, B.w, rowH.reduce((a, b) => a + b, 0)),
            colW: widths(page.size),
            rowH,
            header,
            rows: body,
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
        itemTexts: page.items.map((p) => (slide.rows[p.i] ?? []).map((c) => c.text).join(' — ')),
      };
    });
    return { parts, diagnostics, size: setSize(pages) };
  },
};
