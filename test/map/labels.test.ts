/**
 * Label placement (src/map/labels.ts) on synthetic clusters: every placed label stays in the
 * bounds, clear of every other label, every marker and every obstacle, and a leader line never
 * runs through another label; what cannot be placed is reported, not overlapped.
 */
import { describe, expect, it } from 'vitest';
import { candidates, contains, leaderEnd, overlaps, placeLabels, segmentHitsBox, type Box, type LabelRequest } from '../../src/map/labels.ts';

const bounds: Box = { x: 0, y: 0, w: 10, h: 5 };
const markerBox = (r: LabelRequest): Box => ({ x: r.anchor[0] - r.r, y: r.anchor[1] - r.r, w: 2 * r.r, h: 2 * r.r });

function cluster(n: number, spacing: number, at: [number, number] = [5, 2.5]): LabelRequest[] {
  // A tight ring plus a centre: the worst case for labels that all want the right-hand side.
  return Array.from({ length: n }, (_, i) => {
    const a = (i / (n - 1)) * 2 * Math.PI;
    const anchor: [number, number] = i === 0 ? at : [at[0] + spacing * Math.cos(a), at[1] + spacing * Math.sin(a)];
    return { id: `p${i}`, w: 0.8 + (i % 3) * 0.2, h: 0.22, anchor, r: 0.08, priority: i === 0 ? 0 : 1 };
  });
}

function checkPlacement(reqs: LabelRequest[], placed: Map<string, { box: Box; leader: boolean }>, obstacles: Box[], gap = 0.04) {
  const entries = reqs.filter((r) => placed.has(r.id)).map((r) => ({ r, c: placed.get(r.id)! }));
  for (const { r, c } of entries) {
    expect(contains(bounds, c.box), `${r.id} inside the bounds`).toBe(true);
    for (const ob of obstacles) expect(overlaps(c.box, ob, gap), `${r.id} clear of obstacle ${JSON.stringify(ob)}`).toBe(false);
  }
  for (const a of entries) {
    for (const b of entries) {
      if (a === b) continue;
      expect(overlaps(a.c.box, b.c.box, gap), `${a.r.id} and ${b.r.id} overlap`).toBe(false);
      if (a.c.leader) expect(segmentHitsBox(a.r.anchor, leaderEnd(a.r.anchor, a.c.box), b.c.box), `${a.r.id}'s leader crosses ${b.r.id}`).toBe(false);
    }
  }
}

describe('candidates', () => {
  it('never covers its own marker, and prefers the right-hand side', () => {
    const req: LabelRequest = { id: 'a', w: 1, h: 0.2, anchor: [3, 3], r: 0.1, priority: 0 };
    const cands = candidates(req);
    expect(cands.length).toBe(24);
    for (const c of cands) expect(overlaps(c.box, markerBox(req))).toBe(false);
    expect(cands[0]!.box.x).toBeGreaterThan(req.anchor[0]);
    expect(cands[0]!.leader).toBe(false);
    expect(cands.at(-1)!.leader).toBe(true);
  });
});

describe('placeLabels', () => {
  it('places eight labels of a tight cluster clear of each other, the markers and the edge', () => {
    const reqs = cluster(8, 0.3);
    const markers = reqs.map(markerBox);
    const { placed, dropped } = placeLabels(reqs, { bounds, obstacles: markers });
    expect(dropped).toEqual([]);
    expect(placed.size).toBe(8);
    checkPlacement(reqs, placed, markers);
    // Crowded: some labels had to move away from their markers.
    expect([...placed.values()].some((c) => c.leader || c.cost > 0)).toBe(true);
  });

  it('finds the cheapest placement of a crowded cluster within its step limit', () => {
    // Its bound on what the remaining labels can cost prunes the search: the default limit of
    // 20 000 steps ends where a search allowed fifty times as many does, at the same placement.
    const reqs = cluster(9, 0.28);
    const markers = reqs.map(markerBox);
    const cost = (p: ReturnType<typeof placeLabels>) => [...p.placed.values()].reduce((a, c) => a + c.cost, 0) + 1000 * p.dropped.length;
    const limited = placeLabels(reqs, { bounds, obstacles: markers });
    const open = placeLabels(reqs, { bounds, obstacles: markers, maxSteps: 1_000_000 });
    expect(cost(limited)).toBe(cost(open));
    expect([...limited.placed]).toEqual([...open.placed]);
    checkPlacement(reqs, limited.placed, markers);
  });

  it('keeps labels inside the frame for markers at its edge and corner', () => {
    const reqs: LabelRequest[] = [
      { id: 'right-edge', w: 1.2, h: 0.22, anchor: [9.9, 2.5], r: 0.08, priority: 0 },
      { id: 'corner', w: 1.2, h: 0.22, anchor: [0.1, 0.1], r: 0.08, priority: 0 },
      { id: 'bottom', w: 1.2, h: 0.22, anchor: [5, 4.92], r: 0.08, priority: 0 },
    ];
    const markers = reqs.map(markerBox);
    const { placed, dropped } = placeLabels(reqs, { bounds, obstacles: markers });
    expect(dropped).toEqual([]);
    checkPlacement(reqs, placed, markers);
    expect(placed.get('right-edge')!.box.x + 1.2).toBeLessThanOrEqual(9.9);
  });

  it('avoids fixed obstacles such as a scale bar', () => {
    const req: LabelRequest = { id: 'a', w: 1, h: 0.22, anchor: [1, 4.5], r: 0.08, priority: 0 };
    const scale: Box = { x: 1.1, y: 4.2, w: 2, h: 0.6 };
    const { placed } = placeLabels([req], { bounds, obstacles: [markerBox(req), scale] });
    expect(overlaps(placed.get('a')!.box, scale, 0.04)).toBe(false);
  });

  it('prefers a side the route line does not cross', () => {
    const req: LabelRequest = { id: 'a', w: 1, h: 0.22, anchor: [5, 2.5], r: 0.08, priority: 0 };
    const route: Array<[number, number]> = [
      [5, 2.5],
      [8, 2.5],
    ];
    const { placed } = placeLabels([req], { bounds, obstacles: [markerBox(req)], lines: [route] });
    const box = placed.get('a')!.box;
    expect(segmentHitsBox(route[0]!, route[1]!, box)).toBe(false);
  });

  it('drops and reports a label that has no room rather than overlapping', () => {
    const tiny: Box = { x: 0, y: 0, w: 2, h: 0.3 };
    const reqs: LabelRequest[] = [
      { id: 'first', w: 1.5, h: 0.22, anchor: [0.1, 0.15], r: 0.05, priority: 0 },
      { id: 'second', w: 1.5, h: 0.22, anchor: [1.9, 0.15], r: 0.05, priority: 1 },
    ];
    const { placed, dropped } = placeLabels(reqs, { bounds: tiny, obstacles: reqs.map(markerBox) });
    expect(placed.has('first')).toBe(true);
    expect(dropped).toEqual(['second']);
  });
});
