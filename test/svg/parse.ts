/**
 * Reads the SVG the renderer writes, with a strict XML parser (so a test also proves it is
 * well-formed): the placed elements with their frames, and every set text line with its text,
 * position and size.
 */
import { SaxesParser } from 'saxes';

export interface SvgElement {
  id: string;
  kind: string;
  frame: number[];
}

export interface SvgLine {
  /** data-el of the element the line is in ("title", "e3"), or the chrome's group ("footer"). */
  el: string;
  /** Table cell, when the line is in one. */
  cell?: { row: number; col: number };
  /** Paragraph and line index, for set body lines. */
  p?: number;
  l?: number;
  text: string;
  /** Points. */
  x: number;
  baseline: number;
  size: number;
  anchor: string;
}

export function parseSlideSvg(svg: string): { slide: number; elements: SvgElement[]; lines: SvgLine[] } {
  const parser = new SaxesParser({ xmlns: false });
  const elements: SvgElement[] = [];
  const lines: SvgLine[] = [];
  const stack: Array<{ name: string; attrs: Record<string, string> }> = [];
  let slide = 0;
  let line: SvgLine | undefined;
  parser.on('opentag', (t) => {
    const attrs = t.attributes as Record<string, string>;
    stack.push({ name: t.name, attrs });
    if (t.name === 'svg') slide = Number(attrs['data-slide']);
    if (t.name === 'g' && attrs['data-el'] && attrs['data-frame']) {
      if (attrs.class === 'el') elements.push({ id: attrs['data-el'], kind: attrs['data-kind'] ?? '', frame: attrs['data-frame'].split(' ').map(Number) });
    }
    if (t.name === 'text' && attrs.class !== 'bu') {
      const el = [...stack].reverse().find((s) => s.attrs['data-el'])?.attrs['data-el'] ?? '';
      const cellAttrs = [...stack].reverse().find((s) => s.attrs.class === 'cell')?.attrs;
      line = {
        el,
        text: '',
        x: Number(attrs.x),
        baseline: Number(attrs.y),
        size: Number(attrs['font-size']),
        anchor: attrs['text-anchor'] ?? 'start',
        ...(cellAttrs ? { cell: { row: Number(cellAttrs['data-row']), col: Number(cellAttrs['data-col']) } } : {}),
        ...(attrs['data-p'] !== undefined ? { p: Number(attrs['data-p']), l: Number(attrs['data-l']) } : {}),
      };
    }
  });
  parser.on('text', (s) => {
    if (line) line.text += s;
  });
  parser.on('closetag', (t) => {
    stack.pop();
    if (t.name === 'text' && line) {
      lines.push(line);
      line = undefined;
    }
  });
  parser.write(svg).close();
  return { slide, elements, lines };
}
