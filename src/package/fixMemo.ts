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

interface Fixed {
  raw: string;
  text: string;
  warnings: Diagnostic[];
}

const memo = new Map<string, Fixed>();
const LIMIT = 1024;

/** True when the fixed form of part `name` depends on nothing but its name and text. */
export function memoisable(name: string): boolean {
  return name !== '[Content_Types].xml' && name !== 'docProps/core.xml' && relsSource(name) === undefined;
}

/** The fixed text and warnings last recorded for `key` (label + part name), if its raw text was `raw`. */
export function recall(key: string, raw: string): Fixed | undefined {
  const hit = memo.get(key);
  return hit?.raw === raw ? hit : undefined;
}

/** Records the fixed form of a part; `key` is its label + part name. */
export function remember(key: string, fixed: Fixed): void {
  if (memo.size >= LIMIT) memo.clear();
  memo.set(key, fixed);
}
