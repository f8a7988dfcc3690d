/**
 * Country outlines for a map frame: Natural Earth 1:50m countries (public domain, shipped by the
 * `world-atlas` npm package as TopoJSON), decoded with topojson-client, projected with d3-geo's
 * Mercator centred on the places and fitted to them with a margin, clipped to the frame, and
 * simplified (Douglas-Peucker in inches) until the whole map is within a point budget.
 *
 * Mercator keeps north up everywhere and angles true, which is what a briefing's regional map
 * wants; it is rotated to the places' mean longitude so maps across the antimeridian work.
 */
import { geoMercator, geoPath, type GeoProjection, type GeoStream } from 'd3-geo';
import type { Feature, Geometry, MultiPoint } from 'geojson';
import { feature } from 'topojson-client';
import { atlas, forEachArc, type Extent, type World } from './atlas.ts';

/** A point in inches from the map frame's top-left corner. */
export type Pt = [number, number];

export interface Country {
  name: string;
  /** Closed rings, in inches inside the frame. */
  rings: Pt[][];
}

export interface MapGeometry {
  projection: GeoProjection;
  countries: Country[];
  /** Points kept, across every ring. */
  points: number;
}

/** Every country as GeoJSON, decoded on first need (only for maps of the whole world, in tests). */
const decoded: Array<Feature<Geometry, { name: string }> | undefined> = [];
let whole: World | undefined;
function country(i: number): Feature<Geometry, { name: string }> {
  const a = atlas();
  whole ??= { ...a.topology, arcs: Array.from({ length: a.arcCount }, (_, k) => a.arc(k)) } as World;
  return (decoded[i] ??= feature(whole, whole.objects.countries.geometries[i]!) as Feature<Geometry, { name: string }>);
}

/**
 * The topology for one view, holding the arcs of the countries `shown` (the others are never
 * read): each arc that lies wholly beyond one side of the view (north of it, south of it, or east
 * or west of it along the projection's own longitudes) is cut down to its two ends, and in an arc
 * that does reach the view, each run of points beyond one side likewise (pruneRuns). What the
 * projection then draws inside the frame is what it drew from the whole arc: d3 draws each edge
 * as the shorter great-circle arc between its points, and that arc between the two ends stays
 * beyond the same side (checked below), so no clipped edge, no crossing of the frame and no
 * winding around a point of it changes. Only far fewer points go through the projection: a
 * regional map shows a corner of Russia and of China, whose coasts and borders are most of the
 * points of the countries in view (the shipped brief's map: 7,471 points projected with whole
 * arcs alone, 3,049 with runs cut too, for the same outlines).
 */
function viewTopology(projection: GeoProjection, view: Extent, shown: readonly number[]): World {
  const a = atlas();
  const info = a.index.arcs;
  const rot = projection.rotate()[0];
  // Longitudes as the rotated projection has them, in [-180, 180).
  const turned = (lon: number) => ((((lon + rot + 180) % 360) + 360) % 360) - 180;
  const vWest = turned(view.lon0);
  const vEast = vWest + (view.lon1 - view.lon0);
  // A view across the projection's antimeridian (a map of the whole world) is not pruned east or west.
  const sides = vEast < 180;
  const beyond = (e: Extent): boolean => {
    // North: every point north of the view, which lies north of the equator, so the great-circle
    // arc between two of them bends no further south than its ends. South likewise.
    if ((view.lat1 >= 0 && e.lat0 > view.lat1) || (view.lat0 <= 0 && e.lat1 < view.lat0)) return true;
    if (!sides || e.lon1 - e.lon0 >= 180) return false;
    // East or west: an arc less than 180 degrees wide, not across the antimeridian once
    // turned; the great-circle arc between its ends keeps between their longitudes.
    const west = turned(e.lon0);
    const east = west + (e.lon1 - e.lon0);
    return east < 180 && (east < vWest || west > vEast);
  };
  // The same for a run of points inside an arc that crosses into the view: the side a point is
  // beyond, if any (north and south as above; east or west only where the view has sides), by
  // its longitude as the projection turns it (`x`) and its latitude.
  const side = (x: number, lat: number): number => {
    if (view.lat1 >= 0 && lat > view.lat1) return NORTH;
    if (view.lat0 <= 0 && lat < view.lat0) return SOUTH;
    if (!sides) return 0;
    return x > vEast ? EAST : x < vWest ? WEST : 0;
  };
  const arcs: World['arcs'] = new Array(a.arcCount);
  for (const c of shown) {
    const g = a.topology.objects.countries.geometries[c]!;
    if (!('arcs' in g)) continue;
    forEachArc(g.arcs, (i) => {
      if (arcs[i]) return;
      // Cut down before decoding: an arc beyond the view is never turned into points.
      arcs[i] = beyond(info[i]!) ? a.ends(i) : pruneRuns(a.arc(i), a.topology.transform, turned, side);
    });
  }
  return { ...a.topology, arcs } as World;
}

