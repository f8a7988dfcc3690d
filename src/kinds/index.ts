/**
 * The registry of slide kinds. `LAYOUT_KINDS` is the one list of kind names; `KINDS` maps each
 * name to its module, and its type makes a missing or misnamed module a compile error. Adding a
 * kind: one module here, its entry in both, the template that uses it, and its tests.
 */
import type { SlideOf } from '../compose/ir.ts';
import { agenda, type AgendaSlide } from './agenda.ts';
import { bullets, type BulletsSlide } from './bullets.ts';
import { cards, type CardsSlide } from './cards.ts';
import { chart, type ChartSlide } from './chart.ts';
import { closing, type ClosingSlide } from './closing.ts';
import { comparison, type ComparisonSlide } from './comparison.ts';
import { image, type ImageSlide } from './image.ts';
import { judgments, type JudgmentsSlide } from './judgments.ts';
import { map, type MapSlide } from './map.ts';
import type { KindModule } from './kind.ts';
import { placemat, type PlacematSlide } from './placemat.ts';
import { quote, type QuoteSlide } from './quote.ts';
import { section, type SectionSlide } from './section.ts';
import { sources, type SourcesSlide } from './sources.ts';
import { table, type TableSlide } from './table.ts';
import { timeline, type TimelineSlide } from './timeline.ts';
import { title, type TitleSlide } from './title.ts';

export const LAYOUT_KINDS = ['title', 'agenda', 'section', 'bullets', 'judgments', 'comparison', 'table', 'cards', 'timeline', 'quote', 'sources', 'image', 'closing', 'placemat', 'map', 'chart'] as const;

/** Each kind's own IR fields, tagged by `layout`. */
export type SlideKindNode =
  | TitleSlide
  | AgendaSlide
  | SectionSlide
  | BulletsSlide
  | JudgmentsSlide
  | ComparisonSlide
  | TableSlide
  | CardsSlide
  | TimelineSlide
  | QuoteSlide
  | SourcesSlide
  | ImageSlide
  | ClosingSlide
  | PlacematSlide
  | MapSlide
  | ChartSlide;

type Kind = (typeof LAYOUT_KINDS)[number];
/** Fails to compile unless the name list and the IR union name the same kinds. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const namesMatchNodes: Same<Kind, SlideKindNode['layout']> = true;
void namesMatchNodes;

export const KINDS: { readonly [K in Kind]: KindModule<SlideOf<K>> } = {
  title,
  agenda,
  section,
  bullets,
  judgments,
  comparison,
  table,
  cards,
  timeline,
  quote,
  sources,
  image,
  closing,
  placemat,
  map,
  chart,
};

/** The module of a kind, typed for a slide of that kind. */
export function kindOf<K extends Kind>(kind: K): KindModule<SlideOf<K>> {
  return KINDS[kind];
}

export function isLayoutKind(name: string): name is Kind {
  return (LAYOUT_KINDS as readonly string[]).includes(name);
}

export { PLACEMAT_MAX_PANELS } from './placemat.ts';
export type { Judgment } from './judgments.ts';
export type { Callout } from './comparison.ts';
export type { TableCell, TableColumn } from './table.ts';
export type { Card } from './cards.ts';
export type { TimelineEvent } from './timeline.ts';
export type { QuoteItem } from './quote.ts';
export type { SourceEntry } from './sources.ts';
