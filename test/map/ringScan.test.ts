import { describe, expect, it } from 'vitest';
import { countryOutlines, fitProjection, insideRing, ringScan, type Pt } from '../../src/map/outlines.ts';

/** A small seeded generator, so a failure names the points that broke it. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

describe('ringScan', () => {
  it('answers as insideRing does, for every point asked, on real country rings', () => {
    const projection = fitProjection([{ lat: 39.04, lon: 125.76 }, { lat: 43.12, lon: 131.89 }], { w: 12, h: 4.6, margin: 0.24, minSpanDeg: 1 });
    const rings = countryOutlines(projection, 2500).countries.flatMap((c) => c.rings);
    expect(rings.length).toBeGreaterThan(3);
    const random = rng(7);
    let inside = 0;
    for (const ring of rings) {
      const scan = ringScan(ring);
      // Random points, points on a coarse grid (rows asked again), and the ring's own vertices.
      const points: Pt[] = [
        ...Array.from({ length: 300 }, (): Pt => [random() * 12, random() * 4.6]),
        ...Array.from({ length: 120 }, (_, i): Pt => [(i % 12) + 0.5, Math.floor(i / 12) * 0.46]),
        ...ring.slice(0, 40),
      ];
      for (const p of points) {
        const want = insideRing(p, ring);
        expect(scan(p[0], p[1]), `(${p[0]}, ${p[1]})`).toBe(want);
        if (want) inside++;
      }
    }
    // The points are not all outside (which a scan answering false would also pass).
    expect(inside).toBeGreaterThan(50);
  });
});
