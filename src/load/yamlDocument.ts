/**
 * Generic YAML loading with positions: text in, validated value out, and every problem as a
 * diagnostic pointing at a line and column. Briefs and themes both load through here.
 *
 * Two steps, usable separately: `parseYaml` (bytes -> cleaned plain data that remembers where
 * each field was written) and `validate` (data -> schema output, issues explained in plain
 * words). `parseYamlWithSchema` runs both.
 */
import {
  Composer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  Parser,
  visit,
  YAMLParseError,
  type CST,
  type Document,
  type Pair,
  type Scalar,
} from 'yaml';
import type { z } from 'zod';
import { error, formatPath, hasErrors, warning, type Diagnostic, type Result } from '../diagnostics.ts';
import { allowedKeys, describeField, didYouMean, isOptionalField, schemaAt } from './didYouMean.ts';
import { cleanString, decodeInput, formatCodePoints, normaliseLineBreaks } from './sanitize.ts';

/** Default size limit. Checked before parsing so an oversized file fails at once. */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;
/** yaml's guard against alias bombs ("billion laughs"): expanding more aliases than this fails. */
export const MAX_ALIAS_COUNT = 100;
/**
 * Collections (lists and groups of fields) nested deeper than this are refused before the
 * document is built. A brief needs fewer than 10 levels.
 */
export const MAX_DEPTH = 64;
/** Syntax errors cascade; after this many the rest are noise. */
const MAX_SYNTAX_ERRORS = 20;
/** Reading stops after this many errors from yaml's parser itself (a file of "]]]]..." has millions). */
const MAX_PARSER_ERRORS = 1000;
/** findText's containment fallback ignores shorter strings, which match by accident. */
const MIN_CONTAINED_TEXT = 12;

/** A field path as data: keys and list indexes, e.g. ['delegation', 'members', 2, 'role']. */
export type FieldPath = readonly (string | number)[];

/** 1-based line and column (columns count UTF-16 code units, as editors mostly do). */
export interface Position {
  line: number;
  col: number;
}

/** A loaded document: its value plus the means to point back into the file. */
export interface Loaded<T> {
  value: T;
  file: string;
  /** Position of the node at a field path, e.g. ['delegation','members',2,'role'] (falls back to the nearest existing ancestor). */
  positionOf(path: FieldPath): Position | undefined;
  /**
   * Where a string value of the document appears: exact match first; else compared with runs of
   * ASCII white space collapsed (as a slide shows text, so a "|" block with line breaks is found),
   * equal first, else the longest document string contained in `text` (min 12 chars). For layout
   * warnings that must name the brief field.
   */
  findText(text: string): { path: string; line: number; col: number } | undefined;
}

/** Parsed, not yet validated: `value` is the plain data. */
export interface ParsedYaml extends Loaded<unknown> {
  /** Position of the key (not the value) at a field path; for "unknown field" diagnostics. */
  keyPositionOf(path: FieldPath): Position | undefined;
}

/** Options for parseYaml. */
export interface ParseOptions {
  /** Size limit in bytes; default DEFAULT_MAX_BYTES. */
  maxBytes?: number;
  /** What the file is, for messages: "a brief is one YAML document". Default "file". */
  noun?: string;
  /** Hint for an empty file, e.g. how to create a new one. */
  emptyHint?: string;
}

/** Options for validate. */
export interface ValidateOptions {
  /** Other spellings of allowed values, mapped to the value to suggest (see didYouMean). */
  valueAliases?: Readonly<Record<string, string>>;
  /** A caller's own suggestion for a rejected value (e.g. a known source id); used as the hint when given. */
  suggest?(path: FieldPath, value: unknown): string | undefined;
}

/** Orders diagnostics by position; those without one go last. Stable. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.col ?? 0) - (b.col ?? 0);
}

/** Parses and validates in one go. Fails (no value) on any error; warnings ride along. */
export function parseYamlWithSchema<S extends z.ZodType>(
  input: string | Uint8Array,
  file: string,
  schema: S,
  opts: ParseOptions & ValidateOptions = {},
): Result<Loaded<z.output<S>>> {
  const parsed = parseYaml(input, file, opts);
  if (parsed.value === undefined) return { diagnostics: parsed.diagnostics };
  const checked = validate(parsed.value, schema, opts);
  const diagnostics = [...parsed.diagnostics, ...checked.diagnostics].sort(byPosition);
  if (checked.value === undefined || hasErrors(diagnostics)) return { diagnostics };
  const { file: f, positionOf, findText } = parsed.value;
  return { value: { value: checked.value as z.output<S>, file: f, positionOf, findText }, diagnostics };
}

