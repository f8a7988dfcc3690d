/**
 * Placemat: one dense leave-behind slide of titled panels (who is travelling, what each side
 * may seek, the context), each a heading bar over a bulleted list. One to three panels sit in
 * columns; four make a 2x2 grid. Panels in a row share their heading height and their height,
 * and the panels fill the body.
 *
 * Type floor: a placemat is a read-ahead page, not a projected slide, so its floor is the
 * theme's table floor (`fit.tableFloor`, 12 pt in civic), not the 18 pt body floor that
 * "body text is at least 18 pt" sets for briefing slides. Every panel is measured with fit.ts
 * and all panels share one size, from the body floor (its ceiling) down to the table floor.
 * Nothing is truncated: if the panels do not fit at the table floor, they continue on further
 * placemat slides ("(cont. 2/2)") at panel boundaries. Only a panel too tall for a slide of its
 * own at the table floor (forty delegates, say) is split, at item boundaries, its later runs
 * headed "... (cont.)"; a single item too large for a slide at the table floor is set smaller,
 * down to the absolute floor, with the oversize warning (an error if not even that fits).
 */
import type { Column, Item, SlideOf } from '../../compose/ir.ts';
import type { KindResult, LayoutContext, Part } from '../context.ts';
import { measureParas, lineHeightPt } from '../fit.ts';
import { frame, headingBar, para, rect, textBox, titleRule, withRef } from '../grid.ts';
import { paginate } from '../paginate.ts';
import type { Element, Frame, Paragraph } from '../placed.ts';
import { PLACEMAT_MAX_PANELS } from '../../compose/vocabulary.ts';
import { BULLET_INDENT, itemParas } from './bullets.ts';
import { oversizeDiagnostic } from './oversize.ts';

/** Space between panels, across and down. */
export const PLACEMAT_GAP = 0.3;
const HEAD_INSET = 0.1;
const PANEL_INSET = 0.14;

/** Columns for a page of `count` panels: up to three across, four as a 2x2 grid. */
export function placematColumns(count: number): number {
  return count <= 3 ? Math.max(count, 1) : 2;
}

interface Cell {
  panel: Column;
  frame: Frame;
  /** Height of the heading bar (shared across the row). */
  headH: number;
}

/** The grid a page of panels takes at `size` in `body`; `fill` stretches the rows to the body. */
function grid(panels: Column[], size: number, body: Frame, ctx: LayoutContext, fill: boolean): { height: number; cells: Cell[] } {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.body };
  const cols = placematColumns(panels.length);
  const w = (body.w - PLACEMAT_GAP * (cols - 1)) / cols;
  const rows = Array.from({ length: Math.ceil(panels.length / cols) }, (_, r) => panels.slice(r * cols, r * cols + cols));
  const heads = rows.map((row) => Math.max(...row.map((p) => measureParas({ ...fc, face: t.fonts.heading }, [{ text: p.heading, bold: true }], size, w, HEAD_INSET).height)));
  const lists = rows.map((row) => Math.max(...row.map((p) => (p.items.length ? measureParas(fc, itemParas(p.items, size, fc.face), size, w, PANEL_INSET).height : 0))));
  const needs = rows.map((_, r) => heads[r]! + lists[r]!);
  const height = needs.reduce((a, b) => a + b, 0) + PLACEMAT_GAP * (rows.length - 1);
  const extra = fill ? Math.max(0, body.h - height) / rows.length : 0;
  const cells: Cell[] = [];
  let y = body.y;
  rows.forEach((row, r) => {
    const h = needs[r]! + extra;
    row.forEach((panel, c) => cells.push({ panel, frame: frame(body.x + c * (w + PLACEMAT_GAP), y, w, h), headH: heads[r]! }));
    y += h + PLACEMAT_GAP;
  });
  return { height, cells };
}

/** Item paragraphs whose references are never larger than the text they follow. */
function paragraphs(items: Item[], size: number, ctx: LayoutContext): Paragraph[] {
  const refSize = Math.min(ctx.theme.sizes.ref, size);
  return items.map((it, i) =>
    para(
      [...(it.label ? [{ text: `${it.label} `, bold: true }] : []), ...withRef(it.text, it.ref, ctx.theme).map((r, ri) => (ri > 0 ? { ...r, size: refSize } : r))],
      { bullet: { indent: BULLET_INDENT, level: it.level }, spaceBefore: i > 0 ? size * 0.5 : 0 },
    ),
  );
}

/**
 * Splits each panel too tall for a slide of its own at `floor` into runs of items that each fit
 * one (the last resort before the oversize warning); later runs are headed "... (cont.)".
 */
function splitTallPanels(panels: Column[], floor: number, body: Frame, ctx: LayoutContext): Column[] {
  const fits = (p: Column) => grid([p], floor, body, ctx, false).height <= body.h + 1e-6;
  return panels.flatMap((p) => {
    if (fits(p)) return [p];
    const runs: Column[] = [];
    let current: Item[] = [];
    const heading = () => (runs.length ? `${p.heading} (cont.)` : p.heading);
    for (const it of p.items) {
      if (current.length && !fits({ heading: heading(), items: [...current, it] })) {
        runs.push({ heading: heading(), items: current });
        current = [];
      }
      current.push(it);
    }
    runs.push({ heading: heading(), items: current });
    return runs;
  });
}

export function layoutPlacemat(slide: SlideOf<'placemat'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const B = ctx.body;
  const floor = t.fit.tableFloor;
  const pages = paginate({
    items: splitTallPanels(slide.panels, floor, B, ctx),
    available: B.h,
    max: Math.max(t.fit.bodyFloor, floor),
    floor,
    absoluteFloor: t.fit.absoluteFloor,
    // A page holds at most a 2x2 grid of panels.
    height: (panels, size) => (panels.length > PLACEMAT_MAX_PANELS ? Infinity : grid(panels, size, B, ctx, false).height),
  });
  // The oversize warning names the floor this layout uses, the table floor.
  const floorCtx = { ...ctx, theme: { ...t, fit: { ...t.fit, bodyFloor: floor } } };
  const diagnostics = pages.flatMap((p) => {
    if (!p.oversize) return [];
    const texts = p.items.flatMap((panel) => panel.items.map((i) => i.text));
    const longest = texts.reduce((a, b) => (b.length > a.length ? b : a), p.items[0]?.heading ?? '');
    return [oversizeDiagnostic(slide, longest, p.size, p.oversize.fits, floorCtx)];
  });
  const parts: Part[] = pages.map((page) => {
    const lh = lineHeightPt(t, page.size);
    const elements: Element[] = [titleRule(t, B)];
    for (const cell of grid(page.items, page.size, B, ctx, true).cells) {
      const f = cell.frame;
      elements.push(rect(f, t.colors.panel));
      elements.push(headingBar(frame(f.x, f.y, f.w, cell.headH), cell.panel.heading, t, page.size, lh, HEAD_INSET));
      if (cell.panel.items.length) {
        elements.push(
          textBox(frame(f.x, f.y + cell.headH, f.w, f.h - cell.headH), paragraphs(cell.panel.items, page.size, ctx), {
            font: t.fonts.body,
            size: page.size,
            lineHeight: lh,
            color: t.colors.panelText,
            inset: PANEL_INSET,
          }),
        );
      }
    }
    return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((p) => p.heading) };
  });
  return { parts, diagnostics };
}
