/**
 * How much of its body a content slide uses: the bounding box of what it draws (the title rule
 * aside), against the body frame under its title. A text frame counts only as far as its text
 * goes (measured, anchored as drawn), so a list frame stretched to the foot of the body does
 * not count as filling it. Also the slide's body size: the size most of its characters are set in.
 */
import { GRID } from '../../src/layout/grid.ts';
import type { Element, Frame, PlacedSlide, TextElement } from '../../src/layout/placed.ts';
import { measureBlock } from '../../src/layout/text.ts';
import type { Theme } from '../../src/theme/schema.ts';

export interface SpaceUse {
  body: Frame;
  /** Area of the content's bounding box inside the body, over the body's area. */
  fill: number;
  /** Height of the content's bounding box over the body's height. */
  fillH: number;
  /** The same for the text alone (text and tables; panels and markers left out). */
  textFill: number;
  /** The size most of the slide's characters are set in (points). */
  size: number;
  /** The smallest size of any table cell on the slide, if it has a table. */
  tableSize?: number;
}

const isRule = (e: Element) => e.kind === 'shape' && e.shape === 'rect' && Math.abs(e.frame.h - GRID.rule.h) < 1e-6 && Math.abs(e.frame.w - GRID.rule.w) < 1e-6;

/** The body frame a content slide was laid out in, found from its title rule. */
export function bodyOf(slide: PlacedSlide): Frame | undefined {
  const rule = slide.elements.find(isRule);
  if (!rule) return undefined;
  const y = rule.frame.y + 0.17;
  return { x: GRID.body.x, y, w: GRID.body.w, h: GRID.bodyBottom - y };
}

/** The part of a text frame its lines take, as anchored. */
function textBox(theme: Theme, el: TextElement): Frame {
  const h = Math.min(el.frame.h, measureBlock(theme, el, el.frame.w).height);
  const off = el.valign === 'top' ? 0 : el.valign === 'bottom' ? el.frame.h - h : (el.frame.h - h) / 2;
  return { ...el.frame, y: el.frame.y + off, h };
}

function chars(el: TextElement): Array<[number, number]> {
  return el.paragraphs.flatMap((p) => p.runs.map((r): [number, number] => [r.size ?? el.size, r.text.length]));
}

/** A growing bounding box; `within` gives its width and height clipped to a frame. */
function box() {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  return {
    add(f: Frame) {
      x0 = Math.min(x0, f.x); y0 = Math.min(y0, f.y);
      x1 = Math.max(x1, f.x + f.w); y1 = Math.max(y1, f.y + f.h);
    },
    within(b: Frame): [number, number] {
      return [Math.max(0, Math.min(x1, b.x + b.w) - Math.max(x0, b.x)), Math.max(0, Math.min(y1, b.y + b.h) - Math.max(y0, b.y))];
    },
  };
}

/** The space a content slide uses; undefined for cover-style slides (no title rule). */
export function spaceUse(theme: Theme, slide: PlacedSlide): SpaceUse | undefined {
  const body = bodyOf(slide);
  if (!body) return undefined;
  const all = box(), text = box();
  const weights = new Map<number, number>();
  let tableSize: number | undefined;
  const add = (size: number, n: number) => weights.set(size, (weights.get(size) ?? 0) + n);
  for (const el of slide.elements) {
    if (isRule(el)) continue;
    const f = el.kind === 'text' ? textBox(theme, el) : el.frame;
    all.add(f);
    if (el.kind === 'text' || el.kind === 'table') text.add(f);
    if (el.kind === 'text') for (const [s, n] of chars(el)) add(s, n);
    if (el.kind === 'table') {
      tableSize = Math.min(tableSize ?? Infinity, el.size);
      for (const cell of [...el.header, ...el.rows.flat()]) for (const p of cell) for (const r of p.runs) add(r.size ?? el.size, r.text.length);
    }
  }
  const [w, h] = all.within(body);
  const [tw, th] = text.within(body);
  const size = [...weights].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  return { body, fill: (w * h) / (body.w * body.h), fillH: h / body.h, textFill: (tw * th) / (body.w * body.h), size, ...(tableSize === undefined ? {} : { tableSize }) };
}
