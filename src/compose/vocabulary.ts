/**
 * The slide markup vocabulary: which elements each layout accepts and which attributes each
 * element takes. Anything else is an error pointing at the template line, never ignored.
 */
import type { LayoutKind } from './ir.ts';

export interface ElementSpec {
  /** Attributes the element accepts; `!` marks a required one. */
  attrs: readonly string[];
  /** Child elements allowed (for containers). */
  children?: readonly string[];
  /** Whether the element holds text. */
  text: boolean;
}

const ITEM: ElementSpec = { attrs: ['level', 'label', 'ref'], text: true };

export const ELEMENTS: Record<string, ElementSpec> = {
  notes: { attrs: [], children: ['p'], text: true },
  p: { attrs: [], text: true },
  subtitle: { attrs: [], text: true },
  kicker: { attrs: [], text: true },
  lead: { attrs: ['ref'], text: true },
  line: { attrs: [], text: true },
  item: ITEM,
  judgment: { attrs: ['!likelihood', '!confidence', 'ref'], text: true },
  column: { attrs: ['!heading'], children: ['item'], text: false },
  panel: { attrs: ['!heading'], children: ['item'], text: false },
  callout: { attrs: ['!label', 'ref'], text: true },
  table: { attrs: [], children: ['tr'], text: false },
  tr: { attrs: ['header'], children: ['td'], text: false },
  td: { attrs: ['width'], text: true },
  card: { attrs: ['!title', 'subtitle', 'badge', 'ref'], text: true },
  event: { attrs: ['!when', 'place', 'certainty', 'ref'], text: true },
  quote: { attrs: ['!speaker', 'role', 'kind', 'ref'], text: true },
  source: { attrs: ['!id'], text: true },
  credit: { attrs: [], text: true },
  image: { attrs: ['!path', '!alt', 'caption', 'credit'], text: false },
};

/** Children each layout's `<slide>` accepts (besides `<notes>`, which all take). */
export const LAYOUT_CHILDREN: Record<LayoutKind, readonly string[]> = {
  title: ['subtitle', 'line'],
  agenda: ['item'],
  section: ['kicker', 'subtitle'],
  bullets: ['lead', 'item'],
  judgments: ['lead', 'judgment'],
  comparison: ['column', 'callout'],
  table: ['table'],
  cards: ['card'],
  timeline: ['event'],
  quote: ['quote'],
  sources: ['source', 'credit'],
  image: ['image'],
  closing: ['subtitle', 'item'],
  placemat: ['panel'],
};

/** Panels a placemat slide holds: one to four (three columns, or a 2x2 grid). */
export const PLACEMAT_MAX_PANELS = 4;

export const SLIDE_ATTRS = ['!layout', '!title'] as const;

/** Names without the required marker. */
export function attrNames(spec: readonly string[]): string[] {
  return spec.map((a) => a.replace(/^!/, ''));
}

export function requiredAttrs(spec: readonly string[]): string[] {
  return spec.filter((a) => a.startsWith('!')).map((a) => a.slice(1));
}
