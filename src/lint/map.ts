/**
 * Map checks: a route's stated distance against the great-circle distance between its places'
 * coordinates. A gap over 10% usually means a wrong coordinate, the wrong place, or a distance
 * by road or rail given as if it were straight-line; it builds, so it is a warning.
 */
import { formatPath, warning, type Diagnostic } from '../diagnostics.ts';
import type { Brief } from '../load/schema.ts';
import type { FieldPath, Loaded } from '../load/yamlDocument.ts';
import { formatDistance, greatCircleKm, statedDistancesKm } from '../map/distance.ts';

/** How far a stated distance may be from the computed one before lint says so. */
export const DISTANCE_TOLERANCE = 0.1;

/** Warnings for stated distances more than 10% off the great-circle distance. */
export function lintMapDistances(loaded: Loaded<Brief>): Diagnostic[] {
  const map = loaded.value.map;
  if (!map) return [];
  const at = (path: FieldPath) => ({ file: loaded.file, ...loaded.positionOf(path), path: formatPath(path) });
  const out: Diagnostic[] = [];
  map.routes.forEach((r, i) => {
    if (!r.stated_distance) return;
    const a = map.places.find((p) => p.name === r.from);
    const b = map.places.find((p) => p.name === r.to);
    if (!a || !b) return;
    const km = greatCircleKm(a, b);
    const path = ['map', 'routes', i, 'stated_distance'];
    const stated = statedDistancesKm(r.stated_distance);
    if (stated.length === 0) {
      out.push(warning('W_DISTANCE_UNREADABLE', `the stated distance "${r.stated_distance}" names no number with a unit`, { ...at(path), hint: 'write it as the source does, with km or miles, e.g. "about 425 miles (680 kilometers)"' }));
      return;
    }
    const off = stated.find((s) => Math.abs(s - km) / km > DISTANCE_TOLERANCE);
    if (off !== undefined) {
      const pct = Math.round((Math.abs(off - km) / km) * 100);
      out.push(
        warning('W_DISTANCE_MISMATCH', `"${r.stated_distance}" is ${pct}% off the great-circle distance from ${r.from} to ${r.to}, ${formatDistance(km)}`, {
          ...at(path),
          hint: "check both places' coordinates, and whether the source means a distance by road or rail",
        }),
      );
    }
  });
  return out;
}
