/**
 * What deck rules see: the composed deck (titles, images), the placed deck (sizes, colours),
 * and how to find the brief field a text came from, so that a finding about a slide still
 * points at the line to edit.
 */
import type { Deck, FieldPath, Slide } from '../compose/ir.ts';
import type { PlacedDeck, PlacedSlide } from '../layout/placed.ts';
import type { TextOrigin } from '../layout/context.ts';
import type { Finding, RuleInfo } from './rule.ts';

export interface DeckInput {
  deck: Deck;
  /** Absent when layout failed; placed rules then find nothing. */
  placed?: PlacedDeck;
  locate: (path: FieldPath) => TextOrigin | undefined;
}

/** A rule over the composed or the placed deck. */
export interface DeckRule extends RuleInfo {
  stage: 'deck';
  check(input: DeckInput): Finding[];
}

const norm = (s: string) => s.replace(/[\s\u00A0]+/g, ' ').trim();

/** A text of the composed deck and the brief field it came from. */
export interface OriginText {
  text: string;
  origin: FieldPath;
}

/**
 * Every text in a composed slide that came from the brief: items, cells, judgments, leads,
 * subtitles and titles. Kinds keep a text's field as `origin` beside it, or as `<name>Origin`
 * beside `<name>`; the walk reads both shapes, so a new kind needs no entry here.
 */
export function originTexts(slide: Slide): OriginText[] {
  const out: OriginText[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    for (const [k, val] of Object.entries(o)) {
      if (!Array.isArray(val) || !(k === 'origin' || k.endsWith('Origin'))) continue;
      const textKey = k === 'origin' ? ['text', 'statement', 'body', 'credit', 'caption'].find((t) => typeof o[t] === 'string') : k.slice(0, -'Origin'.length);
      const text = textKey ? o[textKey] : undefined;
      if (typeof text === 'string' && text.trim() !== '') out.push({ text: norm(text), origin: val as FieldPath });
    }
    for (const [k, val] of Object.entries(o)) if (k !== 'origin' && !k.endsWith('Origin') && typeof val === 'object') walk(val);
  };
  walk(slide);
  return out;
}

const titleOf = (p: PlacedSlide) => norm(p.title.paragraphs.map((para) => para.runs.map((r) => r.text).join('')).join(' '));

/**
 * The composed slide each placed slide was laid out from. Layout keeps their order and gives a
 * continuation slide its slide's title with a part number, so the next composed slide starts
 * where a placed title stops beginning with the current one's.
 */
export function sourceSlides(deck: Deck, placed: PlacedDeck): Array<Slide | undefined> {
  let j = -1;
  return placed.slides.map((p) => {
    const next = deck.slides[j + 1];
    if (next && titleOf(p).startsWith(norm(next.title))) j++;
    return deck.slides[j];
  });
}

/**
 * Where a finding about a placed text points: the brief field of the longest composed text the
 * placed text contains, else the template line of its slide.
 */
export function whereIs(input: DeckInput, slide: Slide | undefined, text: string): Pick<Finding, 'path' | 'at'> {
  const t = norm(text);
  const match = slide ? originTexts(slide).filter((o) => t.includes(o.text)).sort((a, b) => b.text.length - a.text.length)[0] : undefined;
  if (match && input.locate(match.origin)) return { path: match.origin };
  return slide ? { at: slide.loc } : {};
}
