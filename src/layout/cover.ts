/**
 * What the cover-style slides share (title, section dividers, closing): they sit on the dark
 * cover background and place their own titles. Every block of text is fitted to its frame; one
 * that fits only below the body floor is a warning, one that does not fit at all an error.
 */
import type { Slide } from '../compose/ir.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { LayoutContext } from './context.ts';
import { fitBlock, lineHeightPt } from './fit.ts';
import { frame, GRID, para } from './grid.ts';
import { oversizeDiagnostic, type Culprit } from './oversize.ts';
import type { Frame, MasterName, Paragraph, TextElement } from './placed.ts';
import { placeBlock, textBlock, type TextBlock } from './text.ts';
import { fitTitle } from './title.ts';
import { SLIDE } from '../units.ts';

export const COVER_X = 0.9;
export const COVER_W = SLIDE.width - 1.8;
export const COVER_BOTTOM = 6.65;
/** The accent rule over the title slide's subtitle and lines, and over the closing slide's recap. */
export const TITLE_RULE_Y = 3.55;
export const CLOSING_RULE_Y = 1.92;
/** The section slide's kicker band, the accent rule under its title, and its subtitle band. */
export const SECTION_KICKER = { y: 1.85, h: 0.6 };
export const SECTION_RULE_Y = 4.55;
export const SECTION_SUBTITLE = { y: 4.8, h: 1.6 };

export type CoverMaster = Exclude<MasterName, 'CONTENT'>;

/**
 * What each cover-style master's slides may draw besides the banners, footer and slide number:
 * the title placeholder and the bands its kind sets text in, whatever a slide holds. A picture
 * on the master (the theme's logo) is drawn only where it is clear of all of them, as slides
 * cannot move a master's picture out of the way. The kinds place their text inside these.
 */
export const COVER_ZONES: Record<CoverMaster, ReadonlyArray<readonly [string, Frame]>> = {
  TITLE: [
    ['the cover title', GRID.coverTitle.TITLE],
    ['the subtitle and the lines under it', frame(COVER_X, TITLE_RULE_Y, COVER_W, COVER_BOTTOM - TITLE_RULE_Y)],
  ],
  SECTION: [
    ['the kicker', frame(COVER_X, SECTION_KICKER.y, COVER_W, SECTION_KICKER.h)],
    ['the section title', GRID.coverTitle.SECTION],
    ['the subtitle', frame(COVER_X, SECTION_RULE_Y, COVER_W, SECTION_SUBTITLE.y + SECTION_SUBTITLE.h - SECTION_RULE_Y)],
  ],
  CLOSING: [
    ['the closing title', GRID.coverTitle.CLOSING],
    ['the recap and the questions', frame(COVER_X, CLOSING_RULE_Y, COVER_W, COVER_BOTTOM - CLOSING_RULE_Y)],
  ],
};

/** The slide's own title, set in the cover text colour. */
export function coverTitle(culprit: Culprit, f: Frame, slide: Slide, max: number, ctx: LayoutContext) {
  const fit = fitTitle(culprit, f, max, { color: ctx.theme.colors.coverText, valign: 'bottom' }, ctx, slide);
  return { el: fit.element, diagnostics: fit.diagnostic ? [fit.diagnostic] : [] };
}

/** A box's top-left, width and the most height it may take. */
export interface Band {
  x: number;
  y: number;
  w: number;
  maxH: number;
}

/**
 * The block `make(size)` fitted into a band, from `max` down to the absolute floor, and measured
 * to its height. Below the body floor is a warning; not fitting, an error.
 */
export function fitted(slide: Slide, culprit: Culprit, make: (size: number) => TextBlock, f: Band, max: number, ctx: LayoutContext): { el: TextElement; diagnostics: Diagnostic[] } {
  const t = ctx.theme;
  const fit = fitBlock(t, make, { w: f.w, h: f.maxH }, max, t.fit.absoluteFloor);
  const block = fit?.block ?? make(t.fit.absoluteFloor);
  const height = fit?.measure.height ?? f.maxH;
  // Below the floor is worth a warning only when the text, not a deliberate cap, put it there.
  const diagnostics = !fit || block.size < Math.min(max, t.fit.bodyFloor) ? [oversizeDiagnostic(slide, culprit, block.size, fit !== undefined, ctx)] : [];
  return { el: placeBlock(block, frame(f.x, f.y, f.w, Math.min(height, f.maxH))), diagnostics };
}

/** The body-face block of `paragraphs` at `size` in a colour, for cover text. */
export function coverBlock(paragraphs: Paragraph[], size: number, ctx: LayoutContext, color: string, bold = false): TextBlock {
  return textBlock(paragraphs, { font: ctx.theme.fonts.body, size, lineHeight: lineHeightPt(ctx.theme, size), color, bold });
}

/** One paragraph of cover text, fitted into its band. */
export function coverText(slide: Slide, culprit: Culprit, f: Band, max: number, ctx: LayoutContext, color: string, bold = false) {
  return fitted(slide, culprit, (size) => coverBlock([para(culprit.text)], size, ctx, color, bold), f, max, ctx);
}
