/**
 * The closing slide: the recap, then the questions, continuing onto further slides if long.
 */
import type { FieldPath, Item } from '../compose/ir.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Part } from '../layout/context.ts';
import { CLOSING_RULE_Y, COVER_BOTTOM, COVER_W, COVER_X, coverText, coverTitle } from '../layout/cover.ts';
import { frame, GRID, rect } from '../layout/grid.ts';
import { listBlock } from '../layout/items.ts';
import { oversizeDiagnostic } from '../layout/oversize.ts';
import { paginate } from '../layout/paginate.ts';
import type { Element } from '../layout/placed.ts';
import { measureBlock, placeBlock, portionRuns } from '../layout/text.ts';
import { partTitle } from '../layout/title.ts';
import { ITEM, type KindModule } from './kind.ts';

export interface ClosingSlide { layout: 'closing'; subtitle?: string; subtitleOrigin?: FieldPath; subtitlePortion?: string; items: Item[]; }

const TOP = 2.2;
const RECAP_GAP = 0.3;

export const closing: KindModule<ClosingSlide> = {
  vocabulary: { children: ['subtitle', 'item'], elements: { subtitle: { attrs: [], text: true }, item: ITEM } },

  read: (r) => ({ subtitle: r.optText('subtitle'), subtitleOrigin: r.origin(r.first('subtitle')), subtitlePortion: r.portion(r.first('subtitle')), items: r.all('item').map(r.item) }),

  layout(slide, ctx) {
    const t = ctx.theme;
    const diagnostics: Diagnostic[] = [];
    const recap = slide.subtitle ? coverText(slide, { text: `${portionRuns(slide.subtitlePortion).map((p) => p.text).join('')}${slide.subtitle}`, origin: slide.subtitleOrigin }, { x: COVER_X, y: TOP, w: COVER_W, maxH: 1.6 }, t.sizes.body, ctx, t.colors.coverMuted) : undefined;
    if (recap) diagnostics.push(...recap.diagnostics);
    const listTop = (index: number) => (index === 0 && recap ? TOP + recap.el.frame.h + RECAP_GAP : TOP);
    const list = (items: Item[], size: number) => listBlock(items, size, t, { color: t.colors.coverText });
    const pages = paginate({
      items: slide.items,
      available: COVER_BOTTOM - TOP,
      max: t.sizes.body,
      floor: t.fit.bodyFloor,
      absoluteFloor: t.fit.absoluteFloor,
      height: (items, size, index) => listTop(index) - TOP + (items.length ? measureBlock(t, list(items, size), COVER_W).height : 0),
    });
    const parts: Part[] = pages.map((page, index) => {
      if (page.oversize) diagnostics.push(oversizeDiagnostic(slide, page.items[0] ?? { text: '' }, page.size, page.oversize.fits, ctx));
      const title = coverTitle({ text: partTitle(slide.title, index, pages.length), origin: slide.titleOrigin }, GRID.coverTitle.CLOSING, slide, t.sizes.coverTitle, ctx);
      if (!diagnostics.some((d) => d.code === 'W_TITLE_TOO_LONG')) diagnostics.push(...title.diagnostics);
      const elements: Element[] = [rect(frame(COVER_X, CLOSING_RULE_Y, 1.6, 0.08), t.colors.accent)];
      if (index === 0 && recap) elements.push(recap.el);
      if (page.items.length) {
        const y = listTop(index);
        elements.push(placeBlock(list(page.items, page.size), frame(COVER_X, y, COVER_W, COVER_BOTTOM - y)));
      }
      return { master: 'CLOSING', titleElement: title.el, elements, notes: slide.notes, itemTexts: page.items.map((i) => i.text) };
    });
    return { parts, diagnostics };
  },
};
