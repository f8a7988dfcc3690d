/**
 * The text model (src/layout/text.ts) and fitting (src/layout/fit.ts): a block of paragraphs of
 * runs measured with the theme's reserves, the sizes tried, and the largest size at which a
 * block fits its frame.
 */
import { describe, expect, it } from 'vitest';
import { fitBlock, lineHeightPt, sizesBetween } from '../../src/layout/fit.ts';
import { textWidthIn } from '../../src/layout/measure.ts';
import { blockWidths, measureBlock, textBlock, usableWidth, type TextBlock } from '../../src/layout/text.ts';
import { civicTheme } from '../support/helpers.ts';

const theme = civicTheme();
const INSET = 0.05;

/** A paragraph as these tests describe it: text, weight, a run scale, indent and space before. */
interface P {
  text: string;
  bold?: boolean;
  scale?: number;
  indent?: number;
  spaceBefore?: number;
}

/** The block of `paras` at `size`: Arial, the theme's pitch, the test inset. */
function blk(paras: P[], size: number): TextBlock {
  return textBlock(
    paras.map((p) => ({
      runs: [{ text: p.text, bold: p.bold, ...(p.scale ? { size: Math.round(size * p.scale * 2) / 2 } : {}) }],
      spaceBefore: p.spaceBefore,
      ...(p.indent ? { bullet: { indent: p.indent, level: 0 as const } } : {}),
    })),
    { font: 'Arial', size, lineHeight: lineHeightPt(theme, size), color: '000000', inset: INSET },
  );
}

const measure = (paras: P[], size: number, w: number) => measureBlock(theme, blk(paras, size), w);
const fitted = (paras: P[], box: { w: number; h: number }, max: number, floor: number, maxLines?: number) => {
  const f = fitBlock(theme, (size) => blk(paras, size), box, max, floor, maxLines);
  return f && { size: f.block.size, ...f.measure };
};

/** Height in inches the formula gives for `lines` lines at `size` (no space before). */
function expectedHeight(lines: number, size: number, inset = INSET): number {
  const lh = lineHeightPt(theme, size);
  return ((lines + theme.fit.heightReserveLines) * lh) / 72 + 2 * inset;
}

/** A sentence of `words` copies of "word" (so its width grows predictably). */
function words(n: number): string {
  return Array.from({ length: n }, () => 'word').join(' ');
}

describe('lineHeightPt and usableWidth', () => {
  it('line pitch is size x theme line spacing, to 1/100 pt', () => {
    expect(theme.fit.lineSpacing).toBe(1.2);
    expect(lineHeightPt(theme, 20)).toBe(24);
    expect(lineHeightPt(theme, 18.5)).toBe(22.2);
  });

  it('usable width takes the insets off both sides, then the width reserve', () => {
    expect(usableWidth(theme, 10, 0.05)).toBeCloseTo(9.9 * (1 - theme.fit.widthReserve), 12);
  });
});