/**
 * An arc with each run of three or more points beyond one side of the view cut down to the run's
 * first and last points, by the argument viewTopology gives for whole arcs. A run is points beyond
 * the same side, each edge between them less than 180 degrees of the projection's longitude (so
 * none crosses its antimeridian, and the run cannot wind about a pole); a run east or west of the
 * view also spans less than 180 degrees. The run and the great-circle arc that replaces it then
 * lie in one convex region beyond the view (a cap north or south of it, or a lune beside it), so
 * the projection clips them alike: the edges into and out of the run are the arc's own, and no
 * winding about a point in the frame changes. The arc's own ends always stay (neighbours share them).
 * Quantized arcs are delta-encoded, so the kept points' deltas are summed anew.
 */
function pruneRuns(arc: World['arcs'][number], transform: World['transform'], turned: (lon: number) => number, side: (x: number, lat: number) => number): World['arcs'][number] {
  const n = arc.length;
  if (n < 4) return arc;
  const [kx, ky] = transform?.scale ?? [1, 1];
  const [tx, ty] = transform?.translate ?? [0, 0];
  // Absolute positions (quantized, or degrees when there is no transform).
  const qx = new Float64Array(n);
  const qy = new Float64Array(n);
  for (let k = 0, x = 0, y = 0; k < n; k++) {
    const p = arc[k]!;
    if (transform) {
      x += p[0]!;
      y += p[1]!;
    } else {
      x = p[0]!;
      y = p[1]!;
    }
    qx[k] = x;
    qy[k] = y;
  }
  const keep = new Uint8Array(n).fill(1);
  let cut = false;
  let start = 0;
  let runSide = 0;
  let west = 0;
  let east = 0;
  let prev = 0;
  const close = (end: number) => {
    // Points start..end share a side: all but the two ends go.
    for (let k = start + 1; k < end; k++) keep[k] = 0;
    cut ||= end - start >= 2;
  };
  for (let k = 0; k < n; k++) {
    const lon = qx[k]! * kx + tx;
    const lat = qy[k]! * ky + ty;
    const x = turned(lon);
    const s = side(x, lat);
    const joins = s !== 0 && s === runSide && Math.abs(x - prev) < 180 && Math.max(east, x) - Math.min(west, x) < (s === EAST || s === WEST ? 180 : 360);
    if (joins) {
      west = Math.min(west, x);
      east = Math.max(east, x);
    } else {
      if (runSide !== 0) close(k - 1);
      start = k;
      runSide = s;
      west = east = x;
    }
    prev = x;
  }
  if (runSide !== 0) close(n - 1);
  if (!cut) return arc;
  const out: World['arcs'][number] = [];
  let lastX = 0;
  let lastY = 0;
  for (let k = 0; k < n; k++) {
    if (!keep[k]) continue;
    out.push(transform ? [qx[k]! - lastX, qy[k]! - lastY] : arc[k]!);
    lastX = qx[k]!;
    lastY = qy[k]!;
  }
  return out;
}

/** The sides of the view a point can be beyond (pruneRuns); 0 is none. */
const NORTH = 1;
const SOUTH = 2;
const EAST = 3;
const WEST = 4;

/**
 * Margin, in degrees, around the frame's extent: a country just outside it is still projected
 * (its extent is its points', and an edge between them may bend beyond them).
 */
const EXTENT_MARGIN_DEG = 2;
/**
 * Margin of the extent beyond which arcs and runs of points are cut down: the argument needs none
 * (the region a run is cut in lies wholly beyond the frame), this keeps clear of rounding at its edges.
 */
const PRUNE_MARGIN_DEG = 0.25;

