/**
 * Cards: a grid of panels, three across, each with a title, an optional subtitle and badge,
 * and body text. Cards in a row share a height; rows that do not fit continue on further slides.
 */
import type { Sourced } from '../compose/ir.ts';
import type { Part } from '../layout/context.ts';
import { bodyRange, lineHeightPt, scaledSize } from '../layout/fit.ts';
import { balancedTop, frame, para, rect, titleRule, withRef } from '../layout/grid.ts';
import { oversizeDiagnostic } from '../layout/oversize.ts';
import { paginate, setSize, tallest } from '../layout/paginate.ts';
import type { Element } from '../layout/placed.ts';
import { measureBlock, placeBlock, portionRuns, textBlock } from '../layout/text.ts';
import type { KindModule } from './kind.ts';

export interface Card extends Sourced {
  title: string;
  subtitle?: string;
  badge?: string;
  body: string;
}

export interface CardsSlide { layout: 'cards'; cards: Card[]; }

const INSET = 0.16;
const GAP = 0.25;
const BAR = 0.07;

function columnsFor(count: number): number {
  return count <= 2 ? count || 1 : count === 4 ? 2 : 3;
}

export const cards: KindModule<CardsSlide> = {
  vocabulary: { children: ['card'], elements: { card: { attrs: ['!title', 'subtitle', 'badge', 'ref'], text: true } } },

  read: (r) => ({
    cards: r.all('card').map((c) => ({
      title: r.attr(c, 'title') ?? '',
      subtitle: r.attr(c, 'subtitle'),
      badge: r.attr(c, 'badge'),
      body: r.text(c),
      ref: r.attr(c, 'ref'),
      origin: r.origin(c),
      portion: r.portion(c),
    })),
  }),

  layout(slide, ctx) {
    const t = ctx.theme;
    const B = ctx.body;
    const cols = columnsFor(slide.cards.length);
    const cardW = (B.w - GAP * (cols - 1)) / cols;
    const cardBlock = (c: Card, size: number) =>
      textBlock(
        [
          para([{ text: c.title, bold: true, color: t.colors.title }, ...(c.badge ? [{ text: `  ${c.badge}`, color: t.colors.accent, bold: true }] : [])]),
          ...(c.subtitle ? [para([{ text: c.subtitle, color: t.colors.muted, size: scaledSize(size, 0.85) }])] : []),
          para([...portionRuns(c.portion), ...withRef(c.body, c.ref, t, size)], { spaceBefore: 6 }),
        ],
        { font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.panelText, inset: INSET },
      );
    const cardH = (c: Card, size: number) => measureBlock(t, cardBlock(c, size), cardW - BAR).height;
    const rowsOf = (list: Card[]) => Array.from({ length: Math.ceil(list.length / cols) }, (_, i) => list.slice(i * cols, i * cols + cols));
    const rowH = (row: Card[], size: number) => Math.max(...row.map((c) => cardH(c, size)));
    const height = (list: Card[], size: number) => rowsOf(list).reduce((sum, r, i) => sum + rowH(r, size) + (i ? GAP : 0), 0);

    const range = bodyRange(ctx);
    const pages = paginate({ items: slide.cards, available: B.h, ...range, absoluteFloor: t.fit.absoluteFloor, height });
    const diagnostics = pages.flatMap((p) => (p.oversize && p.items[0] ? [oversizeDiagnostic(slide, { text: p.items[0].body, origin: p.items[0].origin }, p.size, p.oversize.fits, ctx)] : []));
    const top = balancedTop(B, tallest(pages));
    const parts: Part[] = pages.map((page) => {
      const elements: Element[] = [titleRule(t, B)];
      let y = top;
      for (const row of rowsOf(page.items)) {
        const h = rowH(row, page.size);
        row.forEach((c, i) => {
          const x = B.x + i * (cardW + GAP);
          elements.push(rect(frame(x, y, cardW, h), t.colors.panel));
          elements.push(rect(frame(x, y, BAR, h), t.colors.accent));
          elements.push(placeBlock(cardBlock(c, page.size), frame(x + BAR, y, cardW - BAR, h)));
        });
        y += h + GAP;
      }
      return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((c) => `${c.title}: ${c.body}`) };
    });
    return { parts, diagnostics, size: setSize(pages) };
  },
};
