import { describe, expect, it } from 'vitest';
import { parseUnicodeRange } from '../../src/layout/fonts.ts';
import { longestWordIn, textWidthIn, warmFonts, wrapText, type FontSpec } from '../../src/layout/measure.ts';

const arial18: FontSpec = { face: 'Arial', sizePt: 18 };
const calibri18: FontSpec = { face: 'Calibri', sizePt: 18 };
/** Inches per em at 18 pt. */
const EM18 = 18 / 72;
/** Font units per em of Arimo/Carlito (and of Arial/Calibri). */
const UPM = 2048;

/** Lines must fit unless a line is a single character (cluster) that alone is wider. */
function expectFits(lines: string[], font: FontSpec, width: number) {
  for (const line of lines) {
    if (textWidthIn(line, font) > width + 1e-9) expect([...line].filter((c) => !/\p{M}/u.test(c))).toHaveLength(1);
  }
}

describe('textWidthIn', () => {
  it('measures Arial with Arial advances, cross-checked against Liberation Sans 2.1.5', () => {
    // H e l l o ␠ w o r l d = 1479+1139+455+455+1139+569+1479+1139+682+455+1139; Liberation Sans sums the same.
    expect(textWidthIn('Hello world', arial18)).toBeCloseTo((10130 / UPM) * EM18, 9);
    expect(textWidthIn('Hello world', { ...arial18, bold: true })).toBeCloseTo((11037 / UPM) * EM18, 9);
    expect(textWidthIn('Hello world', calibri18)).toBeCloseTo((9582 / UPM) * EM18, 9);
  });

  it('scales with size and ignores kerning', () => {
    expect(textWidthIn('AVAVAV', { face: 'Arial', sizePt: 36 })).toBeCloseTo(2 * textWidthIn('AVAVAV', arial18), 9);
    expect(textWidthIn('AV', arial18)).toBeCloseTo(textWidthIn('A', arial18) + textWidthIn('V', arial18), 12);
  });

  it('makes bold wider than regular, and Calibri narrower than Arial', () => {
    const text = 'Quarterly results exceeded expectations';
    expect(textWidthIn(text, { ...arial18, bold: true })).toBeGreaterThan(textWidthIn(text, arial18) * 1.05);
    expect(textWidthIn(text, calibri18)).toBeLessThan(textWidthIn(text, arial18) * 0.95);
  });

  it('uses the italic faces where they exist', () => {
    // Carlito italic's a and g are wider than upright (981 -> 1053, 964 -> 1053).
    expect(textWidthIn('ag', { ...calibri18, italic: true })).toBeCloseTo((2106 / UPM) * EM18, 9);
    expect(textWidthIn('ag', calibri18)).toBeCloseTo((1945 / UPM) * EM18, 9);
    // Hangul has no italic face and falls back to upright.
    expect(textWidthIn('김', { ...arial18, italic: true })).toBeCloseTo(0.92 * EM18, 9);
  });

  it('measures Cyrillic from the Cyrillic subset', () => {
    expect(textWidthIn('Владимир Путин', arial18)).toBeCloseTo((16008 / UPM) * EM18, 9);
  });

  it('measures Hangul at 0.92 em a syllable with a Latin space', () => {
    expect(textWidthIn('김정은', arial18)).toBeCloseTo(3 * 0.92 * EM18, 9);
    const space = (569 / UPM) * EM18;
    expect(textWidthIn('김정은 국무위원장', arial18)).toBeCloseTo(8 * 0.92 * EM18 + space, 9);
    // Bold Hangul comes from the bold Noto Sans KR; the Calibri fallback is the same font.
    expect(textWidthIn('김정은', calibri18)).toBeCloseTo(textWidthIn('김정은', arial18), 9);
  });

  it('gives a missing glyph 1 em per cluster and control/zero-width characters nothing', () => {
    expect(textWidthIn('😀', arial18)).toBeCloseTo(EM18, 9);
    expect(textWidthIn('👨‍👩‍👧', arial18)).toBeCloseTo(EM18, 9);
    expect(textWidthIn('🇰🇷', arial18)).toBeCloseTo(EM18, 9);
    expect(textWidthIn('国', arial18)).toBeCloseTo(EM18, 9); // simplified Han, not in Noto Sans KR
    expect(textWidthIn('a\u200b\u200d\u00ad\ufeff\tb', arial18)).toBeCloseTo(textWidthIn('ab', arial18), 12);
    expect(textWidthIn('a\nb', arial18)).toBeCloseTo(textWidthIn('ab', arial18), 12);
    expect(textWidthIn('', arial18)).toBe(0);
  });

  it('gives combining marks the font advance (zero) and no-break space a space width', () => {
    expect(textWidthIn('e\u0301', arial18)).toBeCloseTo(textWidthIn('e', arial18), 12);
    // U+00A0 is the glyph fontkit cannot read advanceWidth for in Arimo: the hmtx fallback path.
    expect(textWidthIn('\u00a0', arial18)).toBeCloseTo(textWidthIn(' ', arial18), 12);
    expect(textWidthIn('\u00a0', { ...arial18, bold: true, italic: true })).toBeGreaterThan(0);
  });
});

