/**
 * The outline: numbered rows, each a number disc beside the item text.
 */
import type { Item, Slide } from '../compose/ir.ts';
import type { Part } from '../layout/context.ts';
import { lineHeightPt, perItemAndSize } from '../layout/fit.ts';
import { frame, para, rect, titleRule } from '../layout/grid.ts';
import { setSize } from '../layout/paginate.ts';
import { bodyPages } from '../layout/bodyPages.ts';
import type { Element } from '../layout/placed.ts';
import { measureBlock, placeBlock, textBlock } from '../layout/text.ts';
import { ITEM, type KindModule } from './kind.ts';

export interface AgendaSlide {
  layout: 'agenda';
  items: Item[];
  /** `<toc/>`: compose lists the titles of the later slides marked `outline="true"` (see fillOutlines). */
  toc?: boolean;
}

const DISC = 0.5;
const TEXT_X = 0.8;
const ROW_GAP = 0.16;
const DISC_SIZE = 16;

export const agenda: KindModule<AgendaSlide> = {
  vocabulary: { children: ['item', 'toc'], elements: { item: ITEM, toc: { attrs: [], text: false } } },

  read: (r) => ({ items: r.all('item').map(r.item), ...(r.first('toc') ? { toc: true } : {}) }),

  layout(slide, ctx) {
    const t = ctx.theme;
    const B = ctx.body;
    const textW = B.w - TEXT_X;
    const numbered = slide.items.map((it, i) => ({ ...it, n: i + 1 }));
    const rowBlock = (it: Item, size: number) => textBlock([para(it.text)], { font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.text, valign: 'middle' });
    const discBlock = (n: number) =>
      textBlock([para(String(n))], { font: t.fonts.heading, size: DISC_SIZE, lineHeight: DISC_SIZE, color: t.colors.accentText, bold: true, align: 'center', valign: 'middle', inset: 0, role: 'label' });
    const rowH = perItemAndSize((it: Item, size: number) => Math.max(DISC, measureBlock(t, rowBlock(it, size), textW).height));
    const height = (items: typeof numbered, size: number) => items.reduce((s, it, i) => s + rowH(it, size) + (i ? ROW_GAP : 0), 0);
    const { pages, diagnostics, top } = bodyPages(slide, numbered, height, ctx);
    const parts: Part[] = pages.map((page) => {
      const elements: Element[] = [titleRule(t, B)];
      let y = top;
      for (const it of page.items) {
        const h = rowH(it, page.size);
        const discY = y + (h - DISC) / 2;
        elements.push(rect(frame(B.x, discY, DISC, DISC), t.colors.accent, 'ellipse'));
        elements.push(placeBlock(discBlock(it.n), frame(B.x, discY, DISC, DISC)));
        elements.push(placeBlock(rowBlock(it, page.size), frame(B.x + TEXT_X, y, textW, h)));
        y += h + ROW_GAP;
      }
      return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((i) => i.text) };
    });
    return { parts, diagnostics, size: setSize(pages) };
  },
};

/**
 * Fills each `<toc/>` outline with the titles of the slides after it that the template marked
 * `outline="true"`, so the outline names only slides the deck has, by their own titles. Notes
 * the template left empty say what the outline lists.
 */
export function fillOutlines(slides: Slide[]): void {
  slides.forEach((s, i) => {
    if (s.layout !== 'agenda' || !s.toc) return;
    const later = slides.slice(i + 1).filter((x) => x.outline);
    s.items = [...s.items, ...later.map((x): Item => ({ text: x.title, level: 0, origin: x.titleOrigin }))];
    if (s.notes.trim() === '' && s.items.length) s.notes = `This briefing covers: ${s.items.map((it) => it.text).join('; ')}.`;
  });
}
