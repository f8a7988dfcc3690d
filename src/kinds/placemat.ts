/**
 * Placemat: one dense leave-behind slide of titled panels (who is at the table, what each side
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
import type { Column, Item } from '../compose/ir.ts';
import type { LayoutContext, Part } from '../layout/context.ts';
import { frame, headingBlock, rect, titleRule } from '../layout/grid.ts';
import { COLUMN_ITEM_GAP, listBlock } from '../layout/items.ts';
import { oversizeDiagnostic } from '../layout/oversize.ts';
import { paginate } from '../layout/paginate.ts';
import type { Element, Frame } from '../layout/placed.ts';
import { measureBlock, placeBlock } from '../layout/text.ts';
import type { SlideBase } from '../compose/ir.ts';
import type { KindResult } from '../layout/context.ts';
import { ITEM, SUBHEAD, type KindModule } from './kind.ts';

export interface PlacematSlide { layout: 'placemat'; panels: Column[]; }

/** Panels a placemat slide holds: one to four (three columns, or a 2x2 grid). */
export const PLACEMAT_MAX_PANELS = 4;

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
  const cols = placematColumns(panels.length);
  const w = (body.w - PLACEMAT_GAP * (cols - 1)) / cols;
  const rows = Array.from({ length: Math.ceil(panels.length / cols) }, (_, r) => panels.slice(r * cols, r * cols + cols));
  const heads = rows.map((row) => Math.max(...row.map((p) => measureBlock(t, headingBlock(p.heading, t, size, HEAD_INSET), w).height)));
  const lists = rows.map((row) => Math.max(...row.map((p) => (p.items.length ? measureBlock(t, panelList(p.items, size, t), w).height : 0))));
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

/** A panel's list: bullets on the panel fill. */
function panelList(items: Item[], size: number, t: LayoutContext['theme']) {
  return listBlock(items, size, t, { color: t.colors.panelText, inset: PANEL_INSET }, COLUMN_ITEM_GAP);
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
        // A subheading goes with the items under it, never alone at the foot of a run.
        const carried = current[current.length - 1]?.subhead && current.length > 1 ? current.splice(-1) : [];
        runs.push({ heading: heading(), items: current });
        current = carried;
      }
      current.push(it);
    }
    runs.push({ heading: heading(), items: current });
    return runs;
  });
}

function layoutPlacemat(slide: PlacematSlide & SlideBase, ctx: LayoutContext): KindResult {
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
    const items = p.items.flatMap((panel) => panel.items);
    const longest = items.reduce<Item | { text: string }>((a, b) => (b.text.length > a.text.length ? b : a), { text: p.items[0]?.heading ?? '' });
    return [oversizeDiagnostic(slide, longest, p.size, p.oversize.fits, floorCtx)];
  });
  const parts: Part[] = pages.map((page) => {
    const elements: Element[] = [titleRule(t, B)];
    for (const cell of grid(page.items, page.size, B, ctx, true).cells) {
      const f = cell.frame;
      elements.push(rect(f, t.colors.panel));
      elements.push(placeBlock(headingBlock(cell.panel.heading, t, page.size, HEAD_INSET), frame(f.x, f.y, f.w, cell.headH)));
      if (cell.panel.items.length) elements.push(placeBlock(panelList(cell.panel.items, page.size, t), frame(f.x, f.y + cell.headH, f.w, f.h - cell.headH)));
    }
    return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((p) => p.heading) };
  });
  return { parts, diagnostics };
}

export const placemat: KindModule<PlacematSlide> = {
  vocabulary: { children: ['panel'], elements: { panel: { attrs: ['!heading'], children: ['item', 'subhead'], text: false }, item: ITEM, subhead: SUBHEAD } },

  read(r, slide) {
    const panels = r.all('panel');
    if (panels.length < 1 || panels.length > PLACEMAT_MAX_PANELS) {
      r.fail(slide, `a placemat slide needs 1 to ${PLACEMAT_MAX_PANELS} <panel> elements, got ${panels.length}`, 'guard each <panel> with {{#if ...}}, and keep the placemat to the few panels a reader needs');
    }
    return { panels: panels.map((p) => ({ heading: r.attr(p, 'heading') ?? '', items: r.children(p).map(r.item) })) };
  },

  layout: layoutPlacemat,
};
