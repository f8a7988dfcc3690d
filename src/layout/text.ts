/**
 * The one text model. A kind describes each text once, as a block: paragraphs of runs with the
 * box's style (face, size, weight, line pitch, inset). Layout measures that block, and render
 * emits the same block once it has a frame, so what was measured is what is drawn: a bold
 * label is measured bold, a reference run at its own smaller size.
 */
import type { Theme } from '../theme/schema.ts';
import { ptToIn } from '../units.ts';
import { lineCountRuns, longestWordRuns, wrapRuns, type FontFace, type HanVariant, type MeasureRun } from './measure.ts';
import type { Frame, Paragraph, Run, TextElement } from './placed.ts';

/** Default inner margin of text boxes, in inches. */
export const DEFAULT_INSET = 0.05;

/** A text element before it has a frame. */
export type TextBlock = Omit<TextElement, 'kind' | 'frame'>;

/** A block's style: what every block must say, and what has a default. */
export type BlockStyle = Pick<TextElement, 'font' | 'size' | 'lineHeight' | 'color'> &
  Partial<Pick<TextElement, 'bold' | 'italic' | 'align' | 'valign' | 'inset' | 'fill' | 'role'>>;

export interface BlockMeasure {
  /** Lines per paragraph. */
  lines: number[];
  /** Height the block needs, in inches: its lines, the space between paragraphs, the height reserve and both insets. */
  height: number;
}

export function textBlock(paragraphs: Paragraph[], o: BlockStyle): TextBlock {
  return {
    paragraphs,
    font: o.font,
    size: o.size,
    lineHeight: o.lineHeight,
    color: o.color,
    bold: o.bold,
    italic: o.italic,
    align: o.align ?? 'left',
    valign: o.valign ?? 'top',
    inset: o.inset ?? DEFAULT_INSET,
    fill: o.fill,
    role: o.role ?? 'body',
  };
}

/**
 * A portion mark as the run that opens its text: "(U)", "(S)", "(TLP:AMBER)", glued to the first
 * word by a no-break space so that it never ends a line alone. Part of the block, so measured.
 */
export function portionRuns(portion: string | undefined): Run[] {
  return portion ? [{ text: `(${portion})\u00A0` }] : [];
}

/** The block placed in a frame. */
export function placeBlock(b: TextBlock, f: Frame): TextElement {
  return { kind: 'text', frame: f, ...b };
}

/**
 * Space before a paragraph, in points. The first paragraph of a box gets none: renderers
 * disagree on whether they honour it, so it is neither measured nor written.
 */
export function spaceBeforePt(p: Paragraph, index: number): number {
  return index > 0 ? (p.spaceBefore ?? 0) : 0;
}

/** Inches a bullet paragraph's text is indented by (hanging indent per level). */
export function bulletIndentIn(p: Paragraph): number {
  return p.bullet ? p.bullet.indent * (p.bullet.level + 1) : 0;
}

/** The run as measured: its own font settings, else the block's; Han in the deck's Chinese font. */
export function measureRun(r: Run, b: Pick<TextBlock, 'font' | 'size' | 'bold' | 'italic'>, han?: HanVariant): MeasureRun {
  return {
    text: r.text,
    font: { face: (r.font ?? b.font) as FontFace, sizePt: r.size ?? b.size, bold: r.bold ?? b.bold ?? false, italic: r.italic ?? b.italic ?? false, han },
  };
}

/** Width available for text in a box `w` wide with inner margin `inset`, the width reserve applied. */
export function usableWidth(theme: Theme, w: number, inset: number): number {
  return (w - 2 * inset) * (1 - theme.fit.widthReserve);
}

/** The widths a box needs around a block's text: `min` holds its longest word, `natural` each paragraph on one line. */
export interface BlockWidths {
  min: number;
  natural: number;
}

/** Slack added to a measured width, so the box that holds it is not one rounding away from wrapping. */
const WIDTH_SLACK = 0.01;

/**
 * The widest a phrase kept whole may be, in ems of its block's size: a name or a role (16 ems
 * is 2.7 in at 12 pt), not two record ids, nor a run of wide characters, which would take a
 * table's width from the columns beside it.
 */
const SHORT_PHRASE_EM = 16;

/** A paragraph of at most two words, whatever its runs. */
function isShortPhrase(p: Paragraph): boolean {
  const text = p.runs.map((r) => r.text).join('').trim();
  return text !== '' && !/\s\S+\s/.test(text);
}

/**
 * The box widths (inset and width reserve included, as measureBlock applies them) at which a
 * block's words stay whole, and at which it does not wrap at all. For sizing columns from content.
 */
export function blockWidths(theme: Theme, b: TextBlock): BlockWidths {
  const box = (text: number, p: Paragraph) => (text + bulletIndentIn(p)) / (1 - theme.fit.widthReserve) + 2 * b.inset + WIDTH_SLACK;
  let min = 0, natural = 0;
  for (const p of b.paragraphs) {
    const runs = p.runs.map((r) => measureRun(r, b, theme.fonts.han));
    const whole = box(Math.max(0, ...wrapRuns(runs, Infinity).map((l) => l.width)), p);
    // LibreOffice keeps a Hangul word whole where PowerPoint would break it: the whole word is the
    // least. So is a paragraph of two words at most (a name, "Defence minister", "15 July") up
    // to SHORT_PHRASE_EM wide: broken, it reads as two entries. A wider one breaks as before.
    min = Math.max(min, isShortPhrase(p) && whole <= (SHORT_PHRASE_EM * b.size) / 72 ? whole : box(longestWordRuns(runs, { hangulWords: true }), p));
    natural = Math.max(natural, whole);
  }
  return { min, natural };
}

/**
 * Measures a block in a box `width` inches wide (reserves applied here, and only here). Frames
 * are drawn rounded to 0.001 in (`frame`, `roundIn`), so the width is measured floored to that:
 * never wider than the frame drawn, so a line that just fits the exact width cannot wrap in
 * the rounded frame.
 */
export function measureBlock(theme: Theme, b: TextBlock, width: number): BlockMeasure {
  const avail = usableWidth(theme, Math.floor(width * 1000 + 1e-6) / 1000, b.inset);
  let heightPt = 0;
  const lines = b.paragraphs.map((p, i) => {
    const n = lineCountRuns(p.runs.map((r) => measureRun(r, b, theme.fonts.han)), Math.max(0.1, avail - bulletIndentIn(p)));
    // Render writes one exact pitch per box, so a line of smaller runs still takes a full pitch.
    heightPt += n * b.lineHeight + spaceBeforePt(p, i);
    return n;
  });
  return { lines, height: ptToIn(heightPt + theme.fit.heightReserveLines * b.lineHeight) + 2 * b.inset };
}

/** Total lines of a measured block. */
export function totalLines(m: BlockMeasure): number {
  return m.lines.reduce((a, b) => a + b, 0);
}
