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
 * A paragraph's segments with their widths at one set of sizes: per segment, the width of its
 * content and of the spaces after it, each summed over its clusters in order (so a fit adds the
 * same numbers, in the same order, as one that walked the clusters). A fit then costs one step
 * per segment, a word, rather than one per character; only a word wider than a whole line is
 * walked cluster by cluster, with `advance`.
 */
export interface Measured {
  seg: Segments;
  content: Float64Array;
  trailing: Float64Array;
  advance: Float64Array;
}

/** The segment widths of `seg` for clusters `advance[g]` wide. */
export function measureSegments(seg: Segments, advance: Float64Array): Measured {
  const content = new Float64Array(seg.count), trailing = new Float64Array(seg.count);
  const data = seg.data;
  let a = 0;
  for (let i = 0, o = 0; i < seg.count; i++, o += SEGMENT) {
    const c = data[o]!, e = data[o + 1]!;
    let cw = 0, tw = 0;
    for (let g = a; g < c; g++) cw += advance[g]!;
    for (let g = c; g < e; g++) tw += advance[g]!;
    content[i] = cw;
    trailing[i] = tw;
    a = e;
  }
  return { seg, content, trailing, advance };
}

/**
 * Fits the measured segments into lines `width` wide. Always at least one line; a paragraph
 * ending in a line terminator ends with an empty line, as the renderers draw it.
 */
export function fitLines(m: Measured, width: number): Lines {
  const lines: Lines = { start: [], end: [], width: [] };
  fit(m, width, lines);
  return lines;
}

/** How many lines fitLines would give, without keeping them. */
export function countLines(m: Measured, width: number): number {
  return fit(m, width, undefined);
}

function fit(m: Measured, width: number, out: Lines | undefined): number {
  const { seg, content, trailing, advance } = m;
  let count = 0;
  const push = (s: number, e: number, w: number) => {
    count++;
    if (out) { out.start.push(s); out.end.push(e); out.width.push(w); }
  };
  const limit = width + EPS;
  const data = seg.data;
  // lineStart < 0: nothing drawn on the current line yet.
  let lineStart = -1, contentEnd = 0, w = 0, pending = 0, a = 0, hard = false;
  for (let i = 0, o = 0; i < seg.count; i++, o += SEGMENT) {
    const c = data[o]!, e = data[o + 1]!;
    hard = data[o + 2] === 1;
    const cw = content[i]!, tw = trailing[i]!;
    if (c === a) {
      // Only spaces or a terminator: they hang after what is on the line, or vanish at its start.
      if (lineStart >= 0) pending += tw;
    } else {
      if (lineStart >= 0 && w + pending + cw > limit) {
        push(lineStart, contentEnd, w);
        lineStart = -1;
      }
      if (lineStart >= 0) w += pending + cw;
      else if (cw <= limit) { lineStart = a; w = cw; }
      else {
        lineStart = a; w = 0;
        for (let g = a; g < c; g++) {
          const gw = advance[g]!;
          if (g > lineStart && w + gw > limit) {
            push(lineStart, g, w);
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
      push(lineStart, contentEnd, w);
      lineStart = -1; pending = 0;
    }
    a = e;
  }
  if (lineStart >= 0) push(lineStart, contentEnd, w);
  else if (hard || count === 0) push(a, a, 0);
  return count;
}
