import { describe, expect, it } from 'vitest';
import { formatDistance, greatCircleKm, statedDistancesKm } from '../../src/map/distance.ts';

describe('great-circle distance', () => {
  it('puts Vladivostok about 685 km from Pyongyang', () => {
    const km = greatCircleKm({ lat: 39.0392, lon: 125.7625 }, { lat: 43.1155, lon: 131.8855 });
    expect(km).toBeGreaterThan(675);
    expect(km).toBeLessThan(695);
    expect(formatDistance(km)).toBe('685 km (425 mi)');
  });

  it('is zero for one place and half the circumference for antipodes', () => {
    expect(greatCircleKm({ lat: 10, lon: 20 }, { lat: 10, lon: 20 })).toBe(0);
    expect(greatCircleKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6371.0088, 3);
  });
});

describe('statedDistancesKm', () => {
  it('reads miles and kilometres in the words a source uses', () => {
    const [mi, km] = statedDistancesKm('about 425 miles (680 kilometers)');
    expect(mi).toBeCloseTo(425 * 1.609344, 6);
    expect(km).toBe(680);
    expect(statedDistancesKm('1,200 km by rail')).toEqual([1200]);
    expect(statedDistancesKm('a few hours away')).toEqual([]);
  });
});
