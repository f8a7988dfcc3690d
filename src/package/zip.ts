/**
 * Reading and deterministic writing of OPC zip packages.
 *
 * Determinism rules: entries in a canonical order, one fixed timestamp for
 * every entry, the same deflate level, no directory entries, no extra fields.
 */
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { DosDateTime } from './dates.ts';

/**
 * The parts of a package by zip entry name (part name without the leading `/`).
 * XML parts (`*.xml`, `*.rels`) are decoded text; everything else is bytes.
 * An XML part that is not valid UTF-8 stays bytes so the verifier can name it.
 */
export type Parts = Map<string, Uint8Array | string>;

/** Deflate level used for every entry (fflate's default, a good size/speed balance). */
export const DEFLATE_LEVEL = 6;

/** True for parts that must be well-formed XML. */
export function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

/** Zip entry name or PartName -> comparison key (OPC part names compare case-insensitively). */
export function partKey(name: string): string {
  let n = name.replace(/^\//, '');
  try {
    n = decodeURIComponent(n);
  } catch {
    // Keep malformed escapes literally; the verifier reports the mismatch.
  }
  return n.toLowerCase();
}

/** `ppt/slides/_rels/slide1.xml.rels` -> `ppt/slides/slide1.xml`; `_rels/.rels` -> `` (the package root). */
export function relsSource(name: string): string | undefined {
  const m = /^((?:.*\/)?)_rels\/([^/]*)\.rels$/.exec(name);
  return m ? `${m[1]}${m[2]}` : undefined;
}

/** Resolves a relationship target against its source part's folder (RFC 3986 dot segments). */
export function resolveTarget(source: string, target: string): string {
  const path = target.replace(/[#?].*$/, '');
  const base = path.startsWith('/') ? [] : source.split('/').slice(0, -1);
  for (const seg of path.split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Unzips a package; throws (from fflate) when `bytes` is not a zip. */
export function readParts(bytes: Uint8Array): Parts {
  const entries = unzipSync(bytes);
  const parts: Parts = new Map();
  for (const [name, data] of Object.entries(entries)) {
    // Folder entries (JSZip writes them) are not parts; Office never writes them.
    if (name.endsWith('/')) continue;
    parts.set(name, isXmlPart(name) ? decodeOrKeep(data) : data);
  }
  return parts;
}

function decodeOrKeep(data: Uint8Array): Uint8Array | string {
  try {
    return utf8.decode(data);
  } catch {
    return data;
  }
}

/** `[Content_Types].xml` first, then the root relationships, then code-unit order (locale-free). */
export function canonicalOrder(names: Iterable<string>): string[] {
  const rank = (n: string): number => (n === '[Content_Types].xml' ? 0 : n === '_rels/.rels' ? 1 : 2);
  return [...names].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Zips parts deterministically: canonical order, deflate level 6 and `when` as
 * every entry's DOS timestamp. fflate derives DOS time from the process's
 * local time zone, so the timestamp fields are patched afterwards instead.
 */
export function writeParts(parts: Parts, when: DosDateTime): Uint8Array {
  const input: Zippable = {};
  // Object key order is insertion order for non-integer keys; part names always
  // contain a `.` or `/`, so they never hit the integer-key reordering.
  for (const name of canonicalOrder(parts.keys())) {
    const data = parts.get(name)!;
    input[name] = [typeof data === 'string' ? strToU8(data) : data, { level: DEFLATE_LEVEL }];
  }
  // Any in-range instant: the fields are overwritten below.
  const zip = zipSync(input, { mtime: new Date(Date.UTC(2000, 0, 1, 12)) });
  setDosTimestamps(zip, when);
  return zip;
}

/** Overwrites the DOS time/date of every local and central directory header. */
export function setDosTimestamps(zip: Uint8Array, when: DosDateTime): void {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('zip has no end of central directory record');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error('corrupt central directory');
    view.setUint16(at + 12, when.time, true);
    view.setUint16(at + 14, when.date, true);
    const local = view.getUint32(at + 42, true);
    view.setUint16(local + 10, when.time, true);
    view.setUint16(local + 12, when.date, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
}
