import { describe, expect, it } from 'vitest';
import { countryOutlines, fitProjection, insideRing, ringArea, simplifyLine, type Pt } from '../../src/map/outlines.ts';

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
});
