/**
 * The Deck IR: what the template says the deck is, with no coordinates.
 * Compose produces it from a brief and a template; layout turns it into a placed deck.
 * Every slide kind is one member of a tagged union; switch on `layout` exhaustively.
 */
import type { SlideKindNode } from '../kinds/index.ts';
import type { FieldPath } from '../load/yamlDocument.ts';

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
  /** YYYY-MM-DD; shown in footers and used as the file's timestamps. Without it, footers carry no date. */
  asOf?: string;
  marking: Marking;
}

/** A brief field path, e.g. ['delegation', 'members', 2, 'role']: where a text came from. */
export type { FieldPath };
export type { Judgment, Callout, TableCell, TableColumn, Card, TimelineEvent, QuoteItem, SourceEntry } from '../kinds/index.ts';

/** A text with its source reference and the brief field it came from. */
export interface Sourced {
  /** Small trailing reference, e.g. "[1, 3]". */
  ref?: string;
  /** The brief field the text came from. */
  origin?: FieldPath;
  /** Portion mark ("U", "S", "TLP:AMBER") of the brief item, shown as "(U)" before the text. */
  portion?: string;
}

/** A bullet or list entry. `level` 1 is a sub-bullet. */
export interface Item extends Sourced {
  text: string;
  level: 0 | 1;
  /** Optional bold lead-in, e.g. "Moscow:". */
  label?: string;
  /** A subheading inside a list (`<subhead>`): set bold in the accent colour, with no bullet. */
  subhead?: true;
}

export interface Column {
  heading: string;
  items: Item[];
}

export interface SlideBase {
  title: string;
  /** The brief field the title came from, when it came from the brief. */
  titleOrigin?: FieldPath;
  /** Speaker notes, paragraphs separated by "\n". */
  notes: string;
  loc: TemplateLoc;
  /** Listed by an outline's `<toc/>` (the slide's `outline="true"`). */
  outline?: true;
}

/** A slide: the common fields and one kind's own (see src/kinds/). */
export type Slide = SlideBase & SlideKindNode;

export type LayoutKind = Slide['layout'];

export type SlideOf<K extends LayoutKind> = Extract<Slide, { layout: K }>;

export interface Deck {
  meta: DeckMeta;
  slides: Slide[];
}
