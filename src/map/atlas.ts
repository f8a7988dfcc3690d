/**
 * The world's countries for the map (Natural Earth 1:50m, public domain, as the `world-atlas`
 * package ships them in TopoJSON), with an index of where each arc and each country lies.
 *
 * A cold build spent about 35 ms on this before drawing anything: parsing the 0.75 MB of JSON
 * (80 000 points, each its own small array) and summing every arc for its extent. So
 * `npm run compile` writes the same topology as one binary file, dist/atlas/countries-50m.bin
 * (scripts/atlasTable.ts): the countries' geometries and the transform as JSON, every arc's
 * quantized points in one Int32Array, and the index in Float64Arrays. A map then reads a few
 * hundred kilobytes, and turns into point arrays only the arcs of the countries it shows.
 * Without that file (src/ run before a compile, or a table made from another world-atlas
 * version) the JSON is read and indexed as before; both give the same arcs and the same index.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { PACKAGE_ROOT } from '../packageRoot.ts';

type Countries = GeometryCollection<{ name: string }>;
export type World = Topology<{ countries: Countries }>;
type Arc = World['arcs'][number];

/**
 * An extent in plain degrees: the least and greatest longitude and latitude of some points. A
 * country that crosses the antimeridian (Russia, Fiji) spans nearly 360 degrees of longitude
 * here, so it is never wrongly left out, only sometimes projected in vain.
 */
export interface Extent { lon0: number; lon1: number; lat0: number; lat1: number }
/** An arc's extent, and its last point as the second point of a two-point arc (outlines.ts). */
export interface ArcInfo extends Extent {
  /** A delta from the arc's first point when the topology is quantized, else the point itself. */
  end: [number, number];
}
export interface AtlasIndex {
  /** By country index. */
  countries: Extent[];
  /** By arc index. */
  arcs: ArcInfo[];
}

/** The topology without its arcs, which `arc` hands out one at a time. */
export interface Atlas {
  topology: Omit<World, 'arcs'>;
  arcCount: number;
  arc(i: number): Arc;
  /** The arc cut down to its two ends (itself when it has no more), without decoding the rest. */
  ends(i: number): Arc;
  index: AtlasIndex;
  /** Where it was read from: the compiled table, or world-atlas's JSON. */
  source: 'table' | 'json';
}

const EMPTY: Extent = { lon0: 0, lon1: -1, lat0: 0, lat1: -1 };
export const ATLAS_FORMAT = 1;
const ATLAS_PACKAGE = 'world-atlas';
const ATLAS_JSON = 'countries-50m.json';

/** Calls `f` with each arc index (a negative reference reversed) a geometry's nested arc references name. */
export function forEachArc(refs: unknown, f: (arc: number) => void): void {
  if (typeof refs === 'number') f(refs < 0 ? ~refs : refs);
  else if (Array.isArray(refs)) for (const r of refs) forEachArc(r, f);
}

/**
 * Every arc's and country's extent, from the arcs without decoding any country: each arc's
 * quantized deltas summed, then the topology's transform; a country's extent is the union of
 * its arcs'. The same pass keeps each arc's last point.
 */
export function indexWorld(w: World): AtlasIndex {
  const [sx, sy] = w.transform?.scale ?? [1, 1];
  const [tx, ty] = w.transform?.translate ?? [0, 0];
  const arcs = w.arcs.map((arc): ArcInfo => {
    const e = { lon0: Infinity, lon1: -Infinity, lat0: Infinity, lat1: -Infinity };
    let x = 0, y = 0;
    for (const p of arc) {
      if (w.transform) { x += p[0]!; y += p[1]!; } else { x = p[0]!; y = p[1]!; }
      const lon = x * sx + tx, lat = y * sy + ty;
      if (lon < e.lon0) e.lon0 = lon;
      if (lon > e.lon1) e.lon1 = lon;
      if (lat < e.lat0) e.lat0 = lat;
      if (lat > e.lat1) e.lat1 = lat;
    }
    return { ...e, end: w.transform ? [x - arc[0]![0]!, y - arc[0]![1]!] : [x, y] };
  });
  const countries = w.objects.countries.geometries.map((g) => {
    if (!('arcs' in g)) return EMPTY;
    const e = { lon0: Infinity, lon1: -Infinity, lat0: Infinity, lat1: -Infinity };
    forEachArc(g.arcs, (i) => {
      const a = arcs[i]!;
      e.lon0 = Math.min(e.lon0, a.lon0); e.lon1 = Math.max(e.lon1, a.lon1);
      e.lat0 = Math.min(e.lat0, a.lat0); e.lat1 = Math.max(e.lat1, a.lat1);
    });
    return e.lon0 <= e.lon1 ? e : EMPTY;
  });
  return { countries, arcs };
}

const atlasRequire = () => createRequire(import.meta.url);

/** The installed world-atlas's version, which a table must have been made from. */
function atlasVersion(): string {
  return (atlasRequire()(`${ATLAS_PACKAGE}/package.json`) as { version: string }).version;
}

/** The installed world-atlas's topology, parsed from its JSON, and its version (what a table is made from). */
export function readWorldJson(): { world: World; version: string } {
  const file = atlasRequire().resolve(`${ATLAS_PACKAGE}/${ATLAS_JSON}`);
  return { world: JSON.parse(readFileSync(file, 'utf8')) as World, version: atlasVersion() };
}

/** The JSON topology, read and indexed (about 35 ms cold). */
export function jsonAtlas(): Atlas {
  const w = readWorldJson().world;
  const { arcs, ...topology } = w;
  const index = indexWorld(w);
  const ends = (i: number): Arc => (arcs[i]!.length > 2 ? [arcs[i]![0]!, index.arcs[i]!.end] : arcs[i]!);
  return { topology, arcCount: arcs.length, arc: (i) => arcs[i]!, ends, index, source: 'json' };
}

