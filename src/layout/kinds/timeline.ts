/**
 * A drawn timeline: a vertical axis with a marker per event; when to the left of the axis;
 * what, how certain and where to the right. Rows are measured, so long events take more
 * room and the list continues on further slides at event boundaries. Certainty shows as the
 * marker's shape and as a word (confirmed: filled disc; reported: ring; expected: dashed
 * ring), never by colour alone.
 */
import type { SlideOf, TimelineEvent } from '../../compose/ir.ts';
import type { KindResult, LayoutContext, Part } from '../context.ts';
import { measureParas, scaledSize, type MeasuredPara, lineHeightPt } from '../fit.ts';
import { frame, GRID, NBSP, para, plain, textBox, titleRule, vline, withRef } from '../grid.ts';
import { paginate } from '../paginate.ts';
import type { Element, ShapeElement } from '../placed.ts';
import { oversizeDiagnostic } from './oversize.ts';

const WHEN_W = 2.6;
const AXIS_GAP = 0.6;
const MARKER = 0.24;
const ROW_GAP = 0.1;

function whenParas(e: TimelineEvent): MeasuredPara[] {
  return [{ text: e.when, bold: true }];
}

/** The certainty word trails the event text, so the "when" column stays one line. */
function certaintyTag(e: TimelineEvent): string {
  return e.certainty ? `${NBSP}·${NBSP}${e.certainty}` : '';
}

function textParas(e: TimelineEvent): MeasuredPara[] {
  return [{ text: plain(e.text, e.ref) + certaintyTag(e) }, ...(e.place ? [{ text: e.place, scale: 0.85, spaceBefore: 2 }] : [])];
}

function marker(e: TimelineEvent, cx: number, cy: number, accent: string, bg: string): ShapeElement {
  const f = frame(cx - MARKER / 2, cy - MARKER / 2, MARKER, MARKER);
  const c = (e.certainty ?? '').toLowerCase();
  if (c === 'confirmed') return { kind: 'shape', shape: 'ellipse', frame: f, fill: accent, line: { color: accent, width: 2 } };
  return { kind: 'shape', shape: 'ellipse', frame: f, fill: bg, line: { color: accent, width: 2.25, dash: c === 'expected' ? 'dash' : 'solid' } };
}

export function layoutTimeline(slide: SlideOf<'timeline'>, ctx: LayoutContext): KindResult {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.body };
  const B = ctx.body;
  const axisX = B.x + WHEN_W + AXIS_GAP / 2;
  const textX = B.x + WHEN_W + AXIS_GAP;
  const textW = B.w - WHEN_W - AXIS_GAP;
  const rowH = (e: TimelineEvent, size: number) =>
    Math.max(measureParas(fc, whenParas(e), size, WHEN_W, GRID.inset).height, measureParas(fc, textParas(e), size, textW, GRID.inset).height);
  const height = (events: TimelineEvent[], size: number) => events.reduce((s, e, i) => s + rowH(e, size) + (i ? ROW_GAP : 0), 0);
  const pages = paginate({ items: slide.events, available: B.h, max: t.sizes.body, floor: t.fit.bodyFloor, absoluteFloor: t.fit.absoluteFloor, height });
  const diagnostics = pages.flatMap((p) => (p.oversize ? [oversizeDiagnostic(slide, p.items[0]?.text ?? '', p.size, p.oversize.fits, ctx)] : []));

  const parts: Part[] = pages.map((page) => {
    const lh = lineHeightPt(t, page.size);
    const firstLine = GRID.inset + lh / 72 / 2;
    const rows: Array<{ e: TimelineEvent; y: number; h: number }> = [];
    let y: number = B.y;
    for (const e of page.items) {
      const h = rowH(e, page.size);
      rows.push({ e, y, h });
      y += h + ROW_GAP;
    }
    const elements: Element[] = [titleRule(t, B)];
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (first && last) elements.push(vline(axisX, first.y + firstLine, last.y - first.y, t.colors.rule, 2.5));
    const opts = { font: t.fonts.body, size: page.size, lineHeight: lh, color: t.colors.text };
    for (const { e, y: ry, h } of rows) {
      elements.push(
        textBox(
          frame(B.x, ry, WHEN_W, h),
          [para([{ text: e.when, bold: true, color: t.colors.accent }])],
          { ...opts, align: 'right' },
        ),
      );
      elements.push(marker(e, axisX, ry + firstLine, t.colors.accent, t.colors.background));
      elements.push(
        textBox(
          frame(textX, ry, textW, h),
          [para([...withRef(e.text, e.ref, t, page.size), ...(e.certainty ? [{ text: certaintyTag(e), italic: true, color: t.colors.muted }] : [])]), ...(e.place ? [para([{ text: e.place, color: t.colors.muted, size: scaledSize(page.size, 0.85) }], { spaceBefore: 2 })] : [])],
          opts,
        ),
      );
    }
    return { master: 'CONTENT', elements, notes: slide.notes, itemTexts: page.items.map((e) => `${e.when}: ${e.text}`) };
  });
  return { parts, diagnostics };
}
