/**
 * The fitting policy (src/layout/paginate.ts) with synthetic items whose height is simple
 * arithmetic: an item of weight w takes w x size / 10 inches at `size` points. The page holds
 * 10 inches, so at 20 pt a page holds weight 5, at 18 pt weight 5.55.
 */
import { describe, expect, it } from 'vitest';
import { paginate, setSize, tallest, type Page, type PagePolicy } from '../../src/layout/paginate.ts';

const AVAILABLE = 10;
const MAX = 22;
const FLOOR = 18;
const ABS = 10;

function heightOf(items: number[], size: number): number {
  return (items.reduce((a, b) => a + b, 0) * size) / 10;
}

function policy(items: number[], extra: Partial<PagePolicy<number>> = {}): PagePolicy<number> {
  return { items, available: AVAILABLE, max: MAX, floor: FLOOR, absoluteFloor: ABS, height: (it, size) => heightOf(it, size), ...extra };
}

/** Checks what every plan must satisfy, whatever the input. */
function expectSound(pages: Array<Omit<Page<number>, 'height'>>, p: PagePolicy<number>): void {
  // Items stay in order, none lost or repeated, split only at item boundaries.
  expect(pages.flatMap((pg) => pg.items)).toEqual(p.items);
  pages.forEach((pg, i) => {
    if (pg.oversize) {
      expect(pg.items, 'an oversize item has a page of its own').toHaveLength(1);
      expect(pg.size).toBeLessThan(p.floor);
      expect(pg.size).toBeGreaterThanOrEqual(p.absoluteFloor);
    } else {
      expect(pg.size).toBeGreaterThanOrEqual(p.floor);
      expect(pg.size).toBeLessThanOrEqual(p.max);
      expect(p.height(pg.items, pg.size, i)).toBeLessThanOrEqual(p.available + 1e-6);
    }
  });
  const regular = pages.filter((pg) => !pg.oversize).map((pg) => pg.size);
  expect(new Set(regular).size, 'one shared size across regular pages').toBeLessThanOrEqual(1);
}

/** The plan without the page heights, which the tests of the plan leave to the pager's own test. */
function plan<T>(p: PagePolicy<T>): Array<Omit<Page<T>, 'height'>> {
  return paginate(p).map(({ height: _, ...page }) => page);
}