/** The binary table's header, as JSON after its length. */
interface Header {
  format: number;
  version: string;
  topology: Omit<World, 'arcs'>;
  arcCount: number;
}

/**
 * The table for topology `w` from world-atlas `version`: a u32 header length, the header,
 * zero padding to 8 bytes, then Float64Arrays of the arcs' info (lon0, lon1, lat0, lat1, end x,
 * end y each) and the countries' extents (lon0, lon1, lat0, lat1), then Int32Arrays of the arcs'
 * starts (arcCount + 1, in points) and of their points (x, y each), in the byte order of the
 * machine (`npm run compile` makes the table where it is read).
 */
export function encodeAtlas(w: World, version: string): Buffer {
  const index = indexWorld(w);
  const { arcs, ...topology } = w;
  const points = arcs.reduce((n, a) => n + a.length, 0);
  const header: Header = { format: ATLAS_FORMAT, version, topology, arcCount: arcs.length };
  const json = Buffer.from(JSON.stringify(header));
  const head = Math.ceil((4 + json.length) / 8) * 8;
  const info = new Float64Array(arcs.length * 6 + index.countries.length * 4);
  index.arcs.forEach((a, i) => info.set([a.lon0, a.lon1, a.lat0, a.lat1, a.end[0], a.end[1]], i * 6));
  index.countries.forEach((c, i) => info.set([c.lon0, c.lon1, c.lat0, c.lat1], arcs.length * 6 + i * 4));
  const starts = new Int32Array(arcs.length + 1);
  const xy = new Int32Array(points * 2);
  let at = 0;
  arcs.forEach((arc, i) => {
    starts[i] = at;
    for (const p of arc) {
      if (!Number.isInteger(p[0]) || !Number.isInteger(p[1])) throw new Error('encodeAtlas: the topology is not quantized');
      xy[2 * at] = p[0]!;
      xy[2 * at + 1] = p[1]!;
      at++;
    }
  });
  starts[arcs.length] = at;
  const out = Buffer.alloc(head + info.byteLength + starts.byteLength + xy.byteLength);
  out.writeUInt32LE(json.length, 0);
  json.copy(out, 4);
  Buffer.from(info.buffer).copy(out, head);
  Buffer.from(starts.buffer).copy(out, head + info.byteLength);
  Buffer.from(xy.buffer).copy(out, head + info.byteLength + starts.byteLength);
  return out;
}

/** The atlas a table holds, or undefined when it was made by another format or world-atlas version. */
export function decodeAtlas(bytes: Buffer, version: string): Atlas | undefined {
  const len = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.toString('utf8', 4, 4 + len)) as Header;
  if (header.format !== ATLAS_FORMAT || header.version !== version) return undefined;
  // Aligned copies: a Buffer read from a file may start anywhere in its pool.
  const head = Math.ceil((4 + len) / 8) * 8;
  const { arcCount } = header;
  const countryCount = header.topology.objects.countries.geometries.length;
  const f64 = (at: number, n: number) => new Float64Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + n * 8));
  const i32 = (at: number, n: number) => new Int32Array(bytes.buffer.slice(bytes.byteOffset + at, bytes.byteOffset + at + n * 4));
  const info = f64(head, arcCount * 6 + countryCount * 4);
  const starts = i32(head + info.byteLength, arcCount + 1);
  const xy = i32(head + info.byteLength + starts.byteLength, starts[arcCount]! * 2);
  const arcs: ArcInfo[] = new Array(arcCount);
  for (let i = 0; i < arcCount; i++) {
    const o = i * 6;
    arcs[i] = { lon0: info[o]!, lon1: info[o + 1]!, lat0: info[o + 2]!, lat1: info[o + 3]!, end: [info[o + 4]!, info[o + 5]!] };
  }
  const countries: Extent[] = new Array(countryCount);
  for (let i = 0; i < countryCount; i++) {
    const o = arcCount * 6 + i * 4;
    const e = { lon0: info[o]!, lon1: info[o + 1]!, lat0: info[o + 2]!, lat1: info[o + 3]! };
    countries[i] = e.lon0 <= e.lon1 ? e : EMPTY;
  }
  const decoded: Arc[] = new Array(arcCount);
  const arc = (i: number): Arc => {
    if (decoded[i]) return decoded[i];
    const a: Arc = new Array(starts[i + 1]! - starts[i]!);
    for (let p = starts[i]!, k = 0; p < starts[i + 1]!; p++, k++) a[k] = [xy[2 * p]!, xy[2 * p + 1]!];
    return (decoded[i] = a);
  };
  const ends = (i: number): Arc => (starts[i + 1]! - starts[i]! > 2 ? [[xy[2 * starts[i]!]!, xy[2 * starts[i]! + 1]!], arcs[i]!.end] : arc(i));
  return { topology: header.topology, arcCount, arc, ends, index: { countries, arcs }, source: 'table' };
}

/** The table's file, in dist/ beside the compiled bundle. */
export const ATLAS_TABLE = join(PACKAGE_ROOT, 'dist/atlas/countries-50m.bin');

let loaded: Atlas | undefined;

/** The atlas, once per thread: from the compiled table when it matches the installed world-atlas, else from its JSON. */
export function atlas(): Atlas {
  if (loaded) return loaded;
  let bytes: Buffer | undefined;
  try {
    bytes = readFileSync(ATLAS_TABLE);
  } catch {
    bytes = undefined;
  }
  return (loaded = (bytes && decodeAtlas(bytes, atlasVersion())) || jsonAtlas());
}
