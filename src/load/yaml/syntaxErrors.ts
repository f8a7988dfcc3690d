/** yaml's syntax errors and warnings, as diagnostics a brief's author can act on. */
import type { Document } from 'yaml';
import { error, warning, type Diagnostic } from '../../diagnostics.ts';
import { explainSyntaxError, warningHint } from './explainSyntaxError.ts';
import type { PositionAt } from './types.ts';

/** yaml's warnings for a tag it does not know, on a value or a collection. */
const UNRESOLVED_TAG: ReadonlySet<string> = new Set(['TAG_RESOLVE_FAILED', 'BAD_COLLECTION_TYPE']);

/** Syntax errors cascade; after this many the rest are noise. */
const MAX_SYNTAX_ERRORS = 20;

/**
 * Diagnostics for the document's errors and warnings: at most MAX_SYNTAX_ERRORS errors, one per
 * code and offset, each at the place the reader has to fix.
 */
export function syntaxDiagnostics(
  doc: Document.Parsed,
  source: string,
  pos: PositionAt,
  file: string,
  noun: string,
  stoppedEarly: boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Offsets already reported, by error code (numbers, not strings: there may be a million).
  const seen = new Map<string, Set<number>>();
  let more = 0;
  for (const e of doc.errors) {
    let at = seen.get(e.code);
    if (at === undefined) seen.set(e.code, (at = new Set()));
    if (at.has(e.pos[0])) continue;
    at.add(e.pos[0]);
    // Only counted: finding where an unclosed bracket or quote opens walks the document.
    if (out.length === MAX_SYNTAX_ERRORS) {
      more += 1;
      continue;
    }
    if (e.code === 'MULTIPLE_DOCS') {
      out.push(
        error('E_MULTI_DOC', `a ${noun} is one YAML document, but a second document starts here`, {
          file,
          ...pos(e.pos[0]),
          hint: 'remove this "---" line (only the very first line of the file may be "---")',
        }),
      );
      continue;
    }
    const explained = explainSyntaxError(e, source, doc);
    out.push(error('E_YAML_SYNTAX', `${explained.message ?? e.message} (YAML ${e.code})`, { file, ...pos(explained.offset), hint: explained.hint }));
  }
  if (more > 0) {
    const count = stoppedEarly ? `many (over ${more})` : String(more);
    out.push(error('E_YAML_SYNTAX', `${count} more syntax errors not shown`, { file, hint: 'fix the first ones; the rest often follow from them' }));
  }
  for (const w of doc.warnings) {
    // yaml keeps the text of a value whose tag it cannot resolve, so `title: !foo x` would become
    // the title "x" (and `!!js/function "..."` the code as text): a value the author did not mean.
    if (UNRESOLVED_TAG.has(w.code)) out.push(error('E_YAML_TAG', `${w.message} (YAML ${w.code})`, { file, ...pos(w.pos[0]), hint: warningHint(w.code) }));
    else out.push(warning('W_YAML', `${w.message} (YAML ${w.code})`, { file, ...pos(w.pos[0]), hint: warningHint(w.code) }));
  }
  return out;
}

