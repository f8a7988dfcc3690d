/**
 * Two-column comparison: two panels under heading bars, with an optional full-width callout
 * (e.g. the risk) under them. Columns split in step: part k shows the k-th run of each.
 */
import type { SlideOf } from '../../compose/ir.ts';
import type { KindResult, LayoutContext, Part } from '../context.ts';
import { measureParas, lineHeightPt } from '../fit.ts';
import { frame, headingBar, para, plain, rect, textBox, titleRule, withRef } from '../grid.ts';
import { paginate } from '../paginate.ts';
import type { Element } from '../placed.ts';
import { itemParagraphs, itemParas } from './bullets.ts';
import { oversizeDiagnostic } from './oversize.ts';

const GAP = 0.3;
const HEAD_INSET = 0.08;
const PANEL_INSET = 0.12;
const CALLOUT_GAP = 0.25;
const LABEL_W = 1.3;

export function layoutComparison(slide: SlideOf<'comparison'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.body };
  const B = ctx.body;
  const colW = (B.w - GAP) / 2;
  const cols = [slide.left, slide.right];
  const rows = Array.from({ length: Math.max(slide.left.items.length, slide.right.items.length) }, (_, i) => i);
  const headH = (size: number) => Math.max(...cols.map((c) => measureParas({ ...fc, face: t.fonts.heading }, [{ text: c.heading, bold: true }], size, colW, HEAD_INSET).height));
  const calloutH = (size: number) =>
    slide.callout
      ? Math.max(
          measureParas(fc, [{ text: plain(slide.callout.text, slide.callout.ref) }], size, B.w - LABEL_W, PANEL_INSET).height,
          measureParas({ ...fc, face: t.fonts.heading }, [{ text: slide.callout.label.toUpperCase(), bold: true }], size, LABEL_W, PANEL_INSET).height,
        )
      : 0;
  const listH = (idx: number[], size: number) =>
    Math.max(...cols.map((c) => measureParas(fc, itemParas(idx.map((i) => c.items[i]).filter((x) => x !== undefined), size, fc.face), size, colW, PANEL_INSET).height));
  // The callout sits under the last part; reserve its room on every part so all parts share a size.
  const height = (idx: number[], size: number) => headH(size) + listH(idx, size) + (slide.callout ? calloutH(size) + CALLOUT_GAP : 0);

  const pages = paginate({ items: rows, available: B.h, max: t.sizes.body, floor: t.fit.bodyFloor, absoluteFloor: t.fit.absoluteFloor, height });
  const diagnostics = pages.flatMap((p) => {
    if (!p.oversize) return [];
    const i = p.items[0] ?? 0;
    const text = [slide.left.items[i]?.text ?? '', slide.right.items[i]?.text ?? '', slide.callout?.text ?? ''].sort((a, b) => b.length - a.length)[0] ?? '';
    return [oversizeDiagnostic(slide, text, p.size, p.oversize.fits, ctx)];
  });
  const parts: Part[] = pages.map((page, index) => {
    const lh = lineHeightPt(t, page.size);
    const hh = headH(page.size);
    const bodyBottom = B.y + B.h - (slide.callout ? calloutH(page.size) + CALLOUT_GAP : 0);
    const elements: Element[] = [titleRule(t, B)];
    cols.forEach((c, ci) => {
      const x = B.x + ci * (colW + GAP);
      const items = page.items.map((i) => c.items[i]).filter((it) => it !== undefined);
      elements.push(rect(frame(x, B.y, colW, bodyBottom - B.y), t.colors.panel));
      elements.push(headingBar(frame(x, B.y, colW, hh), c.heading, t, page.size, lh, HEAD_INSET));
      if (items.length) {
        elements.push(
          textBox(frame(x, B.y + hh, colW, bodyBottom - B.y - hh), itemParagraphs(items, page.size, ctx), {
            font: t.fonts.body,
            size: page.size,
            lineHeight: lh,
            color: t.colors.panelText,
            inset: PANEL_INSET,
          }),
        );
      }
    });
    if (slide.callout && index === pages.length - 1) {
      const h = calloutH(page.size);
      const y = B.y + B.h - h;
      elements.push(rect(frame(B.x, y, B.w, h), t.colors.background, 'rect', { color: t.colors.accent, width: 1.5 }));
      elements.push(
        textBox(frame(B.x, y, LABEL_W, h), [para(slide.callout.label.toUpperCase())], {
          font: t.fonts.heading,
          size: page.size,
          lineHeight: lh,
          color: t.colors.accentText,
          bold: true,
          fill: t.colors.accent,
          align: 'center',
          valign: 'middle',
          inset: PANEL_INSET,
        }),
      );
      elements.push(
        textBox(frame(B.x + LABEL_W, y, B.w - LABEL_W, h), [para(withRef(slide.callout.text, slide.callout.ref, t, page.size))], {
          font: t.fonts.body,
          size: page.size,
          lineHeight: lh,
          color: t.colors.text,
          valign: 'middle',
          inset: PANEL_INSET,
        }),
      );
    }
    const texts = page.items.flatMap((i) => [slide.left.items[i]?.text, slide.right.items[i]?.text]).filter((s): s is string => !!s);
    return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: texts };
  });
  return { parts, diagnostics };
}
