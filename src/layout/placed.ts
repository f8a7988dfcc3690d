/**
 * The placed deck: every element has a frame in inches and explicit type sizes.
 * Layout produces it; render draws it without measuring or deciding anything.
 */
import type { DeckMeta } from '../compose/ir.ts';
import type { FontFace, HanVariant } from './measure.ts';

export interface Frame {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Hex RRGGBB; defaults to the text box's colour. */
  color?: string;
  /** Points; defaults to the text box's size. */
  size?: number;
  /** Defaults to the text box's face. */
  font?: FontFace;
  /** A source reference ("[1, 3]"): set small and muted, glued to the word before it. */
  ref?: true;
}

export interface Paragraph {
  runs: Run[];
  /** Draw a bullet glyph; indent in inches of the text after it. */
  bullet?: { indent: number; level: 0 | 1 };
  /** Points of space before the paragraph. */
  spaceBefore?: number;
  align?: 'left' | 'center' | 'right';
}

export interface TextElement {
  kind: 'text';
  frame: Frame;
  paragraphs: Paragraph[];
  font: FontFace;
  /** Points. */
  size: number;
  /** Exact line pitch in points: layout measured with it, render writes it. */
  lineHeight: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
  align: 'left' | 'center' | 'right';
  valign: 'top' | 'middle' | 'bottom';
  /** Inner margin in inches, all sides; layout measured the frame less this. */
  inset: number;
  fill?: string;
  /**
   * Marks the slide title, which goes into the title placeholder. A `label` (an outline number,
   * a likelihood tag) and a `reference` (the source list, a caption) are not body text, which
   * lint holds to 18 pt.
   */
  role?: 'title' | 'body' | 'label' | 'reference' | 'banner' | 'footer';
}

export interface ShapeElement {
  kind: 'shape';
  frame: Frame;
  shape: 'rect' | 'roundRect' | 'ellipse' | 'line' | 'triangle' | 'diamond' | 'star5';
  fill?: string;
  line?: { color: string; width: number; dash?: 'solid' | 'dash' };
  /** For lines: flip so the line runs bottom-left to top-right. */
  flipV?: boolean;
}

export interface TableElement {
  kind: 'table';
  frame: Frame;
  /** Column widths in inches, summing to frame.w. */
  colW: number[];
  /** Row heights in inches as measured (each row's tallest cell). */
  rowH: number[];
  /** Each cell's paragraphs, measured as drawn; header cells are set bold. */
  header: Paragraph[][];
  rows: Paragraph[][][];
  font: FontFace;
  size: number;
  lineHeight: number;
  inset: number;
  headerFill: string;
  headerColor: string;
  color: string;
  /** Fill of body rows; every other row takes stripeFill when set. */
  bodyFill: string;
  stripeFill?: string;
  borderColor: string;
}

/**
 * The shape name render gives a decorative picture; the package stage turns it into PowerPoint's
 * decorative flag (pptxgenjs has no option for it).
 */
export const DECORATIVE_PICTURE_NAME = 'Decorative image';
/** The name render gives a picture that has no alt text and is not decorative: its description stays empty. */
export const UNDESCRIBED_PICTURE_NAME = 'Image without alt text';

export interface ImageElement {
  kind: 'image';
  frame: Frame;
  /** Absolute path of the image file, already checked to be inside the project. */
  path: string;
  alt: string;
  /** cover: the picture is cropped to the frame's aspect (contain frames already have the image's). */
  fit?: 'contain' | 'cover';
  /** Carries no information: no alt text, marked decorative for screen readers. */
  decorative?: boolean;
}

/**
 * A freeform vector shape (DrawingML custGeom): rings or lines with their points in inches from
 * the frame's top-left corner, e.g. a country outline or a route on a map.
 */
export interface FreeformElement {
  kind: 'freeform';
  frame: Frame;
  paths: Array<Array<[number, number]>>;
  /** Rings are closed and filled; lines are open. */
  closed: boolean;
  fill?: string;
  line?: { color: string; width: number; dash?: 'solid' | 'dash' };
  /** An arrowhead at the end of an open line. */
  arrow?: boolean;
  /** The shape's name in PowerPoint's selection pane, e.g. the country. */
  name: string;
}

/** A native, editable chart (a chart part with its embedded workbook), styled in the theme. */
export interface ChartElement {
  kind: 'chart';
  frame: Frame;
  chart: 'bar' | 'line' | 'pie';
  title: string;
  categories: string[];
  series: Array<{ name: string; values: number[] }>;
  xLabel?: string;
  yLabel?: string;
  /** One colour per series (per slice in a pie), hex RRGGBB. */
  colors: string[];
  font: FontFace;
  /** Points: axis labels, data labels and legend; the title is set larger. */
  size: number;
  titleSize: number;
  color: string;
  gridColor: string;
  /** What the chart shows, in words, for screen readers. */
  alt: string;
}

export type Element = TextElement | ShapeElement | TableElement | ImageElement | FreeformElement | ChartElement;

export type MasterName = 'TITLE' | 'CONTENT' | 'SECTION' | 'CLOSING';

export interface PlacedSlide {
  master: MasterName;
  /** The slide title, placed in the title placeholder (for reading order and accessibility). */
  title: TextElement;
  elements: Element[];
  notes: string;
  /** 1-based slide number. */
  number: number;
}

export interface Chrome {
  /** Banner frames, top and bottom; text comes from the deck's marking. */
  bannerTop: Frame;
  bannerBottom: Frame;
  bannerFont: string;
  bannerSize: number;
  footerFrame: Frame;
  footerText: string;
  slideNumberFrame: Frame;
  footerFont: string;
  footerSize: number;
  footerColor: string;
  /** Footer and slide-number colour on the dark cover masters. */
  coverFooterColor: string;
  background: string;
  titleBackground: string;
  /** The theme's faces, for the deck's own theme fonts and the title placeholders. */
  headingFont: string;
  bodyFont: string;
  /** Each master's title placeholder frame; slides cannot move a placeholder, so layout uses these. */
  titleFrames: Record<MasterName, Frame>;
  /**
   * The theme's logo: an absolute path (checked by loadTheme) and, for each master it is drawn
   * on, its frame there: the picture's own aspect inside the theme's frame. A master it would
   * overlap the content of has no frame (layout warns), so renderers draw it where a frame is.
   */
  logo?: { path: string; frames: Partial<Record<MasterName, Frame>> };
  /** How layout measured lines, so renderers that set lines themselves (SVG) break them where layout did. */
  measure: { widthReserve: number; han: HanVariant };
}

export interface PlacedDeck {
  meta: DeckMeta;
  chrome: Chrome;
  slides: PlacedSlide[];
}
