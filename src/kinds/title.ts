/**
 * The title slide: the deck title, an optional subtitle under an accent rule, and lines of
 * who, for whom and when, sitting on the bottom edge.
 */
import type { FieldPath } from '../compose/ir.ts';
import { COVER_BOTTOM, COVER_W, COVER_X, TITLE_RULE_Y, coverBlock, coverText, coverTitle, fitted } from '../layout/cover.ts';
import { frame, GRID, para, rect } from '../layout/grid.ts';
import type { Element } from '../layout/placed.ts';
import type { KindModule } from './kind.ts';

export interface TitleSlide { layout: 'title'; subtitle?: string; subtitleOrigin?: FieldPath; lines: string[]; }

const LINES_MAX_H = 1.45;

export const title: KindModule<TitleSlide> = {
  vocabulary: { children: ['subtitle', 'line'], elements: { subtitle: { attrs: [], text: true }, line: { attrs: [], text: true } } },

  read: (r) => ({ subtitle: r.optText('subtitle'), subtitleOrigin: r.origin(r.first('subtitle')), lines: r.all('line').map(r.text).filter((t) => t !== '') }),

  layout(slide, ctx) {
    const t = ctx.theme;
    const { el, diagnostics } = coverTitle({ text: slide.title, origin: slide.titleOrigin }, GRID.coverTitle.TITLE, slide, t.sizes.coverTitle, ctx);
    const elements: Element[] = [rect(frame(COVER_X, TITLE_RULE_Y, 1.6, 0.08), t.colors.accent)];
    if (slide.subtitle) {
      // A subtitle never outranks the title it stands under.
      const b = coverText(slide, { text: slide.subtitle, origin: slide.subtitleOrigin }, { x: COVER_X, y: TITLE_RULE_Y + 0.25, w: COVER_W, maxH: 1.2 }, Math.min(t.sizes.body + 2, el.size), ctx, t.colors.coverMuted);
      elements.push(b.el);
      diagnostics.push(...b.diagnostics);
    }
    if (slide.lines.length) {
      const make = (size: number) => coverBlock(slide.lines.map((l, i) => para(l, { spaceBefore: i ? 4 : 0 })), size, ctx, t.colors.coverText);
      const b = fitted(slide, { text: slide.lines[0] ?? '' }, make, { x: COVER_X, y: COVER_BOTTOM - LINES_MAX_H, w: COVER_W, maxH: LINES_MAX_H }, t.fit.bodyFloor, ctx);
      // Sit the lines on the bottom edge of their band.
      b.el.frame = frame(COVER_X, COVER_BOTTOM - b.el.frame.h, COVER_W, b.el.frame.h);
      elements.push(b.el);
      diagnostics.push(...b.diagnostics);
    }
    return { parts: [{ master: 'TITLE', titleElement: el, elements, notes: slide.notes }], diagnostics };
  },
};
