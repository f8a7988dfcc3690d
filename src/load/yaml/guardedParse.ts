/** yaml's parseDocument, bounded in nesting depth and in the number of errors it collects. */
import { Composer, Lexer, LineCounter, Parser, YAMLParseError, type CST, type Document } from 'yaml';

/**
 * Collections (lists and groups of fields) nested deeper than this are refused before the
 * document is built. A brief needs fewer than 10 levels.
 */
export const MAX_DEPTH = 64;
/** Reading stops after this many errors from yaml's parser itself (a file of "]]]]..." has millions). */
const MAX_PARSER_ERRORS = 1000;

const COLLECTION_TOKENS: ReadonlySet<string> = new Set(['block-map', 'block-seq', 'flow-collection']);

/** The first document, or the offset of the collection that nests past MAX_DEPTH. */
export type GuardedParse = { doc: Document.Parsed; stoppedEarly: boolean } | { tooDeep: number };

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
export function parseGuarded(source: string, lineCounter: LineCounter): GuardedParse {
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
  // logLevel 'error': yaml would print some warnings to stderr itself (e.g. for a list used as a
  // key); every problem it finds is reported as a diagnostic instead.
  const composer = new Composer({ uniqueKeys: false, logLevel: 'error' });
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
