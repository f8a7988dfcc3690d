import { describe, expect, it } from 'vitest';
import { parseUnicodeRange } from '../../src/layout/fonts.ts';
import {
  lineCount, lineCountRuns, longestWordIn, longestWordRuns, textWidthIn, warmFonts, wrapRuns, wrapText,
  type FontSpec, type MeasureRun, type WrappedLine,
} from '../../src/layout/measure.ts';

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

  it('charges a missing em for each consonant of a conjunct, not for the rest of an emoji sequence', () => {
    // क ् ष ि: two consonants and a spacing vowel sign, drawn from a font we lack; the virama is a mark.
    expect(textWidthIn('क्षि', arial18)).toBeCloseTo(3 * EM18, 9);
    expect(textWidthIn('ก\u0e31\u0e49', arial18)).toBeCloseTo(EM18, 9);
    expect(textWidthIn('👩\u200d👩\u200d👧\u200d👦', arial18)).toBeCloseTo(EM18, 9);
    expect(textWidthIn('🏳\ufe0f\u200d🌈', arial18)).toBeCloseTo(EM18, 9);
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

/**
 * The pieces are the runs' text in order, each in its own run, with nothing left out but spaces
 * hanging at a break and line terminators.
 */
function expectReconstructs(runs: MeasureRun[], lines: WrappedLine[]) {
  const text = runs.map((r) => r.text).join('');
  const starts = runs.map((_, i) => runs.slice(0, i).reduce((n, r) => n + r.text.length, 0));
  let at = 0;
  const skipGaps = () => { while (at < text.length && /[\s\u2028\u2029]/u.test(text[at]!)) at++; };
  for (const line of lines) {
    for (const { run, text: piece } of line.pieces) {
      if (text.slice(at, at + piece.length) !== piece) skipGaps();
      expect(text.slice(at, at + piece.length)).toBe(piece);
      expect(at).toBeGreaterThanOrEqual(starts[run]!);
      expect(at + piece.length).toBeLessThanOrEqual(starts[run]! + runs[run]!.text.length);
      at += piece.length;
    }
  }
  skipGaps();
  expect(at).toBe(text.length);
}

const lineTexts = (lines: WrappedLine[]) => lines.map((l) => l.pieces.map((p) => p.text).join(''));

describe('wrapRuns', () => {
  const regular = arial18, bold: FontSpec = { ...arial18, bold: true }, small: FontSpec = { face: 'Arial', sizePt: 12 };

  it('measures a bold label bold: it can push the next word down where a regular label would not', () => {
    const label = 'Assessment:', rest = ' Russia seeks artillery shells';
    const width = textWidthIn(`${label} Russia`, regular) + 0.01;
    // The premise: in bold, label and word no longer fit that width.
    expect(textWidthIn(label, bold) + textWidthIn(' Russia', regular)).toBeGreaterThan(width);
    const asRegular = wrapRuns([{ text: label, font: regular }, { text: rest, font: regular }], width);
    const asBold = wrapRuns([{ text: label, font: bold }, { text: rest, font: regular }], width);
    expect(asRegular[0]!.pieces).toEqual([{ run: 0, text: label }, { run: 1, text: ' Russia' }]);
    expect(asBold[0]!.pieces).toEqual([{ run: 0, text: label }]);
    expect(asBold[1]!.pieces).toEqual([{ run: 1, text: 'Russia seeks' }]);
    expect(asBold[0]!.width).toBeCloseTo(textWidthIn(label, bold), 12);
    expectReconstructs([{ text: label, font: bold }, { text: rest, font: regular }], asBold);
  });

  it('keeps a small reference glued to its word by a no-break space, measured at its own size', () => {
    const runs: MeasureRun[] = [{ text: 'Officials travel with Kim', font: regular }, { text: '\u00a0[3]', font: small }];
    const glued = textWidthIn('Kim', regular) + textWidthIn('\u00a0[3]', small);
    const lines = wrapRuns(runs, textWidthIn('Officials travel with', regular) + textWidthIn(' ', regular) + glued - 0.01);
    expect(lineTexts(lines)).toEqual(['Officials travel with', 'Kim\u00a0[3]']);
    expect(lines[1]!.pieces).toEqual([{ run: 0, text: 'Kim' }, { run: 1, text: '\u00a0[3]' }]);
    expect(lines[1]!.width).toBeCloseTo(glued, 12);
    // Measured in 18 pt it would not fit a width that the 12 pt reference fits.
    expect(wrapRuns([{ text: 'Kim', font: regular }, { text: '\u00a0[3]', font: small }], glued)).toHaveLength(1);
    expect(wrapRuns([{ text: 'Kim\u00a0[3]', font: regular }], glued)).toHaveLength(2);
  });

  it('breaks at a run boundary: after a space that ends or starts a run', () => {
    const w = Math.max(textWidthIn('Seeks:', bold), textWidthIn('munitions', regular)) + 0.05;
    for (const runs of [
      [{ text: 'Seeks:', font: bold }, { text: ' munitions', font: regular }],
      [{ text: 'Seeks: ', font: bold }, { text: 'munitions', font: regular }],
    ]) {
      const lines = wrapRuns(runs, w);
      expect(lines.map((l) => l.pieces)).toEqual([[{ run: 0, text: 'Seeks:' }], [{ run: 1, text: 'munitions' }]]);
      expectReconstructs(runs, lines);
    }
    // No opportunity at a boundary inside a word: it is one word over two runs.
    expect(lineTexts(wrapRuns([{ text: 'Vladi', font: bold }, { text: 'vostok', font: regular }], 5))).toEqual(['Vladivostok']);
    expect(longestWordRuns([{ text: 'Vladi', font: bold }, { text: 'vostok forum', font: regular }]))
      .toBeCloseTo(textWidthIn('Vladi', bold) + textWidthIn('vostok', regular), 12);
  });

  it('reconstructs the runs exactly from the pieces, minus spaces at breaks and line terminators', () => {
    const runs: MeasureRun[] = [
      { text: 'Key judgment: ', font: bold }, { text: '', font: regular },
      { text: 'We assess   with moderate confidence that Kim seeks food, oil and technology.\nPutin wants ', font: regular },
      { text: 'shells', font: { ...regular, italic: true } }, { text: '\u00a0[2][3]', font: small },
      { text: ' — and 김정은 국무위원장은 「조선중앙통신」에 따르면 회의를 열었다.\r\n', font: regular },
    ];
    for (let w = 0.2; w < 8; w += 0.11) {
      const lines = wrapRuns(runs, w);
      expectReconstructs(runs, lines);
      for (const l of lines) expect(l.pieces.every((p) => p.text.length > 0)).toBe(true);
      // Ends with a line terminator: an empty last line, as the renderers draw it.
      expect(lines.at(-1)!.pieces).toEqual([]);
    }
  });

  it('gives an empty paragraph one empty line', () => {
    expect(wrapRuns([], 2)).toEqual([{ pieces: [], width: 0 }]);
    expect(wrapRuns([{ text: '', font: regular }, { text: '', font: bold }], 2)).toEqual([{ pieces: [], width: 0 }]);
    expect(lineCountRuns([], 2)).toBe(1);
  });

  it('agrees with the single-run functions for a single run', () => {
    const text = 'The Kremlin says Putin and Kim will meet after the Vladivostok forum; no time or place was given.';
    for (const w of [1, 2.5, 4]) {
      expect(lineTexts(wrapRuns([{ text, font: regular }], w))).toEqual(wrapText(text, regular, w));
      expect(lineCountRuns([{ text, font: regular }], w)).toBe(lineCount(text, regular, w));
    }
  });

  it('never splits a grapheme cluster, even breaking a word wider than the line', () => {
    const runs: MeasureRun[] = [
      { text: 'fam👨‍👩‍👧ily', font: regular }, { text: '🇰🇷🇯🇵flags', font: bold }, { text: 'cafe\u0301s', font: small },
    ];
    const clusters = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(runs.map((r) => r.text).join(''))]
      .map((s) => s.segment);
    const lines = wrapRuns(runs, 0.01);
    expect(lineTexts(lines)).toEqual(clusters);
    expectReconstructs(runs, lines);
  });
});

describe('lineCountRuns', () => {
  it('counts Korean both ways and keeps the worse', () => {
    const korean = '김정은 국무위원장은 「조선중앙통신」에 따르면 회의를 열었다';
    const f = arial18;
    const runs: MeasureRun[] = [{ text: '보도: ', font: { ...f, bold: true } }, { text: korean, font: f }];
    for (let w = 1; w < 6; w += 0.1) {
      const ppt = wrapRuns(runs, w).length, lo = wrapRuns(runs, w, { hangulWords: true }).length;
      expect(lineCountRuns(runs, w)).toBe(Math.max(ppt, lo));
    }
    // A width where whole words leave more lines than syllable breaks do.
    const w = textWidthIn('김정은 국무위원장은', f) - 0.05;
    expect(wrapText(korean, f, w, { hangulWords: true }).length).toBeGreaterThan(wrapText(korean, f, w).length);
    expect(lineCount(korean, f, w)).toBe(wrapText(korean, f, w, { hangulWords: true }).length);
    // Latin text has one way to break.
    expect(lineCount('Hello world', f, 0.9)).toBe(2);
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
