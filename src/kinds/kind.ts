/**
 * What a slide kind is: one module holding its markup vocabulary, how it reads that markup into
 * its IR node, and how it lays that node out. Kinds are registered in `kinds/index.ts`, in a
 * record keyed by the kind union, so the compiler lists whatever a new kind still lacks.
 */
import type { Item, SlideBase } from '../compose/ir.ts';
import type { MarkupElement } from '../compose/markupTree.ts';
import type { FieldPath } from '../load/yamlDocument.ts';
import type { KindResult, LayoutContext } from '../layout/context.ts';

/** One markup element: its attributes (`!` marks a required one), children and whether it holds text. */
export interface ElementSpec {
  attrs: readonly string[];
  children?: readonly string[];
  text: boolean;
}

/** The markup a kind's `<slide>` accepts. */
export interface Vocabulary {
  /** Elements a `<slide>` of this kind takes directly, besides `<notes>`. */
  children: readonly string[];
  /** The spec of every element the kind uses, nested ones included. */
  elements: Readonly<Record<string, ElementSpec>>;
}

/** Reading a `<slide>`'s markup: text with marks removed and whitespace collapsed, and where it came from. */
export interface SlideReader {
  /** The slide's child elements named `name`, in order. */
  all(name: string): MarkupElement[];
  first(name: string): MarkupElement | undefined;
  /** The element's text ('' when absent). */
  text(el: MarkupElement | undefined): string;
  /** The text of the first child named `name`, or undefined when absent or empty. */
  optText(name: string): string | undefined;
  /** An attribute's value, collapsed; undefined when absent or empty. */
  attr(el: MarkupElement | undefined, name: string): string | undefined;
  /** An attribute's value exactly as written (marks removed, white space kept), e.g. a file path. */
  rawAttr(el: MarkupElement | undefined, name: string): string | undefined;
  /** The brief field the element's text came from, if it came from the brief. */
  origin(el: MarkupElement | undefined): FieldPath | undefined;
  /**
   * The portion mark ("U", "S", "TLP:AMBER") of the brief item the element's text came from:
   * the `portion` of the nearest object around that field. Undefined for unmarked items and
   * for text the template wrote itself. With `attr`, of the field that attribute came from.
   */
  portion(el: MarkupElement | undefined, attr?: string): string | undefined;
  /** The brief field an attribute's value came from. */
  attrOrigin(el: MarkupElement | undefined, name: string): FieldPath | undefined;
  /** An `<item>` (or `<subhead>`) element as an IR item. */
  item(el: MarkupElement): Item;
  /** Child elements of `el`. */
  children(el: MarkupElement): MarkupElement[];
  /** Reports a markup error (E_TEMPLATE_MARKUP) at the element's template position. */
  fail(el: MarkupElement, message: string, hint?: string): void;
  /** Reports a bad attribute value (E_TEMPLATE_ATTR) at the element's template position. */
  badAttr(el: MarkupElement, message: string): void;
}

/** The IR fields a kind adds to the common slide fields. */
export type KindFields<S> = Omit<S, keyof SlideBase | 'layout'>;

export interface KindModule<S extends { layout: string }> {
  vocabulary: Vocabulary;
  /** Builds the kind's own IR fields from its checked markup. */
  read(r: SlideReader, slide: MarkupElement): KindFields<S>;
  layout(slide: S & SlideBase, ctx: LayoutContext): KindResult;
}

export const ITEM: ElementSpec = { attrs: ['level', 'label', 'ref'], text: true };
/** A subheading between the items of a column or panel. */
export const SUBHEAD: ElementSpec = { attrs: [], text: true };
