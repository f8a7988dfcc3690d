/**
 * Column widths from measured content. Every column gets at least the width of its longest word
 * (so no word breaks while another column has room), and when the words together are too wide,
 * only the longest break. When everything fits on one line, each column gets its natural width
 * and the rest goes by the template's weights; otherwise the width goes where it makes the table
 * shortest, so a narrow column does not wrap to four lines beside a wide one with room to spare,
 * and then, as short, where it wraps the fewest lines.
 */
import type { Theme } from '../theme/schema.ts';
import { roundIn } from '../units.ts';
import { blockWidths, measureBlock, type TextBlock } from './text.ts';

export interface ColumnNeeds {
  /** Width that keeps the column's longest word whole. */
  min: number;
  /** Width at which none of the column's cells wraps. */
  natural: number;
  /** The template's relative width: how spare room is shared when nothing wraps. */
  weight: number;
}

/** Widths moved between two columns in one step of the search, in inches: a line is often lost only some way off. */
const STEPS = [0.1, 0.2, 0.4, 0.8, 1.6];
/** Bound on the search: width moves before settling. */
const MAX_MOVES = 200;

/**
 * Widths for `cols` summing to `total`. `height(widths)` is the height the table takes at those
 * widths; it is asked only when some column must wrap, and the widths returned make it as small
 * as a step-by-step search finds (moves that do not shorten the table are not taken). Among
 * widths that keep the table as short, `wrapping(widths)`, when given, says which wrap less (the
 * cells' heights together): so a two-word name is not broken over two lines in a row that a
 * longer cell makes two lines tall anyway, while the longer cell has width to spare.
 */
export function columnWidths(cols: readonly ColumnNeeds[], total: number, height: (widths: readonly number[]) => number, wrapping: (widths: readonly number[]) => number = () => 0): number[] {
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const naturalSum = sum(cols.map((c) => c.natural));
  if (naturalSum <= total) {
    const weights = sum(cols.map((c) => c.weight)) || 1;
    return cols.map((c) => c.natural + ((total - naturalSum) * c.weight) / weights);
  }
  const minSum = sum(cols.map((c) => c.min));
  // Words too long for the width: only the longest break (wordsBreak).
  if (minSum >= total) return wordsBreak(cols.map((c) => c.min), total);
  // Start where each column gets its minimum plus a share of the rest by how much it wants more.
  const share = (total - minSum) / (naturalSum - minSum);
  const widths = cols.map((c) => c.min + (c.natural - c.min) * share);
  // Shorter first; as short, wrapping less.
  const better = (a: { h: number; wrap: number }, b: { h: number; wrap: number }) => a.h < b.h - 1e-9 || (a.h <= b.h + 1e-9 && a.wrap < b.wrap - 1e-9);
  let best = { h: height(widths), wrap: wrapping(widths) };
  for (let move = 0; move < MAX_MOVES; move++) {
    let pick: { to: number; from: number; step: number; h: number; wrap: number } | undefined;
    for (let to = 0; to < cols.length; to++) {
      if (widths[to]! >= cols[to]!.natural) continue;
      for (let from = 0; from < cols.length; from++) {
        for (const step of STEPS) {
          if (from === to || widths[from]! - step < cols[from]!.min) continue;
          const trial = widths.map((w, i) => (i === to ? w + step : i === from ? w - step : w));
          const tried = { to, from, step, h: height(trial), wrap: wrapping(trial) };
          if (better(tried, pick ?? best)) pick = tried;
        }
      }
    }
    if (!pick) break;
    widths[pick.to]! += pick.step;
    widths[pick.from]! -= pick.step;
    best = pick;
  }
  return widths;
}

/**
 * Widths summing to `total` for columns whose longest words (`mins`) together need more: every
 * column whose word fits its share keeps it whole, and the columns with the longest words share
 * what is left equally, so only words that break anyway break (a 90-character record id takes
 * its column's width, while "Name" and "Presence" beside it stay whole). A column's share is
 * what is left after the columns with shorter words, split equally among the rest.
 */
export function wordsBreak(mins: readonly number[], total: number): number[] {
  const ascending = [...mins].sort((a, b) => a - b);
  let rest = total;
  for (let i = 0; i < ascending.length; i++) {
    const share = rest / (ascending.length - i);
    if (ascending[i]! > share) return mins.map((m) => Math.min(m, share));
    rest -= ascending[i]!;
  }
  return [...mins];
}

/** What a template or a kind says about a column besides its content. */
export interface ColumnHint {
  /** Share of the spare room when nothing wraps. */
  weight: number;
  /** The least width the column takes, however short its content. */
  least?: number;
}

/**
 * Column widths at each size for a grid of blocks (`blocksAt(size)[row][column]`), summing to
 * `total` and rounded as drawn. Kept per size: every page of a table or timeline shares them, so
 * continuation slides line up.
 */
export function measuredColumns(
  theme: Theme,
  blocksAt: (size: number) => TextBlock[][],
  hints: readonly ColumnHint[],
  total: number,
  /** A page's height, when the grid's first row is a header repeated above each page of rows. */
  page?: number,
): (size: number) => number[] {
  const bySize = new Map<number, number[]>();
  return (size) => {
    const known = bySize.get(size);
    if (known) return known;
    const grid = blocksAt(size);
    const needs = hints.map((hint, ci) => {
      const ws = grid.flatMap((row) => (row[ci] ? [blockWidths(theme, row[ci])] : []));
      const least = hint.least ?? 0;
      return { min: Math.max(least, ...ws.map((w) => w.min)), natural: Math.max(least, ...ws.map((w) => w.natural)), weight: hint.weight };
    });
    // Each column's block heights at a width, kept: the search asks for the same widths often.
    const heights = new Map<string, number[]>();
    const column = (ci: number, w: number) => {
      const key = `${ci}:${w.toFixed(4)}`;
      let hs = heights.get(key);
      if (!hs) heights.set(key, (hs = grid.map((row) => (row[ci] ? measureBlock(theme, row[ci], w).height : 0))));
      return hs;
    };
    // Each column's heights looked up once per call, not once per row: the search calls this
    // thousands of times on a large table.
    const rowHeights = (ws: readonly number[]) => {
      const hs = ws.map((w, ci) => column(ci, w));
      return grid.map((_, r) => {
        let tallest = -Infinity;
        for (let c = 0; c < hs.length; c++) if (hs[c]![r]! > tallest) tallest = hs[c]![r]!;
        return tallest;
      });
    };
    // A row taller than a page under its header places nowhere: widths that keep every row
    // within a page come first, however much shorter the whole table could be otherwise.
    const height = (ws: readonly number[]) => {
      const rows = rowHeights(ws);
      let sum = 0;
      let excess = 0;
      for (let r = 0; r < rows.length; r++) {
        sum += rows[r]!;
        if (page !== undefined && r > 0) excess += Math.max(0, rows[0]! + rows[r]! - page);
      }
      return sum + 1000 * excess;
    };
    // Every cell's height together: how much the grid wraps at those widths.
    const wrapping = (ws: readonly number[]) => {
      let sum = 0;
      for (let c = 0; c < ws.length; c++) for (const h of column(c, ws[c]!)) sum += h;
      return sum;
    };
    const raw = columnWidths(needs, total, height, wrapping).map(roundIn);
    // Rounded, the last column takes what is left, so the widths sum to the total exactly.
    const widths = [...raw.slice(0, -1), roundIn(total - raw.slice(0, -1).reduce((a, b) => a + b, 0))];
    bySize.set(size, widths);
    return widths;
  };
}
