/**
 * Whether an image file is whole: decoded to its last pixel, since a header alone (image-size
 * reads only that) says nothing of the data after it. A PNG cut after its first chunk, or a JPEG
 * or GIF cut anywhere, would be embedded and shown broken.
 *
 * A build decodes JPEG with libvips (sharp, which prepares the deck's pictures anyway): native
 * code, 18-22 ms for the visuals fixture's 6-megapixel photo where jpeg-js took 250-370. PNG
 * stays with pngjs, which also refuses a PNG whose pixels are all there but whose end chunk is
 * not (libvips takes that one). Where sharp does not load, for theme logos (read where nothing
 * waits for a promise), and for GIF (whose frames and trailer omggif checks), the decoders are
 * pngjs, jpeg-js and omggif: pure JavaScript, so no native build and nothing to download. Each
 * is bounded by a pixel limit checked on the header's dimensions before any pixel memory is
 * allocated.
 */
import { createHash } from 'node:crypto';
import { decode as decodeJpeg } from 'jpeg-js';
import { GifReader } from 'omggif';
import { PNG } from 'pngjs';
import { loadSharp } from './sharp.ts';

/** More pixels than this is no slide picture: a 300 dpi full-slide image has 9 million. */
export const MAX_IMAGE_PIXELS = 40_000_000;

/** The formats decoded here, as image-size names them. */
export type ImageType = 'png' | 'jpg' | 'gif';

/**
 * Decodes `bytes` as `type`, `width` x `height` pixels by its header; returns why it is not a
 * whole image, or undefined when it is. With the JavaScript decoders (see imageProblemNative).
 */
export function imageProblem(bytes: Uint8Array, type: ImageType, width: number, height: number): string | undefined {
  return tooLarge(width, height) ?? remembered(verdictKey(bytes, type, 'js'), () => decodeProblem(bytes, type));
}

/**
 * imageProblem, decoding JPEG with libvips where sharp loads: faster, and refusing every damaged
 * JPEG of the bad-input catalogue as jpeg-js does (test/robustness/images.test.ts).
 */
export async function imageProblemNative(bytes: Uint8Array, type: ImageType, width: number, height: number): Promise<string | undefined> {
  const large = tooLarge(width, height);
  if (large) return large;
  const sharp = type === 'jpg' ? await loadSharp() : undefined;
  const key = verdictKey(bytes, type, sharp ? 'vips' : 'js');
  if (verdicts.has(key)) return verdicts.get(key);
  let verdict: string | undefined;
  if (!sharp) verdict = decodeProblem(bytes, type);
  else {
    try {
      // failOn 'warning': a premature end, a bad checksum or damaged data refuses the image.
      await sharp(bytes, { failOn: 'warning', limitInputPixels: MAX_IMAGE_PIXELS }).raw().toBuffer();
      verdict = undefined;
    } catch {
      verdict = damaged(type);
    }
  }
  return keep(key, verdict);
}

function tooLarge(width: number, height: number): string | undefined {
  if (width * height <= MAX_IMAGE_PIXELS) return undefined;
  return `it has ${(width * height / 1e6).toFixed(0)} million pixels; at most ${MAX_IMAGE_PIXELS / 1e6} million fit a slide`;
}

const damaged = (type: ImageType) => `its data ends early or is damaged, so it does not decode as a ${type === 'jpg' ? 'JPEG' : type.toUpperCase()}`;

/**
 * Verdicts on images already decoded, by format and content: decoding is most of the cost, and a
 * rebuild in one process (watch, serve, a batch sharing a logo) checks the same pictures again.
 * The header's dimensions are the bytes' own, so the bytes alone decide the verdict. A few dozen
 * are plenty.
 */
const VERDICTS = 64;
const verdicts = new Map<string, string | undefined>();
/** By decoder too: two decoders could differ on some odd file, and neither should hand out the other's verdict. */
const verdictKey = (bytes: Uint8Array, type: ImageType, decoder: 'js' | 'vips') => `${type} ${decoder} ${contentHash(bytes)}`;

function keep(key: string, verdict: string | undefined): string | undefined {
  if (verdicts.size >= VERDICTS) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}

function remembered(key: string, decide: () => string | undefined): string | undefined {
  return verdicts.has(key) ? verdicts.get(key) : keep(key, decide());
}

/** A digest of an image's bytes, to find it again (SHA-256: native, about 0.5 ms for 60 KB). */
export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function decodeProblem(bytes: Uint8Array, type: ImageType): string | undefined {
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (type === 'png') PNG.sync.read(buf);
    else if (type === 'jpg') decodeJpeg(buf, { useTArray: true, tolerantDecoding: false, maxResolutionInMP: MAX_IMAGE_PIXELS / 1e6 });
    else return gifProblem(buf);
    return undefined;
  } catch {
    return damaged(type);
  }
}

/** omggif stops quietly at the end of the bytes, so the trailer and the frames are checked here. */
function gifProblem(buf: Buffer): string | undefined {
  const gif = new GifReader(buf);
  const frames = gif.numFrames();
  if (frames === 0 || buf[buf.length - 1] !== 0x3b) return 'it ends before its last image is complete, so it does not decode as a GIF';
  if (frames * gif.width * gif.height > MAX_IMAGE_PIXELS) return `its ${frames} frames hold more than ${MAX_IMAGE_PIXELS / 1e6} million pixels`;
  const canvas = new Uint8Array(gif.width * gif.height * 4);
  for (let i = 0; i < frames; i++) gif.decodeAndBlitFrameRGBA(i, canvas);
  return undefined;
}
