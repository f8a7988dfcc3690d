/**
 * Sources and credits: a numbered list (the numbers that the bracketed references point to),
 * then image credits. Reference type, so it may shrink to the table floor before splitting.
 */
import type { FieldPath } from '../compose/ir.ts';
import type { Part } from '../layout/context.ts';
import { lineHeightPt, tableRange } from '../layout/fit.ts';
import { balancedTop, frame, NBSP, para, titleRule } from '../layout/grid.ts';
import { oversizeDiagnostic } from '../layout/oversize.ts';
import { paginate, setSize, tallest } from '../layout/paginate.ts';
import type { Element } from '../layout/placed.ts';
import { measureBlock, placeBlock, textBlock } from '../layout/text.ts';
import type { KindModule } from './kind.ts';

export interface SourceEntry {
  id: string;
  text: string;
  /** What kind of source it is, in words ("state media"), shown after the entry. */
  kind?: string;
  /** Its Admiralty grade ("B2": reliability, then credibility), shown beside the kind. */
  grade?: string;
  origin?: FieldPath;
}

export interface SourcesSlide { layout: 'sources'; sources: SourceEntry[]; credits: string[]; }

const CREDIT_GAP = 0.2;

type Numbered = SourceEntry & { n: number };

export const sources: KindModule<SourcesSlide> = {
  vocabulary: { children: ['source', 'credit'], elements: { source: { attrs: ['!id', 'kind', 'grade'], text: true }, credit: { attrs: [], text: true } } },

  read: (r) => ({
    sources: r.all('source').map((s) => ({ id: r.attr(s, 'id') ?? '', text: r.text(s), kind: r.attr(s, 'kind'), grade: r.attr(s, 'grade'), origin: r.origin(s) })),
    credits: r.all('credit').map(r.text).filter((t) => t !== ''),
  }),

  layout(slide, ctx) {
    const t = ctx.theme;
    const B = ctx.body;
    const numbered: Numbered[] = slide.sources.map((s, i) => ({ ...s, n: i + 1 }));
    const style = (size: number) => ({ font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.text });
    const listBlock = (items: Numbered[], size: number) =>
      textBlock(
        items.map((s, i) =>
          para([{ text: `[${s.n}] `, bold: true, color: t.colors.accent }, { text: s.text }, ...[s.kind, s.grade].filter((x) => x !== undefined).map((x) => ({ text: `${NBSP}·${NBSP}${x}`, italic: true, color: t.colors.muted }))], { spaceBefore: i ? size * 0.35 : 0 }),
        ),
        { ...style(size), role: 'reference' },
      );
    const creditText = slide.credits.length ? `Credits: ${slide.credits.join(' · ')}` : '';
    const creditBlock = (size: number) => textBlock([para(creditText)], { ...style(size), color: t.colors.muted, italic: true, role: 'reference' });
    const creditH = (size: number) => (creditText ? measureBlock(t, creditBlock(size), B.w).height : 0);
    const listH = (items: Numbered[], size: number) => measureBlock(t, listBlock(items, size), B.w).height;
    const height = (items: Numbered[], size: number) => listH(items, size) + (creditText ? creditH(size) + CREDIT_GAP : 0);
    const range = tableRange(ctx);
    const pages = paginate({ items: numbered, available: B.h, ...range, absoluteFloor: t.fit.absoluteFloor, height });
    const diagnostics = pages.flatMap((p) => (p.oversize && p.items[0] ? [oversizeDiagnostic(slide, p.items[0], p.size, p.oversize.fits, ctx, t.fit.tableFloor)] : []));
    const top = balancedTop(B, tallest(pages));
    const parts: Part[] = pages.map((page) => {
      const lh = listH(page.items, page.size);
      const elements: Element[] = [titleRule(t, B), placeBlock(listBlock(page.items, page.size), frame(B.x, top, B.w, lh))];
      if (creditText) elements.push(placeBlock(creditBlock(page.size), frame(B.x, top + lh + CREDIT_GAP, B.w, creditH(page.size))));
      return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((s) => `[${s.n}] ${s.text}`) };
    });
    return { parts, diagnostics, size: setSize(pages) };
  },
};
