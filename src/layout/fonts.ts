/**
 * Font metrics for measurement: the metric-compatible open fonts that stand in for what
 * PowerPoint will use (Arimo = Arial, Carlito = Calibri, Noto Sans KR = the CJK fallback),
 * read from the @fontsource packages so a plain `npm install` is all a machine needs.
 *
 * Those packages ship each weight as many unicode-range subsets (noto-sans-kr has ~120), so
 * only the subsets covering code points actually measured are ever decoded.
 * We read .woff, not .woff2: fontkit decodes woff2's brotli in JS, which measured 4-5x slower
 * per subset opened (warm: ~6.5-8 ms vs ~1.5 ms), for identical advances.
 *
 * On the hot path there is no font file at all: `npm install` precomputes every advance of
 * every family into dist/fonts/ (see fontTable.ts), and a family reads its table on first use.
 * Only when a family has no table matching the installed font package (not compiled yet, or
 * the fonts were upgraded since) does it decode the fonts with fontkit; each glyph measured so
 * is counted (fontFallbacks, reported per brief by `build --json`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadFontTable, type FontTable } from './fontTable.ts';
import type { FontFace } from './measure.ts';

const require = createRequire(import.meta.url);

/** The slice of fontkit we use; fontkit ships no type declarations. */
interface FkGlyph { id: number }
interface FkMetricsTable { metrics: { length: number; get(i: number): { advance: number } | undefined } }
export interface FkFont {
  unitsPerEm: number;
  /** Every code point the character map has. */
  characterSet: number[];
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): FkGlyph;
  hmtx: FkMetricsTable;
}
type Fontkit = { create(data: Buffer): FkFont };
/** Required on first use: loading fontkit takes ~100 ms, which importers that never measure skip. */
let fontkitModule: Fontkit | undefined;
const fontkit = () => (fontkitModule ??= require('fontkit') as Fontkit);

export type Pkg = 'arimo' | 'carlito' | 'noto-sans-kr' | 'noto-sans-sc' | 'noto-sans-tc';

/** Simplified or traditional Chinese: which Noto Sans measures Han characters. */
export type HanVariant = 'sc' | 'tc';
const FACE_PKG: Record<FontFace, Pkg> = { Arial: 'arimo', Calibri: 'carlito' };
/** Cached for a code point that no font in the chain has (undefined would mean 'not looked up'). */
const MISSING = -1;

export interface Subset { path: string; ranges: number[]; font?: FkFont; unusable?: boolean }

let fallbacks = 0;
/** Glyphs measured with fontkit since the process started, because no table had them. */
export function fontFallbacks(): number {
  return fallbacks;
}

/**
 * Whether the subset has a glyph for cp. A few Noto Sans SC subset files carry no character map
 * fontkit can read (it throws on the first lookup); such a subset has no glyph for anything,
 * and the next font in the chain answers.
 */
export function hasGlyph(s: Subset, cp: number): boolean {
  try {
    return s.font!.hasGlyphForCodePoint(cp);
  } catch {
    s.unusable = true;
    return false;
  }
}

/** Where one weight/style of one package is described: its package folder, version and CSS file. */
export interface FamilySource { pkg: Pkg; dir: string; version: string; css: string }

export function familySource(pkg: Pkg, weight: 400 | 700, italic: boolean): FamilySource {
  const manifest = require.resolve(`@fontsource/${pkg}/package.json`);
  const dir = dirname(manifest);
  // Noto Sans KR has no italic; PowerPoint slants the upright, which keeps its advances.
  const italicCss = `${weight}-italic.css`;
  const css = italic && existsSync(join(dir, italicCss)) ? italicCss : `${weight}.css`;
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { pkg, dir, version, css };
}

/** The subsets of a family, in the order its CSS lists them (the order a lookup tries them). */
export function familySubsets(src: FamilySource): Subset[] {
  return parseFontFaces(readFileSync(join(src.dir, src.css), 'utf8'), src.dir);
}

/** The font of a subset, decoded on first need. */
export function subsetFont(s: Subset): FkFont {
  return (s.font ??= fontkit().create(readFileSync(s.path)));
}

/**
 * One weight/style of one package: its table, or (without one, or given null) its subsets,
 * each decoded on first need.
 */
export class Family {
  private readonly table: FontTable | undefined;
  private subsets?: Subset[];
  constructor(private readonly src: FamilySource, table: FontTable | null = loadFontTable(src) ?? null) {
    this.table = table ?? undefined;
  }

  /** Advance in em, or undefined when no subset has a glyph for cp. */
  advanceEm(cp: number): number | undefined {
    if (this.table) return this.table.advanceEm(cp);
    fallbacks++;
    for (const s of (this.subsets ??= familySubsets(this.src))) {
      if (s.unusable || !inRanges(s.ranges, cp)) continue;
      const font = subsetFont(s);
      if (!hasGlyph(s, cp)) continue;
      return advanceUnits(font, s.path, cp) / font.unitsPerEm;
    }
    return undefined;
  }
}

