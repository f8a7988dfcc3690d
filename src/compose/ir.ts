/**
 * The Deck IR: what the template says the deck is, with no coordinates.
 * Compose produces it from a brief and a template; layout turns it into a placed deck.
 * Every slide kind is one member of a tagged union; switch on `layout` exhaustively.
 */

/** Where in a template a node came from, for errors that point at the template's line. */
export interface TemplateLoc {
  file: string;
  line: number;
  col: number;
}

export type Marking = {
  /** The banner text, e.g. "UNCLASSIFIED" or "TLP:CLEAR". */
  text: string;
  /** classification banners are centred; TLP labels are right-justified (TLP 2.0). */
  system: 'classification' | 'tlp';
  /** Banner fill and text colours, hex RRGGBB. */
  fill: string;
  color: string;
};

export interface DeckMeta {
  title: string;
  subject?: string;
  author: string;
  /** BCP 47 language tag of the deck's text. */
  language: string;
  /** YYYY-MM-DD; shown in footers and used as the file's timestamps. */
  asOf: string;
  marking: Marking;
}

/** A bullet or list entry. `level` 1 is a sub-bullet. */
export interface Item {
  text: string;
  level: 0 | 1;
  /** Optional bold lead-in, e.g. "Moscow:". */
  label?: string;
  /** Small trailing reference, e.g. "[kcna, ap]". */
  ref?: string;
}

export interface Judgment {
  statement: string;
  likelihood: string;
  confidence: string;
  ref?: string;
}

export interface Column {
  heading: string;
  items: Item[];
}

export interface Callout {
  label: string;
  text: string;
  ref?: string;
}

export interface Card {
  title: string;
  subtitle?: string;
  badge?: string;
  body: string;
  ref?: string;
}

export interface TableCell {
  text: string;
}

export interface TableColumn {
  header: string;
  /** Relative width; columns share the table width in proportion. */
  width: number;
}

export interface TimelineEvent {
  when: string;
  text: string;
  place?: string;
  /** Shown as a badge and by the marker's style, never by colour alone. */
  certainty?: string;
  ref?: string;
}

export interface QuoteItem {
  text: string;
  speaker: string;
  role?: string;
  /** "direct" quotes get quotation marks; "reported" statements do not. */
  kind: 'direct' | 'reported';
  ref?: string;
}

export interface SourceEntry {
  id: string;
  text: string;
}

interface SlideBase {
  title: string;
  /** Speaker notes, paragraphs separated by "\n". */
  notes: string;
  loc: TemplateLoc;
  /** Set by layout on continuation slides: part k of n. */
  part?: { index: number; count: number };
}

export type Slide =
  | (SlideBase & { layout: 'title'; subtitle?: string; lines: string[] })
  | (SlideBase & { layout: 'agenda'; items: Item[] })
  | (SlideBase & { layout: 'section'; kicker?: string; subtitle?: string })
  | (SlideBase & { layout: 'bullets'; lead?: string; leadRef?: string; items: Item[] })
  | (SlideBase & { layout: 'judgments'; lead?: string; judgments: Judgment[] })
  | (SlideBase & { layout: 'comparison'; left: Column; right: Column; callout?: Callout })
  | (SlideBase & { layout: 'table'; columns: TableColumn[]; rows: TableCell[][] })
  | (SlideBase & { layout: 'cards'; cards: Card[] })
  | (SlideBase & { layout: 'timeline'; events: TimelineEvent[] })
  | (SlideBase & { layout: 'quote'; quotes: QuoteItem[] })
  | (SlideBase & { layout: 'sources'; sources: SourceEntry[]; credits: string[] })
  | (SlideBase & { layout: 'image'; path: string; alt: string; caption?: string; credit?: string })
  | (SlideBase & { layout: 'closing'; subtitle?: string; items: Item[] })
  /** A dense one-page leave-behind: 1-4 titled panels of items (delegation, trade-offs, context). */
  | (SlideBase & { layout: 'placemat'; panels: Column[] });

export type LayoutKind = Slide['layout'];

export const LAYOUT_KINDS: readonly LayoutKind[] = [
  'title',
  'agenda',
  'section',
  'bullets',
  'judgments',
  'comparison',
  'table',
  'cards',
  'timeline',
  'quote',
  'sources',
  'image',
  'closing',
  'placemat',
];

export type SlideOf<K extends LayoutKind> = Extract<Slide, { layout: K }>;

export interface Deck {
  meta: DeckMeta;
  slides: Slide[];
}