describe('measureBlock', () => {
  it('one short line: one line pitch plus the height reserve plus the insets', () => {
    const m = measure([{ text: 'Hello' }], 20, 10);
    expect(m.lines).toEqual([1]);
    // (1 + 0.5) lines x 24 pt = 36 pt = 0.5 in, + 0.1 in of insets.
    expect(m.height).toBeCloseTo(0.6, 12);
  });

  it('counts lines per paragraph and adds space before every paragraph but the first', () => {
    const one = measure([{ text: 'A' }, { text: 'B' }], 20, 10);
    const spaced = measure([{ text: 'A', spaceBefore: 100 }, { text: 'B', spaceBefore: 6 }], 20, 10);
    expect(one.lines).toEqual([1, 1]);
    expect(one.height).toBeCloseTo(expectedHeight(2, 20), 12);
    // The first paragraph's space before is ignored; the second's 6 pt is added.
    expect(spaced.height - one.height).toBeCloseTo(6 / 72, 12);
  });

  it('wraps long text and grows by whole lines', () => {
    const m = measure([{ text: words(60) }], 20, 4);
    expect(m.lines[0]).toBeGreaterThan(3);
    expect(m.height).toBeCloseTo(expectedHeight(m.lines[0]!, 20), 12);
  });

  it('applies the width reserve: text as wide as the frame (less insets) still wraps', () => {
    const text = words(8);
    const w = textWidthIn(text, { face: 'Arial', sizePt: 20 });
    // Wide enough without the reserve, too narrow with it.
    const frameW = w / 0.98 + 2 * INSET;
    expect(measure([{ text }], 20, frameW).lines).toEqual([2]);
    const roomy = w / (1 - theme.fit.widthReserve) + 2 * INSET + 0.01;
    expect(measure([{ text }], 20, roomy).lines).toEqual([1]);
  });

  it('indent narrows the line; bold measures wider', () => {
    const text = words(8);
    const w = textWidthIn(text, { face: 'Arial', sizePt: 20 });
    const frameW = (w + 0.05) / (1 - theme.fit.widthReserve) + 2 * INSET;
    expect(measure([{ text }], 20, frameW).lines).toEqual([1]);
    expect(measure([{ text, indent: 0.5 }], 20, frameW).lines).toEqual([2]);
    expect(measure([{ text, bold: true }], 20, frameW).lines).toEqual([2]);
  });

  it('a scaled paragraph wraps at its smaller size but still takes a full line pitch', () => {
    const text = words(8);
    const w = textWidthIn(text, { face: 'Arial', sizePt: 20 });
    const frameW = (w * 0.8) / (1 - theme.fit.widthReserve) + 2 * INSET;
    expect(measure([{ text }], 20, frameW).lines).toEqual([2]);
    const small = measure([{ text, scale: 0.75 }], 20, frameW);
    expect(small.lines).toEqual([1]);
    expect(small.height).toBeCloseTo(expectedHeight(1, 20), 12);
  });

  it('is larger at larger sizes', () => {
    const paras = [{ text: words(40) }];
    const heights = [14, 18, 22, 28].map((s) => measure(paras, s, 6).height);
    for (let i = 1; i < heights.length; i++) expect(heights[i]!).toBeGreaterThan(heights[i - 1]!);
  });
});

describe('blockWidths', () => {
  it('keeps a phrase of two words whole (a name, a role, a date), and lets a longer text break between its words', () => {
    const widths = (text: string) => blockWidths(theme, blk([{ text }], 18));
    for (const text of ['Ana Ferro', 'Sunday afternoon', 'Defence minister', '(C) Arvenna']) expect(widths(text).min, text).toBeCloseTo(widths(text).natural, 9);
    const sentence = widths('Water minister of Lorvia');
    expect(sentence.min).toBeLessThan(sentence.natural);
    expect(sentence.min).toBeCloseTo(widths('minister').min, 9);
    // A single word is its own least, as before.
    expect(widths('Confirmed').min).toBeCloseTo(widths('Confirmed').natural, 9);
    // Two words wider than 16 ems (here two record ids) may break between them, so that they do
    // not take a table's width from the columns beside them.
    const ids = widths('archive.example.org/records archive.example.org/sessions');
    expect(ids.min).toBeLessThan(ids.natural - 1);
  });
});

