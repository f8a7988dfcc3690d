/**
 * Bullet slides: an optional lead statement in a panel, then a bulleted list.
 * The list shrinks to the body floor, then continues on further slides.
 */
import type { FieldPath, Item } from '../compose/ir.ts';
import type { Part } from '../layout/context.ts';
import { bodyRange } from '../layout/fit.ts';
import { balancedTop, frame, titleRule } from '../layout/grid.ts';
import { listBlock } from '../layout/items.ts';
import { LEAD_GAP, leadHeight, leadPanel } from '../layout/lead.ts';
import { oversizeDiagnostic } from '../layout/oversize.ts';
import { paginate, setSize, tallest } from '../layout/paginate.ts';
import type { Element } from '../layout/placed.ts';
import { measureBlock, placeBlock } from '../layout/text.ts';
import { ITEM, type KindModule } from './kind.ts';

export interface BulletsSlide {
  layout: 'bullets';
  lead?: string;
  leadRef?: string;
  leadPortion?: string;
  leadOrigin?: FieldPath;
  items: Item[];
}

export const bullets: KindModule<BulletsSlide> = {
  vocabulary: { children: ['lead', 'item'], elements: { lead: { attrs: ['ref'], text: true }, item: ITEM } },

  read: (r) => {
    const lead = r.first('lead');
    return { lead: r.optText('lead'), leadRef: r.attr(lead, 'ref'), leadPortion: r.portion(lead), leadOrigin: r.origin(lead), items: r.all('item').map(r.item) };
  },

  layout(slide, ctx) {
    const t = ctx.theme;
    const B = ctx.body;
    const lead = slide.lead === undefined ? undefined : { text: slide.lead, ref: slide.leadRef, portion: slide.leadPortion };
    const leadH = (size: number) => (lead ? leadHeight(lead, size, B.w, t) : 0);
    const list = (items: Item[], size: number) => listBlock(items, size, t, { color: t.colors.text });
    const range = bodyRange(ctx);

    const pages = paginate({
      items: slide.items,
      available: B.h,
      ...range,
      absoluteFloor: t.fit.absoluteFloor,
      height: (items, size, index) => {
        const top = index === 0 && lead ? leadH(size) + (items.length ? LEAD_GAP : 0) : 0;
        return top + (items.length ? measureBlock(t, list(items, size), B.w).height : 0);
      },
    });

    // When the lead alone overfills the first page, it is the lead that is too long, not item 1.
    const leadTooLong = lead !== undefined && leadH(t.fit.bodyFloor) > B.h;
    const leadCulprit = { text: slide.lead ?? '', origin: slide.leadOrigin };
    const diagnostics = pages.flatMap((p, i) => (p.oversize ? [oversizeDiagnostic(slide, (i === 0 && leadTooLong) || !p.items[0] ? leadCulprit : p.items[0], p.size, p.oversize.fits, ctx)] : []));
    const top = balancedTop(B, tallest(pages));
    const parts: Part[] = pages.map((page, index) => {
      const elements: Element[] = [titleRule(t, B)];
      let y = top;
      if (index === 0 && lead) {
        const panel = leadPanel(lead, page.size, { ...B, y }, t);
        elements.push(...panel.elements);
        y += panel.height + LEAD_GAP;
      }
      if (page.items.length) {
        const block = list(page.items, page.size);
        elements.push(placeBlock(block, frame(B.x, y, B.w, measureBlock(t, block, B.w).height)));
      }
      return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((i) => i.text) };
    });
    return { parts, diagnostics, size: setSize(pages) };
  },
};