const SYNTAX_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'YAML indents with spaces, not tabs: replace the tabs at the start of this line with spaces',
  BAD_INDENT: 'fields at the same level must start in the same column; check the spaces at the start of this line',
  MISSING_CHAR: 'a quote or bracket opened here is never closed; close it on the same value',
  MULTILINE_IMPLICIT_KEY: 'a field name and its colon must be on one line; look for an unclosed quote or a missing ": " above',
  BLOCK_AS_IMPLICIT_KEY: 'a field name and its colon must be on one line; look for an unclosed quote or a missing ": " above',
  RESOURCE_EXHAUSTION: 'the document is nested too deeply; a brief needs only a few levels',
};
const DEFAULT_SYNTAX_HINT = 'check this line and the one above it: YAML problems often start a line early';

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
 * Parses YAML into plain data with positions. Stops (no value) at syntax errors, an empty file,
 * a top level that isn't a mapping, or an alias bomb; duplicate keys are reported but parsing
 * goes on, so schema problems show in the same run.
 */
export function parseYaml(input: string | Uint8Array, file: string, opts: ParseOptions = {}): Result<ParsedYaml> {
  const noun = opts.noun ?? 'file';
  const decoded = decodeInput(input, file, opts.maxBytes ?? DEFAULT_MAX_BYTES);
  if (decoded.value === undefined) return { diagnostics: decoded.diagnostics };
  const lineCounter = new LineCounter();
  const pos = (offset: number): Position => lineCounter.linePos(offset);
  let parsed: ReturnType<typeof parseGuarded>;
  try {
    parsed = parseGuarded(normaliseLineBreaks(decoded.value), lineCounter);
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

  const diagnostics = syntaxDiagnostics(doc, pos, file, noun, parsed.stoppedEarly);
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

  const scan = scanDocument(doc, pos, file);
  diagnostics.push(...scan.diagnostics);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    diagnostics.push(toJsDiagnostic(e as Error, scan.aliases, pos, file));
    return { diagnostics };
  }
  const locate = locator(doc, pos);
  return {
    value: { value, file, positionOf: locate.value, keyPositionOf: locate.key, findText: textFinder(scan.strings, pos) },
    diagnostics,
  };
}

const COLLECTION_TOKENS: ReadonlySet<string> = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * yaml's parseDocument, except that it refuses deep nesting before anything deep is built.
 *
 * yaml builds nested collections recursively and counts on catching the stack overflow
 * (RESOURCE_EXHAUSTION), after building the whole concrete syntax tree: a 2 MiB "[[[[...]]]]"
 * costs seconds and over a gigabyte. Worse, code running at the edge of the stack can abort the
 * process: V8 compiling one of yaml's regular expressions there (`/(.*?)\r?\n/sy` in
 * resolve-flow-scalar) dies with "FATAL ERROR: RegExpCompiler Allocation failed" instead of
 * throwing, taking every other brief of the build with it.
 *
 * So the text goes through yaml's own lexer and parser one token at a time (a single linear
 * pass with no regular expressions), watching the parser's stack of open collections; past
 * MAX_DEPTH the parse stops before the composer sees the document. Using yaml's own lexer
 * means the depth is exactly what would be built: quotes, escapes, comments, block scalars and
 * plain text that merely contains "[" are read the way the composer reads them, so no text can
 * hide nesting from the check. Returns the offset of the collection that crosses the limit.
 *
 * Files made of nothing but mistakes are bounded too: reading stops after MAX_PARSER_ERRORS
 * errors from the parser (`stoppedEarly`), and yaml's errors are made without stack traces,
 * which nothing reads and which were most of the cost (2 MB of "[][][]..." took 26 s and 3 GB,
 * and aborted a process with a 2 GB heap).
 */
