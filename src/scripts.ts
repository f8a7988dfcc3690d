/**
 * Which language each stretch of text is in, by its script, so renderers draw it in a matching
 * font: Hangul as Korean, Han as Chinese (traditional where the brief's language says so),
 * kana as Japanese, Cyrillic as Russian, everything else in the deck's own language. A run is
 * tagged with one language, so mixed text is split where the script changes.
 */
import type { HanVariant } from './layout/fonts.ts';

type Script = 'hangul' | 'han' | 'kana' | 'cyrillic' | 'other';

const SCRIPT_RES: Array<[Exclude<Script, 'other'>, RegExp]> = [
  ['hangul', /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]/u],
  ['kana', /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/u],
  ['han', /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]/u],
  ['cyrillic', /[\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f]/u],
];

/** Any character of a script with a language of its own: text without one is all the deck's language. */
const ANY_SCRIPT = new RegExp(SCRIPT_RES.map(([, re]) => re.source).join('|'), 'u');

function scriptOf(ch: string): Script {
  for (const [script, re] of SCRIPT_RES) if (re.test(ch)) return script;
  return 'other';
}

/** Traditional Chinese for zh-TW, zh-HK, zh-MO and zh-Hant; simplified otherwise. */
export function hanVariantFor(language: string): HanVariant {
  return /^zh-(TW|HK|MO|Hant)\b/i.test(language) ? 'tc' : 'sc';
}

/** The language tag for a script in a deck whose own language is `deckLang`. */
function langFor(script: Script, deckLang: string): string {
  const primary = deckLang.split('-')[0]!.toLowerCase();
  switch (script) {
    case 'hangul':
      return primary === 'ko' ? deckLang : 'ko-KR';
    case 'kana':
      return primary === 'ja' ? deckLang : 'ja-JP';
    case 'han':
      // Han in a Korean, Japanese or Chinese deck is that language's own (hanja, kanji).
      return ['ko', 'ja', 'zh'].includes(primary) ? deckLang : hanVariantFor(deckLang) === 'tc' ? 'zh-TW' : 'zh-CN';
    case 'cyrillic':
      return primary === 'ru' || primary === 'uk' || primary === 'bg' || primary === 'sr' ? deckLang : 'ru-RU';
    case 'other':
      return deckLang;
  }
}

/**
 * `text` cut where its language changes. Characters of no script of their own (spaces,
 * punctuation, digits) stay with the stretch they sit in, so "(최선희; also" splits as
 * "(", "최선희", "; also" only at the letters.
 */
export function splitByLanguage(text: string, deckLang: string): Array<{ text: string; lang: string }> {
  // Most text is in no such script: one stretch, without a look at each character.
  if (!ANY_SCRIPT.test(text)) return text === '' ? [] : [{ text, lang: deckLang }];
  const out: Array<{ text: string; lang: string }> = [];
  let pending = '';
  for (const ch of text) {
    const script = scriptOf(ch);
    const neutral = script === 'other' && !/\p{L}/u.test(ch);
    const last = out[out.length - 1];
    if (neutral) {
      if (last) last.text += ch;
      else pending += ch;
      continue;
    }
    const lang = langFor(script, deckLang);
    if (last && last.lang === lang) last.text += ch;
    else out.push({ text: pending + ch, lang });
    pending = '';
  }
  if (pending) out.push({ text: pending, lang: deckLang });
  return out;
}