/**
 * The frame's extent in degrees. A Mercator rotated about the pole only shows a band of
 * latitude and a span of longitude, so the corners tell it all; the span may wrap past 180.
 */
function frameExtent(projection: GeoProjection, margin: number): Extent | undefined {
  const [[x0, y0], [x1, y1]] = projection.clipExtent() ?? [[0, 0], [0, 0]];
  const nw = projection.invert?.([x0, y0]);
  const se = projection.invert?.([x1, y1]);
  if (!nw || !se || ![...nw, ...se].every(Number.isFinite)) return undefined;
  const span = ((se[0] - nw[0]) % 360 + 360) % 360;
  return { lon0: nw[0] - margin, lon1: nw[0] + span + margin, lat0: se[1] - margin, lat1: nw[1] + margin };
}

/** Whether a country's extent can reach the frame's (longitudes compared modulo 360). */
function mayShow(c: Extent, f: Extent): boolean {
  if (c.lat1 < f.lat0 || c.lat0 > f.lat1) return false;
  if (c.lon1 - c.lon0 >= 180 || f.lon1 - f.lon0 >= 360) return true;
  return [-360, 0, 360].some((k) => c.lon0 + k <= f.lon1 && c.lon1 + k >= f.lon0);
}

export interface FitOptions {
  /** Frame size in inches. */
  w: number;
  h: number;
  /** Share of each side kept clear around the places, so they sit in context rather than on the edge. */
  margin: number;
  /** The least span shown, in degrees of latitude, so close places still show their region. */
  minSpanDeg: number;
}

/**
 * Mercator fitted so that every place lies inside the frame less its margins.
 *
 * Without adaptive resampling (`precision(0)`): an outline's edge is drawn straight between its
 * two projected ends, as Natural Earth's data is meant (a border along a parallel stays on it,
 * straight across a Mercator map), not bent along the great circle through them. At d3's default
 * precision an edge is resampled only where that circle strays some 0.7 inches from the straight
 * line, or spans more than 30 degrees: no edge of the test decks' maps does, so their outlines
 * are the same point for point. What it saves is the trigonometry d3 works out at every point to
 * decide that: about 3 ms of a cold build of the shipped brief. Routes are interpolated along
 * their great circle before they are projected (kinds/map.ts), and places are projected one by
 * one, so neither depends on it.
 */
export function fitProjection(places: ReadonlyArray<{ lat: number; lon: number }>, o: FitOptions): GeoProjection {
  const lon0 = meanLongitude(places.map((p) => p.lon));
  const lat0 = places.reduce((a, p) => a + p.lat, 0) / places.length;
  // Two points a minimum span apart around the centre keep a tight cluster from zooming to a street.
  const half = o.minSpanDeg / 2;
  const pad: Array<[number, number]> = [
    [lon0 - half, Math.max(-80, lat0 - half)],
    [lon0 + half, Math.min(80, lat0 + half)],
  ];
  const target: MultiPoint = { type: 'MultiPoint', coordinates: [...places.map((p) => [p.lon, p.lat] as [number, number]), ...pad] };
  const mx = o.w * o.margin;
  const my = o.h * o.margin;
  return geoMercator()
    .precision(0)
    .rotate([-lon0, 0])
    .fitExtent(
      [
        [mx, my],
        [o.w - mx, o.h - my],
      ],
      target,
    )
    .clipExtent([
      [0, 0],
      [o.w, o.h],
    ]);
}

/** The mean of longitudes on the circle, so 179 and -179 average to 180, not 0. */
function meanLongitude(lons: number[]): number {
  const x = lons.reduce((a, l) => a + Math.cos((l * Math.PI) / 180), 0);
  const y = lons.reduce((a, l) => a + Math.sin((l * Math.PI) / 180), 0);
  return (Math.atan2(y, x) * 180) / Math.PI;
}

/** Collects a d3 path's rings (moveTo starts one) as point arrays. */
class RingSink {
  rings: Pt[][] = [];
  private current: Pt[] | undefined;
  moveTo(x: number, y: number): void {
    this.current = [[x, y]];
    this.rings.push(this.current);
  }
  lineTo(x: number, y: number): void {
    this.current?.push([x, y]);
  }
  closePath(): void {
    this.current = undefined;
  }
  beginPath(): void {}
  arc(): void {}
}

