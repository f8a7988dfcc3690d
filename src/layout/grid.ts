/**
 * The slide grid (inches on a 13.333 x 7.5 slide) and small builders for placed elements.
 * Banners, title, body and footer bands never overlap, so text that stays inside its frame
 * stays clear of the banners.
 */
import type { Theme } from '../theme/schema.ts';
import { SLIDE, roundIn } from '../units.ts';
import { lineHeightPt } from './fit.ts';
import type { Frame, Paragraph, Run, ShapeElement } from './placed.ts';
import { DEFAULT_INSET, textBlock, type TextBlock } from './text.ts';

export const GRID = {
  margin: 0.6,
  bannerH: 0.32,
  /** Title frame, top-anchored: the body starts under the lines the title really takes. */
  title: { x: 0.6, y: 0.42, w: roundIn(SLIDE.width - 1.2), h: 1.4 },
  rule: { x: 0.6, w: 1.2, h: 0.06 },
  /** Body under a two-line title; see bodyFor for one-line titles. */
  body: { x: 0.6, y: 2.05, w: roundIn(SLIDE.width - 1.2), h: 4.55 },
  bodyBottom: 6.6,
  footer: { y: 6.78, h: 0.3 },
  /** Title placeholder frames of the cover-style masters. */
  coverTitle: {
    TITLE: { x: 0.9, y: 1.45, w: roundIn(SLIDE.width - 1.8), h: 1.95 },
    SECTION: { x: 0.9, y: 2.45, w: roundIn(SLIDE.width - 1.8), h: 1.95 },
    CLOSING: { x: 0.9, y: 0.7, w: roundIn(SLIDE.width - 1.8), h: 1.1 },
  },
  /** Default inner margin of text frames. */
  inset: DEFAULT_INSET,
  gutter: 0.3,
} as const;

export function frame(x: number, y: number, w: number, h: number): Frame {
  return { x: roundIn(x), y: roundIn(y), w: roundIn(w), h: roundIn(h) };
}

export function para(runs: Run[] | string, extra: Omit<Paragraph, 'runs'> = {}): Paragraph {
  return { runs: typeof runs === 'string' ? [{ text: runs }] : runs, ...extra };
}

export function rect(f: Frame, fill: string, shape: ShapeElement['shape'] = 'rect', line?: ShapeElement['line']): ShapeElement {
  return { kind: 'shape', shape, frame: f, fill, line };
}

export function hline(x: number, y: number, w: number, color: string, width = 1, dash: 'solid' | 'dash' = 'solid'): ShapeElement {
  return { kind: 'shape', shape: 'line', frame: frame(x, y, w, 0), line: { color, width, dash } };
}

export function vline(x: number, y: number, h: number, color: string, width = 1): ShapeElement {
  return { kind: 'shape', shape: 'line', frame: frame(x, y, 0, h), line: { color, width } };
}

/** The body frame under a title of `lines` lines. */
export function bodyFor(lines: number): Frame {
  const y = lines <= 1 ? 1.35 : GRID.body.y;
  return frame(GRID.body.x, y, GRID.body.w, GRID.bodyBottom - y);
}

/**
 * Share of a body's spare height that goes above its content: a little under half, so a short
 * block sits at the optical centre, just above the middle, rather than under the title.
 */
export const OPTICAL_CENTRE = 0.42;

/** Where content `height` tall starts in `body` to sit balanced in it (at the top when it fills the body). */
export function balancedTop(body: Frame, height: number): number {
  return body.y + Math.max(0, body.h - height) * OPTICAL_CENTRE;
}

/** The accent rule under every content title, just above the body. */
export function titleRule(theme: Theme, body: Frame): ShapeElement {
  const r = GRID.rule;
  return rect(frame(r.x, body.y - 0.17, r.w, r.h), theme.colors.accent);
}

/** The accent heading bar on top of a panel (comparison columns, placemat panels). */
export function headingBlock(text: string, theme: Theme, size: number, inset: number): TextBlock {
  return textBlock([para(text)], {
    font: theme.fonts.heading,
    size,
    lineHeight: lineHeightPt(theme, size),
    color: theme.colors.accentText,
    bold: true,
    fill: theme.colors.accent,
    inset,
    valign: 'middle',
  });
}

/** Appends a small reference run ("[1, 3]") after body text set at `size`; never larger than the text. */
export function withRef(text: string, ref: string | undefined, theme: Theme, size: number = theme.sizes.ref): Run[] {
  return [{ text }, ...refRuns(ref, theme, size)];
}

/** The reference run alone (none when there is no reference), glued to the word before it. */
export function refRuns(ref: string | undefined, theme: Theme, size: number): Run[] {
  return ref ? [{ text: `${NBSP}${ref}`, color: theme.colors.muted, size: Math.min(theme.sizes.ref, size), ref: true }] : [];
}

/** Joins a reference or tag to the word before it, so it never stands alone on a line. */
export const NBSP = '\u00A0';
