/** WOFF unpacking for resvg: the TrueType file it gives is the font the WOFF packs. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { woffToSfnt } from '../../src/svg/raster.ts';

const require = createRequire(import.meta.url);
type Font = { numGlyphs: number; unitsPerEm: number; familyName: string; glyphForCodePoint(cp: number): { id: number; advanceWidth: number } };
const fontkit = require('fontkit') as { create(b: Buffer): Font };

it.each(['arimo/files/arimo-latin-700-normal.woff', 'noto-sans-kr/files/noto-sans-kr-0-400-normal.woff'])('%s unpacks to the same font', (file) => {
  const [pkg, ...rest] = file.split('/');
  const woff = readFileSync(join(dirname(require.resolve(`@fontsource/${pkg}/package.json`)), ...rest));
  const ttf = woffToSfnt(woff);
  expect([0x00010000, 0x4f54544f]).toContain(ttf.readUInt32BE(0));
  const a = fontkit.create(woff), b = fontkit.create(ttf);
  expect(b.familyName).toBe(a.familyName);
  expect(b.numGlyphs).toBe(a.numGlyphs);
  for (const cp of [0x41, 0x67, 0x20, 0xac00]) expect(b.glyphForCodePoint(cp).advanceWidth).toBe(a.glyphForCodePoint(cp).advanceWidth);
});

it('refuses what is not WOFF 1.0', () => {
  expect(() => woffToSfnt(Buffer.from('wOF2xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'))).toThrow('not a WOFF 1.0 file');
});
