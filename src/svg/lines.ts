/**
 * The lines of a placed text, broken where layout broke them. Layout only counts lines
 * (measureBlock); the .pptx leaves breaking to PowerPoint. An SVG has to set each line itself,
 * so it wraps each paragraph with the same measurement, the same width and the same reserve
 * that layout used: a browser's own line breaking would disagree with the deck.
 */
import type { Chrome, Paragraph, Run, TextElement } from '../layout/placed.ts';
import { wrapRuns } from '../layout/measure.ts';
import { bulletIndentIn, measureRun, spaceBeforePt, type TextBlock } from '../layout/text.ts';

/** One piece of a set line: text in one run's style. */
export interface LinePiece {
  text: string;
  run: Run;
}

/** One line of a paragraph: its pieces and its advance width in inches. */
export interface SetLine {
  pieces: LinePiece[];
  width: number;
}

/** A paragraph as set: its lines, and what positions them. */
export interface SetParagraph {
  paragraph: Paragraph;
  lines: SetLine[];
  /** Points above the paragraph (none for a box's first). */
  spaceBefore: number;
  /** Inches from the box's inner left edge to the text (bullet indent). */
  indent: number;
}

type Measured = Pick<TextBlock, 'paragraphs' | 'font' | 'size' | 'bold' | 'italic' | 'inset'>;

/**
 * Which width lines are broken at. 'deck': the box's inner width, as PowerPoint and LibreOffice
 * break the .pptx's text (what the preview shows). 'measured': that width less the theme's width
 * reserve, as measureBlock counted lines when it sized the box: never fewer lines than 'deck'.
 * Both break with layout's own measurement (fonts, UAX #14), never a browser's.
 */
export type LineWidth = 'deck' | 'measured';

/** The paragraphs of a block `width` inches wide, wrapped at `lineWidth`, less the bullet indent. */
export function setParagraphs(b: Measured, width: number, measure: Chrome['measure'], lineWidth: LineWidth = 'deck'): SetParagraph[] {
  const avail = (width - 2 * b.inset) * (lineWidth === 'measured' ? 1 - measure.widthReserve : 1);
  return b.paragraphs.map((p, i) => {
    const indent = bulletIndentIn(p);
    const runs = p.runs.map((r) => measureRun(r, b, measure.han));
    const wrapped = wrapRuns(runs, Math.max(0.1, avail - indent));
    return {
      paragraph: p,
      lines: wrapped.map((l) => ({ width: l.width, pieces: l.pieces.map((pc) => ({ text: pc.text, run: p.runs[pc.run]! })) })),
      spaceBefore: spaceBeforePt(p, i),
      indent,
    };
  });
}

/** The lines of a placed text element (in its own frame). */
export function elementLines(el: TextElement, measure: Chrome['measure'], lineWidth: LineWidth = 'deck'): SetParagraph[] {
  return setParagraphs(el, el.frame.w, measure, lineWidth);
}

/** Height in points the set paragraphs take at a fixed line pitch. */
export function setHeightPt(paragraphs: readonly SetParagraph[], lineHeight: number): number {
  return paragraphs.reduce((h, p) => h + p.spaceBefore + p.lines.length * lineHeight, 0);
}
