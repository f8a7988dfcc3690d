/**
 * Key judgments: each judgment is a row with a likelihood badge (term, ICD 203 range and
 * confidence) beside the statement. An optional scope note leads the first slide.
 */
import type { FieldPath, Sourced } from '../compose/ir.ts';
import { LIKELIHOOD_RANGE } from '../estimative.ts';
import type { Part } from '../layout/context.ts';
import { bodyRange, lineHeightPt } from '../layout/fit.ts';
import { balancedTop, frame, hline, para, rect, titleRule, withRef } from '../layout/grid.ts';
import { oversizeDiagnostic } from '../layout/oversize.ts';
import { paginate, setSize, tallest } from '../layout/paginate.ts';
import type { Element, ShapeElement } from '../layout/placed.ts';
import { measureBlock, placeBlock, portionRuns, textBlock } from '../layout/text.ts';
import type { KindModule } from './kind.ts';

export interface Judgment extends Sourced {
  statement: string;
  likelihood: string;
  confidence: string;
}

export interface JudgmentsSlide { layout: 'judgments'; lead?: string; leadOrigin?: FieldPath; judgments: Judgment[]; }

const BADGE_W = 3.4;
const GAP = 0.3;
const ROW_GAP = 0.14;
const LEAD_GAP = 0.25;
const INSET = 0.07;

/** Height of the probability meter band at the foot of each badge. */
const METER = 0.15;

/** The ICD 203 range as fractions, e.g. "55–80%" -> [0.55, 0.8]. */
function rangeOf(likelihood: string): [number, number] | undefined {
  const m = /^(\d+)–(\d+)%$/.exec(LIKELIHOOD_RANGE[likelihood] ?? '');
  return m ? [Number(m[1]) / 100, Number(m[2]) / 100] : undefined;
}

/**
 * A 0–100% track with the term's range filled: likelihood shown by position and length, not
 * by colour, in the badge's own text colour so it reads on any theme.
 */
function meter(j: Judgment, x: number, y: number, w: number, color: string): ShapeElement[] {
  const range = rangeOf(j.likelihood);
  if (!range) return [];
  const track = frame(x, y, w, 0.07);
  return [
    { kind: 'shape', shape: 'rect', frame: track, line: { color, width: 0.75 } },
    { kind: 'shape', shape: 'rect', frame: frame(x + w * range[0], y, Math.max(0.02, w * (range[1] - range[0])), 0.07), fill: color },
  ];
}

function badgeLines(j: Judgment): [string, string] {
  const range = LIKELIHOOD_RANGE[j.likelihood];
  const term = j.likelihood.charAt(0).toUpperCase() + j.likelihood.slice(1);
  return [term, range ? `${range} · ${j.confidence} confidence` : `${j.confidence} confidence`];
}

export const judgments: KindModule<JudgmentsSlide> = {
  vocabulary: {
    children: ['lead', 'judgment'],
    elements: { lead: { attrs: [], text: true }, judgment: { attrs: ['!likelihood', '!confidence', 'ref'], text: true } },
  },

  read: (r) => ({
    lead: r.optText('lead'),
    leadOrigin: r.origin(r.first('lead')),
    judgments: r.all('judgment').map((j) => ({
      statement: r.text(j),
      likelihood: r.attr(j, 'likelihood') ?? '',
      confidence: r.attr(j, 'confidence') ?? '',
      ref: r.attr(j, 'ref'),
      origin: r.origin(j),
      portion: r.portion(j),
    })),
  }),

  layout(slide, ctx) {
    const t = ctx.theme;
    const B = ctx.body;
    const textW = B.w - BADGE_W - GAP;
    const badgeSize = (size: number) => Math.max(t.sizes.ref, size - 4);
    const leadBlock = (size: number) => textBlock([para(slide.lead ?? '')], { font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.muted, italic: true });
    const leadH = (size: number) => (slide.lead ? measureBlock(t, leadBlock(size), B.w).height : 0);
    const badgeBlock = (j: Judgment, size: number) => {
      const [term, conf] = badgeLines(j);
      const bs = badgeSize(size);
      return textBlock([para([{ text: term, bold: true }]), para(conf)], { font: t.fonts.body, size: bs, lineHeight: lineHeightPt(t, bs), color: t.colors.accentText, valign: 'middle', inset: INSET, role: 'label' });
    };
    const statementBlock = (j: Judgment, size: number) =>
      textBlock([para([...portionRuns(j.portion), ...withRef(j.statement, j.ref, t, size)])], { font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.text, valign: 'middle', inset: INSET });
    const meterH = (j: Judgment) => (rangeOf(j.likelihood) ? METER : 0);
    const rowH = (j: Judgment, size: number) => Math.max(measureBlock(t, badgeBlock(j, size), BADGE_W).height + meterH(j), measureBlock(t, statementBlock(j, size), textW).height);
    const height = (items: Judgment[], size: number, index: number) =>
      (index === 0 && slide.lead ? leadH(size) + LEAD_GAP : 0) + items.reduce((s, j, i) => s + rowH(j, size) + (i ? ROW_GAP : 0), 0);

    const range = bodyRange(ctx);
    const pages = paginate({ items: slide.judgments, available: B.h, ...range, absoluteFloor: t.fit.absoluteFloor, height });
    const leadTooLong = slide.lead !== undefined && leadH(t.fit.bodyFloor) > B.h;
    const leadCulprit = { text: slide.lead ?? '', origin: slide.leadOrigin };
    const culprit = (j: Judgment | undefined, i: number) => (i === 0 && leadTooLong) || !j ? leadCulprit : { text: j.statement, origin: j.origin };
    const diagnostics = pages.flatMap((p, i) => (p.oversize ? [oversizeDiagnostic(slide, culprit(p.items[0], i), p.size, p.oversize.fits, ctx)] : []));
    const top = balancedTop(B, tallest(pages));
    const parts: Part[] = pages.map((page, index) => {
      const elements: Element[] = [titleRule(t, B)];
      let y = top;
      if (index === 0 && slide.lead) {
        const h = leadH(page.size);
        elements.push(placeBlock(leadBlock(page.size), frame(B.x, y, B.w, h)));
        y += h + LEAD_GAP;
      }
      page.items.forEach((j, i) => {
        const h = rowH(j, page.size);
        if (i > 0) elements.push(hline(B.x, y - ROW_GAP / 2, B.w, t.colors.rule, 0.75));
        const mh = meterH(j);
        elements.push(rect(frame(B.x, y, BADGE_W, h), t.colors.accent, 'rect'));
        elements.push(...meter(j, B.x + INSET + 0.04, y + h - mh + 0.02, BADGE_W - 2 * INSET - 0.08, t.colors.accentText));
        elements.push(placeBlock(badgeBlock(j, page.size), frame(B.x, y, BADGE_W, h - mh)));
        elements.push(placeBlock(statementBlock(j, page.size), frame(B.x + BADGE_W + GAP, y, textW, h)));
        y += h + ROW_GAP;
      });
      return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((j) => `${j.likelihood}, ${j.confidence} confidence: ${j.statement}`) };
    });
    return { parts, diagnostics, size: setSize(pages) };
  },
};
