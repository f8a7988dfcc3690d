/**
 * Cover-style slides on the dark cover background: the title slide, section dividers and the
 * closing slide. They place their own titles.
 */
import type { SlideOf } from '../../compose/ir.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import type { KindResult, LayoutContext } from '../context.ts';
import { fitParas, measureParas } from '../fit.ts';
import { frame, GRID, para, rect, textBox } from '../grid.ts';
import type { Element, Frame } from '../placed.ts';
import { fitTitle } from '../title.ts';
import { itemParagraphs, itemParas } from './bullets.ts';
import { oversizeDiagnostic } from './oversize.ts';
import { SLIDE } from '../../units.ts';

const X = 0.9;
const W = SLIDE.width - 1.8;

function coverTitle(text: string, f: Frame, slide: { loc: SlideOf<'title'>['loc'] }, max: number, ctx: LayoutContext, valign: 'top' | 'bottom') {
  const t = ctx.theme;
  const fit = fitTitle(text, f, GRID.inset, max, ctx, slide.loc);
  const el = textBox(f, [para(text)], { font: t.fonts.heading, size: fit.size, lineHeight: fit.lineHeight, color: t.colors.coverText, bold: true, valign, role: 'title' });
  return { el, diagnostics: fit.diagnostic ? [fit.diagnostic] : [] };
}

/** A text block measured to its height, fitted between max and floor in `maxH`. */
function block(text: string, x: number, y: number, w: number, maxH: number, max: number, ctx: LayoutContext, color: string, bold = false) {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.body };
  const fit = fitParas(fc, [{ text, bold }], { w, h: maxH }, GRID.inset, max, t.fit.absoluteFloor) ?? measureParas(fc, [{ text, bold }], t.fit.absoluteFloor, w, GRID.inset);
  return textBox(frame(x, y, w, Math.min(fit.height, maxH)), [para(text)], { font: t.fonts.body, size: fit.size, lineHeight: fit.lineHeight, color, bold });
}

export function layoutTitle(slide: SlideOf<'title'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const { el, diagnostics } = coverTitle(slide.title, GRID.coverTitle.TITLE, slide, t.sizes.coverTitle, ctx, 'bottom');
  const elements: Element[] = [rect(frame(X, 3.55, 1.6, 0.08), t.colors.accent)];
  if (slide.subtitle) elements.push(block(slide.subtitle, X, 3.8, W, 1.2, t.sizes.body + 2, ctx, t.colors.coverMuted));
  if (slide.lines.length) {
    const fc = { theme: t, face: t.fonts.body };
    const paras = slide.lines.map((text) => ({ text, spaceBefore: 4 }));
    const f = { w: W, h: 1.45 };
    const fit = fitParas(fc, paras, f, GRID.inset, t.fit.bodyFloor, t.fit.absoluteFloor) ?? measureParas(fc, paras, t.fit.absoluteFloor, W, GRID.inset);
    elements.push(
      textBox(frame(X, 6.65 - fit.height, W, fit.height), slide.lines.map((l, i) => para(l, { spaceBefore: i ? 4 : 0 })), {
        font: t.fonts.body,
        size: fit.size,
        lineHeight: fit.lineHeight,
        color: t.colors.coverText,
      }),
    );
  }
  return { parts: [{ master: 'TITLE', titleElement: el, elements, notes: slide.notes }], diagnostics };
}

export function layoutSection(slide: SlideOf<'section'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const { el, diagnostics } = coverTitle(slide.title, GRID.coverTitle.SECTION, slide, t.sizes.coverTitle - 4, ctx, 'bottom');
  const elements: Element[] = [rect(frame(X, 4.55, 1.6, 0.08), t.colors.accent)];
  if (slide.kicker) elements.push(block(slide.kicker.toUpperCase(), X, 1.85, W, 0.6, t.fit.bodyFloor + 2, ctx, t.colors.accent, true));
  if (slide.subtitle) elements.push(block(slide.subtitle, X, 4.8, W, 1.6, t.sizes.body, ctx, t.colors.coverMuted));
  return { parts: [{ master: 'SECTION', titleElement: el, elements, notes: slide.notes }], diagnostics };
}

export function layoutClosing(slide: SlideOf<'closing'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const { el, diagnostics } = coverTitle(slide.title, GRID.coverTitle.CLOSING, slide, t.sizes.coverTitle, ctx, 'bottom');
  const diags: Diagnostic[] = [...diagnostics];
  const elements: Element[] = [rect(frame(X, 1.92, 1.6, 0.08), t.colors.accent)];
  let y = 2.2;
  if (slide.subtitle) {
    const b = block(slide.subtitle, X, y, W, 1.6, t.sizes.body, ctx, t.colors.coverMuted);
    elements.push(b);
    y += b.frame.h + 0.3;
  }
  if (slide.items.length) {
    const fc = { theme: t, face: t.fonts.body };
    const h = 6.65 - y;
    const fits = (size: number) => measureParas(fc, itemParas(slide.items, size), size, W, GRID.inset).height <= h;
    let size = t.sizes.body;
    while (size > t.fit.absoluteFloor && !fits(size)) size -= 0.5;
    if (size < t.fit.bodyFloor) diags.push(oversizeDiagnostic(slide, slide.items[0]?.text ?? '', size, fits(size), ctx));
    const lh = measureParas(fc, [], size, 1, 0).lineHeight;
    elements.push(textBox(frame(X, y, W, h), itemParagraphs(slide.items, size, ctx), { font: t.fonts.body, size, lineHeight: lh, color: t.colors.coverText }));
  }
  return { parts: [{ master: 'CLOSING', titleElement: el, elements, notes: slide.notes }], diagnostics: diags };
}
