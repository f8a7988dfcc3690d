import { describe, expect, it } from 'vitest';
import { cleanString, decodeInput, formatCodePoints } from '../../src/load/sanitize.ts';

describe('cleanString', () => {
  it('removes every code point XML 1.0 forbids and reports each once', () => {
    const forbidden = [0x00, 0x01, 0x08, 0x0b, 0x0c, 0x0e, 0x1b, 0x1f, 0xfffe, 0xffff];
    const dirty = `a${forbidden.map((cp) => String.fromCharCode(cp)).join('b')}c\u0007`;
    const { text, removed } = cleanString(dirty);
    expect(text).toBe(`a${'b'.repeat(forbidden.length - 1)}c`);
    expect(removed).toEqual([...forbidden, 0x07].filter((cp, i, all) => all.indexOf(cp) === i));
  });

  it('keeps tab, line feed, other text and proper surrogate pairs', () => {
    const ok = 'tab\there\nnext 한국어 Ünïcödé 🇰🇵 \u0080 \uFFFD';
    expect(cleanString(ok)).toEqual({ text: ok, removed: [] });
  });

  it('removes lone surrogates, high or low', () => {
    expect(cleanString('a\uD800b\uDC00c\uD83D')).toEqual({ text: 'abc', removed: [0xd800, 0xdc00, 0xd83d] });
  });

  it('normalises CRLF and lone CR to LF without reporting them', () => {
    expect(cleanString('a\r\nb\rc\n')).toEqual({ text: 'a\nb\nc\n', removed: [] });
  });

  it('names code points as U+XXXX', () => {
    expect(formatCodePoints([0x7, 0xd800, 0xffff])).toBe('U+0007, U+D800, U+FFFF');
  });
});

describe('decodeInput', () => {
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  it('decodes UTF-8, including four-byte characters, and drops a BOM', () => {
    expect(decodeInput(bytes([0xef, 0xbb, 0xbf], 'a: 🇰🇵'), 'f', 100)).toEqual({ value: 'a: 🇰🇵', diagnostics: [] });
    expect(decodeInput('\uFEFFa: b', 'f', 100).value).toBe('a: b');
  });

  it.each([
    ['an overlong encoding', [0xc0, 0x80]],
    ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80]],
    ['a sequence cut off at the end', [0xe2, 0x82]],
    ['a stray continuation byte', [0x80]],
    ['a code point beyond U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('rejects %s at its position', (_, bad) => {
    const r = decodeInput(bytes('a: 1\nbb: x', bad, '\n'), 'f.yaml', 100);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'E_ENCODING', file: 'f.yaml', line: 2, col: 6 })]);
    expect(r.diagnostics[0]?.message).toContain('offset 10');
  });

  it('counts columns in characters, like the rest of the positions', () => {
    const r = decodeInput(bytes('title: éé', [0xff]), 'f', 100);
    expect(r.diagnostics[0]).toMatchObject({ line: 1, col: 10 });
  });

  it.each([
    ['UTF-16 LE with BOM', [0xff, 0xfe, 0x61, 0x00]],
    ['UTF-16 BE with BOM', [0xfe, 0xff, 0x00, 0x61]],
    ['UTF-16 without BOM', [0x61, 0x00, 0x3a, 0x00]],
  ])('rejects %s with a hint to save as UTF-8', (_, b) => {
    const r = decodeInput(Uint8Array.from(b), 'f', 100);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'E_ENCODING', hint: expect.stringContaining('save as UTF-8') })]);
  });

  it('checks the size first, counting bytes not characters', () => {
    expect(decodeInput(new Uint8Array(101), 'f', 100).diagnostics[0]?.code).toBe('E_TOO_LARGE');
    expect(decodeInput('é'.repeat(51), 'f', 100).diagnostics[0]?.code).toBe('E_TOO_LARGE'); // 102 bytes
    expect(decodeInput('é'.repeat(50), 'f', 100).diagnostics).toEqual([]);
  });
});
