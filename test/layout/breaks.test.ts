import { describe, expect, it } from 'vitest';
import { SEGMENT, segmentText } from '../../src/layout/breaks.ts';
import { graphemeBounds, NEVER_JOINS } from '../../src/layout/graphemes.ts';
import { longestWordIn, textWidthIn, wrapText, type FontSpec } from '../../src/layout/measure.ts';

const arial18: FontSpec = { face: 'Arial', sizePt: 18 };
const EM18 = 18 / 72;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const clustersOf = (text: string) => [...segmenter.segment(text)].map((s) => s.segment);

/** The unbreakable pieces of `text` (content and trailing spaces together), as breaks.ts cuts it. */
function pieces(text: string, keepHangulWords = false): string[] {
  const bounds = graphemeBounds(text);
  const seg = segmentText(text, bounds, keepHangulWords);
  const out: string[] = [];
  let a = 0;
  for (let o = 0; o < seg.count * SEGMENT; o += SEGMENT) {
    out.push(text.slice(bounds[a], bounds[seg.data[o + 1]!]));
    a = seg.data[o + 1]!;
  }
  return out;
}

describe('graphemeBounds', () => {
  const asClusters = (text: string) => {
    const b = graphemeBounds(text);
    return Array.from(b.subarray(0, -1), (a, i) => text.slice(a, b[i + 1]));
  };

  it('agrees with Intl.Segmenter on text that mixes simple and joining code points', () => {
    const texts = [
      '', 'plain ASCII only', 'e\u0301 cafe\u0301 a\u0300\u0301\u0302b', '👨‍👩‍👧 x 👍🏽 🇰🇷🇯🇵🇺🇸 ❤️',
      'a\r\nb\rc\n', '한국어 ᄀ\u1161\u11a8 가\u11a8', 'क्षत्रिय हिन्दी', 'x\u200dy\u200dz', '\u0301lead', 'end😀',
      '👨‍👩‍👧👨‍👩‍👧🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}', 'ｶﾞｷﾞ', 'Ǆ ǅ ǆ', '\ud800 lone \udc00 surrogates',
    ];
    for (const t of texts) expect(asClusters(t), JSON.stringify(t)).toEqual(clustersOf(t));
  });

  it("never-joining ranges hold for every code point in them, per this Node's Intl.Segmenter", () => {
    // Each must be its own cluster beside a letter, a Hangul syllable and itself: that rules out
    // every Grapheme_Cluster_Break value that joins (Extend, ZWJ, SpacingMark, Prepend, L, V, T, RI, CR).
    const inRanges = new RegExp(`^[${NEVER_JOINS}]$`, 'u');
    const apart = (s: string, i: number) => segmenter.segment(s).containing(i)!.index === i;
    const bad: string[] = [];
    for (let cp = 0; cp <= 0xffff; cp++) {
      // The big uniform blocks (Han, Hangul syllables) are sampled; a step prime to 28 covers LV and LVT.
      if (((cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3)) && cp % 11 !== 0) continue;
      const c = String.fromCharCode(cp);
      if (!inRanges.test(c)) continue;
      const a = `a${c}a`, h = `\uac00${c}${c}\uac00`;
      if (!(apart(a, 1) && apart(a, 2) && apart(h, 1) && apart(h, 2) && apart(h, 3))) bad.push(cp.toString(16));
    }
    expect(bad).toEqual([]);
  });
});

