/**
 * A section divider: a kicker over the section title, an accent rule, and a subtitle.
 */
import type { FieldPath } from '../compose/ir.ts';
import { COVER_W, COVER_X, coverText, coverTitle, SECTION_KICKER, SECTION_RULE_Y, SECTION_SUBTITLE } from '../layout/cover.ts';
import { frame, GRID, rect } from '../layout/grid.ts';
import type { Element } from '../layout/placed.ts';
import type { KindModule } from './kind.ts';

export interface SectionSlide { layout: 'section'; kicker?: string; subtitle?: string; subtitleOrigin?: FieldPath; }

export const section: KindModule<SectionSlide> = {
  vocabulary: { children: ['kicker', 'subtitle'], elements: { kicker: { attrs: [], text: true }, subtitle: { attrs: [], text: true } } },

  read: (r) => ({ kicker: r.optText('kicker'), subtitle: r.optText('subtitle'), subtitleOrigin: r.origin(r.first('subtitle')) }),

  layout(slide, ctx) {
    const t = ctx.theme;
    const { el, diagnostics } = coverTitle({ text: slide.title, origin: slide.titleOrigin }, GRID.coverTitle.SECTION, slide, t.sizes.coverTitle - 4, ctx);
    const elements: Element[] = [rect(frame(COVER_X, SECTION_RULE_Y, 1.6, 0.08), t.colors.accent)];
    const blocks = [
      slide.kicker && coverText(slide, { text: slide.kicker.toUpperCase() }, { x: COVER_X, y: SECTION_KICKER.y, w: COVER_W, maxH: SECTION_KICKER.h }, t.fit.bodyFloor + 2, ctx, t.colors.accent, true),
      slide.subtitle && coverText(slide, { text: slide.subtitle, origin: slide.subtitleOrigin }, { x: COVER_X, y: SECTION_SUBTITLE.y, w: COVER_W, maxH: SECTION_SUBTITLE.h }, t.sizes.body, ctx, t.colors.coverMuted),
    ];
    for (const b of blocks) {
      if (!b) continue;
      elements.push(b.el);
      diagnostics.push(...b.diagnostics);
    }
    return { parts: [{ master: 'SECTION', titleElement: el, elements, notes: slide.notes }], diagnostics };
  },
};
