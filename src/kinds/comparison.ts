/**
 * Comparison: two to four panels side by side under heading bars (one per side or option), with
 * an optional full-width callout (e.g. the risk) under them. Columns split in step: part k shows
 * the k-th run of each.
 */
import type { Column, FieldPath, Item, Sourced } from '../compose/ir.ts';
import type { Part } from '../layout/context.ts';
import { bodyRange, lineHeightPt } from '../layout/fit.ts';
import { balancedTop, frame, headingBlock, para, rect, titleRule, withRef } from '../layout/grid.ts';
import { COLUMN_ITEM_GAP, listBlock } from '../layout/items.ts';
import { LEAD_GAP, leadHeight, leadPanel } from '../layout/lead.ts';
import { oversizeDiagnostic, type Culprit } from '../layout/oversize.ts';
import { paginate, setSize, tallest } from '../layout/paginate.ts';
import type { Element } from '../layout/placed.ts';
import { measureBlock, placeBlock, portionRuns, textBlock } from '../layout/text.ts';
import { ITEM, SUBHEAD, type KindModule } from './kind.ts';

export interface Callout extends Sourced {
  label: string;
  text: string;
}

export interface ComparisonSlide {
  layout: 'comparison';
  /** A statement above the columns (the problem the options answer), on the first part only. */
  lead?: string;
  leadRef?: string;
  leadPortion?: string;
  leadOrigin?: FieldPath;
  /** Two to four columns, in reading order. */
  columns: Column[];
  callout?: Callout;
}

/** Columns a comparison slide holds: more than four leaves too little width to read. */
export const COMPARISON_COLUMNS = { min: 2, max: 4 } as const;

const GAP = 0.3;
const HEAD_INSET = 0.08;
const PANEL_INSET = 0.12;
const CALLOUT_GAP = 0.25;
const LABEL_W = 1.3;

