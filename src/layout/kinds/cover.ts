/**
 * Cover-style slides on the dark cover background: the title slide, section dividers and the
 * closing slide. They place their own titles. Every block of text is fitted to its frame; one
 * that fits only below the body floor is a warning, one that does not fit at all an error.
 */
import type { Slide, SlideOf } from '../../compose/ir.ts';
import type { Diagnostic } from '../../diagnostics.ts';
import type { KindResult, LayoutContext, Part } from '../context.ts';
import { fitParas, measureParas, type MeasuredPara, lineHeightPt } from '../fit.ts';
import { frame, GRID, para, rect, textBox } from '../grid.ts';
import { paginate } from '../paginate.ts';
import type { Element, Frame, Paragraph, TextElement } from '../placed.ts';
import { fitTitle, partTitle } from '../title.ts';
import { itemParagraphs, itemParas } from './bullets.ts';
import { oversizeDiagnostic } from './oversize.ts';
import { SLIDE } from '../../units.ts';

const X = 0.9;
const W = SLIDE.width - 1.8;
const BOTTOM = 6.65;

function coverTitle(text: string, f: Frame, slide: Slide, max: number, ctx: LayoutContext) {
  const t = ctx.theme;
  const fit = fitTitle(text, f, GRID.inset, max, ctx, slide.loc);
  const el = textBox(f, [para(text)], { font: t.fonts.heading, size: fit.size, lineHeight: fit.lineHeight, color: t.colors.coverText, bold: true, valign: 'bottom', role: 'title' });
  return { el, diagnostics: fit.diagnostic ? [fit.diagnostic] : [] };
}

/**
 * Paragraphs fitted into a frame at most `maxH` tall, from `max` down to the absolute floor,
 * and measured to their height. Below the body floor is a warning; not fitting, an error.
 */
function fitted(
  slide: Slide,
  paras: MeasuredPara[],
  placed: (size: number) => Paragraph[],
  f: { x: number; y: number; w: number; maxH: number },
  max: number,
  ctx: LayoutContext,
  style: { color: string; bold?: boolean },
): { el: TextElement; diagnostics: Diagnostic[] } {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.body };
  const fit = fitParas(fc, paras, { w: f.w, h: f.maxH }, GRID.inset, max, t.fit.absoluteFloor);
  const size = fit?.size ?? t.fit.absoluteFloor;
  const height = fit?.height ?? f.maxH;
  // Below the floor is worth a warning only when the text, not a deliberate cap, put it there.
  const diagnostics = !fit || size < Math.min(max, t.fit.bodyFloor) ? [oversizeDiagnostic(slide, paras[0]?.text ?? '', size, fit !== undefined, ctx)] : [];
  const el = textBox(frame(f.x, f.y, f.w, Math.min(height, f.maxH)), placed(size), { font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), ...style });
  return { el, diagnostics };
}

function block(slide: Slide, text: string, f: { x: number; y: number; w: number; maxH: number }, max: number, ctx: LayoutContext, color: string, bold = false) {
  return fitted(slide, [{ text, bold }], () => [para(text)], f, max, ctx, { color, bold });
}

export function layoutTitle(slide: SlideOf<'title'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const { el, diagnostics } = coverTitle(slide.title, GRID.coverTitle.TITLE, slide, t.sizes.coverTitle, ctx);
  const elements: Element[] = [rect(frame(X, 3.55, 1.6, 0.08), t.colors.accent)];
  if (slide.subtitle) {
    // A subtitle never outranks the title it stands under.
    const b = block(slide, slide.subtitle, { x: X, y: 3.8, w: W, maxH: 1.2 }, Math.min(t.sizes.body + 2, el.size), ctx, t.colors.coverMuted);
    elements.push(b.el);
    diagnostics.push(...b.diagnostics);
  }
  if (slide.lines.length) {
    const paras = slide.lines.map((text) => ({ text, spaceBefore: 4 }));
    const maxH = 1.45;
    const b = fitted(slide, paras, () => slide.lines.map((l, i) => para(l, { spaceBefore: i ? 4 : 0 })), { x: X, y: BOTTOM - maxH, w: W, maxH }, t.fit.bodyFloor, ctx, { color: t.colors.coverText });
    // Sit the lines on the bottom edge of their band.
    b.el.frame = frame(X, BOTTOM - b.el.frame.h, W, b.el.frame.h);
    elements.push(b.el);
    diagnostics.push(...b.diagnostics);
  }
  return { parts: [{ master: 'TITLE', titleElement: el, elements, notes: slide.notes }], diagnostics };
}