/**
 * The glyph's advance, read from hmtx as fontkit itself does. Not `glyph.advanceWidth`: fontkit
 * 2.0.4 decodes the whole outline for it (for a vertical-metrics fallback), which cost more than
 * all the rest of measuring a new text, and it reads past the glyf table for an empty glyph
 * stored last (U+00A0 in every Arimo subset) and throws. Glyphs past the table's end share its
 * last advance (the OpenType hmtx rule).
 */
export function advanceUnits(font: FkFont, path: string, cp: number): number {
  const { metrics } = font.hmtx;
  const m = metrics.get(Math.min(font.glyphForCodePoint(cp).id, metrics.length - 1));
  if (!m) throw new Error(`briefdeck: no advance for U+${cp.toString(16)} in ${path}`);
  return m.advance;
}

/** Subsets of one @fontsource CSS file: the .woff each @font-face names, and its unicode-range. */
function parseFontFaces(css: string, cssDir: string): Subset[] {
  const out: Subset[] = [];
  for (const block of css.split('@font-face').slice(1)) {
    const url = /url\(\s*['"]?([^'")]+\.woff)['"]?\s*\)/.exec(block)?.[1];
    if (!url) continue;
    const range = /unicode-range:\s*([^;}]+)/.exec(block)?.[1] ?? 'U+0-10FFFF';
    out.push({ path: join(cssDir, url), ranges: parseUnicodeRange(range) });
  }
  return out;
}

/** CSS unicode-range ('U+0-FF,U+131,U+4??') as flat [lo, hi, lo, hi, ...]. */
export function parseUnicodeRange(spec: string): number[] {
  const out: number[] = [];
  for (const [, lo = '', hi] of spec.matchAll(/U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/gi)) {
    out.push(parseInt(lo.replace(/\?/g, '0'), 16), parseInt(hi ?? lo.replace(/\?/g, 'F'), 16));
  }
  return out;
}

export function inRanges(ranges: number[], cp: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) if (cp >= ranges[i]! && cp <= ranges[i + 1]!) return true;
  return false;
}

const families = new Map<string, Family>();
function family(pkg: Pkg, bold: boolean, italic: boolean): Family {
  const key = `${pkg}/${bold}/${italic}`;
  let f = families.get(key);
  if (!f) families.set(key, (f = new Family(familySource(pkg, bold ? 700 : 400, italic))));
  return f;
}

/** Han ideographs (unified, extensions, compatibility), which a Chinese font measures. */
function isHan(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);
}

/**
 * Per-code-point advances of one face/weight/style. What the latin face lacks falls back by
 * script, as renderers pick a font by the run's language: Han to Noto Sans SC (or TC), the rest
 * of CJK (Hangul, kana, CJK punctuation) to Noto Sans KR, then either of them.
 */
export class FaceMetrics {
  private readonly cache = new Map<number, number>();
  private readonly latin: Family;
  /** Built on the first code point the latin face lacks, so Latin-only decks never parse their CSS. */
  private korean?: Family;
  private chinese?: Family;
  constructor(face: FontFace, private readonly bold: boolean, private readonly italic: boolean, private readonly han: HanVariant = 'sc') {
    this.latin = family(FACE_PKG[face], bold, italic);
  }

  private kr(): Family {
    return (this.korean ??= family('noto-sans-kr', this.bold, this.italic));
  }

  private zh(): Family {
    return (this.chinese ??= family(this.han === 'tc' ? 'noto-sans-tc' : 'noto-sans-sc', this.bold, this.italic));
  }

  /** Advance of cp in em, or undefined when none of the fonts has a glyph for it. */
  advanceEm(cp: number): number | undefined {
    let em = this.cache.get(cp);
    if (em === undefined) {
      const [first, second] = isHan(cp) ? [this.zh(), this.kr()] : [this.kr(), this.zh()];
      em = this.latin.advanceEm(cp) ?? first.advanceEm(cp) ?? second.advanceEm(cp) ?? MISSING;
      this.cache.set(cp, em);
    }
    return em === MISSING ? undefined : em;
  }
}

const faces = new Map<string, FaceMetrics>();
/** The shared, lazily filled metrics for a face; cheap to call per measurement. */
export function faceMetrics(face: FontFace, bold = false, italic = false, han: HanVariant = 'sc'): FaceMetrics {
  const key = `${face}/${bold}/${italic}/${han}`;
  let m = faces.get(key);
  if (!m) faces.set(key, (m = new FaceMetrics(face, bold, italic, han)));
  return m;
}
