/**
 * The outline: numbered rows, each a number disc beside the item text.
 */
import type { Item, SlideOf } from '../../compose/ir.ts';
import type { KindResult, LayoutContext, Part } from '../context.ts';
import { measureParas, lineHeightPt } from '../fit.ts';
import { frame, GRID, para, rect, textBox, titleRule } from '../grid.ts';
import { paginate } from '../paginate.ts';
import type { Element } from '../placed.ts';
import { oversizeDiagnostic } from './oversize.ts';

const DISC = 0.5;
const TEXT_X = 0.8;
const ROW_GAP = 0.16;

export function layoutAgenda(slide: SlideOf<'agenda'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.body };
  const B = ctx.body;
  const numbered = slide.items.map((it, i) => ({ ...it, n: i + 1 }));
  const rowH = (it: Item, size: number) => Math.max(DISC, measureParas(fc, [{ text: it.text }], size, B.w - TEXT_X, GRID.inset).height);
  const height = (items: typeof numbered, size: number) => items.reduce((s, it, i) => s + rowH(it, size) + (i ? ROW_GAP : 0), 0);
  const pages = paginate({ items: numbered, available: B.h, max: t.sizes.body + 2, floor: t.fit.bodyFloor, absoluteFloor: t.fit.absoluteFloor, height });
  const diagnostics = pages.flatMap((p) => (p.oversize ? [oversizeDiagnostic(slide, p.items[0]?.text ?? '', p.size, p.oversize.fits, ctx)] : []));
  const parts: Part[] = pages.map((page) => {
    const lh = lineHeightPt(t, page.size);
    const elements: Element[] = [titleRule(t, B)];
    let y: number = B.y;
    for (const it of page.items) {
      const h = rowH(it, page.size);
      const discY = y + (h - DISC) / 2;
      elements.push(rect(frame(B.x, discY, DISC, DISC), t.colors.accent, 'ellipse'));
      elements.push(
        textBox(frame(B.x, discY, DISC, DISC), [para(String(it.n))], {
          font: t.fonts.heading,
          size: 16,
          lineHeight: 16,
          color: t.colors.accentText,
          bold: true,
          align: 'center',
          valign: 'middle',
          inset: 0,
        }),
      );
      elements.push(textBox(frame(B.x + TEXT_X, y, B.w - TEXT_X, h), [para(it.text)], { font: t.fonts.body, size: page.size, lineHeight: lh, color: t.colors.text, valign: 'middle' }));
      y += h + ROW_GAP;
    }
    return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((i) => i.text) };
  });
  return { parts, diagnostics };
}
