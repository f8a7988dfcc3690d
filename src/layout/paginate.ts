/**
 * The fitting policy, shared by every layout that holds a list of things (bullets, rows,
 * cards, events, quotes): shrink to the floor first; if the list still does not fit, split it
 * at item boundaries onto as few continuation pages as the floor allows, evened out by height
 * and set at the largest size (up to the base) at which they still hold the list; an item too
 * large for an empty page at the floor gets a page of its own at the largest size that fits,
 * down to the absolute floor.
 */
import { firstFitting, sizesBetween } from './fit.ts';

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
  return firstFitting(sizesBetween(max, floor), (s) => p.height(items, s, index) <= p.available + 1e-6);
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

  const m = measured(p);
  // Greedy packing at the floor, item boundaries only: the fewest pages the list can take. An
  // item too large for a page at the floor ends up alone; it is set smaller on a page of its own.
  const atFloor = pack(m, 0, p.items.length, 0, p.floor, p.available);
  const runs = regularRuns(m, atFloor, p);

  // One size for all regular pages, so continuation slides read as one list: the largest size at
  // which every run of regular pages still takes no more pages than at the floor.
  const cap = Math.min(p.base ?? p.max, p.max);
  const feasible = (size: number) => runs.every((r) => fitsIn(m, pack(m, r.from, r.to, r.index, size, p.available), r.index, size, p.available, r.pages));
  const shared = firstFitting(sizesBetween(cap, p.floor), feasible) ?? p.floor;

  const out: Omit<Page<T>, 'height'>[] = [];
  let at = 0;
  for (const run of [...runs, undefined]) {
    // Oversize pages before this run (or after the last one), each alone below the floor.
    for (const [from] of atFloor.filter(([from]) => from >= at && from < (run?.from ?? p.items.length))) {
      const index = out.length;
      const small = best(p, [p.items[from]!], index, p.floor - 0.5, p.absoluteFloor);
      out.push({ items: [p.items[from]!], size: small ?? p.absoluteFloor, oversize: { fits: small !== undefined } });
    }
    if (!run) break;
    for (const [from, to] of balanced(m, run, out.length, shared, p.available)) out.push({ items: p.items.slice(from, to), size: shared });
    at = run.to;
  }
  return out;
}

/** A page as the half-open range of item indexes it holds. */
type Span = [from: number, to: number];

/** The policy's height of items [from, to) on page `index` at `size`, measured once per plan. */
type Measured = (from: number, to: number, index: number, size: number) => number;

function measured<T>(p: PagePolicy<T>): Measured {
  const memo = new Map<string, number>();
  return (from, to, index, size) => {
    const key = `${from}:${to}:${index}:${size}`;
    let h = memo.get(key);
    if (h === undefined) memo.set(key, (h = p.height(p.items.slice(from, to), size, index)));
    return h;
  };
}

/** Items [from, to) packed greedily from page `index` at `size` into pages no taller than `limit` (an item taller alone gets a page of its own). */
function pack(m: Measured, from: number, to: number, index: number, size: number, limit: number): Span[] {
  const spans: Span[] = [];
  let start = from;
  for (let i = from + 1; i <= to; i++) {
    if (i - start > 1 && m(start, i, index + spans.length, size) > limit + 1e-6) {
      spans.push([start, i - 1]);
      start = i - 1;
    }
  }
  if (to > start) spans.push([start, to]);
  return spans;
}

/** True when `spans`, from page `index`, are at most `pages` pages and each fits `limit` at `size`. */
function fitsIn(m: Measured, spans: Span[], index: number, size: number, limit: number, pages: number): boolean {
  return spans.length <= pages && spans.every(([a, b], i) => m(a, b, index + i, size) <= limit + 1e-6);
}

/** A run of consecutive pages that fit at the floor (between oversize pages): it is re-planned as a whole. */
interface Run {
  from: number;
  to: number;
  /** Index of its first page. */
  index: number;
  /** Pages it took at the floor. */
  pages: number;
}

function regularRuns<T>(m: Measured, spans: Span[], p: PagePolicy<T>): Run[] {
  const runs: Run[] = [];
  spans.forEach(([a, b], i) => {
    if (m(a, b, i, p.floor) > p.available + 1e-6) return;
    const last = runs[runs.length - 1];
    if (last && last.to === a && last.index + last.pages === i) {
      last.to = b;
      last.pages++;
    } else runs.push({ from: a, to: b, index: i, pages: 1 });
  });
  return runs;
}

/**
 * A run's pages evened out by height, not by count: the run packed under the lowest page height
 * at which it still takes its pages. Greedy packing leaves a short last page (a list of 4 + 2
 * items, a comparison whose last section stands alone under an empty half slide); the lowest
 * ceiling moves items forward until the pages are as even as item boundaries allow, and a
 * first page that also holds a lead takes fewer items.
 */
function balanced(m: Measured, run: Run, index: number, size: number, available: number): Span[] {
  const within = (limit: number) => {
    const spans = pack(m, run.from, run.to, index, size, limit);
    return fitsIn(m, spans, index, size, limit, run.pages) ? spans : undefined;
  };
  let best = within(available) ?? pack(m, run.from, run.to, index, size, available);
  let lo = 0, hi = available;
  // A hundredth of an inch is finer than any item boundary moves a page.
  while (hi - lo > 0.01) {
    const mid = (lo + hi) / 2;
    const spans = within(mid);
    if (spans) {
      best = spans;
      hi = mid;
    } else lo = mid;
  }
  return best;
}
