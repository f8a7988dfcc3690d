/**
 * The render stage's last guard on text (src/render/safe.ts): forbidden characters out, line
 * ends normalised, and plain text handed back as it is (the fast path a cold build takes for
 * nearly every run). The fast path must never skip a text the full replacements would change.
 */
import { describe, expect, it } from 'vitest';
import { safeText } from '../../src/render/safe.ts';

/** The replacements themselves, without the fast path. */
const reference = (s: string) =>
  s.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');

describe('safeText', () => {
  it.each([
    ['plain text', 'Kim Jong Un met Vladimir Putin.', 'Kim Jong Un met Vladimir Putin.'],
    ['tabs and line feeds, which XML allows', 'a\tb\nc', 'a\tb\nc'],
    ['CR LF and a lone CR', 'one\r\ntwo\rthree', 'one\ntwo\nthree'],
    ['controls XML forbids', 'a\u0000b\u0008c\u000Bd\u000Ce\u001Ff', 'abcdef'],
    ['U+FFFE and U+FFFF', 'a\uFFFEb\uFFFFc', 'abc'],
    ['a lone high surrogate', 'a\uD83Db', 'ab'],
    ['a lone low surrogate', 'a\uDE00b', 'ab'],
    ['an emoji and a Han character outside the BMP, as pairs', 'ok 😀 𠀀', 'ok 😀 𠀀'],
    ['Hangul, Cyrillic and a non-breaking space', '김정은 Путин\u00a0x', '김정은 Путин\u00a0x'],
  ])('%s', (_, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('gives what the replacements give for text made of every kind of character', () => {
    // Code units from each range the replacements care about, and around their edges.
    const units = [0x0, 0x8, 0x9, 0xa, 0xb, 0xc, 0xd, 0xe, 0x1f, 0x20, 0x41, 0x7f, 0xa0, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xfffd, 0xfffe, 0xffff];
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 5000; n++) {
      const length = 1 + Math.floor(random() * 6);
      const text = String.fromCharCode(...Array.from({ length }, () => units[Math.floor(random() * units.length)]!));
      expect(safeText(text), JSON.stringify(text)).toBe(reference(text));
    }
  });
});
