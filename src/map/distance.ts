/**
 * Great-circle distances between places (d3-geo's geoDistance on a sphere of the Earth's mean
 * radius) and the distances briefs state in words ("about 425 miles (680 kilometers)").
 */
import { geoDistance } from 'd3-geo';
import { formatNumber } from '../numbers.ts';

/** IUGG mean Earth radius. */
export const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_MILE = 1.609344;

export interface LatLon {
  lat: number;
  lon: number;
}

export function greatCircleKm(a: LatLon, b: LatLon): number {
  return geoDistance([a.lon, a.lat], [b.lon, b.lat]) * EARTH_RADIUS_KM;
}

/** "684 km (425 mi)": rounded to 5 km / 5 mi, since coordinates of a city are a point in an area. */
export function formatDistance(km: number): string {
  const round = (v: number) => (v >= 100 ? Math.round(v / 5) * 5 : Math.round(v));
  return `${formatNumber(round(km))} km (${formatNumber(round(km / KM_PER_MILE))} mi)`;
}

const UNIT = /(\d[\d,]*(?:\.\d+)?)\s*(km|kilomet(?:er|re)s?|mi|miles?)\b/gi;

/**
 * Every distance a text states, in km: "about 425 miles (680 kilometers)" gives [683.97, 680].
 * Empty when the text names no number with a unit.
 */
export function statedDistancesKm(text: string): number[] {
  return [...text.matchAll(UNIT)].map((m) => {
    const v = Number(m[1]!.replace(/,/g, ''));
    return /^mi/i.test(m[2]!) ? v * KM_PER_MILE : v;
  });
}
