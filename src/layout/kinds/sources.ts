/**
 * Sources and credits: a numbered list (the numbers that the bracketed references point to),
 * then image credits. Reference type, so it may shrink to the table floor before splitting.
 */
import type { SlideOf, SourceEntry } from '../../compose/ir.ts';
import type { KindResult, LayoutContext, Part } from '../context.ts';
import { measureParas, type MeasuredPara, lineHeightPt } from '../fit.ts';
import { frame, GRID, para, textBox, titleRule } from '../grid.ts';
import { paginate } from '../paginate.ts';
import type { Element } from '../placed.ts';
import { oversizeDiagnostic } from './oversize.ts';
import { labelExtra } from './bullets.ts';

const CREDIT_GAP = 0.2;

type Numbered = SourceEntry & { n: number };

export function layoutSources(slide: SlideOf<'sources'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.body };
  const B = ctx.body;
  const numbered: Numbered[] = slide.sources.map((s, i) => ({ ...s, n: i + 1 }));
  const label = (s: Numbered) => `[${s.n}] `;
  const paras = (items: Numbered[], size: number): MeasuredPara[] =>
    items.map((s) => ({ text: label(s) + s.text, extraWidth: labelExtra(label(s), fc.face, size), spaceBefore: size * 0.35 }));
  const creditText = slide.credits.length ? `Credits: ${slide.credits.join(' · ')}` : '';
  const creditH = (size: number) => (creditText ? measureParas(fc, [{ text: creditText }], size, B.w, GRID.inset).height : 0);
  const max = Math.max(t.sizes.ref + 4, t.fit.tableFloor);
  const listH = (items: Numbered[], size: number) => measureParas(fc, paras(items, size), size, B.w, GRID.inset).height;
  const height = (items: Numbered[], size: number) => listH(items, size) + (creditText ? creditH(size) + CREDIT_GAP : 0);
  const pages = paginate({ items: numbered, available: B.h, max, floor: t.fit.tableFloor, absoluteFloor: t.fit.absoluteFloor, height });
  const diagnostics = pages.flatMap((p) => (p.oversize ? [oversizeDiagnostic(slide, p.items[0]?.text ?? '', p.size, p.oversize.fits, ctx, t.fit.tableFloor)] : []));
  const parts: Part[] = pages.map((page) => {
    const lh = lineHeightPt(t, page.size);
    const opts = { font: t.fonts.body, size: page.size, lineHeight: lh, color: t.colors.text };
    const elements: Element[] = [
      titleRule(t, B),
      textBox(
        frame(B.x, B.y, B.w, listH(page.items, page.size)),
        page.items.map((s, i) => para([{ text: label(s), bold: true, color: t.colors.accent }, { text: s.text }], { spaceBefore: i ? page.size * 0.35 : 0 })),
        opts,
      ),
    ];
    if (creditText) {
      const h = creditH(page.size);
      elements.push(textBox(frame(B.x, B.y + B.h - h, B.w, h), [para(creditText)], { ...opts, color: t.colors.muted, italic: true }));
    }
    return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((s) => `[${s.n}] ${s.text}`) };
  });
  return { parts, diagnostics };
}