export function layoutSection(slide: SlideOf<'section'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const { el, diagnostics } = coverTitle(slide.title, GRID.coverTitle.SECTION, slide, t.sizes.coverTitle - 4, ctx);
  const elements: Element[] = [rect(frame(X, 4.55, 1.6, 0.08), t.colors.accent)];
  for (const [text, f, max, color, bold] of [
    [slide.kicker?.toUpperCase(), { x: X, y: 1.85, w: W, maxH: 0.6 }, t.fit.bodyFloor + 2, t.colors.accent, true],
    [slide.subtitle, { x: X, y: 4.8, w: W, maxH: 1.6 }, t.sizes.body, t.colors.coverMuted, false],
  ] as const) {
    if (!text) continue;
    const b = block(slide, text, f, max, ctx, color, bold);
    elements.push(b.el);
    diagnostics.push(...b.diagnostics);
  }
  return { parts: [{ master: 'SECTION', titleElement: el, elements, notes: slide.notes }], diagnostics };
}

/** The closing slide: the recap, then the questions, continuing onto further slides if long. */
export function layoutClosing(slide: SlideOf<'closing'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.body };
  const diagnostics: Diagnostic[] = [];
  const top = 2.2;
  const recap = slide.subtitle ? block(slide, slide.subtitle, { x: X, y: top, w: W, maxH: 1.6 }, t.sizes.body, ctx, t.colors.coverMuted) : undefined;
  if (recap) diagnostics.push(...recap.diagnostics);
  const listTop = (index: number) => (index === 0 && recap ? top + recap.el.frame.h + 0.3 : top);
  const pages = paginate({
    items: slide.items,
    available: BOTTOM - top,
    max: t.sizes.body,
    floor: t.fit.bodyFloor,
    absoluteFloor: t.fit.absoluteFloor,
    height: (items, size, index) => listTop(index) - top + (items.length ? measureParas(fc, itemParas(items, size, fc.face), size, W, GRID.inset).height : 0),
  });
  const parts: Part[] = pages.map((page, index) => {
    if (page.oversize) diagnostics.push(oversizeDiagnostic(slide, page.items[0]?.text ?? '', page.size, page.oversize.fits, ctx));
    const title = coverTitle(partTitle(slide.title, index, pages.length), GRID.coverTitle.CLOSING, slide, t.sizes.coverTitle, ctx);
    if (!diagnostics.some((d) => d.code === 'W_TITLE_TOO_LONG')) diagnostics.push(...title.diagnostics);
    const elements: Element[] = [rect(frame(X, 1.92, 1.6, 0.08), t.colors.accent)];
    if (index === 0 && recap) elements.push(recap.el);
    if (page.items.length) {
      const y = listTop(index);
      const lh = lineHeightPt(t, page.size);
      elements.push(textBox(frame(X, y, W, BOTTOM - y), itemParagraphs(page.items, page.size, ctx), { font: t.fonts.body, size: page.size, lineHeight: lh, color: t.colors.coverText }));
    }
    return { master: 'CLOSING', titleElement: title.el, elements, notes: slide.notes, itemTexts: page.items.map((i) => i.text) };
  });
  return { parts, diagnostics };
}
