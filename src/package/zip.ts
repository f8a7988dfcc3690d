/**
 * Reading and deterministic writing of OPC zip packages.
 *
 * Determinism rules: entries in a canonical order, one fixed timestamp for
 * every entry, the same deflate level, no directory entries, no extra fields.
 */
import * as zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import type { DosDateTime } from './dates.ts';
import { VariantMemo } from './variantMemo.ts';

/**
 * The parts of a package by zip entry name (part name without the leading `/`).
 * XML parts (`*.xml`, `*.rels`) are decoded text; everything else is bytes.
 * An XML part that is not valid UTF-8 stays bytes so the verifier can name it.
 */
export type Parts = Map<string, Uint8Array | string>;

/** Deflate level used for every entry (zlib's default, a good size/speed balance). */
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

/** A text's UTF-8 bytes, as fflate's strToU8 gives them (a lone surrogate as U+FFFD), by Node's own encoder. */
const utf8Bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

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

/** An entry's stored form: what the zip headers and data need, without the name and time. */
interface Deflated {
  crc: number;
  size: number;
  data: Uint8Array;
}

/**
 * The deflated forms of the last few contents of each entry name (see VariantMemo). Deflate is
 * the costliest step of packaging and a pure function of the content; in watch mode most parts
 * (theme, masters, layouts, unchanged slides) come out the same on every rebuild.
 */
const deflated = new VariantMemo<string | Uint8Array, Deflated>();

function deflateEntry(name: string, content: string | Uint8Array): Deflated {
  const hit = typeof content === 'string' ? deflated.get(name, content) : deflated.find(name, (c) => sameBytes(c, content));
  if (hit) return hit;
  const entry = deflateBytes(typeof content === 'string' ? utf8Bytes(content) : content);
  deflated.set(name, content, entry, (typeof content === 'string' ? 2 * content.length : content.length) + entry.data.length);
  return entry;
}

/**
 * Node's own zlib, native code: in a cold process a JavaScript deflate runs in the interpreter,
 * and took 60 ms of the shipped brief's build. The same input gives the same bytes for a given
 * Node (its zlib is built in), which is what reproducible decks need.
 */
function deflateBytes(bytes: Uint8Array): Deflated {
  return { crc: crc32(bytes), size: bytes.length, data: zlib.deflateRawSync(bytes, { level: DEFLATE_LEVEL }) };
}

function sameBytes(a: string | Uint8Array, b: Uint8Array): boolean {
  return typeof a !== 'string' && a.length === b.length && Buffer.compare(a, b) === 0;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

/** CRC-32 (ISO 3309, as zip uses it): zlib's, where this Node has it (20.15 on), else by table. */
export const crc32: (bytes: Uint8Array) => number = typeof zlib.crc32 === 'function' ? (bytes) => zlib.crc32(bytes) : tableCrc32;

function tableCrc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * Zips parts deterministically: canonical order, every entry deflated at level 6 and
 * stamped `when`, no extra fields, no data descriptors. Names that are not ASCII carry the
 * UTF-8 flag (bit 11). Packages stay far below the zip64 limits (65,535 entries, 4 GiB).
 */
export function writeParts(parts: Parts, when: DosDateTime): Uint8Array {
  const entries = canonicalOrder(parts.keys()).map((name) => ({ name: utf8Bytes(name), utf8: /[^\x00-\x7f]/.test(name), ...deflateEntry(name, parts.get(name)!) }));
  const localSize = entries.reduce((n, e) => n + 30 + e.name.length + e.data.length, 0);
  const centralSize = entries.reduce((n, e) => n + 46 + e.name.length, 0);
  const zip = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(zip.buffer);
  let at = 0;
  let central = localSize;
  for (const e of entries) {
    const offset = at;
    // Local header, then the central directory record (same fields, plus the offset).
    view.setUint32(at, 0x04034b50, true);
    header(view, at + 4, e, when);
    view.setUint16(at + 28, 0, true);
    zip.set(e.name, at + 30);
    zip.set(e.data, at + 30 + e.name.length);
    at += 30 + e.name.length + e.data.length;
    view.setUint32(central, 0x02014b50, true);
    view.setUint16(central + 4, 20, true); // version made by: 2.0, MS-DOS attributes
    header(view, central + 6, e, when);
    // Extra, comment, disk, internal and external attributes: all zero.
    view.setUint32(central + 42, offset, true);
    zip.set(e.name, central + 46);
    central += 46 + e.name.length;
  }
  view.setUint32(central, 0x06054b50, true);
  view.setUint16(central + 8, entries.length, true);
  view.setUint16(central + 10, entries.length, true);
  view.setUint32(central + 12, centralSize, true);
  view.setUint32(central + 16, localSize, true);
  return zip;
}

/** The fields local and central headers share, from "version needed" to the name length. */
function header(view: DataView, at: number, e: Deflated & { name: Uint8Array; utf8: boolean }, when: DosDateTime): void {
  view.setUint16(at, 20, true); // version needed: 2.0 (deflate)
  view.setUint16(at + 2, e.utf8 ? 0x0800 : 0, true);
  view.setUint16(at + 4, 8, true); // deflate
  view.setUint16(at + 6, when.time, true);
  view.setUint16(at + 8, when.date, true);
  view.setUint32(at + 10, e.crc, true);
  view.setUint32(at + 14, e.data.length, true);
  view.setUint32(at + 18, e.size, true);
  view.setUint16(at + 22, e.name.length, true);
}
