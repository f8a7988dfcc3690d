/**
 * Map checks: a route's stated distance against the great-circle distance between its places'
 * coordinates. A gap over 10% usually means a wrong coordinate, the wrong place, or a distance
 * by road or rail given as if it were straight-line; it builds, so it is a warning.
 */
import type { Brief } from '../load/schema.ts';
import { formatDistance, greatCircleKm, statedDistancesKm } from '../map/distance.ts';
import type { BriefRule, Finding } from './rule.ts';

/** How far a stated distance may be from the computed one before lint says so. */
export const DISTANCE_TOLERANCE = 0.1;

/** Each route with a stated distance and both its places, with the distances stated and computed. */
function statedRoutes(brief: Brief) {
  const map = brief.map;
  if (!map) return [];
  return map.routes.flatMap((r, i) => {
    const a = map.places.find((p) => p.name === r.from);
    const b = map.places.find((p) => p.name === r.to);
    if (!r.stated_distance || !a || !b) return [];
    return [{ route: r, path: ['map', 'routes', i, 'stated_distance'], km: greatCircleKm(a, b), stated: statedDistancesKm(r.stated_distance) }];
  });
}

export const distanceUnreadable: BriefRule = {
  stage: 'brief',
  code: 'W_DISTANCE_UNREADABLE',
  severity: 'warning',
  what: "a map route's stated distance with no number and unit",
  hint: 'write it as the source does, with km or miles, e.g. "about 425 miles (680 kilometers)"',
  check: (brief) =>
    statedRoutes(brief)
      .filter((s) => s.stated.length === 0)
      .map((s): Finding => ({ path: s.path, message: `the stated distance "${s.route.stated_distance}" names no number with a unit` })),
};

export const distanceMismatch: BriefRule = {
  stage: 'brief',
  code: 'W_DISTANCE_MISMATCH',
  severity: 'warning',
  what: "a map route's stated distance more than 10% off the great-circle distance",
  hint: "check both places' coordinates, and whether the source means a distance by road or rail",
  check: (brief) =>
    statedRoutes(brief).flatMap((s): Finding[] => {
      const off = s.stated.find((d) => Math.abs(d - s.km) / s.km > DISTANCE_TOLERANCE);
      if (off === undefined) return [];
      const pct = Math.round((Math.abs(off - s.km) / s.km) * 100);
      return [{ path: s.path, message: `"${s.route.stated_distance}" is ${pct}% off the great-circle distance from ${s.route.from} to ${s.route.to}, ${formatDistance(s.km)}` }];
    }),
};
