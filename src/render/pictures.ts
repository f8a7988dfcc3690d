/**
 * Pictures as the deck embeds them: scaled down to the size they are shown at (200 pixels per
 * inch, enough for a projector or a print at slide size), cropped to the frame for `fit: cover`,
 * SVG rasterised at that size, metadata (camera, GPS) dropped. A 10 MB camera photo shown
 * across a slide becomes a few hundred kilobytes. Pictures already small enough go in as they
 * are, byte for byte. sharp (libvips) does the work: it ships prebuilt binaries as npm packages,
 * so installing it downloads nothing else.
 */
import { readFileSync } from 'node:fs';
import { contentHash } from '../imageCheck.ts';
import type { ImageElement } from '../layout/placed.ts';
import { memoBytes } from '../memoBudget.ts';
import { loadSharp } from '../sharp.ts';

/** Pixels per inch kept at the shown size. */
export const PICTURE_PPI = 200;
/** A picture this much larger than needed is scaled down; smaller excess is not worth re-encoding. */
const SLACK = 1.25;

/**
 * Pictures already prepared, by content, shown size and fit: scaling and re-encoding is most of
 * a picture deck's render (about 100 ms a build for the visuals fixture's photo and plan), and a
 * rebuild in one process shows the same pictures again. sharp gives the same bytes for the same
 * input and settings, so a kept picture is the one a new preparation would give. Bounded by the
 * bytes of the data kept (a bound reached starts the memo again).
 */
const prepared = new Map<string, Promise<string>>();
let preparedBytes = 0;
const preparedLimit = () => memoBytes(64 * 1024 * 1024, 16 * 1024 * 1024);

/** pptxgenjs's `data` form of a picture: "image/png;base64,...". */
export function pictureData(el: ImageElement): Promise<string> {
  const input = readFileSync(el.path);
  const tw = Math.max(1, Math.round(el.frame.w * PICTURE_PPI));
  const th = Math.max(1, Math.round(el.frame.h * PICTURE_PPI));
  const key = `${contentHash(input)} ${tw}x${th} ${el.fit ?? ''}`;
  const hit = prepared.get(key);
  if (hit) return hit;
  const data = prepare(input, tw, th, el.fit);
  prepared.set(key, data);
  data.then(
    (d) => {
      preparedBytes += 2 * d.length;
      if (preparedBytes > preparedLimit()) {
        prepared.clear();
        preparedBytes = 0;
      }
    },
    () => prepared.delete(key),
  );
  return data;
}

async function prepare(input: Buffer, tw: number, th: number, fit: ImageElement['fit']): Promise<string> {
  const sharp = await loadSharp();
  if (!sharp) throw new Error('sharp, which prepares pictures, does not load on this platform (npm install sharp --foreground-scripts says why)');
  const meta = await sharp(input).metadata();
  const svg = meta.format === 'svg';
  const W = meta.width ?? tw;
  const H = meta.height ?? th;
  // SVG: rasterised at a density that gives at least the shown size, then sized exactly.
  const img = svg ? sharp(input, { density: Math.min(2400, Math.max(72, Math.ceil(72 * Math.max(tw / W, th / H)))) }) : sharp(input);
  const cover = fit === 'cover';
  const big = W > tw * SLACK || H > th * SLACK;
  if (!svg && !cover && !big) return dataUri(meta.format === 'jpeg' ? 'jpeg' : meta.format ?? 'png', input);
  let w = tw;
  let h = th;
  if (cover && !svg && !big) {
    // Crop to the frame's aspect without enlarging: the largest box of that aspect inside the picture.
    const s = Math.max(tw / W, th / H);
    w = Math.min(W, Math.round(tw / s));
    h = Math.min(H, Math.round(th / s));
  }
  const sized = img.resize({ width: w, height: h, fit: cover ? 'cover' : 'inside', position: 'centre' });
  if (meta.format === 'jpeg') return dataUri('jpeg', await sized.jpeg({ quality: 82, mozjpeg: true }).toBuffer());
  return dataUri('png', await sized.png({ compressionLevel: 9 }).toBuffer());
}

function dataUri(format: string, bytes: Buffer): string {
  return `image/${format === 'jpg' ? 'jpeg' : format};base64,${bytes.toString('base64')}`;
}

/** Every picture of a deck, prepared once per element (in parallel: libvips uses its own threads). */
export async function preparePictures(elements: readonly ImageElement[]): Promise<Map<ImageElement, string>> {
  const out = await Promise.all(elements.map(async (el) => [el, await pictureData(el)] as const));
  return new Map(out);
}
