/**
 * The fixed text of recent parts, so a rebuild that renders a part exactly as before (watch
 * mode: the theme, the masters and layouts, every slide the edit did not touch) skips its
 * parse, fixes and serialisation.
 *
 * Only parts whose fixed text is a function of their name and raw text are kept: not the
 * content types part (it depends on which parts exist), the relationship parts (chart
 * renumbering edits them) or the core properties (the deck date).
 */
import type { Diagnostic } from '../diagnostics.ts';
import { relsSource } from './zip.ts';

export interface Fixed {
  raw: string;
  text: string;
  warnings: Diagnostic[];
  /** What the verifier found in `text` (verify.ts), handed back to it on a hit. */
  scan?: unknown;
}

/**
 * By key (label + part name), the fixed forms of the last few raw texts seen under it: a batch
 * of briefs cycles through templates and themes, so the same part name comes back with one of a
 * few texts (the third slide of each kind of brief), not always the last one. Lookups hash the
 * raw text, which costs far less than parsing it.
 */
const memo = new Map<string, Map<string, Fixed>>();
const LIMIT = 1024;
const VARIANTS = 8;
/** Bytes the memo may hold (its texts, two bytes a character): it starts again beyond this. */
const BYTES = 24 * 1024 * 1024;
let bytes = 0;

/** True when the fixed form of part `name` depends on nothing but its name and text. */
export function memoisable(name: string): boolean {
  return name !== '[Content_Types].xml' && name !== 'docProps/core.xml' && relsSource(name) === undefined;
}

/** The fixed text and warnings recorded for `key` (label + part name) and raw text `raw`, if any. */
export function recall(key: string, raw: string): Fixed | undefined {
  return memo.get(key)?.get(raw);
}

/** Records the fixed form of a part; `key` is its label + part name. */
export function remember(key: string, fixed: Fixed): void {
  const size = 2 * (fixed.raw.length + fixed.text.length);
  if (bytes + size > BYTES) {
    memo.clear();
    bytes = 0;
  }
  bytes += size;
  let variants = memo.get(key);
  if (!variants) {
    if (memo.size >= LIMIT) memo.clear();
    memo.set(key, (variants = new Map()));
  }
  if (variants.size >= VARIANTS) variants.clear();
  variants.set(fixed.raw, fixed);
}
