/**
 * Quotes: each quotation with a large accent quote mark and an attribution line. Reported
 * statements (paraphrased by the source) get a "Reported" label and no quotation marks.
 */
import type { Sourced } from '../compose/ir.ts';
import type { Part } from '../layout/context.ts';
import { perItemAndSize, lineHeightPt } from '../layout/fit.ts';
import { frame, NBSP, para, refRuns, titleRule } from '../layout/grid.ts';
import { setSize } from '../layout/paginate.ts';
import { bodyPages } from '../layout/bodyPages.ts';
import type { Element } from '../layout/placed.ts';
import { measureBlock, placeBlock, portionRuns, textBlock } from '../layout/text.ts';
import { ptToIn } from '../units.ts';
import type { KindModule } from './kind.ts';

export interface QuoteItem extends Sourced {
  text: string;
  /** Absent for a statement the source reports without naming who made it. */
  speaker?: string;
  role?: string;
  /** "direct" quotes get quotation marks; "reported" statements do not. */
  kind: 'direct' | 'reported';
}

export interface QuoteSlide { layout: 'quote'; quotes: QuoteItem[]; }

const MARK_W = 0.9;
/** Space between quotes, in ems of the type size, so it keeps its proportion as the text grows. */
const GAP_EM = 1.15;
const MARK_SIZE = 60;

/** "— Speaker, role [9]"; with neither speaker nor role there is no attribution line (the reference follows the text). */
function attribution(q: QuoteItem): string | undefined {
  const who = [q.speaker, q.role].filter((x) => x !== undefined).join(', ');
  return who ? `— ${who}${q.ref ? `${NBSP}${q.ref}` : ''}` : undefined;
}

function body(q: QuoteItem): string {
  return q.kind === 'direct' ? `“${q.text}”` : q.text;
}

export const quote: KindModule<QuoteSlide> = {
  vocabulary: { children: ['quote'], elements: { quote: { attrs: ['speaker', 'role', 'kind', 'ref'], text: true } } },

  read: (r) => ({
    quotes: r.all('quote').map((q) => {
      const kind = r.attr(q, 'kind') ?? 'direct';
      if (kind !== 'direct' && kind !== 'reported') r.badAttr(q, `quote kind must be "direct" or "reported", got "${kind}"`);
      return { text: r.text(q), speaker: r.attr(q, 'speaker'), role: r.attr(q, 'role'), kind: kind === 'reported' ? 'reported' : 'direct', ref: r.attr(q, 'ref'), origin: r.origin(q), portion: r.portion(q) };
    }),
  }),

  layout(slide, ctx) {
    const t = ctx.theme;
    const B = ctx.body;
    const textW = B.w - MARK_W;
    const quoteBlock = (q: QuoteItem, size: number) => {
      const by = attribution(q);
      const words = para([...portionRuns(q.portion), { text: body(q), italic: q.kind === 'direct' }, ...(by ? [] : refRuns(q.ref, t, size))], { spaceBefore: 4 });
      return textBlock(
        [
          ...(q.kind === 'reported' ? [para([{ text: 'REPORTED STATEMENT', bold: true, color: t.colors.accent }])] : []),
          words,
          ...(by ? [para([{ text: by, color: t.colors.muted }], { spaceBefore: 8 })] : []),
        ],
        { font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.text },
      );
    };
    const markBlock = textBlock([para('“')], { font: t.fonts.heading, size: MARK_SIZE, lineHeight: MARK_SIZE, color: t.colors.accent, bold: true, inset: 0 });
    const quoteH = perItemAndSize((q: QuoteItem, size: number) => measureBlock(t, quoteBlock(q, size), textW).height);
    const gap = (size: number) => ptToIn(size * GAP_EM);
    const height = (qs: QuoteItem[], size: number) => qs.reduce((s, q, i) => s + quoteH(q, size) + (i ? gap(size) : 0), 0);
    const { pages, diagnostics, top } = bodyPages(slide, slide.quotes, height, ctx);
    const parts: Part[] = pages.map((page) => {
      const elements: Element[] = [titleRule(t, B)];
      let y = top;
      for (const q of page.items) {
        const h = quoteH(q, page.size);
        if (q.kind === 'direct') elements.push(placeBlock(markBlock, frame(B.x, y - 0.1, MARK_W - 0.1, 0.9)));
        elements.push(placeBlock(quoteBlock(q, page.size), frame(B.x + MARK_W, y, textW, h)));
        y += h + gap(page.size);
      }
      return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((q) => (q.speaker ? `${q.speaker}: ${q.text}` : q.text)) };
    });
    return { parts, diagnostics, size: setSize(pages) };
  },
};
