/**
 * Where sharp does not load (a platform with no prebuilt libvips): briefs with JPEGs are still
 * checked, by jpeg-js, and a deck with a picture fails to render with a message that says why,
 * rather than with whatever the import threw.
 */
import { encode as encodeJpeg } from 'jpeg-js';
import { describe, expect, it, vi } from 'vitest';
import { imageProblemNative } from '../../src/imageCheck.ts';
import { pictureData } from '../../src/render/pictures.ts';

vi.mock('../../src/sharp.ts', () => ({ loadSharp: async () => undefined }));

describe('without sharp', () => {
  it('checks a JPEG with jpeg-js: the whole one passes, a cut one does not', async () => {
    const data = Buffer.alloc(64 * 48 * 4, 0x80);
    const whole = encodeJpeg({ data, width: 64, height: 48 }, 90).data;
    expect(await imageProblemNative(whole, 'jpg', 64, 48)).toBeUndefined();
    expect(await imageProblemNative(whole.subarray(0, Math.floor(whole.length * 0.6)), 'jpg', 64, 48)).toMatch(/ends early or is damaged/);
  });

  it('refuses to prepare a picture, saying sharp does not load', async () => {
    await expect(pictureData({ kind: 'image', frame: { x: 0, y: 0, w: 1, h: 1 }, path: new URL(import.meta.url).pathname, alt: 'x' })).rejects.toThrow(/sharp, which prepares pictures, does not load/);
  });
});
