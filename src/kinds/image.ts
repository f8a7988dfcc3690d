/**
 * A figure: the image in the body above its caption and credit line. `contain` shows the whole
 * image at its aspect ratio; `cover` fills the figure box and is cropped to it (at render, on
 * the pixels, so the deck carries no hidden picture). Credits read as wire credits do:
 * "(AP Photo/Ahn Young-joon)".
 */
import type { FieldPath } from '../compose/ir.ts';
import { error } from '../diagnostics.ts';
import { fitBlock, lineHeightPt } from '../layout/fit.ts';
import { frame, para, titleRule } from '../layout/grid.ts';
import { oversizeDiagnostic } from '../layout/oversize.ts';
import type { Element } from '../layout/placed.ts';
import { placeBlock, portionRuns, textBlock } from '../layout/text.ts';
import type { KindModule } from './kind.ts';

export interface ImageSlide {
  layout: 'image';
  path: string;
  alt: string;
  /** Default contain. */
  fit?: 'contain' | 'cover';
  decorative?: boolean;
  caption?: string;
  credit?: string;
  /** The brief field the credit (else the caption) came from. */
  origin?: FieldPath;
  /** Portion mark of the brief's image, shown before its caption. */
  portion?: string;
}

const CAPTION_GAP = 0.15;

export const image: KindModule<ImageSlide> = {
  vocabulary: { children: ['image'], elements: { image: { attrs: ['!path', 'alt', 'caption', 'credit', 'fit', 'decorative'], text: false } } },

  read(r, slide) {
    const img = r.first('image');
    if (!img) r.fail(slide, 'an image slide needs an <image> element');
    const fit = r.attr(img, 'fit') ?? 'contain';
    if (img && fit !== 'contain' && fit !== 'cover') r.badAttr(img, `fit="${fit}" is not contain or cover`);
    const decorative = r.attr(img, 'decorative') === 'true';
    const alt = r.attr(img, 'alt') ?? '';
    // The brief requires alt text unless decorative; a template that drops it is lint's W_IMAGE_NO_ALT.
    return {
      path: r.rawAttr(img, 'path') ?? '',
      alt,
      fit: fit === 'cover' ? 'cover' : 'contain',
      decorative,
      caption: r.attr(img, 'caption'),
      credit: r.attr(img, 'credit'),
      origin: r.attrOrigin(img, 'credit') ?? r.attrOrigin(img, 'caption'),
      portion: r.portion(img, 'alt'),
    };
  },

  layout(slide, ctx) {
    const t = ctx.theme;
    const B = ctx.body;
    const img = ctx.images?.get(slide.path);
    if (!img) {
      return { parts: [], diagnostics: [error('E_IMAGE', `image "${slide.path}" could not be found or read`, { ...slide.loc, hint: 'image paths are relative to the brief' })] };
    }
    const caption = [slide.caption, slide.credit ? creditLine(slide.credit) : undefined].filter((s): s is string => !!s).join(' ');
    const captionBlock = (size: number) => textBlock([para([...portionRuns(slide.portion), { text: caption }])], { font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.muted, align: 'center', role: 'reference' });
    // The caption gets at most a third of the body; it shrinks to fit, and says so if it cannot.
    const band = { w: B.w, h: B.h / 3 };
    const fit = caption ? fitBlock(t, captionBlock, band, t.sizes.ref + 3, t.fit.absoluteFloor) : undefined;
    const capH = caption ? Math.min(fit?.measure.height ?? band.h, band.h) : 0;
    const culprit = { text: slide.credit ?? slide.caption ?? caption, origin: slide.origin };
    const diagnostics = caption && !fit ? [oversizeDiagnostic(slide, culprit, t.fit.absoluteFloor, false, ctx)] : [];
    const maxH = B.h - capH - (caption ? CAPTION_GAP : 0);
    const scale = Math.min(B.w / img.widthPx, maxH / img.heightPx);
    const w = slide.fit === 'cover' ? B.w : img.widthPx * scale;
    const h = slide.fit === 'cover' ? maxH : img.heightPx * scale;
    const elements: Element[] = [titleRule(t, B), { kind: 'image', frame: frame(B.x + (B.w - w) / 2, B.y, w, h), path: img.abs, alt: slide.alt, fit: slide.fit, decorative: slide.decorative }];
    if (caption) elements.push(placeBlock(fit?.block ?? captionBlock(t.fit.absoluteFloor), frame(B.x, B.y + h + CAPTION_GAP, B.w, capH)));
    return { parts: [{ master: 'CONTENT', elements, notes: slide.notes }], diagnostics };
  },
};

/** A credit as wire services print it: "AP Photo/Ahn Young-joon" becomes "(AP Photo/Ahn Young-joon)". */
export function creditLine(credit: string): string {
  const c = credit.trim();
  return /^\(.*\)$/.test(c) ? c : `(${c})`;
}