describe('paginate', () => {
  it('one page at the max size when everything fits', () => {
    const p = policy([1, 1, 1]);
    const pages = plan(p);
    expect(pages).toEqual([{ items: [1, 1, 1], size: 22 }]);
    expectSound(pages, p);
  });

  it('an empty list is one empty page at the max size', () => {
    expect(plan(policy([]))).toEqual([{ items: [], size: 22 }]);
  });

  it('shrinks before it splits: one page at the largest size that fits', () => {
    // Weight 5: 11 in at 22 pt, 10 in at exactly 20 pt.
    const p = policy([2, 2, 1]);
    const pages = plan(p);
    expect(pages).toEqual([{ items: [2, 2, 1], size: 20 }]);
    // Weight 5.5 fits at 18 pt (9.9 in) but not at 18.5 (10.175 in): still one page, at the floor.
    expect(plan(policy([2, 2, 1.5]))).toEqual([{ items: [2, 2, 1.5], size: 18 }]);
  });

  it('splits at item boundaries when the list does not fit at the floor', () => {
    // Weight 9: 16.2 in at the floor. Packed greedily at 18 pt: [2,2,1] (9 in), then [2,2] (7.2 in).
    const p = policy([2, 2, 1, 2, 2]);
    const pages = plan(p);
    expect(pages.map((pg) => pg.items)).toEqual([
      [2, 2, 1],
      [2, 2],
    ]);
    expectSound(pages, p);
  });

  it('gives all regular pages one size: the largest that every page can take', () => {
    // Page 1 [3,2] fits up to 20 pt; page 2 [2,1] alone would fit at 22 pt. Both get 20.
    const p = policy([3, 2, 2, 1]);
    const pages = plan(p);
    expect(pages).toEqual([
      { items: [3, 2], size: 20 },
      { items: [2, 1], size: 20 },
    ]);
  });

  it('balances pages instead of leaving a short last page', () => {
    // Greedy packing at the floor gives [2,2,1] + [1]; the same two pages hold [2,2] + [1,1],
    // which then both fit at the largest size.
    const p = policy([2, 2, 1, 1]);
    const pages = plan(p);
    expect(pages).toEqual([
      { items: [2, 2], size: 22 },
      { items: [1, 1], size: 22 },
    ]);
    expectSound(pages, p);
  });

  it('balances pages by height, not by count: one tall item may fill a page that four short ones fill', () => {
    // Greedy at the floor gives [4,1] + [1,1,1], which fits up to 20 pt; even counts ([4,1,1] +
    // [1,1]) do not fit at all. Evened by height, [4] + [1,1,1,1] both take 8.8 in at 22 pt.
    const p = policy([4, 1, 1, 1, 1]);
    const pages = plan(p);
    expect(pages).toEqual([
      { items: [4], size: 22 },
      { items: [1, 1, 1, 1], size: 22 },
    ]);
    expectSound(pages, p);
  });

  it('a first page that also holds a lead takes fewer items, so both pages can be set larger', () => {
    // A 4-inch lead on page 0. Greedy at the floor: [1,2] under the lead (9.4 in), then [1] alone,
    // which holds the shared size at 20 pt (4 + 3 x 20 / 10 = 10). [1] under the lead and [2,1]
    // on page 2 take 6.2 and 6.6 in at 22 pt.
    const p = policy([1, 2, 1], { height: (items, size, index) => heightOf(items, size) + (index === 0 ? 4 : 0) });
    const pages = plan(p);
    expect(pages).toEqual([
      { items: [1], size: 22 },
      { items: [2, 1], size: 22 },
    ]);
    expectSound(pages, p);
  });

  it('an item too large for an empty page at the floor gets a page of its own, below the floor', () => {
    // Weight 6 takes 10.8 in at 18 pt; it fits at 16.5 pt (9.9 in) but not at 17 (10.2 in).
    const p = policy([1, 6, 1]);
    const pages = plan(p);
    expect(pages).toEqual([
      { items: [1], size: 22 },
      { items: [6], size: 16.5, oversize: { fits: true } },
      { items: [1], size: 22 },
    ]);
    expectSound(pages, p);
  });

  it('an item too large even at the absolute floor is set at the absolute floor, marked as not fitting', () => {
    // Weight 12 needs 12 in at 10 pt.
    const p = policy([12, 1]);
    const pages = plan(p);
    expect(pages[0]).toEqual({ items: [12], size: ABS, oversize: { fits: false } });
    expect(pages[1]).toEqual({ items: [1], size: 22 });
    expectSound(pages, p);
  });

  it('an oversize item first in the list is alone too', () => {
    const pages = plan(policy([7, 1, 1]));
    expect(pages.map((pg) => pg.items)).toEqual([[7], [1, 1]]);
    expect(pages[0]!.oversize).toEqual({ fits: true });
  });

  it('passes the page index, so the first page can reserve room (e.g. for a lead)', () => {
    // A 2-inch lead on page 0 only, at every size.
    const calls: number[] = [];
    const p = policy([2, 2, 2, 2], {
      height: (items, size, index) => {
        calls.push(index);
        return heightOf(items, size) + (index === 0 ? 2 : 0);
      },
    });
    const pages = plan(p);
    expect(calls).toContain(1);
    // At 18 pt: page 0 holds 8 in of items (weight 4.44) -> [2,2]; page 1 holds [2,2] too.
    expect(pages.map((pg) => pg.items)).toEqual([
      [2, 2],
      [2, 2],
    ]);
    // Page 0 limits the shared size: 2 + 4 x s / 10 <= 10 -> s <= 20.
    expect(pages.map((pg) => pg.size)).toEqual([20, 20]);
    expectSound(pages, p);
  });

  it('long lists of equal items split into nearly full pages', () => {
    const items = Array.from({ length: 23 }, () => 1);
    const p = policy(items);
    const pages = plan(p);
    // At 18 pt a page holds 5 items (9 in; 6 would take 10.8); 23 items -> 5 pages.
    expect(pages.map((pg) => pg.items.length)).toEqual([5, 5, 5, 5, 3]);
    // Five items fit up to 20 pt (10 in), so every page is set at 20.
    expect(pages.map((pg) => pg.size)).toEqual([20, 20, 20, 20, 20]);
    expectSound(pages, p);
  });
});

describe('an empty list with something too large beside it', () => {
  // A lead or callout alone can be too large: the pager must measure it, not assume it fits.
  const policy = (fixed: (size: number) => number) => ({ items: [] as number[], available: 5, max: 22, floor: 18, absoluteFloor: 10, height: (_: number[], size: number) => fixed(size) });

  it('fits at the largest size that fits', () => {
    expect(plan(policy((s) => s / 5))).toEqual([{ items: [], size: 22 }]);
    expect(plan(policy((s) => s / 4))).toEqual([{ items: [], size: 20 }]);
  });

  it('is oversize below the floor when it fits only there, and flagged as not fitting at all below the absolute floor', () => {
    expect(plan(policy((s) => s / 3))).toEqual([{ items: [], size: 15, oversize: { fits: true } }]);
    expect(plan(policy(() => 6))).toEqual([{ items: [], size: 10, oversize: { fits: false } }]);
  });
});

describe('what a plan tells the slide that placed it', () => {
  it('each page carries its height at its size, so continuation pages can share a top', () => {
    const p = policy([1, 6, 1]);
    const pages = paginate(p);
    pages.forEach((pg, i) => expect(pg.height).toBeCloseTo(p.height(pg.items, pg.size, i), 9));
    expect(tallest(pages)).toBe(Math.max(...pages.map((pg) => pg.height)));
    expect(tallest([])).toBe(0);
  });

  it('reports its smallest page size: an oversize page shrank alone', () => {
    expect(setSize(paginate(policy([1, 6, 1])))).toBe(16.5);
    expect(setSize(paginate(policy([1, 1, 1])))).toBe(22);
  });
});
