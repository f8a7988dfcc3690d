/**
 * Silent overflow: text that layout placed in a frame too small for it (or a frame that leaves
 * the slide), measured with layout's own font metrics. Layout promises that text either fits
 * its frame or comes with a diagnostic (W_TEXT_TOO_LONG, W_TITLE_TOO_LONG, E_TEXT_TOO_LONG);
 * these checks find frames where neither happened.
 */
import type { PlacedDeck, TextElement } from '../../src/layout/placed.ts';
import { lineCountRuns, type HanVariant } from '../../src/layout/measure.ts';
import { hanVariantFor } from '../../src/scripts.ts';
import { bulletIndentIn, measureRun, spaceBeforePt } from '../../src/layout/text.ts';
import { SLIDE } from '../../src/units.ts';

export interface Overflow {
  slide: number;
  /** The text element's role ('title' for slide titles), or the element kind. */
  role: string;
  title: string;
  what: string;
  text: string;
}

const EPS = 0.01;

/**
 * Height in inches that a text element's paragraphs need in its frame (no height reserve):
 * each paragraph's runs wrapped in their own fonts, as the element will be drawn.
 */
export function neededHeight(el: TextElement, widthReserve: number, han: HanVariant = 'sc'): number {
  const avail = (el.frame.w - 2 * el.inset) * (1 - widthReserve);
  let pt = 0;
  el.paragraphs.forEach((p, i) => {
    const n = lineCountRuns(p.runs.map((r) => measureRun(r, el, han)), Math.max(0.1, avail - bulletIndentIn(p)));
    pt += n * el.lineHeight + spaceBeforePt(p, i);
  });
  return pt / 72 + 2 * el.inset;
}

export function findOverflows(deck: PlacedDeck, widthReserve: number): Overflow[] {
  const out: Overflow[] = [];
  for (const s of deck.slides) {
    const title = s.title.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join(' ');
    for (const el of [s.title, ...s.elements]) {
      const f = el.frame;
      const text = el.kind === 'text' ? el.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join(' / ') : el.kind;
      if (f.x < -EPS || f.y < -EPS || f.x + f.w > SLIDE.width + EPS || f.y + f.h > SLIDE.height + EPS) {
        out.push({ slide: s.number, role: el.kind === 'text' ? (el.role ?? 'text') : el.kind, title, what: `${el.kind} frame ${JSON.stringify(f)} leaves the slide`, text: text.slice(0, 80) });
      }
      if (el.kind !== 'text') continue;
      const need = neededHeight(el, widthReserve, hanVariantFor(deck.meta.language));
      if (need > f.h * 1.02 + EPS) {
        out.push({ slide: s.number, role: el.role ?? 'text', title, what: `${el.role ?? 'text'} needs ${need.toFixed(2)} in, frame is ${f.h.toFixed(2)} in (at ${el.size} pt)`, text: text.slice(0, 80) });
      }
    }
  }
  return out;
}
