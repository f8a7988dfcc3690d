/**
 * What every layout kind receives and returns.
 */
import type { FieldPath } from '../compose/ir.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Theme } from '../theme/schema.ts';
import type { Element, Frame, MasterName, TextElement } from './placed.ts';

/** Where a text came from in the brief, so warnings name the field with file:line:col. */
export interface TextOrigin {
  file?: string;
  line: number;
  col: number;
  path: string;
}

export interface ResolvedImage {
  /** Absolute path, checked to be inside the project and to be an image. */
  abs: string;
  widthPx: number;
  heightPx: number;
}

export interface LayoutContext {
  theme: Theme;
  /** Where a brief field is written, so warnings about its text give file:line:col. */
  locate?: (path: FieldPath) => TextOrigin | undefined;
  /** Images by the path the brief gives. */
  images?: ReadonlyMap<string, ResolvedImage>;
  /** The body frame of the slide being laid out (depends on its title's line count). */
  body: Frame;
  /**
   * The deck's cap on how far this slide's text may grow (see layoutDeck): slides of one kind grow
   * together, to the size all of them can take. It never holds a slide below its kind's base size.
   */
  maxSize?: number;
}

/** One placed slide before numbering: continuation pages are several parts of one IR slide. */
export interface Part {
  master: MasterName;
  /** Cover-style slides place their own title; content slides get the standard title. */
  titleElement?: TextElement;
  elements: Element[];
  notes: string;
  /** Text of the items on this part, for continuation notes. */
  itemTexts?: string[];
}

export interface KindResult {
  parts: Part[];
  diagnostics: Diagnostic[];
  /** The size the slide's body text was set at, for kinds whose text grows (see LayoutContext.maxSize). */
  size?: number;
}
