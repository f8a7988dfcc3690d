/**
 * Grapheme cluster boundaries (UAX #29) from Intl.Segmenter, which V8 makes slow: 1.5-4 µs per
 * character and worse than linear in the string's length, i.e. more than all the rest of wrapping.
 * So Intl.Segmenter is asked only about the stretches where a cluster can span code points.
 */

/**
 * Code points whose Grapheme_Cluster_Break is Other, Control, LF, LV or LVT: none of them joins
 * the code point before or after it, so a string of them is one cluster per code point. These are
 * whole, well-filled blocks (Latin, Greek, Cyrillic, punctuation, symbols, CJK, kana, Hangul
 *
 * syllables) minus their combining marks; every one of them is checked
 * against Intl.Segmenter (test/layout/breaks.test.ts). CR is left out: it joins a following LF.
 */
export const NEVER_JOINS = '\\0-\\x0c\\x0e-\\u02ff\\u0370-\\u0482\\u048a-\\u052f\\u1e00-\\u1fff\\u2000-\\u200b'
  + '\\u200e-\\u20cf\\u2100-\\u2bff\\u3000-\\u3029\\u3030-\\u3098\\u309b-\\u9fff\\uac00-\\ud7a3\\uf900-\\ufaff'
  + '\\ufe10-\\ufe1f\\ufe30-\\ufe6f\\uff00-\\uff9d\\uffa0-\\uffef';
const MAY_JOIN = new RegExp(`[^${NEVER_JOINS}]+`, 'gu');
const ANY_MAY_JOIN = new RegExp(`[^${NEVER_JOINS}]`, 'u');

let segmenter: Intl.Segmenter | undefined;

/**
 * Start offsets (UTF-16) of the grapheme clusters of `text`, then `text.length`: cluster i is
 * `text.slice(b[i], b[i + 1])`.
 */
export function graphemeBounds(text: string): Uint32Array {
  if (!ANY_MAY_JOIN.test(text)) {
    const all = new Uint32Array(text.length + 1);
    for (let i = 1; i <= text.length; i++) all[i] = i;
    return all;
  }
  const out: number[] = [];
  // Outside MAY_JOIN's matches every code point is in NEVER_JOINS: one BMP unit, one cluster.
  let at = 0;
  MAY_JOIN.lastIndex = 0;
  for (let m = MAY_JOIN.exec(text); m; m = MAY_JOIN.exec(text)) {
    // The code point on either side may belong to the same cluster (a base before a mark, a
    // consonant after a virama); the ones beyond cannot, so the window is exact. Windows that
    // share a neighbour merge, since it can chain clusters (x ZWJ y ZWJ z).
    const start = m.index > at ? m.index - 1 : m.index;
    let end = m.index + m[0].length;
    while (end < text.length) {
      end += 1;
      const next = MAY_JOIN.exec(text);
      if (next?.index !== end) { MAY_JOIN.lastIndex = end; break; }
      end = next.index + next[0].length;
    }
    while (at < start) out.push(at++);
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    for (const s of segmenter.segment(text.slice(start, end))) out.push(start + s.index);
    at = end;
  }
  while (at < text.length) out.push(at++);
  out.push(text.length);
  return Uint32Array.from(out);
}