/** A geometry projected and clipped to the frame, as rings or lines in inches. */
export function projectRings(projection: GeoProjection, geometry: Geometry | Feature): Pt[][] {
  const sink = new RingSink();
  geoPath(projection, sink).pointRadius(0)(geometry as Feature);
  return sink.rings.filter((r) => r.length >= 2);
}

/**
 * Douglas-Peucker on one ring or line, keeping its ends. The spans still to split are kept as
 * pairs of numbers on one stack, and each span's distances are measured from its chord, worked
 * out once: a cold build runs this in the interpreter, where a pair array per span and a call
 * per point cost a quarter of its time (3.3 -> 2.6 ms for the shipped map's 949 points), and
 * where reading each point's pair and clamping with Math.max and Math.min cost more than half
 * of what was left (4.5 -> 1.8 ms within a cold build). The distances are computed as before,
 * term for term, so the same points are kept.
 */
export function simplifyLine(points: readonly Pt[], tolerance: number): Pt[] {
  const n = points.length;
  if (n <= 2) return points.slice();
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  // The coordinates in two flat arrays: the inner loop reads each point once per span it lies in.
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = points[i]![0];
    ys[i] = points[i]![1];
  }
  const stack = [0, n - 1];
  const t2 = tolerance * tolerance;
  while (stack.length) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    const ax = xs[a]!;
    const ay = ys[a]!;
    const dx = xs[b]! - ax;
    const dy = ys[b]! - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let worstD = t2;
    for (let i = a + 1; i < b; i++) {
      const px = xs[i]!;
      const py = ys[i]!;
      const u = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
      // Math.max(0, Math.min(1, u)) without the two calls, NaN and -0 included.
      const t = u > 1 ? 1 : u > 0 ? u : u <= 0 ? 0 : u;
      const ex = ax + t * dx - px;
      const ey = ay + t * dy - py;
      const d = ex * ex + ey * ey;
      if (d > worstD) {
        worstD = d;
        worst = i;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push(a, worst, worst, b);
    }
  }
  const kept: Pt[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) kept.push(points[i]!);
  return kept;
}

/** Absolute area of a ring, in square inches. */
export function ringArea(ring: readonly Pt[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
  return Math.abs(s / 2);
}

/** Whether a point lies inside a ring (even-odd rule). */
export function insideRing(p: Pt, ring: readonly Pt[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0], yi = ring[i]![1];
    const xj = ring[j]![0], yj = ring[j]![1];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * insideRing for many points of one ring: the ring's crossings of each horizontal line asked
 * about are found once and sorted, so a point costs a binary search, not a walk round the ring.
 * The crossings are computed exactly as insideRing computes them, so the answers are the same.
 */
export function ringScan(ring: readonly Pt[]): (x: number, y: number) => boolean {
  const rows = new Map<number, Float64Array>();
  const crossings = (y: number): Float64Array => {
    let xs = rows.get(y);
    if (xs) return xs;
    const found: number[] = [];
    // Indexed, not destructured: in the interpreter a cold build runs this in, `const [x, y] = p`
    // makes an iterator and two results for every point (4 MB of garbage for the shipped map).
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i]![0], yi = ring[i]![1];
      const xj = ring[j]![0], yj = ring[j]![1];
      if (yi > y !== yj > y) found.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
    }
    rows.set(y, (xs = Float64Array.from(found).sort()));
    return xs;
  };
  return (x, y) => {
    const xs = crossings(y);
    // Crossings right of x (x < crossing): an odd count is inside, by the even-odd rule.
    let lo = 0, hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (xs[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return (xs.length - lo) % 2 === 1;
  };
}

/**
 * Whether no ring of `g` reaches the meridian where the projection cuts the sphere (the
 * antimeridian of its centre, 180 degrees from `rotation`): every point strictly within 180
 * degrees of the centre, and each edge spanning less than 180 degrees of longitude, so that
 * the great-circle arc d3 draws it as stays between its ends' longitudes. A ring that enclosed a
 * pole would have to cross every meridian, so none of these does either: d3's antimeridian clip
 * hands such rings on exactly as they came, only after working out for every ring, point by
 * point in spherical trigonometry, that the sphere's south pole is outside it.
 */
export function clearOfCut(g: Geometry | null, rotation: number): boolean {
  const polygons = g?.type === 'Polygon' ? [g.coordinates] : g?.type === 'MultiPolygon' ? g.coordinates : undefined;
  if (!polygons) return false;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      let previous = NaN;
      for (let i = 0; i <= ring.length; i++) {
        const lon = ((((ring[i % ring.length]![0]! + rotation + 180) % 360) + 360) % 360) - 180;
        if (lon <= -180 + CUT_MARGIN_DEG || lon >= 180 - CUT_MARGIN_DEG || Math.abs(lon - previous) >= 180) return false;
        previous = lon;
      }
    }
  }
  return true;
}

