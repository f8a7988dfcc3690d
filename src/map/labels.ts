/**
 * Label placement for map markers: each label gets candidate boxes around its anchor, eight
 * positions (right, upper right, lower right, left, ... in the cartographer's order of
 * preference) at three distances, the farther ones drawn with a leader line. A candidate is
 * allowed only inside the frame and clear of every marker, every other obstacle and every label
 * already placed; crossing a route line costs extra but is allowed.
 *
 * The search is depth-first with backtracking: the most important labels first, each trying its
 * candidates cheapest first, and a label may be dropped (at a cost far above any position) when
 * nothing fits. The cheapest complete assignment found within a step limit wins, so a crowded
 * cluster still ends with every label clear of the others, or with a label reported as dropped.
 */
import type { Pt } from './outlines.ts';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface LabelRequest {
  id: string;
  /** Size of the label's text box, inches. */
  w: number;
  h: number;
  /** The marker centre the label belongs to. */
  anchor: Pt;
  /** Half the marker's size: the label keeps this far from the centre, plus a gap. */
  r: number;
  /** Lower goes first and is the last to be dropped. */
  priority: number;
}

export interface Candidate {
  box: Box;
  cost: number;
  /** Placed away from its marker: draw a leader line from the marker to the box. */
  leader: boolean;
}

export interface Placement {
  placed: Map<string, Candidate>;
  /** Ids of labels nothing could be found for. */
  dropped: string[];
}

export interface PlaceOptions {
  /** The area every label must stay inside (the map frame less a margin). */
  bounds: Box;
  /** Boxes no label may touch: markers, the scale bar, the north arrow. */
  obstacles: readonly Box[];
  /** Lines a label should not cross (routes): allowed, at a cost. */
  lines?: readonly Pt[][];
  /** Clear space kept between a label and anything else, inches. */
  gap?: number;
  /** Search steps before the best assignment so far is taken. */
  maxSteps?: number;
}

/** Directions in order of preference: right, upper right, lower right, left, upper left, lower left, above, below. */
const DIRECTIONS: ReadonlyArray<readonly [number, number]> = [
  [1, 0],
  [1, -1],
  [1, 1],
  [-1, 0],
  [-1, -1],
  [-1, 1],
  [0, -1],
  [0, 1],
];
/** Extra distance of each ring of candidates, in label heights. */
const RINGS = [0, 1.2, 2.6];
const RING_COST = 10;
const LINE_COST = 4;
const DROP_COST = 1000;

/** The candidate boxes for one label, cheapest first. */
export function candidates(req: LabelRequest, gap = 0.04): Candidate[] {
  const out: Candidate[] = [];
  RINGS.forEach((extra, ring) => {
    DIRECTIONS.forEach(([dx, dy], i) => {
      // The marker's half-size is kept on both axes (it is a box), the extra distance along the
      // diagonal; a quarter gap more than the least clearance, so rounding never makes them touch.
      const d = req.r + gap * 1.25 + extra * req.h * (dx !== 0 && dy !== 0 ? Math.SQRT1_2 : 1);
      const cx = req.anchor[0] + dx * d;
      const cy = req.anchor[1] + dy * d;
      // The box touches the offset point with its near side (or corner), so it never covers the marker.
      const x = dx > 0 ? cx : dx < 0 ? cx - req.w : cx - req.w / 2;
      const y = dy > 0 ? cy : dy < 0 ? cy - req.h : cy - req.h / 2;
      out.push({ box: { x, y, w: req.w, h: req.h }, cost: i + ring * RING_COST, leader: ring > 0 });
    });
  });
  return out;
}

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.w + gap && b.x < a.x + a.w + gap && a.y < b.y + b.h + gap && b.y < a.y + a.h + gap;
}

export function contains(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
}

