/**
 * Slides as PNG, rasterised in-process from the same SVG the preview shows (resvg, through
 * @resvg/resvg-js: a prebuilt binary inside the npm package, no browser, no LibreOffice). resvg
 * reads TrueType, not WOFF, so the @fontsource subsets a deck's text needs are unpacked from
 * their .woff files (a WOFF 1.0 file is the TrueType tables, each zlib-compressed) into a
 * temporary folder for the run.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { parseUnicodeRange } from '../layout/fonts.ts';
import type { PlacedDeck } from '../layout/placed.ts';
import { makeTempDir, removeTemp } from '../tempFiles.ts';
import { renderSlideSvg } from './render.ts';

const require = createRequire(import.meta.url);

/** WOFF 1.0 -> the TrueType/OpenType file it packs (the WOFF spec, section 4-5). */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 file');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: Array<{ tag: number; checksum: number; data: Buffer }> = [];
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const [tag, offset, compLength, origLength, checksum] = [woff.readUInt32BE(e), woff.readUInt32BE(e + 4), woff.readUInt32BE(e + 8), woff.readUInt32BE(e + 12), woff.readUInt32BE(e + 16)];
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(raw) : raw;
    if (data.length !== origLength) throw new Error('WOFF table length does not match');
    tables.push({ tag, checksum, data });
  }
  const pow = 2 ** Math.floor(Math.log2(numTables));
  const header = Buffer.alloc(12 + 16 * numTables);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(numTables, 4);
  header.writeUInt16BE(pow * 16, 6);
  header.writeUInt16BE(Math.log2(pow), 8);
  header.writeUInt16BE(numTables * 16 - pow * 16, 10);
  let offset = header.length;
  const bodies: Buffer[] = [];
  tables.forEach((t, i) => {
    const r = 12 + i * 16;
    header.writeUInt32BE(t.tag, r);
    header.writeUInt32BE(t.checksum, r + 4);
    header.writeUInt32BE(offset, r + 8);
    header.writeUInt32BE(t.data.length, r + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}

const PACKAGES = ['arimo', 'carlito', 'noto-sans-kr', 'noto-sans-sc', 'noto-sans-tc'];
const STYLES = ['400', '700', '400-italic', '700-italic'];

/** The .woff subsets (of the faces the SVG names) that hold any of `cps`. */
function subsetsFor(cps: ReadonlySet<number>): string[] {
  const out: string[] = [];
  for (const pkg of PACKAGES) {
    const dir = dirname(require.resolve(`@fontsource/${pkg}/package.json`));
    for (const style of STYLES) {
      let css: string;
      try {
        css = readFileSync(join(dir, `${style}.css`), 'utf8');
      } catch {
        continue;
      }
      for (const block of css.split('@font-face').slice(1)) {
        const url = /url\(\s*['"]?\.\/files\/([A-Za-z0-9._-]+\.woff)['"]?\s*\)/.exec(block)?.[1];
        if (!url) continue;
        const ranges = parseUnicodeRange(/unicode-range:\s*([^;}]+)/.exec(block)?.[1] ?? 'U+0-10FFFF');
        let hit = false;
        for (const cp of cps) {
          for (let i = 0; i < ranges.length && !hit; i += 2) hit = cp >= ranges[i]! && cp <= ranges[i + 1]!;
          if (hit) break;
        }
        if (hit) out.push(join(dir, 'files', url));
      }
    }
  }
  return out;
}

/** Every code point a deck's slides draw. */
function deckCodePoints(svgs: readonly string[]): Set<number> {
  const cps = new Set<number>();
  for (const svg of svgs) for (const m of svg.matchAll(/>([^<]+)</g)) for (const ch of m[1]!) cps.add(ch.codePointAt(0)!);
  // Entities the SVG escapes, and the figures of slide numbers.
  for (const ch of '&<>"\'0123456789') cps.add(ch.codePointAt(0)!);
  return cps;
}

type ResvgModule = typeof import('@resvg/resvg-js');

/**
 * Each slide as PNG bytes, `widthPx` wide. Fonts are the deck's own subsets only: no system
 * font is loaded, so the picture does not depend on the machine.
 */
export function rasterSlides(deck: PlacedDeck, widthPx: number): Buffer[] {
  const { Resvg } = require('@resvg/resvg-js') as ResvgModule;
  const svgs = deck.slides.map((s) => renderSlideSvg(deck, s));
  const work = makeTempDir(tmpdir(), 'fonts');
  try {
    const fontFiles = subsetsFor(deckCodePoints(svgs)).map((woff, i) => {
      const ttf = join(work, `${i}.ttf`);
      writeFileSync(ttf, woffToSfnt(readFileSync(woff)));
      return ttf;
    });
    return svgs.map((svg) => Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: widthPx }, font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'Arimo' } }).render().asPng()));
  } finally {
    removeTemp(work);
  }
}