export const comparison: KindModule<ComparisonSlide> = {
  vocabulary: {
    children: ['lead', 'column', 'callout'],
    elements: { lead: { attrs: ['ref'], text: true }, column: { attrs: ['!heading'], children: ['item', 'subhead'], text: false }, item: ITEM, subhead: SUBHEAD, callout: { attrs: ['!label', 'ref'], text: true } },
  },

  read(r, slide) {
    const cols = r.all('column');
    const { min, max } = COMPARISON_COLUMNS;
    if (cols.length < min || cols.length > max) {
      r.fail(slide, `a comparison slide needs ${min} to ${max} <column> elements, got ${cols.length}`, 'one column per side or option; guard optional ones with {{#if ...}}');
    }
    const callout = r.first('callout');
    const lead = r.first('lead');
    return {
      lead: r.optText('lead'),
      leadRef: r.attr(lead, 'ref'),
      leadPortion: r.portion(lead),
      leadOrigin: r.origin(lead),
      columns: cols.map((c) => ({ heading: r.attr(c, 'heading') ?? '', items: r.children(c).map(r.item) })),
      callout: callout ? { label: r.attr(callout, 'label') ?? '', text: r.text(callout), ref: r.attr(callout, 'ref'), origin: r.origin(callout), portion: r.portion(callout) } : undefined,
    };
  },

  layout(slide, ctx) {
    const t = ctx.theme;
    const B = ctx.body;
    const cols = slide.columns;
    const colW = (B.w - GAP * (cols.length - 1)) / Math.max(1, cols.length);
    const callout = slide.callout;
    const headH = (size: number) => Math.max(...cols.map((c) => measureBlock(t, headingBlock(c.heading, t, size, HEAD_INSET), colW).height));
    const labelBlock = (c: Callout, size: number) =>
      textBlock([para(c.label.toUpperCase())], { font: t.fonts.heading, size, lineHeight: lineHeightPt(t, size), color: t.colors.accentText, bold: true, fill: t.colors.accent, align: 'center', valign: 'middle', inset: PANEL_INSET });
    const calloutBlock = (c: Callout, size: number) =>
      textBlock([para([...portionRuns(c.portion), ...withRef(c.text, c.ref, t, size)])], { font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.text, valign: 'middle', inset: PANEL_INSET });
    const calloutH = (size: number) => (callout ? Math.max(measureBlock(t, calloutBlock(callout, size), B.w - LABEL_W).height, measureBlock(t, labelBlock(callout, size), LABEL_W).height) : 0);
    const itemsAt = (c: Column, idx: readonly number[]) => idx.map((i) => c.items[i]).filter((x): x is Item => x !== undefined);
    // Columns are narrow: items sit a little closer than in a full-width list.
    const list = (items: Item[], size: number) => listBlock(items, size, t, { color: t.colors.panelText, inset: PANEL_INSET }, COLUMN_ITEM_GAP);
    /** A page's items: for each column, the indexes of its items on that page. */
    const merge = (units: readonly Unit[]): Unit => cols.map((_, ci) => units.flatMap((u) => u[ci] ?? []));
    const listH = (unit: Unit, size: number) => Math.max(...cols.map((c, ci) => measureBlock(t, list(itemsAt(c, unit[ci] ?? []), size), colW).height));
    const lead = slide.lead === undefined ? undefined : { text: slide.lead, ref: slide.leadRef, portion: slide.leadPortion };
    const leadH = (size: number, index: number) => (lead && index === 0 ? leadHeight(lead, size, B.w, t) + LEAD_GAP : 0);
    // The callout sits under the last part; reserve its room on every part so all parts share a size.
    const height = (units: readonly Unit[], size: number, index: number) => leadH(size, index) + headH(size) + listH(merge(units), size) + (callout ? calloutH(size) + CALLOUT_GAP : 0);
    // A section too tall for a page of its own at the floor is split into rows, in step.
    const fitsAlone = (u: Unit) => height([u], t.fit.bodyFloor, 1) <= B.h + 1e-6;
    const units = alignedSections(cols).flatMap((u) => (fitsAlone(u) ? [u] : rowsOf(cols, u)));

    const range = bodyRange(ctx);
    const pages = paginate({ items: units, available: B.h, ...range, absoluteFloor: t.fit.absoluteFloor, height });
    const diagnostics = pages.flatMap((p) => {
      if (!p.oversize) return [];
      const first = p.items[0] ?? [];
      const leadCulprit: Culprit | undefined = lead ? { text: lead.text, origin: slide.leadOrigin } : undefined;
      const candidates = [...cols.flatMap((c, ci) => itemsAt(c, first[ci] ?? [])), callout, leadCulprit].filter((c): c is Culprit => c !== undefined);
      const longest = candidates.sort((a, b) => b.text.length - a.text.length)[0] ?? { text: '' };
      return [oversizeDiagnostic(slide, longest, p.size, p.oversize.fits, ctx)];
    });
    // Panels are as tall as their longest column, not stretched to the foot of the body: the
    // columns, lead and callout sit together as one balanced block. Continuation parts share a
    // top, so their heading bars line up; a first part that opens with the lead is a different
    // block (the lead over the columns' first sections) and sits balanced on its own.
    const ownFirst = lead !== undefined && pages.length > 1;
    const shared = balancedTop(B, tallest(ownFirst ? pages.slice(1) : pages));
    const topOf = (index: number) => (ownFirst && index === 0 ? balancedTop(B, pages[0]!.height) : shared);
    const parts: Part[] = pages.map((page, index) => {
      const hh = headH(page.size);
      const onPage = merge(page.items);
      const elements: Element[] = [titleRule(t, B)];
      let y = topOf(index);
      if (lead && index === 0) {
        const panel = leadPanel(lead, page.size, { ...B, y }, t);
        elements.push(...panel.elements);
        y += panel.height + LEAD_GAP;
      }
      const panelH = hh + listH(onPage, page.size);
      cols.forEach((c, ci) => {
        const x = B.x + ci * (colW + GAP);
        const items = itemsAt(c, onPage[ci] ?? []);
        elements.push(rect(frame(x, y, colW, panelH), t.colors.panel));
        elements.push(placeBlock(headingBlock(c.heading, t, page.size, HEAD_INSET), frame(x, y, colW, hh)));
        if (items.length) elements.push(placeBlock(list(items, page.size), frame(x, y + hh, colW, panelH - hh)));
      });
      y += panelH + CALLOUT_GAP;
      if (callout && index === pages.length - 1) {
        const h = calloutH(page.size);
        elements.push(rect(frame(B.x, y, B.w, h), t.colors.background, 'rect', { color: t.colors.accent, width: 1.5 }));
        elements.push(placeBlock(labelBlock(callout, page.size), frame(B.x, y, LABEL_W, h)));
        elements.push(placeBlock(calloutBlock(callout, page.size), frame(B.x + LABEL_W, y, B.w - LABEL_W, h)));
      }
      const texts = cols.flatMap((c, ci) => itemsAt(c, onPage[ci] ?? []).map((it) => it.text));
      return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: texts };
    });
    return { parts, diagnostics, size: setSize(pages) };
  },
};

/** For each column, the indexes of some of its items: one unit of pagination. */
type Unit = number[][];

/**
 * The columns cut into sections at their subheadings, aligned across columns by the
 * subheading's text ("May seek" beside "May seek"), in order of first appearance. Items before
 * any subheading form the first section. A page break falls between sections, so a subheading
 * is never parted from its items and columns stay in step.
 */
function alignedSections(cols: readonly Column[]): Unit[] {
  const keys: string[] = [];
  const perColumn = cols.map((c) => {
    const sections = new Map<string, number[]>();
    let key = '';
    c.items.forEach((it, i) => {
      if (it.subhead) key = it.text;
      if (!keys.includes(key)) keys.push(key);
      sections.set(key, [...(sections.get(key) ?? []), i]);
    });
    return sections;
  });
  return keys.map((k) => perColumn.map((sec) => sec.get(k) ?? []));
}

/** A section as rows in step (the k-th item of each column), each subheading kept with the row after it. */
function rowsOf(cols: readonly Column[], unit: Unit): Unit[] {
  const count = Math.max(0, ...unit.map((idx) => idx.length));
  const rows: Unit[] = [];
  for (let r = 0; r < count; r++) {
    const row = unit.map((idx) => (idx[r] === undefined ? [] : [idx[r]!]));
    const last = rows[rows.length - 1];
    const joins = last !== undefined && last.some((idx, ci) => idx.length > 0 && cols[ci]?.items[idx[idx.length - 1]!]?.subhead);
    if (joins) last.forEach((idx, ci) => idx.push(...(row[ci] ?? [])));
    else rows.push(row);
  }
  return rows;
}
