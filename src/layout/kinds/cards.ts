/**
 * Cards: a grid of panels, three across, each with a title, an optional subtitle and badge,
 * and body text. Cards in a row share a height; rows that do not fit continue on further slides.
 */
import type { Card, SlideOf } from '../../compose/ir.ts';
import type { KindResult, LayoutContext, Part } from '../context.ts';
import { measureParas, scaledSize, type MeasuredPara, lineHeightPt } from '../fit.ts';
import { frame, para, plain, rect, textBox, titleRule, withRef } from '../grid.ts';
import { paginate } from '../paginate.ts';
import type { Element } from '../placed.ts';
import { oversizeDiagnostic } from './oversize.ts';

const INSET = 0.16;
const GAP = 0.25;
const BAR = 0.07;

function columnsFor(count: number): number {
  return count <= 2 ? count || 1 : count === 4 ? 2 : 3;
}

export function layoutCards(slide: SlideOf<'cards'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.body };
  const B = ctx.body;
  const cols = columnsFor(slide.cards.length);
  const cardW = (B.w - GAP * (cols - 1)) / cols;

  const paras = (c: Card): MeasuredPara[] => [
    { text: c.badge ? `${c.title}  ${c.badge}` : c.title, bold: true },
    ...(c.subtitle ? [{ text: c.subtitle, scale: 0.85 }] : []),
    { text: plain(c.body, c.ref), spaceBefore: 6 },
  ];
  const cardH = (c: Card, size: number) => measureParas(fc, paras(c), size, cardW - BAR, INSET).height;
  const rowsOf = (cards: Card[]) => Array.from({ length: Math.ceil(cards.length / cols) }, (_, i) => cards.slice(i * cols, i * cols + cols));
  const rowH = (row: Card[], size: number) => Math.max(...row.map((c) => cardH(c, size)));
  const height = (cards: Card[], size: number) => rowsOf(cards).reduce((sum, r, i) => sum + rowH(r, size) + (i ? GAP : 0), 0);

  const pages = paginate({ items: slide.cards, available: B.h, max: t.sizes.body, floor: t.fit.bodyFloor, absoluteFloor: t.fit.absoluteFloor, height });
  const diagnostics = pages.flatMap((p) => (p.oversize ? [oversizeDiagnostic(slide, p.items[0]?.body ?? '', p.size, p.oversize.fits, ctx)] : []));
  const parts: Part[] = pages.map((page) => {
    const lh = lineHeightPt(t, page.size);
    const elements: Element[] = [titleRule(t, B)];
    let y: number = B.y;
    for (const row of rowsOf(page.items)) {
      const h = rowH(row, page.size);
      row.forEach((c, i) => {
        const x = B.x + i * (cardW + GAP);
        elements.push(rect(frame(x, y, cardW, h), t.colors.panel));
        elements.push(rect(frame(x, y, BAR, h), t.colors.accent));
        elements.push(
          textBox(
            frame(x + BAR, y, cardW - BAR, h),
            [
              para([{ text: c.title, bold: true, color: t.colors.title }, ...(c.badge ? [{ text: `  ${c.badge}`, color: t.colors.accent, bold: true }] : [])]),
              ...(c.subtitle ? [para([{ text: c.subtitle, color: t.colors.muted, size: scaledSize(page.size, 0.85) }])] : []),
              para(withRef(c.body, c.ref, t, page.size), { spaceBefore: 6 }),
            ],
            { font: t.fonts.body, size: page.size, lineHeight: lh, color: t.colors.panelText, inset: INSET },
          ),
        );
      });
      y += h + GAP;
    }
    return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((c) => `${c.title}: ${c.body}`) };
  });
  return { parts, diagnostics };
}
