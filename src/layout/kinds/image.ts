/**
 * A figure: the image scaled to fit the body (aspect kept), caption and credit beneath.
 */
import type { SlideOf } from '../../compose/ir.ts';
import { error } from '../../diagnostics.ts';
import type { KindResult, LayoutContext } from '../context.ts';
import { fitParas, lineHeightPt } from '../fit.ts';
import { oversizeDiagnostic } from './oversize.ts';
import { frame, GRID, para, textBox, titleRule } from '../grid.ts';
import type { Element } from '../placed.ts';

export function layoutImage(slide: SlideOf<'image'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const B = ctx.body;
  const img = ctx.images?.get(slide.path);
  if (!img) {
    return { parts: [], diagnostics: [error('E_IMAGE', `image "${slide.path}" could not be found or read`, { ...slide.loc, hint: 'image paths are relative to the brief' })] };
  }
  const fc = { theme: t, face: t.fonts.body };
  const caption = [slide.caption, slide.credit ? `Credit: ${slide.credit}` : undefined].filter((s): s is string => !!s).join(' · ');
  // The caption gets at most a third of the body; it shrinks to fit, and says so if it cannot.
  const band = { w: B.w, h: B.h / 3 };
  const fit = caption ? fitParas(fc, [{ text: caption }], band, GRID.inset, t.sizes.ref + 3, t.fit.absoluteFloor) : undefined;
  const size = fit?.size ?? t.fit.absoluteFloor;
  const capH = caption ? Math.min(fit?.height ?? band.h, band.h) : 0;
  const diagnostics = caption && !fit ? [oversizeDiagnostic(slide, slide.credit ?? slide.caption ?? caption, size, false, ctx)] : [];
  const maxH = B.h - capH - (caption ? 0.15 : 0);
  const scale = Math.min(B.w / img.widthPx, maxH / img.heightPx);
  const w = img.widthPx * scale;
  const h = img.heightPx * scale;
  const elements: Element[] = [titleRule(t, B), { kind: 'image', frame: frame(B.x + (B.w - w) / 2, B.y, w, h), path: img.abs, alt: slide.alt }];
  if (caption) {
    elements.push(textBox(frame(B.x, B.y + h + 0.15, B.w, capH), [para(caption)], { font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.muted, align: 'center' }));
  }
  return { parts: [{ master: 'CONTENT', elements, notes: slide.notes }], diagnostics };
}
