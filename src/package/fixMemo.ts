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
import { VariantMemo } from './variantMemo.ts';
import type { Scan } from './verify.ts';
import { relsSource } from './zip.ts';

export interface Fixed {
  raw: string;
  text: string;
  warnings: Diagnostic[];
  /** What the verifier found in `text` (verify.ts), handed back to it on a hit. */
  scan?: Scan;
}

/** By key (label + part name), the fixed forms of the last few raw texts seen under it. */
const memo = new VariantMemo<string, Fixed>();

/** True when the fixed form of part `name` depends on nothing but its name and text. */
export function memoisable(name: string): boolean {
  return name !== '[Content_Types].xml' && name !== 'docProps/core.xml' && relsSource(name) === undefined;
}

/** The fixed text and warnings recorded for `key` (label + part name) and raw text `raw`, if any. */
export function recall(key: string, raw: string): Fixed | undefined {
  return memo.get(key, raw);
}

/** Records the fixed form of a part; `key` is its label + part name. */
export function remember(key: string, fixed: Fixed): void {
  memo.set(key, fixed.raw, fixed, 2 * (fixed.raw.length + fixed.text.length));
}
