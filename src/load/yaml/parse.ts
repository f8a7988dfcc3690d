/** Bytes in, plain data out: decoding, the guards against hostile files, and the document's own checks. */
import { isMap, isScalar, isSeq, LineCounter } from 'yaml';
import { error, hasErrors, type Result } from '../../diagnostics.ts';
import { decodeInput, normaliseLineBreaks } from '../sanitize.ts';
import { DEFAULT_SYNTAX_HINT } from './explainSyntaxError.ts';
import { MAX_DEPTH, parseGuarded, type GuardedParse } from './guardedParse.ts';
import { locator } from './locate.ts';
import { scanDocument } from './scan.ts';
import { parseBySections } from './sections.ts';
import { syntaxDiagnostics } from './syntaxErrors.ts';
import { toPlainData } from './toPlainData.ts';
import type { ParsedYaml, PositionAt } from './types.ts';

/** Default size limit. Checked before parsing so an oversized file fails at once. */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

/** Options for parseYaml. */
export interface ParseOptions {
  /** Size limit in bytes; default DEFAULT_MAX_BYTES. */
  maxBytes?: number;
  /** What the file is, for messages: "a brief is one YAML document". Default "file". */
  noun?: string;
  /** Hint for an empty file, e.g. how to create a new one. */
  emptyHint?: string;
}

/**
 * Parses YAML into plain data with positions. Stops (no value) at syntax errors, an empty file,
 * a top level that isn't a mapping, or an alias bomb; duplicate keys are reported but parsing
 * goes on, so schema problems show in the same run.
 */
export function parseYaml(input: string | Uint8Array, file: string, opts: ParseOptions = {}): Result<ParsedYaml> {
  const noun = opts.noun ?? 'file';
  const decoded = decodeInput(input, file, opts.maxBytes ?? DEFAULT_MAX_BYTES, opts.noun);
  if (decoded.value === undefined) return { diagnostics: decoded.diagnostics };
  const source = normaliseLineBreaks(decoded.value);
  // In a session, a clean document is parsed section by section, with the last sections kept.
  const bySections = parseBySections(source, file);
  if (bySections !== null) return { value: { value: bySections.value, file, ...bySections.locator }, diagnostics: [] };
  const lineCounter = new LineCounter();
  const pos: PositionAt = (offset) => lineCounter.linePos(offset);
  let parsed: GuardedParse;
  try {
    parsed = parseGuarded(source, lineCounter);
  } catch (e) {
    return { diagnostics: [error('E_YAML_SYNTAX', `cannot read the YAML: ${(e as Error).message}`, { file, hint: DEFAULT_SYNTAX_HINT })] };
  }
  if ('tooDeep' in parsed) {
    return {
      diagnostics: [
        error('E_TOO_DEEP', `the ${noun} nests lists and groups of fields more than ${MAX_DEPTH} levels deep`, {
          file,
          ...pos(parsed.tooDeep),
          hint: 'a brief needs only a few levels: look for a [ or { that is never closed, or for lines indented further and further',
        }),
      ],
    };
  }
  const doc = parsed.doc;

  const diagnostics = syntaxDiagnostics(doc, source, pos, file, noun, parsed.stoppedEarly);
  if (hasErrors(diagnostics)) return { diagnostics };
  const contents = doc.contents;
  // "---" alone parses to an empty scalar rather than to nothing; both mean nothing was written.
  if (contents === null || (isScalar(contents) && contents.value === null && contents.range?.[0] === contents.range?.[1])) {
    const hint = opts.emptyHint ?? 'write the fields as "name: value" lines';
    return { diagnostics: [error('E_EMPTY', `the ${noun} is empty (nothing but blank lines or comments)`, { file, line: 1, col: 1, hint })] };
  }
  if (!isMap(contents)) {
    const kind = isSeq(contents) ? 'a list' : 'a single value';
    return {
      diagnostics: [
        error('E_NOT_MAPPING', `the ${noun} must be a set of "name: value" fields, but it is ${kind}`, {
          file,
          ...pos(contents.range?.[0] ?? 0),
          hint: 'start each top-level field at the beginning of a line, e.g. "meta:", with no "- " in front',
        }),
      ],
    };
  }

  diagnostics.push(...scanDocument(doc, pos, file));
  const data = toPlainData(doc, pos, file);
  if ('failed' in data) return { diagnostics: [...diagnostics, data.failed] };
  return { value: { value: data.value, file, ...locator(doc, pos) }, diagnostics };
}