/** How close to the cut a point may come and still be drawn without it (degrees). */
const CUT_MARGIN_DEG = 1e-3;

/**
 * `projection` without its antimeridian clip, for geometry clearOfCut has passed: the same view
 * (rotation, scale, translation, frame and precision, which are all fitProjection sets), the
 * rectangle clip to the frame kept. Projecting the shipped map's outlines took 11-12 ms with the
 * clip and 4.7 without, for the same rings point for point (all 16 test decks byte-identical).
 */
function withoutCut(projection: GeoProjection): GeoProjection {
  return geoMercator()
    .precision(projection.precision())
    .rotate(projection.rotate())
    .scale(projection.scale())
    .translate(projection.translate())
    .clipExtent(projection.clipExtent())
    .preclip((stream: GeoStream) => stream);
}

/** Islands smaller than this (square inches) are dropped: at slide size they are specks. */
const MIN_RING_AREA = 0.0008;
/** Finest tolerance tried: a fiftieth of a millimetre is below what a projector shows. */
const MIN_TOLERANCE = 0.001;

/**
 * Every country that shows in the frame, clipped and simplified so that all rings together keep
 * at most `budget` points: the tolerance doubles from a hair's width until they fit.
 */
export function countryOutlines(projection: GeoProjection, budget: number): MapGeometry {
  const key = JSON.stringify([projection.scale(), projection.translate(), projection.rotate(), projection.clipExtent(), budget]);
  const hit = outlineMemo.get(key);
  if (hit) return { ...hit, projection };
  const geo = computeOutlines(projection, budget);
  if (outlineMemo.size >= OUTLINE_MEMO) outlineMemo.delete(outlineMemo.keys().next().value!);
  outlineMemo.set(key, geo);
  return geo;
}

/**
 * Outlines already made, by projection and budget: a watch session or a batch of briefs on one
 * region rebuilds the same map, and projecting the world is most of a map's cost. The outlines
 * are never changed by their users, so they are shared. A few entries are plenty.
 */
const OUTLINE_MEMO = 8;
const outlineMemo = new Map<string, MapGeometry>();

/** countryOutlines without the memo; `everyCountry` projects the whole world, unfiltered (for tests). */
export function computeOutlines(projection: GeoProjection, budget: number, everyCountry = false): MapGeometry {
  const view = everyCountry ? undefined : frameExtent(projection, EXTENT_MARGIN_DEG);
  const ext = atlas().index.countries;
  const shown = ext.flatMap((e, i) => (view === undefined || mayShow(e, view) ? [i] : []));
  const inView = view === undefined ? undefined : viewTopology(projection, frameExtent(projection, PRUNE_MARGIN_DEG)!, shown);
  const features = shown.map((i) => (inView ? (feature(inView, inView.objects.countries.geometries[i]!) as Feature<Geometry, { name: string }>) : country(i)));
  const rotation = projection.rotate()[0];
  const drawing = features.every((f) => clearOfCut(f.geometry, rotation)) ? withoutCut(projection) : projection;
  const raw = features
    .map((f) => ({ name: f.properties.name, rings: projectRings(drawing, f).filter((r) => r.length >= 3 && ringArea(r) >= MIN_RING_AREA) }))
    .filter((c) => c.rings.length > 0);
  for (let tol = MIN_TOLERANCE; ; tol *= 1.5) {
    let points = 0;
    const countries = raw
      .map((c) => ({ name: c.name, rings: c.rings.map((r) => simplifyLine(r, tol)).filter((r) => r.length >= 4) }))
      .filter((c) => c.rings.length > 0);
    for (const c of countries) for (const r of c.rings) points += r.length;
    if (points <= budget || tol > 1) return { projection, countries, points };
  }
}