function parseGuarded(source: string, lineCounter: LineCounter): { doc: Document.Parsed; stoppedEarly: boolean } | { tooDeep: number } {
  const parser = new Parser(lineCounter.addNewLine);
  let tooDeep: number | undefined;
  let errors = 0;
  function* tokens(): Generator<CST.Token> {
    lineCounter.addNewLine(0);
    for (const lexeme of new Lexer().lex(source, false)) {
      for (const token of parser.next(lexeme)) {
        if (token.type === 'error' && ++errors > MAX_PARSER_ERRORS) return;
        yield token;
      }
      if (parser.stack.length > MAX_DEPTH) {
        tooDeep = crossesMaxDepth(parser.stack);
        if (tooDeep !== undefined) return;
      }
    }
    yield* parser.end();
  }
  // uniqueKeys is off because yaml checks it pairwise: a 2 MiB file of distinct keys takes
  // minutes. Duplicates are found by scanDocument with a Set instead.
  const composer = new Composer({ uniqueKeys: false });
  let doc: Document.Parsed | undefined;
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    // As parseDocument does: the first document, and an error at the start of a second.
    for (const next of composer.compose(tokens(), true, source.length)) {
      if (doc === undefined) {
        doc = next;
      } else {
        doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
        break;
      }
    }
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (tooDeep !== undefined) return { tooDeep };
  // compose(…, forceDoc = true) always yields a document, for an empty text too.
  if (doc === undefined) throw new Error('the YAML parser returned no document');
  return { doc, stoppedEarly: errors > MAX_PARSER_ERRORS };
}

/** Offset of the collection opened past MAX_DEPTH on the parser's stack, if there is one. */
function crossesMaxDepth(stack: readonly CST.Token[]): number | undefined {
  let depth = 0;
  for (const token of stack) {
    if (COLLECTION_TOKENS.has(token.type) && ++depth > MAX_DEPTH) return token.offset;
  }
  return undefined;
}

function syntaxDiagnostics(doc: Document.Parsed, pos: (o: number) => Position, file: string, noun: string, stoppedEarly: boolean): Diagnostic[] {
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

interface Visitor {
  map?(node: { items: Pair[] }, path: (string | number)[]): void;
  /** `path` is the value's path, or for a key (`isKey`) the path of its mapping. */
  string?(node: Scalar<string>, path: (string | number)[], isKey: boolean): void;
  alias?(node: { source: string; range?: [number, number, number] | null }): void;
}

/** The key as it will be in the plain data (yaml stringifies non-string keys). */
function keyName(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}

/** Visits nodes without expanding aliases, so an alias bomb costs only its own size here.
 *  A mapping's keys are visited (and may be cleaned) before the mapping itself. */
function walk(node: unknown, path: (string | number)[], v: Visitor): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string') v.string?.(pair.key as Scalar<string>, path, true);
    }
    v.map?.(node, path);
    for (const pair of node.items) walk(pair.value, [...path, keyName(pair.key)], v);
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item, [...path, i], v));
  } else if (isScalar(node) && typeof node.value === 'string') {
    v.string?.(node as Scalar<string>, path, false);
  } else if (isAlias(node)) {
    v.alias?.(node);
  }
}

interface IndexedString {
  path: string;
  offset: number;
  text: string;
}

interface Scan {
  diagnostics: Diagnostic[];
  strings: IndexedString[];
  aliases: { source: string; offset: number }[];
}

/** One pass over the document: duplicate keys, forbidden characters (cleaned in place), the text index. */
function scanDocument(doc: Document.Parsed, pos: (o: number) => Position, file: string): Scan {
  const scan: Scan = { diagnostics: [], strings: [], aliases: [] };
  walk(doc.contents, [], {
    map(node, path) {
      const first = new Map<string, number>();
      for (const pair of node.items) {
        const name = keyName(pair.key);
        const offset = (pair.key as { range?: number[] } | null)?.range?.[0] ?? 0;
        const earlier = first.get(name);
        if (earlier === undefined) first.set(name, offset);
        else
          scan.diagnostics.push(
            error('E_DUPLICATE_KEY', `the field "${name}" appears twice`, {
              file,
              path: formatPath([...path, name]),
              ...pos(offset),
              hint: `it is already set on line ${pos(earlier).line}; keep one of them`,
            }),
          );
      }
    },
    string(node, path, isKey) {
      const offset = node.range?.[0] ?? 0;
      const cleaned = cleanString(node.value);
      node.value = cleaned.text;
      // Keys are cleaned too: they end up in messages, and a stray escape code must not reach a terminal.
      const fieldPath = isKey ? [...path, cleaned.text] : path;
      if (cleaned.removed.length > 0) {
        scan.diagnostics.push(
          warning('W_FORBIDDEN_CHAR', `removed invisible control characters that PowerPoint cannot store: ${formatCodePoints(cleaned.removed)}`, {
            file,
            path: formatPath(fieldPath),
            ...pos(offset),
            hint: 'these usually come from copying text out of a PDF or terminal; check the text still reads as intended',
          }),
        );
      }
      if (!isKey) scan.strings.push({ path: formatPath(path), offset, text: cleaned.text.trim() });
    },
    alias(node) {
      scan.aliases.push({ source: node.source, offset: node.range?.[0] ?? 0 });
    },
  });
  return scan;
}