describe('wrapText', () => {
  it('matches the breaks LibreOffice renders for the same boxes', () => {
    const fox = 'The quick brown fox jumps over the lazy dog and keeps running far away';
    const foxLines = ['The quick brown fox', 'jumps over the lazy', 'dog and keeps', 'running far away'];
    expect(wrapText(fox, arial18, 2.3)).toEqual(foxLines);
    expect(wrapText(fox, { ...calibri18, bold: true }, 2.3)).toEqual(foxLines);
    expect(wrapText('Президент России Владимир Путин провёл совещание с членами правительства', { face: 'Arial', sizePt: 16 }, 2.6))
      .toEqual(['Президент России', 'Владимир Путин провёл', 'совещание с членами', 'правительства']);
    expect(wrapText('A well-known state-of-the-art approach, measured in 2024–2025, wraps', { face: 'Calibri', sizePt: 20 }, 2.1))
      .toEqual(['A well-known', 'state-of-the-art', 'approach,', 'measured in', '2024–2025, wraps']);
  });

  it('lets a space at the line end hang outside the width', () => {
    const w = textWidthIn('The quick', arial18);
    expect(textWidthIn('The quick ', arial18)).toBeGreaterThan(w);
    expect(wrapText('The quick brown', arial18, w)).toEqual(['The quick', 'brown']);
    expect(wrapText('The quick brown', arial18, w - 0.001)).toEqual(['The', 'quick', 'brown']);
  });

  it('never returns a line wider than the width', () => {
    const text = 'Negotiations between the delegations resumed on Tuesday — both sides, reportedly, made well-known '
      + 'concessions; 김정은 국무위원장은 「조선중앙통신」에 따르면 회의를 열었다. Владимир Путин, 2024–2025.';
    for (let w = 0.3; w < 6; w += 0.07) {
      for (const font of [arial18, calibri18, { face: 'Arial', sizePt: 11, bold: true } as FontSpec]) {
        const lines = wrapText(text, font, w);
        expectFits(lines, font, w);
        expect(lines.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
      }
    }
  });

  it('breaks a word longer than the width between characters', () => {
    const word = 'Supercalifragilisticexpialidocious';
    const lines = wrapText(word, { ...arial18, bold: true }, 1);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    expect(lines.join('')).toBe(word);
    expectFits(lines, { ...arial18, bold: true }, 1);
    // LibreOffice fills each line as far as it goes, too.
    expect(wrapText('Supercalifragilisticexpialidocious antidisestablishmentarianism', { face: 'Arial', sizePt: 20, bold: true }, 1.6))
      .toEqual(['Supercalifr', 'agilisticexpi', 'alidocious', 'antidisesta', 'blishmentar', 'ianism']);
  });

  it('breaks after hyphens and dashes, not after a leading or numeric hyphen', () => {
    const f = arial18;
    expect(wrapText('state-of-the-art', f, textWidthIn('state-of-', f))).toEqual(['state-of-', 'the-art']);
    expect(wrapText('range 10-20 units', f, textWidthIn('range 10-', f))).toEqual(['range', '10-20', 'units']);
    expect(wrapText('x -based', f, textWidthIn('-based', f))).toEqual(['x', '-based']);
    expect(wrapText('before—after', f, textWidthIn('before—', f))).toEqual(['before—', 'after']);
  });

  it('breaks between Hangul syllables but keeps closing punctuation with the one before', () => {
    const f = arial18;
    const three = 3 * 0.92 * EM18;
    expect(wrapText('국무위원장', f, three)).toEqual(['국무위', '원장']);
    // '。' cannot start a line, so '위' moves down with it.
    expect(wrapText('국무위。원장', f, three)).toEqual(['국무', '위。', '원장']);
    expect(wrapText('「국무위원」', f, three + 0.01).every((l) => !l.endsWith('「') && !l.startsWith('」'))).toBe(true);
  });

  it('never splits combining marks, surrogate pairs or emoji sequences', () => {
    const text = 'e\u0301e\u0301e\u0301 😀😀 👨‍👩‍👧👨‍👩‍👧 🇰🇷🇰🇷 👍🏽👍🏽';
    expect(wrapText(text, arial18, 0.01)).toEqual(
      ['e\u0301', 'e\u0301', 'e\u0301', '😀', '😀', '👨‍👩‍👧', '👨‍👩‍👧', '🇰🇷', '🇰🇷', '👍🏽', '👍🏽'],
    );
  });

  it('respects newlines and empty paragraphs', () => {
    expect(wrapText('', arial18, 2)).toEqual(['']);
    expect(wrapText('a\nb', arial18, 2)).toEqual(['a', 'b']);
    expect(wrapText('one\r\n\ntwo three', arial18, 0.6)).toEqual(['one', '', 'two', 'three']);
    expect(wrapText('end\n', arial18, 2)).toEqual(['end', '']);
  });

  it('trims trailing spaces and keeps leading indentation', () => {
    expect(wrapText('word   ', arial18, 5)).toEqual(['word']);
    expect(wrapText('alpha   beta', arial18, textWidthIn('alpha', arial18))).toEqual(['alpha', 'beta']);
    expect(wrapText('  indented', arial18, 5)).toEqual(['  indented']);
  });
});

describe('longestWordIn', () => {
  it('measures the widest unbreakable run', () => {
    expect(longestWordIn('a supercalifragilistic b', arial18)).toBeCloseTo(textWidthIn('supercalifragilistic', arial18), 9);
    expect(longestWordIn('well-known it', arial18)).toBeCloseTo(textWidthIn('known', arial18), 9);
    expect(longestWordIn('국무위원장', arial18)).toBeCloseTo(0.92 * EM18, 9);
    expect(longestWordIn('short\nextraordinarily', arial18)).toBeCloseTo(textWidthIn('extraordinarily', arial18), 9);
    expect(longestWordIn('', arial18)).toBe(0);
  });
});

describe('fonts', () => {
  it('parses CSS unicode-range, wildcards included', () => {
    expect(parseUnicodeRange('U+0000-00FF, U+0131,U+4??')).toEqual([0, 0xff, 0x131, 0x131, 0x400, 0x4ff]);
  });

  it('warms without changing results', () => {
    const before = textWidthIn('Hello', calibri18);
    warmFonts(['Arial', 'Calibri']);
    expect(textWidthIn('Hello', calibri18)).toBe(before);
  });
});
