/**
 * Fitting primitives: the largest size (between a ceiling and a floor) at which a block of
 * text fits its box. A block is described once, as a function of its size (see text.ts), so the
 * block that fits is the block that is drawn.
 */
import type { Theme } from '../theme/schema.ts';
import type { LayoutContext } from './context.ts';
import { measureBlock, totalLines, type BlockMeasure, type TextBlock } from './text.ts';

/** A size scaled for a secondary line (a place, a role), in half points: measured and drawn alike. */
export function scaledSize(size: number, scale = 1): number {
  return Math.round(size * scale * 2) / 2;
}

/** Line pitch in points for a size, from the theme's line spacing. */
export function lineHeightPt(theme: Theme, size: number): number {
  return Math.round(size * theme.fit.lineSpacing * 100) / 100;
}

/** Sizes to try, largest first, in half points. */
export function sizesBetween(max: number, floor: number): number[] {
  const out: number[] = [];
  // Half-point steps that stay within [floor, max]: round max down and floor up.
  const top = Math.floor(max * 2 + 1e-9) / 2;
  const bottom = Math.ceil(floor * 2 - 1e-9) / 2;
  for (let s = top; s >= bottom; s -= 0.5) out.push(s);
  return out;
}

/**
 * The first of `sizes` (largest first) that `fits`, which must hold for every size below one it
 * holds for (text only takes more room as it grows). The largest is tried first, since most
 * text fits at its ceiling; otherwise bisection, so a range of 20 sizes costs 5 measurements,
 * not up to 20.
 */
export function firstFitting(sizes: readonly number[], fits: (size: number) => boolean): number | undefined {
  if (sizes.length === 0) return undefined;
  if (fits(sizes[0]!)) return sizes[0];
  let lo = 1, hi = sizes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fits(sizes[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return sizes[lo];
}

/**
 * `f(item, size)` kept per item and size, for the life of one slide's layout: a page plan asks for
 * an item's height at a size for every range of items that holds it, and each ask used to build
 * and measure the item's blocks again.
 */
export function perItemAndSize<T extends object, R>(f: (item: T, size: number) => R): (item: T, size: number) => R {
  const bySize = new Map<number, Map<T, R>>();
  return (item, size) => {
    let m = bySize.get(size);
    if (!m) bySize.set(size, (m = new Map()));
    if (m.has(item)) return m.get(item)!;
    const v = f(item, size);
    m.set(item, v);
    return v;
  };
}

/** A block at the size that fitted, and its measure. */
export interface Fitted {
  block: TextBlock;
  measure: BlockMeasure;
}

/**
 * The largest size from `max` down to `floor` at which the block `make(size)` fits a box of
 * `box.w` x `box.h` (in at most `maxLines` lines when given); undefined when not even the floor fits.
 */
export function fitBlock(theme: Theme, make: (size: number) => TextBlock, box: { w: number; h: number }, max: number, floor: number, maxLines?: number): Fitted | undefined {
  let found: Fitted | undefined;
  let foundSize = -Infinity;
  firstFitting(sizesBetween(max, floor), (size) => {
    const block = make(size);
    const measure = measureBlock(theme, block, box.w);
    const ok = measure.height <= box.h + 1e-6 && (maxLines === undefined || totalLines(measure) <= maxLines);
    // Bisection tries sizes in no fixed order: the fit kept is the largest that held.
    if (ok && size > foundSize) {
      found = { block, measure };
      foundSize = size;
    }
    return ok;
  });
  return found;
}

/**
 * The sizes a kind's text may take: it grows from `base` up to `max` where there is room, and
 * shrinks from `base` to `floor` (then continues on further slides) where there is not.
 */
export interface SizeRange {
  base: number;
  max: number;
  floor: number;
}

/** The ceiling under the deck's cap: a cap may stop a slide growing, never make it shrink. */
function capped(ctx: Pick<LayoutContext, 'maxSize'>, base: number, ceiling: number): number {
  return ctx.maxSize === undefined ? ceiling : Math.min(ceiling, Math.max(base, ctx.maxSize));
}

/** Body text: lists, statements, quotes, rows of a timeline or an outline. */
export function bodyRange(ctx: Pick<LayoutContext, 'theme' | 'maxSize'>): SizeRange {
  const t = ctx.theme;
  return { base: t.sizes.body, max: capped(ctx, t.sizes.body, t.sizes.bodyMax), floor: t.fit.bodyFloor };
}

/** Tables and the source list: dense type that may shrink to the table floor before splitting. */
export function tableRange(ctx: Pick<LayoutContext, 'theme' | 'maxSize'>): SizeRange {
  const t = ctx.theme;
  return { base: t.sizes.table, max: capped(ctx, t.sizes.table, t.sizes.tableMax), floor: t.fit.tableFloor };
}