/** toJS fails on an alias bomb (E_ALIAS) or an alias with no anchor. */
function toJsDiagnostic(e: Error, aliases: Scan['aliases'], pos: (o: number) => Position, file: string): Diagnostic {
  const unresolved = /Unresolved alias[^:]*: (.*)$/.exec(e.message)?.[1];
  if (unresolved !== undefined) {
    const at = aliases.find((a) => a.source === unresolved);
    return error('E_YAML_SYNTAX', `the alias *${unresolved} refers to no anchor &${unresolved} above it`, {
      file,
      ...(at ? pos(at.offset) : {}),
      hint: `define "&${unresolved}" on a value before using "*${unresolved}", or write the value out`,
    });
  }
  if (!/alias|resource exhaustion/i.test(e.message)) {
    return error('E_YAML_SYNTAX', `cannot read the YAML: ${e.message}`, { file, hint: DEFAULT_SYNTAX_HINT });
  }
  const first = aliases[0];
  return error('E_ALIAS', `the document uses aliases (*name) so often that it would expand beyond ${MAX_ALIAS_COUNT} copies`, {
    file,
    ...(first ? pos(first.offset) : {}),
    hint: 'write the values out instead of repeating them with &anchor and *alias; a brief rarely needs aliases',
  });
}

type Offset = number | undefined;

function offsetOf(node: unknown): Offset {
  return (node as { range?: readonly number[] | null } | null)?.range?.[0];
}

/** Maps field paths back to offsets by walking the document (through aliases, one path at a time). */
function locator(doc: Document.Parsed, pos: (o: number) => Position) {
  /** The deepest node along `path`; `key` is set only when the whole path was found. */
  function find(path: FieldPath): { offset: Offset; key?: Offset } {
    let node: unknown = doc.contents;
    let offset = offsetOf(node);
    let key: Offset;
    for (const step of path) {
      if (isAlias(node)) node = node.resolve(doc);
      key = undefined;
      if (isMap(node) && typeof step === 'string') {
        const pair = pairsOf(node).get(step);
        if (pair === undefined) return { offset };
        key = offsetOf(pair.key);
        node = pair.value;
        // `name:` with nothing after it: the key is where the reader should look.
        const empty = isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
        offset = (empty ? undefined : offsetOf(node)) ?? key ?? offset;
      } else if (isSeq(node) && typeof step === 'number' && node.items[step] !== undefined) {
        node = node.items[step];
        offset = offsetOf(node) ?? offset;
      } else {
        return { offset };
      }
    }
    return { offset, key };
  }
  // Indexed on first use: a file with 100 000 unknown keys asks for 100 000 key positions.
  const index = new WeakMap<object, Map<string, Pair>>();
  function pairsOf(map: { items: Pair[] }): Map<string, Pair> {
    let pairs = index.get(map);
    if (pairs === undefined) {
      // The last of duplicate keys wins in the data, so it is the one to point at.
      pairs = new Map(map.items.map((p) => [keyName(p.key), p]));
      index.set(map, pairs);
    }
    return pairs;
  }
  const at = (o: Offset) => (o === undefined ? undefined : pos(o));
  return {
    value: (path: FieldPath) => at(find(path).offset),
    key: (path: FieldPath) => {
      const found = find(path);
      return at(found.key ?? found.offset);
    },
  };
}

