/** yaml's syntax errors and warnings, as diagnostics a brief's author can act on. */
import { isMap, visit, type Document, type YAMLParseError } from 'yaml';
import { error, warning, type Diagnostic } from '../../diagnostics.ts';
import type { PositionAt } from './types.ts';
import { walk } from './walk.ts';

/** Syntax errors cascade; after this many the rest are noise. */
const MAX_SYNTAX_ERRORS = 20;

const SYNTAX_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'YAML indents with spaces, not tabs: replace the tabs at the start of this line with spaces',
  BAD_INDENT: 'fields at the same level must start in the same column; check the spaces at the start of this line',
  MISSING_CHAR: 'a quote or bracket opened here is never closed; close it on the same value',
  MULTILINE_IMPLICIT_KEY: 'a field name and its colon must be on one line; look for an unclosed quote or a missing ": " above',
  BLOCK_AS_IMPLICIT_KEY: 'a field name and its colon must be on one line; look for an unclosed quote or a missing ": " above',
  RESOURCE_EXHAUSTION: 'the document is nested too deeply; a brief needs only a few levels',
};
/** The hint where nothing more specific is known. */
export const DEFAULT_SYNTAX_HINT = 'check this line and the one above it: YAML problems often start a line early';

/**
 * The everyday mistakes, explained by what yaml says (its codes are too coarse: one code covers
 * several mistakes that need different advice). Each gives a plain message and a concrete fix.
 */
const EVERYDAY_MISTAKES: Array<{ test: RegExp; message: string; hint: string }> = [
  {
    test: /Nested mappings are not allowed in compact mappings/,
    message: 'this text contains ": ", which YAML reads as a second field name',
    hint: 'put the text in quotes: text: "Kim said: we will go"',
  },
  {
    test: /Unexpected scalar at node end/,
    message: 'the text goes on after its closing quote',
    hint: 'a " inside double-quoted text ends it: quote the whole text with single quotes instead (\'It is a "big" deal\'), or write \\" for each inner quote',
  },
  {
    test: /reserved character ([@`%])/,
    message: 'text cannot start with this character unquoted',
    hint: 'put the text in quotes: text: "@handle ..."',
  },
  {
    test: /block-seq-ind on same line with key/,
    message: 'a "- " right after a field name starts a list, which must begin on the next line',
    hint: 'put each list item on its own line under the field, or put the text in quotes if the dash is part of it',
  },
  {
    test: /Implicit map keys need to be followed by map values/,
    message: 'this line is neither "name: value" nor part of the text above it',
    hint: 'add ": " after the field name, or, if it continues the text above, indent it further than the field name (or quote the whole text)',
  },
];

/**
 * Diagnostics for the document's errors and warnings: at most MAX_SYNTAX_ERRORS errors, one per
 * code and offset, each at the place the reader has to fix.
 */
export function syntaxDiagnostics(doc: Document.Parsed, pos: PositionAt, file: string, noun: string, stoppedEarly: boolean): Diagnostic[] {
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
    // An unclosed [ or { is detected where the next field starts (often the next line, with a
    // word about indentation); the reader needs the opening bracket.
    const unclosed = unclosedFlowCollection(doc, e);
    if (unclosed !== undefined) {
      const [open, close, what] = unclosed.kind === 'map' ? ['{', '}', 'group'] : ['[', ']', 'list'];
      out.push(
        error('E_YAML_SYNTAX', `the ${what} opened with "${open}" is never closed (YAML ${e.code})`, {
          file,
          ...pos(unclosed.offset),
          hint: `this ${open} is never closed: end the ${what} with ${close}; if it goes on over several lines, indent them further than the field name`,
        }),
      );
      continue;
    }
    // An unclosed quote is detected at the end of the file; the reader needs the opening quote.
    const offset = e.code === 'MISSING_CHAR' && /quote/i.test(e.message) ? openingQuote(doc, e.pos[0]) ?? e.pos[0] : e.pos[0];
    const everyday = EVERYDAY_MISTAKES.find((m) => m.test.test(e.message));
    const message = everyday?.message ?? (e.code === 'RESOURCE_EXHAUSTION' ? 'the document is nested too deeply to read' : e.message);
    out.push(
      error('E_YAML_SYNTAX', `${message} (YAML ${e.code})`, { file, ...pos(offset), hint: everyday?.hint ?? SYNTAX_HINTS[e.code] ?? DEFAULT_SYNTAX_HINT }),
    );
  }
  if (more > 0) {
    const count = stoppedEarly ? `many (over ${more})` : String(more);
    out.push(error('E_YAML_SYNTAX', `${count} more syntax errors not shown`, { file, hint: 'fix the first ones; the rest often follow from them' }));
  }
  for (const w of doc.warnings) {
    out.push(warning('W_YAML', `${w.message} (YAML ${w.code})`, { file, ...pos(w.pos[0]), hint: 'plain values need no "!" tags; remove it' }));
  }
  return out;
}

/**
 * For yaml's "Flow sequence/map ... must end with a ]/}" (an unclosed bracket, reported where
 * the collection stopped): the opening bracket of that collection. The collection ends (its
 * range's value end) exactly where the error is; with several, the innermost.
 */
function unclosedFlowCollection(doc: Document.Parsed, e: YAMLParseError): { offset: number; kind: 'seq' | 'map' } | undefined {
  if (e.code !== 'MISSING_CHAR' && e.code !== 'BAD_INDENT') return undefined;
  const kind = e.message.startsWith('Flow sequence') && e.message.endsWith(' ]') ? 'seq' : e.message.startsWith('Flow map') && e.message.endsWith(' }') ? 'map' : undefined;
  if (kind === undefined) return undefined;
  let found: number | undefined;
  visit(doc, {
    Collection(_, node) {
      const range = node.range;
      if (!node.flow || range == null || range[1] !== e.pos[0] || (kind === 'map') !== isMap(node)) return;
      if (found === undefined || range[0] > found) found = range[0];
    },
  });
  return found === undefined ? undefined : { offset: found, kind };
}

function openingQuote(doc: Document.Parsed, offset: number): number | undefined {
  let found: number | undefined;
  walk(doc.contents, [], {
    string(node) {
      const [start, , end] = node.range ?? [];
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (quoted && start !== undefined && end !== undefined && start < offset && offset <= end) found = start;
    },
  });
  return found;
}