describe('line break opportunities (UAX #14 with the renderers\' rules)', () => {
  it('breaks a URL after slashes and between hyphenated words, never inside a number', () => {
    const url = 'https://apnews.com/article/kim-jong-un-russia-putin-1694567890-abc';
    expect(pieces(url)).toEqual(
      ['https://', 'apnews.com/', 'article/', 'kim-', 'jong-', 'un-', 'russia-', 'putin-1694567890-', 'abc'],
    );
    expect(wrapText(url, arial18, 3)).toEqual(['https://apnews.com/article/', 'kim-jong-un-russia-', 'putin-1694567890-abc']);
    // Wherever the widest segment fits, every line ends at a slash or hyphen and the id stays whole.
    for (let w = longestWordIn(url, arial18); w < textWidthIn(url, arial18); w += 0.05) {
      const lines = wrapText(url, arial18, w);
      expect(lines.join('')).toBe(url);
      expect(lines.slice(0, -1).every((l) => /[/-]$/.test(l))).toBe(true);
      expect(lines.some((l) => l.includes('1694567890'))).toBe(true);
    }
  });

  it('breaks after a slash before a number unless the slash is inside the number', () => {
    // linebreak's pair table glues "/" to any digit after it, which left "article/1694567890-"
    // unbreakable and split the id when it was too wide; current UAX #14 and LibreOffice break.
    expect(pieces('https://apnews.com/article/1694567890-abc'))
      .toEqual(['https://', 'apnews.com/', 'article/', '1694567890-', 'abc']);
    expect(pieces('1/2 and 2024/25 of 3/')).toEqual(['1/2 ', 'and ', '2024/25 ', 'of ', '3/']);
    expect(pieces('www.example.org/2024/roster')).toEqual(['www.example.org/', '2024/', 'roster']);
  });

  it('keeps hyphens between digits, in designations and opening a word with what follows', () => {
    expect(pieces('range 10-20 units')).toEqual(['range ', '10-20 ', 'units']);
    expect(pieces('F-16s and Hwasong-17 missiles')).toEqual(['F-16s ', 'and ', 'Hwasong-17 ', 'missiles']);
    // Word-initial hyphen: UAX #14 LB20a, which the linebreak package predates.
    expect(pieces('x -based -5 and\n-dash')).toEqual(['x ', '-based ', '-5 ', 'and\n', '-dash']);
    expect(pieces('state-of-the-art')).toEqual(['state-', 'of-', 'the-', 'art']);
  });

  it('breaks around dashes as UAX #14 does: after an en dash, either side of an em dash', () => {
    expect(pieces('2024–2025')).toEqual(['2024–', '2025']);
    expect(pieces('before—after')).toEqual(['before', '—', 'after']);
  });

  it('glues across a no-break space, and breaks after the space between two runs', () => {
    expect(pieces('Putin\u00a0[1] said')).toEqual(['Putin\u00a0[1] ', 'said']);
    expect(pieces('Seeks: munitions')).toEqual(['Seeks: ', 'munitions']);
  });

  it('breaks Chinese between characters, keeping closing punctuation after and opening before', () => {
    expect(pieces('中华人民共和国。你好！（测试）')).toEqual(['中', '华', '人', '民', '共', '和', '国。', '你', '好！', '（测', '试）']);
    const text = '中华人民共和国。你好！（测试）「引用」，结束。';
    // From the widest unbreakable pair up: narrower, a pair is split like any over-long word.
    expect(longestWordIn(text, arial18)).toBeGreaterThan(1.5 * EM18);
    for (let w = longestWordIn(text, arial18); w < EM18 * 12; w += EM18 / 3) {
      const lines = wrapText(text, arial18, w);
      expect(lines.join('')).toBe(text);
      for (const l of lines) {
        expect(l).not.toMatch(/^[。！）」，]/u);
        expect(l).not.toMatch(/[（「]$/u);
      }
    }
  });

  it('breaks Hangul between syllables as PowerPoint does, or only between words as LibreOffice does', () => {
    expect(pieces('김정은 국무위원장은')).toEqual(['김', '정', '은 ', '국', '무', '위', '원', '장', '은']);
    expect(pieces('김정은 국무위원장은, 「조선중앙통신」에', true)).toEqual(['김정은 ', '국무위원장은, ', '「조선중앙통신」에']);
    expect(pieces('방러-북러 회담 (9월)', true)).toEqual(['방러-북러 ', '회담 ', '(9월)']);
    expect(pieces('Kim-Putin 회담', true)).toEqual(['Kim-', 'Putin ', '회담']);
  });

  it('never breaks inside a grapheme cluster', () => {
    expect(pieces('e\u0301e\u0301 😀😀 👨‍👩‍👧👨‍👩‍👧 🇰🇷🇰🇷 👍🏽👍🏽'))
      .toEqual(['e\u0301e\u0301 ', '😀', '😀 ', '👨‍👩‍👧', '👨‍👩‍👧 ', '🇰🇷', '🇰🇷 ', '👍🏽', '👍🏽']);
  });

  it('forces a break at CR and LF, and may break at NEL, LS and PS, which renderers draw as nothing', () => {
    expect(pieces('one\r\n\ntwo\rthree')).toEqual(['one\r\n', '\n', 'two\r', 'three']);
    expect(wrapText('one\r\n\ntwo\rthree', arial18, 5)).toEqual(['one', '', 'two', 'three']);
    // LibreOffice draws "aaa\u2028bbb" on one line when it fits, and breaks there when not.
    for (const t of ['\u2028', '\u2029', '\u0085']) {
      expect(pieces(`aaa${t}bbb`)).toEqual([`aaa${t}`, 'bbb']);
      expect(wrapText(`aaa${t}bbb`, arial18, 5)).toEqual([`aaa${t}bbb`]);
      expect(wrapText(`aaa${t}bbb`, arial18, textWidthIn('aaab', arial18))).toEqual(['aaa', 'bbb']);
      expect(textWidthIn(`aaa${t}bbb`, arial18)).toBeCloseTo(textWidthIn('aaabbb', arial18), 12);
    }
  });

  it('keeps opening spaces as indentation', () => {
    expect(pieces('  indented')).toEqual(['  ', 'indented']);
    expect(wrapText('  indented', arial18, 5)).toEqual(['  indented']);
  });
});
