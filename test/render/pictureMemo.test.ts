/**
 * The memos of image work (src/imageCheck.ts: whether an image decodes whole; src/render/
 * pictures.ts: the picture as the deck embeds it). Both are keyed by the image's content, so a
 * file changed on disk, or bytes with the same header and other data, are never taken for the
 * ones seen before; a picture shown at another size or fit is prepared anew.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodeJpeg } from 'jpeg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { imageProblem } from '../../src/imageCheck.ts';
import type { ImageElement } from '../../src/layout/placed.ts';
import { pictureData } from '../../src/render/pictures.ts';

const TMP = mkdtempSync(join(tmpdir(), 'briefdeck-picturememo-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** A width x height JPEG whose pixels depend on `seed`. */
function jpeg(width: number, height: number, seed: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([(i * seed) % 256, (i >> 4) % 256, seed * 40, 255], i * 4);
  return encodeJpeg({ data, width, height }, 90).data;
}

const element = (path: string, w: number, fit?: 'cover'): ImageElement => ({ kind: 'image', frame: { x: 0, y: 0, w, h: w / 1.5 }, path, alt: 'a test picture', ...(fit ? { fit } : {}) });

describe('the image memos', () => {
  it('judge each content once, and a cut copy with the same header on its own', () => {
    const whole = jpeg(300, 200, 3);
    const cut = whole.subarray(0, Math.floor(whole.length * 0.6));
    for (let round = 0; round < 2; round++) {
      expect(imageProblem(cut, 'jpg', 300, 200), `round ${round}`).toMatch(/ends early or is damaged/);
      expect(imageProblem(whole, 'jpg', 300, 200), `round ${round}`).toBeUndefined();
    }
  });

  it('prepare a picture again for another size, another fit, or new content under the same path', async () => {
    const path = join(TMP, 'photo.jpg');
    writeFileSync(path, jpeg(900, 600, 5));
    const small = await pictureData(element(path, 1));
    const large = await pictureData(element(path, 2));
    const cover = await pictureData(element(path, 1, 'cover'));
    expect(new Set([small, large, cover]).size).toBe(3);
    expect(await pictureData(element(path, 1))).toBe(small);
    writeFileSync(path, jpeg(900, 600, 7));
    const changed = await pictureData(element(path, 1));
    expect(changed).not.toBe(small);
    expect(changed.startsWith('image/jpeg;base64,')).toBe(true);
  }, 60_000);
});