/**
 * Collapses runs of ASCII white space to one space and trims, as slide markup does
 * (compose/markupTree.ts `collapse`): a no-break or ideographic space is meant as written.
 */
function collapseSpace(s: string): string {
  return s.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
}

function textFinder(strings: readonly IndexedString[], pos: (o: number) => Position): Loaded<unknown>['findText'] {
  // Slides show text with white space collapsed, so a literal block ("|") with line breaks
  // inside is found only by comparing collapsed forms. Collapsed once, on first use.
  let collapsed: string[] | undefined;
  return (text) => {
    const wanted = text.trim();
    if (wanted === '') return undefined;
    let hit = strings.find((s) => s.text === wanted);
    if (hit === undefined) {
      collapsed ??= strings.map((s) => collapseSpace(s.text));
      const want = collapseSpace(wanted);
      let i = collapsed.indexOf(want);
      if (i < 0) {
        for (let j = 0; j < collapsed.length; j++) {
          const c = collapsed[j] as string;
          if (c.length >= MIN_CONTAINED_TEXT && (i < 0 || c.length > (collapsed[i] as string).length) && want.includes(c)) i = j;
        }
      }
      hit = strings[i];
    }
    return hit && { path: hit.path, ...pos(hit.offset) };
  };
}

/**
 * Validates parsed data with a zod schema and explains every issue in plain words, at the
 * position of the field (or, for an unknown field, of its key; for a missing one, of the
 * mapping it belongs in).
 */
export function validate<S extends z.ZodType>(parsed: ParsedYaml, schema: S, opts: ValidateOptions = {}): Result<z.output<S>> {
  const result = schema.safeParse(parsed.value, { error: plainMessage });
  if (result.success) return { value: result.data as z.output<S>, diagnostics: [] };
  // zod runs every check on a value, so "15 Jan" fails both the date format and the calendar
  // refinement. The first problem of a field is the one to fix; the rest are consequences.
  const seen = new Set<string>();
  const issues = result.error.issues.filter((issue) => {
    if (issue.code === 'unrecognized_keys') return true;
    const key = JSON.stringify(issue.path.map(String));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { diagnostics: issues.flatMap((issue) => explain(issue, parsed, schema, opts)).sort(byPosition) };
}

function explain(issue: z.core.$ZodIssue, parsed: ParsedYaml, schema: z.ZodType, opts: ValidateOptions): Diagnostic[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const at = (p: FieldPath, where: Position | undefined) => ({ file: parsed.file, path: formatPath(p) || undefined, ...where });
  const desc = describeField(schema, path);

  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(schema, path) ?? [];
    return issue.keys.map((key) => {
      const p = [...path, key];
      const guess = didYouMean(key, allowed);
      const hint = guess ? `did you mean "${guess}"?` : allowed.length > 0 ? `the fields allowed here are: ${allowed.join(', ')}` : 'remove it';
      return error('E_UNKNOWN_KEY', `unknown field "${key}"`, { ...at(p, parsed.keyPositionOf(p)), hint });
    });
  }
  const found = lookup(parsed.value, path);
  if (!found.exists && isMissingField(issue, schema, path)) {
    const parent = path.slice(0, -1);
    const name = String(path[path.length - 1]);
    const under = parent.length > 0 ? `under ${formatPath(parent)}` : 'at the top level';
    const choices = issue.code === 'invalid_value' ? `; use one of: ${issue.values.map((v) => `"${String(v)}"`).join(', ')}` : '';
    return [
      error('E_MISSING_FIELD', `the required field "${name}" is missing`, {
        ...at(path, parsed.positionOf(parent)),
        hint: `add a line "${name}: ..." ${under}${choices}${desc ? `. ${name}: ${desc}` : ''}`,
      }),
    ];
  }
  let hint = desc;
  const suggestion = opts.suggest?.(path, found.value);
  if (suggestion !== undefined) {
    hint = suggestion;
  } else if (issue.code === 'invalid_value') {
    const values = issue.values.map(String);
    const guess = typeof found.value === 'string' ? didYouMean(found.value, values, opts.valueAliases) : undefined;
    hint = guess ? `did you mean "${guess}"?` : `use one of: ${values.map((v) => `"${v}"`).join(', ')}`;
  } else if (issue.code === 'invalid_type') {
    hint = typeHint(issue.expected, found.value, isOptionalField(schema, path)) ?? desc;
  } else if (issue.code === 'too_small' && issue.origin === 'string') {
    hint = isOptionalField(schema, path) ? 'write some text here, or delete the line' : 'write some text here';
  } else if (issue.code === 'invalid_format' && issue.format === 'url') {
    hint = 'write the full address, starting with https://';
  }
  return [error('E_SCHEMA', issue.message, { ...at(path, parsed.positionOf(path)), hint })];
}

/**
 * Whether an issue about an absent field means "required but missing". zod 4 reports a missing
 * field by what the field expects: invalid_type for text or a list, invalid_value for a choice
 * (enum or literal), invalid_union for a union. Any other issue at an absent field that the
 * schema requires means the same; one at an absent optional field (a rule of the parent
 * object pointing at it) keeps its own message.
 */
function isMissingField(issue: z.core.$ZodIssue, schema: z.ZodType, path: FieldPath): boolean {
  if (path.length === 0) return false;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') return true;
  return schemaAt(schema, path) !== undefined && !isOptionalField(schema, path);
}

function lookup(data: unknown, path: FieldPath): { exists: boolean; value?: unknown } {
  let cur = data;
  for (const step of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, step)) return { exists: false };
    cur = (cur as Record<string | number, unknown>)[step];
  }
  return { exists: true, value: cur };
}

