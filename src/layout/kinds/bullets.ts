/**
 * Bullet slides: an optional lead statement in a panel, then a bulleted list.
 * The list shrinks to the body floor, then continues on further slides.
 */
import type { Item, SlideOf } from '../../compose/ir.ts';
import type { LayoutContext, KindResult, Part } from '../context.ts';
import { lineHeightPt, measureParas, type MeasuredPara } from '../fit.ts';
import { textWidthIn, type FontFace } from '../measure.ts';
import { frame, GRID, para, plain, rect, textBox, titleRule, withRef } from '../grid.ts';
import { paginate } from '../paginate.ts';
import type { Element, Paragraph } from '../placed.ts';
import { oversizeDiagnostic } from './oversize.ts';

const LEAD_INSET = 0.16;
const LEAD_BAR = 0.08;
const LEAD_GAP = 0.28;
export const BULLET_INDENT = 0.32;

/** The paragraphs a list of items measures as, at `size`. */
export function itemParas(items: Item[], size: number, face: FontFace): MeasuredPara[] {
  return items.map((it) => ({
    text: plain(it.label ? `${it.label} ${it.text}` : it.text, it.ref),
    extraWidth: it.label ? labelExtra(`${it.label} `, face, size) : 0,
    indent: BULLET_INDENT * (it.level + 1),
    spaceBefore: size * 0.5,
  }));
}

/** How much wider a label is set bold than the regular text it is measured as. */
export function labelExtra(label: string, face: FontFace, size: number): number {
  return Math.max(0, textWidthIn(label, { face, sizePt: size, bold: true }) - textWidthIn(label, { face, sizePt: size }));
}

/** The placed paragraphs of a list of items. */
export function itemParagraphs(items: Item[], size: number, ctx: LayoutContext): Paragraph[] {
  return items.map((it, i) =>
    para(
      [...(it.label ? [{ text: `${it.label} `, bold: true }] : []), ...withRef(it.text, it.ref, ctx.theme, size)],
      { bullet: { indent: BULLET_INDENT, level: it.level }, spaceBefore: i > 0 ? size * 0.5 : 0 },
    ),
  );
}

export function layoutBullets(slide: SlideOf<'bullets'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.body };
  const B = ctx.body;
  const leadW = B.w - LEAD_BAR;
  const leadHeight = (size: number) => (slide.lead ? measureParas(fc, [{ text: plain(slide.lead, slide.leadRef), bold: true }], size, leadW, LEAD_INSET).height : 0);

  const pages = paginate({
    items: slide.items,
    available: B.h,
    max: t.sizes.body,
    floor: t.fit.bodyFloor,
    absoluteFloor: t.fit.absoluteFloor,
    height: (items, size, index) => {
      const lead = index === 0 && slide.lead ? leadHeight(size) + (items.length ? LEAD_GAP : 0) : 0;
      return lead + (items.length ? measureParas(fc, itemParas(items, size, fc.face), size, B.w, GRID.inset).height : 0);
    },
  });

  // When the lead alone overfills the first page, it is the lead that is too long, not item 1.
  const leadTooLong = slide.lead !== undefined && leadHeight(t.fit.bodyFloor) > B.h;
  const culprit = (p: (typeof pages)[number], i: number) => (i === 0 && leadTooLong ? slide.lead : p.items[0]?.text) ?? slide.lead ?? '';
  const diagnostics = pages.flatMap((p, i) => (p.oversize ? [oversizeDiagnostic(slide, culprit(p, i), p.size, p.oversize.fits, ctx)] : []));
  const parts: Part[] = pages.map((page, index) => {
    const elements: Element[] = [titleRule(t, B)];
    let y: number = B.y;
    const lh = lineHeightPt(t, page.size);
    if (index === 0 && slide.lead) {
      const h = leadHeight(page.size);
      elements.push(rect(frame(B.x, y, B.w, h), t.colors.panel));
      elements.push(rect(frame(B.x, y, LEAD_BAR, h), t.colors.accent));
      elements.push(
        textBox(frame(B.x + LEAD_BAR, y, leadW, h), [para(withRef(slide.lead, slide.leadRef, t, page.size))], {
          font: t.fonts.body,
          size: page.size,
          lineHeight: lh,
          color: t.colors.title,
          bold: true,
          inset: LEAD_INSET,
          valign: 'middle',
        }),
      );
      y += h + LEAD_GAP;
    }
    if (page.items.length) {
      elements.push(
        textBox(frame(B.x, y, B.w, B.y + B.h - y), itemParagraphs(page.items, page.size, ctx), {
          font: t.fonts.body,
          size: page.size,
          lineHeight: lh,
          color: t.colors.text,
        }),
      );
    }
    return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((i) => i.text) };
  });
  return { parts, diagnostics };
}
