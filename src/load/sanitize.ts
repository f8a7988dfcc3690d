/**
 * Making input safe to carry into an Office file: bytes become text only if they are UTF-8,
 * and strings lose the characters XML 1.0 cannot hold. A PowerPoint file with a stray U+0007
 * in its XML is "corrupt" to PowerPoint, so cleaning happens at the door, with a warning.
 */
import { error, type Diagnostic, type Result } from '../diagnostics.ts';

/** Code points XML 1.0 forbids, plus surrogates that have no partner (JS strings allow them). */
const FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** A cleaned string and the code points taken out of it (in order of appearance, no repeats). */
export interface Cleaned {
  text: string;
  removed: number[];
}

/**
 * Removes XML-forbidden characters and turns `\r\n` and lone `\r` into `\n`.
 * Line-break normalisation is silent (it changes nothing the reader sees); removals are returned
 * so the caller can warn about them.
 */
export function cleanString(s: string): Cleaned {
  const removed = new Set<number>();
  const text = s
    .replace(FORBIDDEN, (ch) => {
      removed.add(ch.charCodeAt(0));
      return '';
    })
    .replace(/\r\n?/g, '\n');
  return { text, removed: [...removed] };
}

/** `U+0007, U+D800`: how removed code points are named in warnings. */
export function formatCodePoints(codePoints: readonly number[]): string {
  return codePoints.map((cp) => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`).join(', ');
}

/**
 * YAML 1.2 counts a lone `\r` (old Mac line endings) as a line break, but the yaml parser and
 * its LineCounter don't: such a file would parse as one long line. Normalising first fixes that
 * without moving any line or column (in `\r\n` the `\r` is the last character of its line).
 */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

function formatSize(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** What is known of a file that is over its size limit. */
export interface Oversize {
  /** Its size in bytes; only a lower bound when `atLeast`. */
  size: number;
  atLeast?: boolean;
  /** Its first bytes (or its text), at least up to the limit, to say where the limit falls. */
  head: Uint8Array | string;
  /** What the file is, for the hint; default "brief". */
  noun?: string;
}

/** E_TOO_LARGE for a file over `maxBytes`, at the line and column where the limit falls. */
export function tooLarge(file: string, maxBytes: number, o: Oversize): Diagnostic {
  const bytes = typeof o.head === 'string' ? Buffer.from(o.head.slice(0, maxBytes + 1), 'utf8') : o.head;
  const noun = o.noun ?? 'brief';
  return error('E_TOO_LARGE', `the file is ${o.atLeast ? 'at least ' : ''}${formatSize(o.size)}; the limit is ${formatSize(maxBytes)} (reached on this line)`, {
    file,
    ...bytePosition(bytes, Math.min(maxBytes, bytes.length)),
    hint: `is this the right file? A ${noun} is plain text${noun === 'brief' ? '; keep images in separate files and refer to them by path' : ' of a few pages at most'}`,
  });
}

/**
 * Turns the input into text: size limit first (so a huge file costs nothing more), then
 * byte-order marks, then strict UTF-8. A UTF-8 BOM is accepted and dropped.
 */
export function decodeInput(input: string | Uint8Array, file: string, maxBytes: number, noun?: string): Result<string> {
  if (typeof input === 'string') {
    // Every UTF-16 code unit is at least one UTF-8 byte, so `length` is a cheap lower bound.
    if (input.length > maxBytes) return { diagnostics: [tooLarge(file, maxBytes, { size: input.length, head: input, atLeast: true, noun })] };
    const bytes = input.length * 3 > maxBytes ? Buffer.byteLength(input, 'utf8') : 0;
    if (bytes > maxBytes) return { diagnostics: [tooLarge(file, maxBytes, { size: bytes, head: input, noun })] };
    return { value: input.startsWith('\uFEFF') ? input.slice(1) : input, diagnostics: [] };
  }
  if (input.byteLength > maxBytes) return { diagnostics: [tooLarge(file, maxBytes, { size: input.byteLength, head: input, noun })] };

  const b0 = input[0];
  const b1 = input[1];
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff) || input.subarray(0, 4).includes(0)) {
    return {
      diagnostics: [
        error('E_ENCODING', 'the file is saved as UTF-16 (or UTF-32), not UTF-8', {
          file,
          line: 1,
          col: 1,
          hint: 'save as UTF-8 (in most editors: Save As, then choose the encoding "UTF-8")',
        }),
      ],
    };
  }
  const body = b0 === 0xef && b1 === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
  try {
    return { value: new TextDecoder('utf-8', { fatal: true }).decode(body), diagnostics: [] };
  } catch {
    return { diagnostics: [invalidUtf8(body, input.byteLength - body.byteLength, file)] };
  }
}

function invalidUtf8(body: Uint8Array, bomLength: number, file: string): Diagnostic {
  const at = firstInvalidUtf8(body);
  const hint =
    'save the file as UTF-8 (in most editors: Save As, then choose the encoding "UTF-8"); files saved as Windows-1252 or Latin-1 show this';
  if (at < 0) return error('E_ENCODING', 'the file is not valid UTF-8 text', { file, hint });
  const byte = (body[at] ?? 0).toString(16).toUpperCase().padStart(2, '0');
  return error('E_ENCODING', `the file is not valid UTF-8 text: byte 0x${byte} at offset ${at + bomLength} is not UTF-8`, {
    file,
    ...bytePosition(body, at),
    hint,
  });
}

/** 1-based line and column of byte offset `at` in UTF-8 `bytes`; columns count UTF-16 code units, like yaml's positions. */
function bytePosition(bytes: Uint8Array, at: number): { line: number; col: number } {
  // lastIndexOf with a negative start searches from the end, so byte 0 is its own case.
  const lineStart = at === 0 ? 0 : bytes.lastIndexOf(0x0a, at - 1) + 1;
  let line = 1;
  for (let i = 0; i < lineStart; i++) if (bytes[i] === 0x0a) line += 1;
  return { line, col: new TextDecoder('utf-8').decode(bytes.subarray(lineStart, at)).length + 1 };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    if (c < 0x80) {
      i += 1;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0 || i + n >= b.length) return i; // not a lead byte, or the sequence is cut off
    let cp = c & (0x7f >> (n + 1));
    for (let k = 1; k <= n; k++) {
      const cont = b[i + k] as number;
      if ((cont & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cont & 0x3f);
    }
    if (n === 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) return i;
    if (n === 3 && (cp < 0x10000 || cp > 0x10ffff)) return i;
    i += n + 1;
  }
  return -1;
}
