/**
 * Greedy line fitting, as PowerPoint and LibreOffice fill lines: each segment goes on the current
 * line if its content fits after the spaces before it; spaces at a line end hang outside the
 * width; a segment wider than a whole line is broken between grapheme clusters.
 */
import { SEGMENT, type Segments } from './breaks.ts';

/** Float slack when comparing sums of advances against a width. */
const EPS = 1e-9;

/** Lines as grapheme ranges: line i draws clusters [start[i], end[i]) and is width[i] wide. */
export interface Lines { start: number[]; end: number[]; width: number[] }

/**
 * Fits `seg` into lines `width` wide, cluster g being `advance[g]` wide. Always at least one line;
 * a paragraph ending in a line terminator ends with an empty line, as the renderers draw it.
 */
export function fitLines(seg: Segments, advance: Float64Array, width: number): Lines {
  const lines: Lines = { start: [], end: [], width: [] };
  const { start, end, width: widths } = lines;
  const limit = width + EPS;
  const data = seg.data;
  // lineStart < 0: nothing drawn on the current line yet.
  let lineStart = -1, contentEnd = 0, w = 0, pending = 0, a = 0, hard = false;
  for (let o = 0; o < seg.count * SEGMENT; o += SEGMENT) {
    const c = data[o]!, e = data[o + 1]!;
    hard = data[o + 2] === 1;
    let cw = 0, tw = 0;
    for (let g = a; g < c; g++) cw += advance[g]!;
    for (let g = c; g < e; g++) tw += advance[g]!;
    if (c === a) {
      // Only spaces or a terminator: they hang after what is on the line, or vanish at its start.
      if (lineStart >= 0) pending += tw;
    } else {
      if (lineStart >= 0 && w + pending + cw > limit) {
        start.push(lineStart); end.push(contentEnd); widths.push(w);
        lineStart = -1;
      }
      if (lineStart >= 0) w += pending + cw;
      else if (cw <= limit) { lineStart = a; w = cw; }
      else {
        lineStart = a; w = 0;
        for (let g = a; g < c; g++) {
          const gw = advance[g]!;
          if (g > lineStart && w + gw > limit) {
            start.push(lineStart); end.push(g); widths.push(w);
            lineStart = g; w = 0;
          }
          w += gw;
        }
      }
      contentEnd = c;
      pending = tw;
    }
    if (hard) {
      if (lineStart < 0) { lineStart = contentEnd = c; w = 0; }
      start.push(lineStart); end.push(contentEnd); widths.push(w);
      lineStart = -1; pending = 0;
    }
    a = e;
  }
  if (lineStart >= 0) { start.push(lineStart); end.push(contentEnd); widths.push(w); }
  else if (hard || start.length === 0) { start.push(a); end.push(a); widths.push(0); }
  return lines;
}