function typeHint(expected: string, value: unknown, optional: boolean): string | undefined {
  if (value === null) return optional ? 'fill in a value, or delete the line' : 'fill in a value';
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return 'put the value in double quotes so it is read as text';
  }
  if (expected === 'array') return 'write a list: one item per line, each starting with "- "';
  if (expected === 'object') return 'write the fields on the lines below, indented, as "name: value"';
  return undefined;
}

/** Per-parse zod error map. Schema-level messages (e.g. "must not be empty") take precedence in zod 4. */
const plainMessage: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'this field is required';
      if (iss.input === null) return `expected ${expectedNoun(iss.expected)}, but it is empty`;
      return `expected ${expectedNoun(iss.expected)}, got ${kindOf(iss.input)}`;
    case 'too_small':
    case 'too_big':
      return sizeMessage(iss.code === 'too_small', iss.origin, Number(iss.code === 'too_small' ? iss.minimum : iss.maximum), iss);
    case 'invalid_value':
      if (iss.input === undefined) return 'this field is required';
      if (iss.input === null) return 'it is empty, but needs one of the allowed values';
      return `${show(iss.input)} is not one of the allowed values`;
    case 'invalid_format':
      return iss.format === 'url' ? `${show(iss.input)} is not a web address` : `${show(iss.input)} is not in the expected format`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(iss.divisor)}`;
    case 'invalid_union':
      return 'does not match any of the allowed forms';
    default:
      return undefined;
  }
};

function sizeMessage(small: boolean, origin: string, n: number, iss: { input?: unknown; exact?: boolean; inclusive?: boolean }): string {
  const bound = iss.exact ? 'exactly' : small ? (iss.inclusive === false ? 'more than' : 'at least') : iss.inclusive === false ? 'fewer than' : 'at most';
  if (origin === 'string') return small && n === 1 && !iss.exact ? 'must not be empty' : `must be ${bound} ${n} characters long`;
  if (origin === 'array') {
    const has = Array.isArray(iss.input) ? `, but has ${iss.input.length}` : '';
    return `needs ${bound} ${n} ${n === 1 ? 'item' : 'items'}${has}`;
  }
  return `must be ${bound.replace('fewer', 'less')} ${n}, got ${String(iss.input)}`;
}

function expectedNoun(expected: string): string {
  const nouns: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a group of "name: value" fields',
    date: 'a date',
  };
  return nouns[expected] ?? expected;
}

function kindOf(v: unknown): string {
  if (typeof v === 'string') return `text (${show(v)})`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v === 'number' ? 'a number' : 'true/false'} (${String(v)})`;
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Uint8Array) return 'binary data';
  if (v instanceof Date) return 'a date';
  if (typeof v === 'object' && v !== null) return 'a group of fields';
  return String(v);
}

/** A user value quoted for a message, shortened so a pasted paragraph doesn't flood the output. */
function show(v: unknown): string {
  if (typeof v !== 'string') return kindOf(v);
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
}
