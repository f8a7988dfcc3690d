import { describe, expect, it } from 'vitest';
import { clearOfCut, computeOutlines, countryOutlines, fitProjection, insideRing, projectRings, ringArea, simplifyLine, type Pt } from '../../src/map/outlines.ts';

const places = [
  { lat: 39.0392, lon: 125.7625 },
  { lat: 43.1155, lon: 131.8855 },
];

describe('country outlines', () => {
  const w = 12;
  const h = 4.6;
  const projection = fitProjection(places, { w, h, margin: 0.24, minSpanDeg: 1 });

  it('fits the places inside the frame less its margin', () => {
    for (const p of places) {
      const [x, y] = projection([p.lon, p.lat])!;
      expect(x).toBeGreaterThanOrEqual(w * 0.24 - 1e-6);
      expect(x).toBeLessThanOrEqual(w * 0.76 + 1e-6);
      expect(y).toBeGreaterThanOrEqual(h * 0.24 - 1e-6);
      expect(y).toBeLessThanOrEqual(h * 0.76 + 1e-6);
    }
  });

  it('clips every ring to the frame and keeps to the point budget', () => {
    for (const budget of [2500, 600]) {
      const geo = countryOutlines(projection, budget);
      const pts = geo.countries.flatMap((c) => c.rings.flat());
      expect(pts.length).toBe(geo.points);
      expect(geo.points).toBeLessThanOrEqual(budget);
      for (const [x, y] of pts) {
        expect(x).toBeGreaterThanOrEqual(-1e-6);
        expect(x).toBeLessThanOrEqual(w + 1e-6);
        expect(y).toBeGreaterThanOrEqual(-1e-6);
        expect(y).toBeLessThanOrEqual(h + 1e-6);
      }
    }
  });

  it('holds the countries in view, each place inside its own', () => {
    const geo = countryOutlines(projection, 2500);
    const names = geo.countries.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['North Korea', 'Russia', 'China', 'Japan']));
    expect(names).not.toContain('France');
    const nk = geo.countries.find((c) => c.name === 'North Korea')!;
    const [x, y] = projection([places[0]!.lon, places[0]!.lat])!;
    expect(nk.rings.some((r) => insideRing([x, y], r))).toBe(true);
  });
});

describe('edges', () => {
  it('draws a long edge along a parallel straight, on its parallel, between its two ends', () => {
    // A map across North America with an edge along 49 degrees north for 60 degrees of
    // longitude: at d3's default precision it is resampled along the great circle through its
    // ends, a midpoint added an inch north of the parallel.
    const projection = fitProjection([{ lat: 49, lon: -130 }, { lat: 49, lon: -70 }], { w: 12, h: 4.6, margin: 0.1, minSpanDeg: 1 });
    const [line] = projectRings(projection, { type: 'LineString', coordinates: [[-130, 49], [-70, 49]] });
    expect(line).toHaveLength(2);
    const [[x0, y0], [x1, y1]] = line as [Pt, Pt];
    expect(x1 - x0).toBeGreaterThan(9);
    expect(y1).toBeCloseTo(y0, 9);
    expect(y0).toBeCloseTo(projection([-100, 49])![1], 9);
  });
});

describe('clearOfCut', () => {
  const square = (lon: number, lat: number, d: number): Array<[number, number]> => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]];
  it('passes rings within 180 degrees of the centre, and no ring that reaches the cut', () => {
    // The centre at 130 E (rotation -130): the cut runs along 50 W.
    expect(clearOfCut({ type: 'Polygon', coordinates: [square(120, 30, 10)] }, -130)).toBe(true);
    expect(clearOfCut({ type: 'MultiPolygon', coordinates: [[square(120, 30, 10)], [square(-60, 0, 9)]] }, -130)).toBe(true);
    // Across 50 W, or on it.
    expect(clearOfCut({ type: 'Polygon', coordinates: [square(-55, 0, 10)] }, -130)).toBe(false);
    expect(clearOfCut({ type: 'Polygon', coordinates: [square(-50, 0, 5)] }, -130)).toBe(false);
    // An edge of 180 degrees of longitude or more: its shorter great-circle arc runs round the
    // other way, across the cut (here at 180), though both its ends lie within 180 of the centre.
    expect(clearOfCut({ type: 'Polygon', coordinates: [[[0, 10], [179, 10], [179, 20], [0, 10]]] }, 0)).toBe(true);
    expect(clearOfCut({ type: 'Polygon', coordinates: [[[-100, 10], [100, 10], [100, 20], [-100, 10]]] }, 0)).toBe(false);
    // Round a pole: it crosses every meridian.
    expect(clearOfCut({ type: 'Polygon', coordinates: [[[0, 80], [90, 80], [180, 80], [-90, 80], [0, 80]]] }, 0)).toBe(false);
    expect(clearOfCut({ type: 'LineString', coordinates: [[0, 0], [1, 1]] }, 0)).toBe(false);
  });
});

