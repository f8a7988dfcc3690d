/**
 * The precomputed font metrics table: for each family (package, weight, style) the advance of
 * every code point it has a glyph for, as fonts.ts would read it from the font files, so that
 * measuring never decodes a font. Layout needs nothing else from a font: kerning is not applied
 * (see measure.ts) and line heights come from the theme's spacing, not the font's ascent.
 *
 * `npm install` writes one JSON file per family into dist/fonts/ (scripts/fontTable.ts; about
 * 1 MB in all, mostly the CJK families); it is generated, not committed, because it is derived
 * from the installed @fontsource packages and must follow their version. A table is used only
 * when it was made from the installed package version and CSS file; else fonts.ts falls back to
 * the font files. BRIEFDECK_FONT_TABLES names another folder of tables.
 *
 * Encoding, compact and exact: the code points as runs (`ranges`: the gap from the previous
 * run's end, then the run's length), and their advances in font units, run-length coded
 * (`advances`: value, count); an advance in em is units / unitsPerEm, the same division fontkit's
 * path makes, so the two agree to the last bit.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import { advanceUnits, familySubsets, hasGlyph, inRanges, subsetFont, type FamilySource } from './fonts.ts';

export const FONT_TABLE_FORMAT = 1;

/** A table as stored. */
export interface FontTableData {
  format: number;
  package: string;
  version: string;
  css: string;
  unitsPerEm: number;
  ranges: number[];
  advances: number[];
}

/** The folder tables are read from. */
export function fontTableDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.BRIEFDECK_FONT_TABLES || join(PACKAGE_ROOT, 'dist/fonts');
}

export function fontTableFile(src: Pick<FamilySource, 'pkg' | 'css'>): string {
  return `${src.pkg}-${src.css.replace(/\.css$/, '')}.json`;
}

/** A decoded table: code point to advance in em, or undefined where the family has no glyph. */
export class FontTable {
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  /** Index into `units` of each run's first code point. */
  private readonly offsets: Uint32Array;
  private readonly units: Uint16Array;
  private readonly unitsPerEm: number;
  readonly size: number;

  constructor(data: FontTableData) {
    const runs = data.ranges.length / 2;
    this.starts = new Uint32Array(runs);
    this.ends = new Uint32Array(runs);
    this.offsets = new Uint32Array(runs);
    let cp = 0, n = 0;
    for (let r = 0; r < runs; r++) {
      cp += data.ranges[2 * r]!;
      const len = data.ranges[2 * r + 1]!;
      this.starts[r] = cp;
      this.ends[r] = cp + len - 1;
      this.offsets[r] = n;
      cp += len;
      n += len;
    }
    this.size = n;
    this.units = new Uint16Array(n);
    for (let i = 0, at = 0; i < data.advances.length; i += 2) {
      this.units.fill(data.advances[i]!, at, at + data.advances[i + 1]!);
      at += data.advances[i + 1]!;
    }
    this.unitsPerEm = data.unitsPerEm;
  }

  advanceEm(cp: number): number | undefined {
    let lo = 0, hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cp < this.starts[mid]!) hi = mid - 1;
      else if (cp > this.ends[mid]!) lo = mid + 1;
      else return this.units[this.offsets[mid]! + cp - this.starts[mid]!]! / this.unitsPerEm;
    }
    return undefined;
  }
}

/** The table for a family, when one made from the installed package and CSS file is there. */
export function loadFontTable(src: FamilySource, env: NodeJS.ProcessEnv = process.env): FontTable | undefined {
  const file = join(fontTableDir(env), fontTableFile(src));
  if (!existsSync(file)) return undefined;
  let data: FontTableData;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as FontTableData;
  } catch {
    return undefined;
  }
  const current = data.format === FONT_TABLE_FORMAT && data.package === `@fontsource/${src.pkg}` && data.version === src.version && data.css === src.css;
  return current ? new FontTable(data) : undefined;
}

/**
 * The table of a family, read from its font files as fonts.ts's fallback reads them: for each
 * code point, the first subset (in CSS order) whose unicode-range holds it and whose character
 * map has a glyph for it; subsets fontkit cannot read a character map from are skipped.
 */
export function buildFontTable(src: FamilySource): FontTableData {
  const advance = new Map<number, number>();
  let unitsPerEm: number | undefined;
  for (const s of familySubsets(src)) {
    const font = subsetFont(s);
    let cps: number[];
    try {
      cps = font.characterSet;
    } catch {
      continue;
    }
    for (const cp of cps) {
      if (advance.has(cp) || !inRanges(s.ranges, cp) || !hasGlyph(s, cp)) continue;
      if (unitsPerEm !== undefined && font.unitsPerEm !== unitsPerEm) throw new Error(`${s.path}: unitsPerEm ${font.unitsPerEm}, not ${unitsPerEm} as the family's other subsets`);
      unitsPerEm = font.unitsPerEm;
      const units = advanceUnits(font, s.path, cp);
      if (!Number.isInteger(units) || units < 0 || units > 0xffff) throw new Error(`${s.path}: advance ${units} for U+${cp.toString(16)} does not fit the table`);
      advance.set(cp, units);
    }
    delete s.font;
  }
  const cps = [...advance.keys()].sort((a, b) => a - b);
  const ranges: number[] = [];
  const advances: number[] = [];
  let end = 0;
  for (let i = 0; i < cps.length;) {
    let j = i + 1;
    while (j < cps.length && cps[j] === cps[j - 1]! + 1) j++;
    ranges.push(cps[i]! - end, j - i);
    end = cps[j - 1]! + 1;
    i = j;
  }
  for (const cp of cps) {
    const units = advance.get(cp)!;
    if (advances.length && advances[advances.length - 2] === units) advances[advances.length - 1]!++;
    else advances.push(units, 1);
  }
  return { format: FONT_TABLE_FORMAT, package: `@fontsource/${src.pkg}`, version: src.version, css: src.css, unitsPerEm: unitsPerEm ?? 1000, ranges, advances };
}
