/**
 * The precomputed font metrics tables (src/layout/fontTable.ts) against fontkit reading the font
 * files: the same advance, to the last bit, for every code point of a corpus of Latin, Hangul and
 * Han text, in every family measurement uses; and a deck built with the tables is the same bytes
 * as one built from the font files, with fontkit never loaded and no glyph counted as a fallback.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildFontTable, FontTable, fontTableFile, loadFontTable } from '../../src/layout/fontTable.ts';
import { Family, familySource, type Pkg } from '../../src/layout/fonts.ts';
import { REPO, SHIPPED_BRIEF } from '../support/helpers.ts';

const TMP = mkdtempSync(join(tmpdir(), 'briefdeck-fonttable-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const CORPUS = [
  // Latin: ASCII, accents, typographic punctuation, the no-break space, ligature-prone pairs.
  'The quick brown fox jumps over the lazy dog. 0123456789 !"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
  'Zürich, São Paulo, Kraków, Ærøskøbing, İstanbul, Đà Nẵng — “quoted” ‘text’ … 12 °C ± 3 € £ ¥ ©',
  'office affliction fjord AVATAR Wavy LTA To. Yo, 1\u00a0000 km\u2009h',
  // Hangul: syllables, jamo, and Korean punctuation.
  '최선희 외무상은 러시아를 방문했다. 조선민주주의인민공화국 ㄱㄴㄷ ㅏㅑ 「인용」',
  // Han: simplified and traditional forms, CJK punctuation, full-width forms.
  '中华人民共和国外交部发言人表示，双方将加强合作。林伟',
  '中華民國外交部發言人表示，雙方將加強合作。林偉「引號」（全形）１２３',
  // Kana, which the CJK fonts carry.
  'カタカナとひらがな、東京',
];
const CODE_POINTS = [...new Set([...CORPUS.join('')].map((c) => c.codePointAt(0)!))];

const FAMILIES: Array<[Pkg, 400 | 700, boolean]> = [
  ['arimo', 400, false], ['arimo', 700, false], ['arimo', 400, true], ['arimo', 700, true],
  ['carlito', 400, false], ['carlito', 700, true],
  ['noto-sans-kr', 400, false], ['noto-sans-kr', 700, false],
  ['noto-sans-sc', 400, false], ['noto-sans-tc', 700, false],
];

describe('font metrics table', () => {
  it.each(FAMILIES)('%s %i italic=%s: each advance equals fontkit\'s exactly', (pkg, weight, italic) => {
    const src = familySource(pkg, weight, italic);
    const table = new FontTable(buildFontTable(src));
    const fontkit = new Family(src, null);
    let found = 0;
    for (const cp of CODE_POINTS) {
      const expected = fontkit.advanceEm(cp);
      expect(table.advanceEm(cp), `U+${cp.toString(16)} in ${fontTableFile(src)}`).toBe(expected);
      if (expected !== undefined) found++;
    }
    // Each family answers for its own script at least (the Latin faces lack the CJK).
    expect(found).toBeGreaterThan(pkg.startsWith('noto') ? 60 : 90);
  });

  it('is used only when made from the installed package version', () => {
    const src = familySource('arimo', 400, false);
    const dir = join(TMP, 'stale');
    mkdirSync(dir, { recursive: true });
    const data = buildFontTable(src);
    const write = (d: object) => writeFileSync(join(dir, fontTableFile(src)), JSON.stringify(d));
    write(data);
    expect(loadFontTable(src, { BRIEFDECK_FONT_TABLES: dir })?.advanceEm(0x41)).toBe(new Family(src, null).advanceEm(0x41));
    write({ ...data, version: '0.0.1' });
    expect(loadFontTable(src, { BRIEFDECK_FONT_TABLES: dir })).toBeUndefined();
  });

  it('a deck built with the tables is byte for byte the one built from the font files; fallbacks are counted', () => {
    const tables = join(TMP, 'tables');
    const gen = spawnSync(process.execPath, ['--import', 'tsx', join(REPO, 'scripts/fontTable.ts'), tables], { cwd: REPO, encoding: 'utf8' });
    expect(gen.status, gen.stderr).toBe(0);
    const build = (tableDir: string, name: string) => {
      const trace = join(TMP, `${name}.modules`);
      const r = spawnSync(process.execPath, ['--import', join(REPO, 'test/support/traceModules.mjs'), join(REPO, 'bin/briefdeck.js'), 'build', SHIPPED_BRIEF, '--json', '--out', join(TMP, name)], {
        cwd: TMP,
        encoding: 'utf8',
        env: { ...process.env, BRIEFDECK_FONT_TABLES: tableDir, TRACE_MODULES: trace, NO_COLOR: '1' },
        timeout: 60_000,
      });
      expect(r.status, r.stderr).toBe(0);
      const result = (JSON.parse(r.stdout) as { results: Array<{ fontFallbacks: number }> }).results[0]!;
      return { fallbacks: result.fontFallbacks, fontkit: readFileSync(trace, 'utf8').includes('node_modules/fontkit/'), deck: readFileSync(join(TMP, name, 'kim-putin-2023.pptx')) };
    };
    const withTables = build(tables, 'with');
    const without = build(join(TMP, 'no-tables'), 'without');
    expect(withTables.fallbacks).toBe(0);
    expect(withTables.fontkit).toBe(false);
    // The shipped brief has Latin in three styles and Hangul: well over a hundred glyphs.
    expect(without.fallbacks).toBeGreaterThan(100);
    expect(without.fontkit).toBe(true);
    expect(Buffer.compare(withTables.deck, without.deck)).toBe(0);
  });
});