describe('which countries are projected', () => {
  // Only countries whose extent in degrees reaches the frame are projected, and of those the arcs
  // wholly beyond one side of it only by their ends; neither may change a ring. Regions across
  // the antimeridian, near a pole, south of the equator and across it, wide and a city close-up.
  const regions: Array<[string, Array<{ lat: number; lon: number }>, number]> = [
    ['Korea and Vladivostok', places, 1],
    ['Bering Strait, across 180', [{ lat: 64.7, lon: 177.5 }, { lat: 64.5, lon: -165.4 }], 1],
    ['Fiji to Samoa, across 180', [{ lat: -18.1, lon: 178.4 }, { lat: -13.8, lon: -171.8 }], 1],
    ['Svalbard, far north', [{ lat: 78.2, lon: 15.6 }, { lat: 69.6, lon: 18.9 }], 1],
    ['a close-up of Geneva', [{ lat: 46.2, lon: 6.14 }, { lat: 46.21, lon: 6.15 }], 1],
    ['Atlantic crossing', [{ lat: 40.7, lon: -74 }, { lat: 51.5, lon: -0.1 }], 1],
    ['Cape Town to Perth, far south and wide', [{ lat: -33.9, lon: 18.4 }, { lat: -31.95, lon: 115.86 }], 1],
    ['Lagos to Nairobi, across the equator', [{ lat: 6.5, lon: 3.4 }, { lat: -1.29, lon: 36.8 }], 1],
    ['Tierra del Fuego', [{ lat: -54.8, lon: -68.3 }, { lat: -53.2, lon: -70.9 }], 1],
    ['Tokyo to Honolulu, the Pacific', [{ lat: 35.7, lon: 139.7 }, { lat: 21.3, lon: -157.9 }], 1],
    ['Moscow to Pyongyang, most of Russia', [{ lat: 55.75, lon: 37.6 }, { lat: 39.04, lon: 125.76 }], 1],
  ];
  for (const [name, where, span] of regions) {
    it(`holds the same countries and rings as projecting the world: ${name}`, () => {
      const projection = fitProjection(where, { w: 12, h: 4.6, margin: 0.24, minSpanDeg: span });
      expect(computeOutlines(projection, 2500)).toEqual(computeOutlines(projection, 2500, true));
    });
  }

  it('gives the same outlines again from its memo, for an equal projection', () => {
    const a = countryOutlines(fitProjection(places, { w: 10, h: 4, margin: 0.24, minSpanDeg: 1 }), 1200);
    const b = countryOutlines(fitProjection(places, { w: 10, h: 4, margin: 0.24, minSpanDeg: 1 }), 1200);
    expect(b.countries).toBe(a.countries);
    const other = countryOutlines(fitProjection(places, { w: 9, h: 4, margin: 0.24, minSpanDeg: 1 }), 1200);
    expect(other.countries).not.toBe(a.countries);
  });
});

describe('simplifyLine', () => {
  it('keeps the ends and the corners, and drops points on a straight run', () => {
    const line: Pt[] = [
      [0, 0],
      [1, 0.001],
      [2, 0],
      [2, 2],
    ];
    expect(simplifyLine(line, 0.01)).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
    ]);
    expect(ringArea([[0, 0], [2, 0], [2, 2], [0, 2]])).toBe(4);
  });

  it('keeps exactly the points of a plain Douglas-Peucker, repeated points and turns back included', () => {
    // The reference: distances to the chord, clamped with Math.max and Math.min, split recursively.
    const reference = (pts: readonly Pt[], tol: number): Pt[] => {
      const keep = new Set([0, pts.length - 1]);
      const split = (a: number, b: number) => {
        const [ax, ay] = pts[a]!;
        const dx = pts[b]![0] - ax;
        const dy = pts[b]![1] - ay;
        const len2 = dx * dx + dy * dy;
        let worst = -1;
        let worstD = tol * tol;
        for (let i = a + 1; i < b; i++) {
          const [px, py] = pts[i]!;
          const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
          const d = (ax + t * dx - px) ** 2 + (ay + t * dy - py) ** 2;
          if (d > worstD) [worstD, worst] = [d, i];
        }
        if (worst < 0) return;
        keep.add(worst);
        split(a, worst);
        split(worst, b);
      };
      if (pts.length > 2) split(0, pts.length - 1);
      return pts.filter((_, i) => keep.has(i));
    };
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let run = 0; run < 300; run++) {
      const n = 2 + Math.floor(next() * 60);
      // Coarse coordinates: repeated points (a zero-length chord) and points behind a chord's ends.
      const line: Pt[] = Array.from({ length: n }, () => [Math.floor(next() * 6) / 2, Math.floor(next() * 6) / 2]);
      if (run % 3 === 0) line.push([...line[0]!] as Pt);
      for (const tol of [0.001, 0.3, 0.9]) expect(simplifyLine(line, tol)).toEqual(reference(line, tol));
    }
  });
});
