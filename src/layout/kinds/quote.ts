/**
 * Quotes: each quotation with a large accent quote mark and an attribution line. Reported
 * statements (paraphrased by the source) get a "Reported" label and no quotation marks.
 */
import type { QuoteItem, SlideOf } from '../../compose/ir.ts';
import type { KindResult, LayoutContext, Part } from '../context.ts';
import { measureParas, type MeasuredPara, lineHeightPt } from '../fit.ts';
import { frame, GRID, NBSP, para, textBox, titleRule } from '../grid.ts';
import { paginate } from '../paginate.ts';
import type { Element } from '../placed.ts';
import { oversizeDiagnostic } from './oversize.ts';

const MARK_W = 0.9;
const GAP = 0.35;

function attribution(q: QuoteItem): string {
  return `— ${q.speaker}${q.role ? `, ${q.role}` : ''}${q.ref ? `${NBSP}${q.ref}` : ''}`;
}

function body(q: QuoteItem): string {
  return q.kind === 'direct' ? `“${q.text}”` : q.text;
}

export function layoutQuote(slide: SlideOf<'quote'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.body };
  const B = ctx.body;
  const textW = B.w - MARK_W;
  const max = Math.max(t.sizes.body + 2, t.fit.bodyFloor);
  const paras = (q: QuoteItem): MeasuredPara[] => [
    ...(q.kind === 'reported' ? [{ text: 'REPORTED STATEMENT', bold: true }] : []),
    { text: body(q), italic: q.kind === 'direct', spaceBefore: 4 },
    { text: attribution(q), spaceBefore: 8 },
  ];
  const quoteH = (q: QuoteItem, size: number) => measureParas(fc, paras(q), size, textW, GRID.inset).height;
  const height = (qs: QuoteItem[], size: number) => qs.reduce((s, q, i) => s + quoteH(q, size) + (i ? GAP : 0), 0);
  const pages = paginate({ items: slide.quotes, available: B.h, max, floor: t.fit.bodyFloor, absoluteFloor: t.fit.absoluteFloor, height });
  const diagnostics = pages.flatMap((p) => (p.oversize ? [oversizeDiagnostic(slide, p.items[0]?.text ?? '', p.size, p.oversize.fits, ctx)] : []));
  const parts: Part[] = pages.map((page) => {
    const lh = lineHeightPt(t, page.size);
    const elements: Element[] = [titleRule(t, B)];
    // Spread the quotes over the body so one or two quotes do not huddle at the top.
    const used = height(page.items, page.size);
    const spare = Math.max(0, B.h - used) / (page.items.length + 1);
    let y = B.y + Math.min(spare, 0.4);
    for (const q of page.items) {
      const h = quoteH(q, page.size);
      const markSize = 60;
      if (q.kind === 'direct') elements.push(
        textBox(frame(B.x, y - 0.1, MARK_W - 0.1, 0.9), [para('“')], {
          font: t.fonts.heading,
          size: markSize,
          lineHeight: markSize,
          color: t.colors.accent,
          bold: true,
          inset: 0,
          role: 'body',
        }),
      );
      elements.push(
        textBox(
          frame(B.x + MARK_W, y, textW, h),
          [
            ...(q.kind === 'reported' ? [para([{ text: 'REPORTED STATEMENT', bold: true, color: t.colors.accent }])] : []),
            para([{ text: body(q), italic: q.kind === 'direct' }], { spaceBefore: 4 }),
            para([{ text: attribution(q), color: t.colors.muted }], { spaceBefore: 8 }),
          ],
          { font: t.fonts.body, size: page.size, lineHeight: lh, color: t.colors.text },
        ),
      );
      y += h + Math.max(GAP, Math.min(spare, 0.6));
    }
    return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((q) => `${q.speaker}: ${q.text}`) };
  });
  return { parts, diagnostics };
}