/** Whether segment p-q passes through box b (Liang-Barsky clipping). */
export function segmentHitsBox(p: Pt, q: Pt, b: Box): boolean {
  let t0 = 0;
  let t1 = 1;
  const dx = q[0] - p[0];
  const dy = q[1] - p[1];
  /** One edge of the box, as its (p, q) pair, narrows the segment's [t0, t1]; false once nothing is left. */
  const clip = (pp: number, qq: number): boolean => {
    if (pp === 0) return !(qq < 0);
    const t = qq / pp;
    if (pp < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    return !(t0 > t1);
  };
  // The four edges in turn (left, right, top, bottom), without an array of pairs: this runs for
  // every candidate label against every leader and line segment, in the interpreter in a cold
  // build, where the arrays and their iteration were 2 MB of garbage for the shipped map.
  return clip(-dx, p[0] - b.x) && clip(dx, b.x + b.w - p[0]) && clip(-dy, p[1] - b.y) && clip(dy, b.y + b.h - p[1]);
}

/** Where a leader line from `anchor` meets the label's box: the box's nearest point. */
export function leaderEnd(anchor: Pt, b: Box): Pt {
  return [Math.max(b.x, Math.min(anchor[0], b.x + b.w)), Math.max(b.y, Math.min(anchor[1], b.y + b.h))];
}

/** Whether any segment of the lines passes through the box. */
export function hitsLines(b: Box, lines: readonly Pt[][]): boolean {
  return lines.some((line) => line.some((p, i) => i > 0 && segmentHitsBox(line[i - 1]!, p, b)));
}

/** Places every label it can; see the module comment for the search. */
export function placeLabels(requests: readonly LabelRequest[], o: PlaceOptions): Placement {
  const gap = o.gap ?? 0.04;
  const lines = o.lines ?? [];
  // Each label's candidates that fit the frame and miss every fixed obstacle, priced.
  const options = requests.map((req) => ({
    req,
    cands: candidates(req, gap)
      .filter((c) => contains(o.bounds, c.box) && !o.obstacles.some((ob) => overlaps(c.box, ob, gap)))
      .map((c) => (hitsLines(c.box, lines) ? { ...c, cost: c.cost + LINE_COST } : c))
      .sort((a, b) => a.cost - b.cost),
  }));
  // Important labels first; among equals, the most constrained first.
  options.sort((a, b) => a.req.priority - b.req.priority || a.cands.length - b.cands.length);

  const maxSteps = o.maxSteps ?? 20000;
  let steps = 0;
  let best: { cost: number; chosen: Array<Candidate | undefined> } | undefined;
  const chosen: Array<Candidate | undefined> = [];
  // Which candidates clash, worked out once for every pair of candidates of different labels,
  // rather than again at every step of the search: two labels clash when their boxes come within
  // the gap, or a leader line runs through the other's box.
  const ids = new Map<Candidate, number>();
  const flat: Array<{ c: Candidate; leader?: [Pt, Pt]; label: number }> = [];
  options.forEach(({ req, cands }, label) => {
    for (const c of cands) {
      ids.set(c, flat.length);
      flat.push({ c, label, leader: c.leader ? [req.anchor, leaderEnd(req.anchor, c.box)] : undefined });
    }
  });
  const n = flat.length;
  const clashes = new Uint8Array(n * n);
  for (let a = 0; a < n; a++) {
    const A = flat[a]!;
    for (let b = a + 1; b < n; b++) {
      const B = flat[b]!;
      if (A.label === B.label) continue;
      const hit = overlaps(A.c.box, B.c.box, gap)
        || (A.leader !== undefined && segmentHitsBox(A.leader[0], A.leader[1], B.c.box))
        || (B.leader !== undefined && segmentHitsBox(B.leader[0], B.leader[1], A.c.box));
      if (hit) clashes[a * n + b] = clashes[b * n + a] = 1;
    }
  }
  const placedIds: number[] = [];
  const clash = (id: number): boolean => placedIds.some((p) => clashes[p * n + id] === 1);
  // The least the labels from i on can still cost: each its cheapest candidate that clashes with
  // none placed so far, or its drop. A branch that cannot beat the best assignment even so is not
  // searched. The bound never exceeds what the branch's cheapest completion costs, so it never
  // cuts the cheapest assignment; it only lets the search reach it within far fewer steps.
  const bound = (from: number): number => {
    let sum = 0;
    for (let j = from; j < options.length; j++) {
      let least = DROP_COST;
      for (const c of options[j]!.cands) {
        if (c.cost >= least) break;
        if (!clash(ids.get(c)!)) least = c.cost;
      }
      sum += least;
    }
    return sum;
  };

  const search = (i: number, cost: number): void => {
    if (best && cost + bound(i) >= best.cost) return;
    if (i === options.length) {
      best = { cost, chosen: chosen.slice() };
      return;
    }
    for (const c of options[i]!.cands) {
      if (++steps > maxSteps && best) return;
      const id = ids.get(c)!;
      if (clash(id)) continue;
      chosen.push(c);
      placedIds.push(id);
      search(i + 1, cost + c.cost);
      placedIds.pop();
      chosen.pop();
    }
    chosen.push(undefined);
    search(i + 1, cost + DROP_COST);
    chosen.pop();
  };
  search(0, 0);

  const placed = new Map<string, Candidate>();
  const dropped: string[] = [];
  options.forEach(({ req }, i) => {
    const c = best?.chosen[i];
    if (c) placed.set(req.id, c);
    else dropped.push(req.id);
  });
  return { placed, dropped };
}
