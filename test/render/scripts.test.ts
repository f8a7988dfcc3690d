/**
 * Runs are tagged by script, so renderers pick a matching font: Hangul ko-KR, Han zh-CN (zh-TW
 * where the brief's language is traditional Chinese), kana ja-JP, Cyrillic ru-RU, the rest the
 * deck's language. Han is measured with Noto Sans SC or TC accordingly.
 */
import { describe, expect, it } from 'vitest';
import { faceMetrics } from '../../src/layout/fonts.ts';
import { hanVariantFor, splitByLanguage } from '../../src/scripts.ts';

describe('splitByLanguage', () => {
  it('cuts a run where the script changes; spaces and punctuation stay with their stretch', () => {
    expect(splitByLanguage('Choe Sun Hui (최선희; also Choe Son Hui)', 'en-US')).toEqual([
      { text: 'Choe Sun Hui (', lang: 'en-US' },
      { text: '최선희; ', lang: 'ko-KR' },
      { text: 'also Choe Son Hui)', lang: 'en-US' },
    ]);
    expect(splitByLanguage('Lin Wei (林伟) met Марек', 'en-GB').map((p) => p.lang)).toEqual(['en-GB', 'zh-CN', 'en-GB', 'ru-RU']);
  });

  it('takes traditional Chinese from the deck language, and keeps Han in a Korean or Japanese deck as that language', () => {
    expect(splitByLanguage('林偉', 'zh-TW')).toEqual([{ text: '林偉', lang: 'zh-TW' }]);
    expect(splitByLanguage('林伟', 'en-US')[0]!.lang).toBe('zh-CN');
    expect(splitByLanguage('漢字', 'ko-KR')[0]!.lang).toBe('ko-KR');
    expect(splitByLanguage('カタカナ', 'en-US')[0]!.lang).toBe('ja-JP');
    expect(hanVariantFor('zh-Hant-HK')).toBe('tc');
    expect(hanVariantFor('zh-CN')).toBe('sc');
  });

  it('returns nothing for empty text and one stretch for text of no script', () => {
    expect(splitByLanguage('', 'en-US')).toEqual([]);
    expect(splitByLanguage('[1, 3] ', 'en-US')).toEqual([{ text: '[1, 3] ', lang: 'en-US' }]);
  });
});

describe('Han measured in a Chinese font', () => {
  it('has advances for simplified and traditional forms from Noto Sans SC and TC', () => {
    for (const han of ['sc', 'tc'] as const) {
      const m = faceMetrics('Arial', false, false, han);
      // Ideographs are a full em in both; the point is that they are found, not guessed.
      expect(m.advanceEm(0x6797)).toBeCloseTo(1, 2); // 林
      expect(m.advanceEm(han === 'sc' ? 0x4f1f : 0x5049)).toBeCloseTo(1, 2); // 伟 / 偉
      expect(m.advanceEm(0xc120)).toBeGreaterThan(0.8); // 선, from Noto Sans KR
    }
  });
});
