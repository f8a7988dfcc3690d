/**
 * The parts pptxgenjs writes, taken as it hands them to its zip library, instead of the zip it
 * makes of them. pptxgenjs builds every part as a string and adds it with JSZip's `file()`, then
 * asks JSZip for the whole package; the package stage would only unzip that package again to
 * fix each part. JSZip's `generateAsync` measured about half of the render stage (26 ms of
 * 55 ms for the shipped brief, warm), most of it spent stepping its stream workers from one
 * event-loop turn to the next, and unzipping it cost more.
 *
 * While `collectParts` runs, `file()` also records what it is given, per zip, and the one
 * request for a Node buffer (pptxgenjs's `write({ outputType: 'nodebuffer' })`) returns those
 * parts. Every other use of JSZip is untouched: the chart workbooks pptxgenjs zips for itself
 * (`generateAsync({ type: 'base64' })`) are real zips, as before. Content that the parts could
 * not carry exactly as JSZip would have written it (anything but strings and bytes, or text that
 * is not well-formed UTF-16) makes the call fall back to the real zip, read back as before.
 */
import JSZip from 'jszip';
import { isXmlPart, readParts, type Parts } from '../package/zip.ts';

interface Given {
  data: unknown;
  base64: boolean;
}

/** What `file(name, data, options)` was given, per zip (keyed by its `files` table, which its folders share). */
const given = new WeakMap<object, Map<string, Given>>();
let collecting = 0;

/** The parts of one zip, handed back by the patched `generateAsync` in place of its bytes. */
class Collected {
  constructor(readonly parts: Parts) {}
}

type ZipLike = { files: object; root: string };
const proto = JSZip.prototype as unknown as {
  file(this: ZipLike, ...args: unknown[]): unknown;
  generateAsync(this: ZipLike, options?: { type?: string }, onUpdate?: unknown): Promise<unknown>;
};
const file = proto.file;
const generateAsync = proto.generateAsync;

proto.file = function (this: ZipLike, ...args: unknown[]) {
  if (collecting > 0 && args.length >= 2 && typeof args[0] === 'string') {
    let files = given.get(this.files);
    if (!files) given.set(this.files, (files = new Map()));
    const options = args[2] as { base64?: boolean } | undefined;
    files.set(this.root + args[0], { data: args[1], base64: options?.base64 === true });
  }
  return file.apply(this, args);
};

proto.generateAsync = function (this: ZipLike, options?: { type?: string }, onUpdate?: unknown) {
  const files = collecting > 0 && options?.type === 'nodebuffer' ? given.get(this.files) : undefined;
  const parts = files && partsOf(files);
  if (parts) return Promise.resolve(new Collected(parts));
  return generateAsync.call(this, options, onUpdate);
};

const utf8 = new TextEncoder();
/** No lone surrogate (String.prototype.isWellFormed, in Node 20 though not yet in TypeScript's lib). */
const wellFormed = (s: string) => (s as string & { isWellFormed(): boolean }).isWellFormed();

/** The parts as readParts would give them from JSZip's zip of `files`; undefined when they cannot be had exactly. */
function partsOf(files: Map<string, Given>): Parts | undefined {
  const parts: Parts = new Map();
  for (const [name, { data, base64 }] of files) {
    if (name.endsWith('/')) continue;
    if (typeof data === 'string') {
      if (base64) parts.set(name, new Uint8Array(Buffer.from(data, 'base64')));
      else if (!wellFormed(data)) return undefined;
      else parts.set(name, isXmlPart(name) ? data : utf8.encode(data));
    } else if (data instanceof Uint8Array && !base64) {
      parts.set(name, data);
    } else {
      return undefined;
    }
  }
  return parts;
}

/**
 * Runs `write` (which ends in pptxgenjs's `write({ outputType: 'nodebuffer' })`) and returns
 * the package's parts, as readParts would read them from the bytes it would have made.
 */
export async function collectParts(write: () => Promise<unknown>): Promise<Parts> {
  collecting++;
  let out: unknown;
  try {
    out = await write();
  } finally {
    collecting--;
  }
  if (out instanceof Collected) return out.parts;
  return readParts(new Uint8Array(out as ArrayBuffer));
}
