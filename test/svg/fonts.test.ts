/** The vertical metrics the SVG places baselines with are the shipped fonts' own (hhea). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { expect, it } from 'vitest';
import { VERTICAL } from '../../src/svg/fonts.ts';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(b: Buffer): { unitsPerEm: number; hhea: { ascent: number; descent: number } } };

it.each([
  ['Arial', 'arimo'],
  ['Calibri', 'carlito'],
] as const)('%s (%s): ascent and descent match the font file', (face, pkg) => {
  for (const weight of ['400-normal', '700-normal', '400-italic']) {
    const dir = dirname(require.resolve(`@fontsource/${pkg}/package.json`));
    const font = fontkit.create(readFileSync(join(dir, 'files', `${pkg}-latin-${weight}.woff`)));
    expect(VERTICAL[face].ascent).toBeCloseTo(font.hhea.ascent / font.unitsPerEm, 6);
    expect(VERTICAL[face].descent).toBeCloseTo(-font.hhea.descent / font.unitsPerEm, 6);
  }
});
