/**
 * Key judgments: each judgment is a row with a likelihood badge (term, the range on the brief's
 * scale, a meter and the confidence) beside the statement. A judgment the brief does not rate
 * gets a plain outlined "Not assessed" mark instead, with no range and no meter, so that it
 * cannot pass for a rated one. An optional scope note leads the first slide.
 */
import type { FieldPath, Sourced } from '../compose/ir.ts';
import { parseRange } from '../estimative.ts';
import type { Part } from '../layout/context.ts';
import { bodyRange, lineHeightPt, perItemAndSize } from '../layout/fit.ts';
import { balancedTop, frame, hline, para, rect, titleRule, withRef } from '../layout/grid.ts';
import { oversizeDiagnostic } from '../layout/oversize.ts';
import { paginate, setSize, tallest } from '../layout/paginate.ts';
import type { Element, ShapeElement } from '../layout/placed.ts';
import { measureBlock, placeBlock, portionRuns, textBlock } from '../layout/text.ts';
import type { KindModule } from './kind.ts';

export interface Judgment extends Sourced {
  statement: string;
  /** The likelihood term; absent when the judgment is not rated. */
  likelihood?: string;
  /** The term's range on the brief's scale, e.g. "55–80%" or "≤5%". */
  range?: string;
  confidence?: string;
}

export interface JudgmentsSlide { layout: 'judgments'; lead?: string; leadOrigin?: FieldPath; judgments: Judgment[]; }

const BADGE_W = 3.4;
const GAP = 0.3;
const ROW_GAP = 0.14;
const LEAD_GAP = 0.25;
const INSET = 0.07;

/** Height of the probability meter band at the foot of each badge. */
const METER = 0.15;

/** The range as fractions, e.g. "55–80%" -> [0.55, 0.8]; none without a likelihood. */
function rangeOf(j: Judgment): [number, number] | undefined {
  const b = j.likelihood !== undefined && j.range !== undefined ? parseRange(j.range) : undefined;
  return b && [b[0] / 100, b[1] / 100];
}

/** Rated: the brief gives a likelihood or a confidence. An unrated judgment gets the plain mark. */
const rated = (j: Judgment) => j.likelihood !== undefined || j.confidence !== undefined;

/**
 * A 0–100% track with the term's range filled: likelihood shown by position and length, not
 * by colour, in the badge's own text colour so it reads on any theme.
 */
function meter(j: Judgment, x: number, y: number, w: number, color: string): ShapeElement[] {
  const range = rangeOf(j);
  if (!range) return [];
  const track = frame(x, y, w, 0.07);
  return [
    { kind: 'shape', shape: 'rect', frame: track, line: { color, width: 0.75 } },
    { kind: 'shape', shape: 'rect', frame: frame(x + w * range[0], y, Math.max(0.02, w * (range[1] - range[0])), 0.07), fill: color },
  ];
}

/** The badge's lines: "Likely" over "55–80% · moderate confidence"; "Not assessed" alone. */
function badgeLines(j: Judgment): string[] {
  if (!rated(j)) return [NOT_ASSESSED];
  const conf = j.confidence ? `${j.confidence} confidence` : 'confidence not assessed';
  if (j.likelihood === undefined) return ['Likelihood not assessed', conf];
  const term = j.likelihood.charAt(0).toUpperCase() + j.likelihood.slice(1);
  return [term, j.range ? `${j.range} · ${conf}` : conf];
}

/** What an unrated judgment's mark says. */
export const NOT_ASSESSED = 'Not assessed';

/** The judgment as the notes and continuation summaries say it. */
function itemText(j: Judgment): string {
  if (!rated(j)) return `${NOT_ASSESSED}: ${j.statement}`;
  const [term, rest] = badgeLines(j);
  return `${term}, ${rest}: ${j.statement}`;
}

export const judgments: KindModule<JudgmentsSlide> = {
  vocabulary: {
    children: ['lead', 'judgment'],
    elements: { lead: { attrs: [], text: true }, judgment: { attrs: ['likelihood', 'range', 'confidence', 'ref'], text: true } },
  },

  read: (r) => ({
    lead: r.optText('lead'),
    leadOrigin: r.origin(r.first('lead')),
    judgments: r.all('judgment').map((j) => ({
      statement: r.text(j),
      likelihood: r.attr(j, 'likelihood'),
      range: r.attr(j, 'range'),
      confidence: r.attr(j, 'confidence'),
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
      const [term, ...rest] = badgeLines(j);
      // A rated badge is a label on the accent, at the smaller label size; the unrated mark is body text.
      const bs = rated(j) ? badgeSize(size) : size;
      // The unrated mark is plain: body text on the slide, inside an outline, not on the accent.
      const color = rated(j) ? t.colors.accentText : t.colors.text;
      return textBlock([para([{ text: term!, bold: rated(j) }]), ...rest.map((l) => para(l))], { font: t.fonts.body, size: bs, lineHeight: lineHeightPt(t, bs), color, valign: 'middle', inset: INSET, role: rated(j) ? 'label' : 'body' });
    };
    const statementBlock = (j: Judgment, size: number) =>
      textBlock([para([...portionRuns(j.portion), ...withRef(j.statement, j.ref, t, size)])], { font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.text, valign: 'middle', inset: INSET });
    const meterH = (j: Judgment) => (rangeOf(j) ? METER : 0);
    const rowH = perItemAndSize((j: Judgment, size: number) => Math.max(measureBlock(t, badgeBlock(j, size), BADGE_W).height + meterH(j), measureBlock(t, statementBlock(j, size), textW).height));
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
        if (rated(j)) elements.push(rect(frame(B.x, y, BADGE_W, h), t.colors.accent, 'rect'));
        else elements.push({ kind: 'shape', shape: 'rect', frame: frame(B.x, y, BADGE_W, h), line: { color: t.colors.muted, width: 1, dash: 'dash' } });
        elements.push(...meter(j, B.x + INSET + 0.04, y + h - mh + 0.02, BADGE_W - 2 * INSET - 0.08, t.colors.accentText));
        elements.push(placeBlock(badgeBlock(j, page.size), frame(B.x, y, BADGE_W, h - mh)));
        elements.push(placeBlock(statementBlock(j, page.size), frame(B.x + BADGE_W + GAP, y, textW, h)));
        y += h + ROW_GAP;
      });
      return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map(itemText) };
    });
    return { parts, diagnostics, size: setSize(pages) };
  },
};
