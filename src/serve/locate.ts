/**
 * Which slide and element a diagnostic is about, so the preview can highlight it. A diagnostic
 * names a brief field (`path`); compose tagged every text of the Deck IR with the field it came
 * from (`origin`, `titleOrigin`), so the field gives the text, and the text is found among the
 * placed slides' elements. A diagnostic whose field made no text (a schema error, a lint about a
 * missing field) has no place on a slide and is shown in the panel alone.
 */
import { assertNever } from '../assertNever.ts';
import type { Deck } from '../compose/ir.ts';
import { formatPath } from '../diagnostics.ts';
import type { Element, Paragraph, PlacedDeck } from '../layout/placed.ts';

export interface Place {
  /** 1-based slide number. */
  slide: number;
  /** The element's data-el in the slide's SVG ("title", "e3"). */
  el: string;
}

const squash = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
const text = (ps: readonly Paragraph[]) => ps.map((p) => p.runs.map((r) => r.text).join('')).join('');

function elementText(el: Element): string {
  switch (el.kind) {
    case 'text':
      return text(el.paragraphs);
    case 'table':
      return [el.header, ...el.rows].map((row) => row.map(text).join('')).join('');
    case 'image':
      return el.alt;
    case 'shape':
      return '';
    case 'freeform':
      return el.name;
    case 'chart':
      return [el.title, ...el.categories, ...el.series.map((x) => x.name), el.xLabel ?? '', el.yLabel ?? '', el.alt].join('');
    default:
      return assertNever(el, 'placed element');
  }
}

function longestText(o: Record<string, unknown>): string | undefined {
  let best: string | undefined;
  for (const [k, v] of Object.entries(o)) if (k !== 'ref' && typeof v === 'string' && v.length > (best?.length ?? 0)) best = v;
  return best;
}

/** Every text of the IR by the brief field it came from ("delegation.members[2].role" -> texts). */
export function textsByField(deck: Deck): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (path: unknown, value: unknown) => {
    if (!Array.isArray(path) || typeof value !== 'string' || value.trim() === '') return;
    const key = formatPath(path as PropertyKey[]);
    out.set(key, [...(out.get(key) ?? []), value]);
  };
  // The kinds hold their texts in their own shapes; what they share is a string beside the
  // field it came from: `<x>Origin` next to `<x>` (titleOrigin, leadOrigin), and `origin` in an
  // object whose text is its longest string (a judgment's statement, a cell's text; not its ref).
  const walk = (node: unknown, depth: number) => {
    if (depth > 12 || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const v of node) walk(v, depth + 1);
      return;
    }
    const o = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(o)) {
      if (k === 'origin') add(v, longestText(o));
      else if (k.endsWith('Origin')) add(v, o[k.slice(0, -'Origin'.length)]);
      else walk(v, depth + 1);
    }
  };
  walk(deck.slides, 0);
  return out;
}

/**
 * The places of a diagnostic's field in the placed deck: each element whose text holds the text
 * (its first 40 characters, white space aside) that the field made. Continuation slides can
 * repeat a title, so a field may be in several places.
 */
export function placesOf(path: string | undefined, deck: Deck | undefined, placed: PlacedDeck | undefined, index?: Map<string, string[]>): Place[] {
  if (!path || !deck || !placed) return [];
  const texts = (index ?? textsByField(deck)).get(path) ?? [];
  const out: Place[] = [];
  for (const t of texts) {
    const needle = squash(t).slice(0, 40);
    if (!needle) continue;
    for (const s of placed.slides) {
      if (squash(text(s.title.paragraphs)).includes(needle)) out.push({ slide: s.number, el: 'title' });
      s.elements.forEach((e, i) => {
        if (squash(elementText(e)).includes(needle)) out.push({ slide: s.number, el: `e${i}` });
      });
    }
  }
  return out.filter((p, i) => out.findIndex((q) => q.slide === p.slide && q.el === p.el) === i);
}
