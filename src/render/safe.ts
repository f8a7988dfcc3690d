/**
 * The last guard before pptxgenjs, which escapes some values and not others: text loses any
 * character XML 1.0 forbids (the loader already warned about those in briefs), colours must
 * be hex, numbers finite, names from a fixed list. A violation here is a bug upstream, so it
 * throws rather than writing a file PowerPoint would have to repair.
 */

// XML 1.0 Char excludes these; lone surrogates cannot be encoded either.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Every character either replacement below could touch: a carriage return, a forbidden one, any
 * surrogate. One character class, which V8 scans fast; the patterns with the surrogates'
 * lookarounds are tried only on the rare text that has one (every run of every slide comes here).
 */
const MAY_CHANGE = /[\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text as it may enter the file: forbidden characters removed, line ends normalised. */
export function safeText(s: string): string {
  if (!MAY_CHANGE.test(s)) return s;
  return s.replace(/\r\n?/g, '\n').replace(FORBIDDEN, '');
}

export function hex(c: string): string {
  if (!/^[0-9A-F]{6}$/i.test(c)) throw new Error(`render: colour ${JSON.stringify(c)} is not six hex digits`);
  return c.toUpperCase();
}

export function num(n: number, what: string): number {
  if (!Number.isFinite(n)) throw new Error(`render: ${what} is ${n}`);
  return Math.round(n * 10000) / 10000;
}

const FACES = new Set(['Arial', 'Calibri']);

export function face(f: string): string {
  if (!FACES.has(f)) throw new Error(`render: font face ${JSON.stringify(f)} is not one briefdeck measures`);
  return f;
}
