/**
 * The fitting policy, shared by every layout that holds a list of things (bullets, rows,
 * cards, events, quotes): shrink to the floor first; if the list still does not fit, split it
 * at item boundaries onto continuation pages; an item too large for an empty page at the
 * floor gets a page of its own at the largest size that fits, down to the absolute floor.
 */
import { sizesBetween } from './fit.ts';

export interface Page<T> {
  items: T[];
  size: number;
  /** Height the page's items take at its size, in inches. */
  height: number;
  /** Set when a single item needed less than the floor; it has a page of its own. */
  oversize?: { fits: boolean };
}

export interface PagePolicy<T> {
  items: T[];
  /** Height in inches that `items` need at `size` (on page `index`). */
  height: (items: T[], size: number, index: number) => number;
  /** Height available on a page. */
  available: number;
  max: number;
  floor: number;
  /** A list that continues onto further slides is long, not short: its pages grow no larger than this. */
  base?: number;
  absoluteFloor: number;
}

function best<T>(p: PagePolicy<T>, items: T[], index: number, max: number, floor: number): number | undefined {
  for (const s of sizesBetween(max, floor)) if (p.height(items, s, index) <= p.available + 1e-6) return s;
  return undefined;
}

/** Plans the pages for a list of items under the fitting policy. */
export function paginate<T>(p: PagePolicy<T>): Page<T>[] {
  return plan(p).map((pg, i) => ({ ...pg, height: p.height(pg.items, pg.size, i) }));
}

/** The height of the tallest page: continuation pages start where the tallest one does, so a list does not jump between slides. */
export function tallest(pages: readonly Pick<Page<unknown>, 'height'>[]): number {
  return Math.max(0, ...pages.map((p) => p.height));
}

/** The size a paginated slide tells the deck it was set at (its smallest page: an oversize page shrank alone). */
export function setSize(pages: readonly Pick<Page<unknown>, 'size'>[]): number {
  return Math.min(...pages.map((p) => p.size));
}

function plan<T>(p: PagePolicy<T>): Omit<Page<T>, 'height'>[] {
  const whole = best(p, p.items, 0, p.max, p.floor);
  if (whole !== undefined) return [{ items: p.items, size: whole }];
  if (p.items.length === 0) {
    // Nothing to split: what there is (a lead, a callout) is too large by itself.
    const small = best(p, [], 0, p.floor - 0.5, p.absoluteFloor);
    return [{ items: [], size: small ?? p.absoluteFloor, oversize: { fits: small !== undefined } }];
  }

  // Greedy packing at the floor size, item boundaries only.
  const groups: T[][] = [];
  let current: T[] = [];
  for (const item of p.items) {
    const candidate = [...current, item];
    if (current.length > 0 && p.height(candidate, p.floor, groups.length) > p.available + 1e-6) {
      groups.push(current);
      current = [item];
    } else current = candidate;
  }
  if (current.length) groups.push(current);
  balance(p, groups);

  // One size for all regular pages, so continuation slides read as one list.
  const sizes = groups.map((g, i) => best(p, g, i, p.max, p.floor));
  const regular = sizes.filter((s): s is number => s !== undefined);
  const shared = regular.length ? Math.max(p.floor, Math.min(p.base ?? Infinity, ...regular)) : p.floor;
  return groups.map((g, i) => {
    if (sizes[i] !== undefined) return { items: g, size: shared };
    const small = best(p, g, i, p.floor - 0.5, p.absoluteFloor);
    return { items: g, size: small ?? p.absoluteFloor, oversize: { fits: small !== undefined } };
  });
}

/**
 * Evens out greedy pages in place: greedy packing leaves a short last page (4 + 2, 12 + 11 + 2).
 * With the same number of pages, caps each page at ceil(n / pages) items and packs again; keeps
 * the result only if every page still fits at the floor.
 */
function balance<T>(p: PagePolicy<T>, groups: T[][]): void {
  const pages = groups.length;
  if (pages < 2) return;
  const cap = Math.ceil(p.items.length / pages);
  const even: T[][] = [];
  for (let i = 0; i < p.items.length; i += cap) even.push(p.items.slice(i, i + cap));
  const fits = even.length === pages && even.every((g, i) => g.length === 1 || p.height(g, p.floor, i) <= p.available + 1e-6);
  if (fits) groups.splice(0, groups.length, ...even);
}