describe('sizesBetween', () => {
  it('goes from max down to floor in half points, both included', () => {
    expect(sizesBetween(22, 18)).toEqual([22, 21.5, 21, 20.5, 20, 19.5, 19, 18.5, 18]);
    expect(sizesBetween(18, 18)).toEqual([18]);
    expect(sizesBetween(18.5, 18)).toEqual([18.5, 18]);
  });

  it('is empty when the floor is above the max', () => {
    expect(sizesBetween(17.5, 18)).toEqual([]);
  });

  it('stays within [floor, max] when the theme sizes are not whole half points', () => {
    // BUG (src/layout/fit.ts): sizes are rounded to the nearest half point *after* stepping
    // down from max, so a max of 21.3 yields 21.5 first (above the theme's maximum) and a
    // floor of 18.2 lets 18 through (below the theme's floor). The theme schema allows any
    // size from 6 to 96, e.g. `body: 21.3`.
    for (const [max, floor] of [
      [21.3, 18],
      [21.2, 18.2],
      [22, 18.2],
    ] as const) {
      const sizes = sizesBetween(max, floor);
      expect(sizes.length, `${max}..${floor}`).toBeGreaterThan(0);
      for (const s of sizes) {
        expect(s, `${max}..${floor}`).toBeLessThanOrEqual(max);
        expect(s, `${max}..${floor}`).toBeGreaterThanOrEqual(floor);
      }
    }
  });
});

describe('fitBlock', () => {
  const paras = [{ text: words(40) }];

  it('returns the max size when the text fits at it', () => {
    const f = fitted([{ text: 'Short' }], { w: 10, h: 3 }, 22, 18)!;
    expect(f.size).toBe(22);
  });

  it('returns the largest size that fits: one half point more would not', () => {
    const w = 6;
    // A frame exactly as tall as the text needs at 20 pt.
    const h = measure(paras, 20, w).height;
    const f = fitted(paras, { w, h }, 28, 12)!;
    expect(f.size).toBeGreaterThanOrEqual(20);
    expect(f.height).toBeLessThanOrEqual(h + 1e-6);
    expect(measure(paras, f.size + 0.5, w).height).toBeGreaterThan(h);
    expect({ lines: f.lines, height: f.height }).toEqual(measure(paras, f.size, w));
  });

  it('is undefined when the text does not fit even at the floor', () => {
    expect(fitted(paras, { w: 3, h: 0.5 }, 22, 18)).toBeUndefined();
  });

  it('honours maxLines even when the height would allow more', () => {
    const text = words(14);
    const f = fitted([{ text, bold: true }], { w: 6, h: 5 }, 30, 12, 2)!;
    expect(f.lines.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2);
    expect(measure([{ text, bold: true }], f.size + 0.5, 6).lines[0]).toBeGreaterThan(2);
    expect(fitted([{ text: words(80), bold: true }], { w: 6, h: 5 }, 30, 24, 2)).toBeUndefined();
  });
});

describe('one text model: runs are measured as drawn', () => {
  it('a bold label run is measured bold, not as regular text', () => {
    const label = 'Seeks: ';
    const text = words(8);
    const regular = textWidthIn(label + text, { face: 'Arial', sizePt: 20 });
    // Room for the whole paragraph set regular, not for the label set bold.
    const w = (regular + 0.02) / (1 - theme.fit.widthReserve) + 2 * INSET;
    const para = (bold: boolean) => textBlock([{ runs: [{ text: label, bold }, { text }] }], { font: 'Arial', size: 20, lineHeight: 24, color: '000000', inset: INSET });
    expect(measureBlock(theme, para(false), w).lines).toEqual([1]);
    expect(measureBlock(theme, para(true), w).lines).toEqual([2]);
  });

  it('a small reference run takes its own width, so it fits where a full-size one would not', () => {
    const text = words(8);
    const ref = '\u00A0[1, 2, 3]';
    const at = (size: number) => textWidthIn(ref, { face: 'Arial', sizePt: size });
    const w = (textWidthIn(text, { face: 'Arial', sizePt: 20 }) + at(12) + 0.02) / (1 - theme.fit.widthReserve) + 2 * INSET;
    expect(at(20)).toBeGreaterThan(at(12) + 0.02);
    const para = (size: number) => textBlock([{ runs: [{ text }, { text: ref, size, ref: true }] }], { font: 'Arial', size: 20, lineHeight: 24, color: '000000', inset: INSET });
    expect(measureBlock(theme, para(12), w).lines).toEqual([1]);
    expect(measureBlock(theme, para(20), w).lines).toEqual([2]);
  });
});
