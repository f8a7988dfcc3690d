/**
 * A drawn timeline: a vertical axis with a marker per event; when to the left of the axis;
 * what, how certain and where to the right. Rows are measured, so long events take more
 * room and the list continues on further slides at event boundaries; where the body has room to
 * spare, the events spread down the slide, one gap on every slide. Certainty shows as the
 * marker's shape and as a word (confirmed: filled disc; reported: ring; expected: dashed
 * ring), never by colour alone.
 */
import type { Sourced } from '../compose/ir.ts';
import type { Part } from '../layout/context.ts';
import { measuredColumns } from '../layout/columns.ts';
import { lineHeightPt, perItemAndSize, scaledSize } from '../layout/fit.ts';
import { balancedTop, frame, GRID, NBSP, para, titleRule, vline, withRef } from '../layout/grid.ts';
import { setSize } from '../layout/paginate.ts';
import { bodyPages } from '../layout/bodyPages.ts';
import type { Element, ShapeElement } from '../layout/placed.ts';
import { measureBlock, placeBlock, portionRuns, textBlock } from '../layout/text.ts';
import { ptToIn } from '../units.ts';
import type { KindModule } from './kind.ts';

export interface TimelineEvent extends Sourced {
  when: string;
  /** The calendar date, formatted, shown under `when` where the brief gives one. */
  date?: string;
  text: string;
  place?: string;
  /** Shown as a badge and by the marker's style, never by colour alone. */
  certainty?: string;
}

export interface TimelineSlide { layout: 'timeline'; events: TimelineEvent[]; }

/** The least width of the "when" column, so the axis does not crowd the slide's left edge. */
const WHEN_MIN = 1.2;
const AXIS_GAP = 0.6;
const MARKER = 0.24;
/** Space between events beyond each row's height reserve, in ems of the type size: a third of a line keeps rows apart without costing a slide. */
const ROW_GAP_EM = 0.3;
/**
 * At most this much more space between events, in lines of the page's type, where the body has
 * room to spare: a timeline that needs fewer lines than the slide holds (a short one, or the
 * pages of a long one, each set no larger than the continued list's size) spreads its events
 * down the slide rather than leaving its lower part empty.
 */
const SPREAD_MAX_LINES = 1.5;

/** The certainty word trails the event text, so the "when" column stays one line. */
function certaintyTag(e: TimelineEvent): string {
  return e.certainty ? `${NBSP}·${NBSP}${e.certainty}` : '';
}

function marker(e: TimelineEvent, cx: number, cy: number, accent: string, bg: string): ShapeElement {
  const f = frame(cx - MARKER / 2, cy - MARKER / 2, MARKER, MARKER);
  const c = (e.certainty ?? '').toLowerCase();
  if (c === 'confirmed') return { kind: 'shape', shape: 'ellipse', frame: f, fill: accent, line: { color: accent, width: 2 } };
  return { kind: 'shape', shape: 'ellipse', frame: f, fill: bg, line: { color: accent, width: 2.25, dash: c === 'expected' ? 'dash' : 'solid' } };
}

export const timeline: KindModule<TimelineSlide> = {
  vocabulary: { children: ['event'], elements: { event: { attrs: ['!when', 'date', 'place', 'certainty', 'ref'], text: true } } },

  read: (r) => ({
    events: r.all('event').map((e) => ({
      when: r.attr(e, 'when') ?? '',
      date: r.attr(e, 'date'),
      text: r.text(e),
      place: r.attr(e, 'place'),
      certainty: r.attr(e, 'certainty'),
      ref: r.attr(e, 'ref'),
      origin: r.origin(e),
      portion: r.portion(e),
    })),
  }),

  layout(slide, ctx) {
    const t = ctx.theme;
    const B = ctx.body;
    const style = (size: number) => ({ font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.text });
    const whenBlock = (e: TimelineEvent, size: number) =>
      textBlock(
        [para([{ text: e.when, bold: true, color: t.colors.accent }]), ...(e.date && e.date !== e.when ? [para([{ text: e.date, color: t.colors.muted, size: scaledSize(size, 0.85) }], { spaceBefore: 2 })] : [])],
        { ...style(size), align: 'right' },
      );
    const eventBlock = (e: TimelineEvent, size: number) =>
      textBlock(
        [
          para([...portionRuns(e.portion), ...withRef(e.text, e.ref, t, size), ...(e.certainty ? [{ text: certaintyTag(e), italic: true, color: t.colors.muted }] : [])]),
          ...(e.place ? [para([{ text: e.place, color: t.colors.muted, size: scaledSize(size, 0.85) }], { spaceBefore: 2 })] : []),
        ],
        style(size),
      );
    // The "when" column as wide as its labels need (the rest for the events), one width for all
    // the timeline's events at a size so its pages share one axis.
    const columns = measuredColumns(t, (size) => slide.events.map((e) => [whenBlock(e, size), eventBlock(e, size)]), [{ weight: 0, least: WHEN_MIN }, { weight: 1 }], B.w - AXIS_GAP);
    const whenW = (size: number) => columns(size)[0]!;
    const textW = (size: number) => columns(size)[1]!;
    const rowH = perItemAndSize((e: TimelineEvent, size: number) => Math.max(measureBlock(t, whenBlock(e, size), whenW(size)).height, measureBlock(t, eventBlock(e, size), textW(size)).height));
    const rowGap = (size: number) => ptToIn(size * ROW_GAP_EM);
    const height = (events: TimelineEvent[], size: number) => events.reduce((s, e, i) => s + rowH(e, size) + (i ? rowGap(size) : 0), 0);
    const { pages, diagnostics } = bodyPages(slide, slide.events, height, ctx);
    // One spread for all the pages, so a continued timeline keeps its rhythm from slide to slide:
    // the least that any page's spare room allows, and no page grows past the body.
    const spread = Math.max(0, Math.min(...pages.map((p) => (p.items.length > 1 ? Math.min((B.h - p.height) / (p.items.length - 1), SPREAD_MAX_LINES * ptToIn(lineHeightPt(t, p.size))) : Infinity))));
    const spreadGap = Number.isFinite(spread) ? spread : 0;
    const top = balancedTop(B, Math.max(0, ...pages.map((p) => p.height + spreadGap * Math.max(0, p.items.length - 1))));
    const parts: Part[] = pages.map((page) => {
      const ww = whenW(page.size);
      const axisX = B.x + ww + AXIS_GAP / 2;
      const lh = lineHeightPt(t, page.size);
      const firstLine = GRID.inset + lh / 72 / 2;
      const rows: Array<{ e: TimelineEvent; y: number; h: number }> = [];
      let y = top;
      for (const e of page.items) {
        const h = rowH(e, page.size);
        rows.push({ e, y, h });
        y += h + rowGap(page.size) + spreadGap;
      }
      const elements: Element[] = [titleRule(t, B)];
      const first = rows[0];
      const last = rows[rows.length - 1];
      if (first && last) elements.push(vline(axisX, first.y + firstLine, last.y - first.y, t.colors.rule, 2.5));
      for (const { e, y: ry, h } of rows) {
        elements.push(placeBlock(whenBlock(e, page.size), frame(B.x, ry, ww, h)));
        elements.push(marker(e, axisX, ry + firstLine, t.colors.accent, t.colors.background));
        elements.push(placeBlock(eventBlock(e, page.size), frame(B.x + ww + AXIS_GAP, ry, textW(page.size), h)));
      }
      return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((e) => `${e.when}: ${e.text}`) };
    });
    return { parts, diagnostics, size: setSize(pages) };
  },
};
