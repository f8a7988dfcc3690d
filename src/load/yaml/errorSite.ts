/**
 * What is written where yaml reported an error, read from the source text and the parsed
 * document: the clues that tell one everyday mistake from another under the same error code.
 */
import { isMap, isPair, visit, type Document, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';

/** An error's place: [at, end) in `source`, which was parsed into `doc`. */
export interface ErrorSite {
  source: string;
  doc: Document.Parsed;
  at: number;
  end: number;
}

/** Whether the error follows "name:" and blanks on its line. */
export function afterKeyOnSameLine({ source, at }: ErrorSite): boolean {
  let i = at;
  while (i > 0 && (source[i - 1] === ' ' || source[i - 1] === '\t')) i--;
  return i < at && source[i - 1] === ':';
}

/** Whether a "- " list item starts at the error (after blanks). */
export function startsListItem({ source, at }: ErrorSite): boolean {
  const item = /[ \t]*-(?:[ \t\n]|$)/y;
  item.lastIndex = at;
  return item.test(source);
}

/** Whether plain text starts at the error: not a blank, a quote, a bracket, a comment or another indicator. */
export function startsPlainText({ source, at }: ErrorSite): boolean {
  const ch = source[at];
  if (ch === undefined || ' \t\n,[]{}#&*!|>\'"'.includes(ch)) return false;
  const next = source[at + 1];
  return !('-?:'.includes(ch) && (next === undefined || ' \t\n'.includes(next)));
}

/** Whether the error is after the closing quote of a quoted value, among what yaml read as that value's end. */
export function trailsQuotedValue({ doc, at }: ErrorSite): boolean {
  let found = false;
  visit(doc, {
    Scalar(_, node) {
      const r = node.range;
      if (!isQuoted(node) || r == null || r[1] > at || at >= r[2]) return undefined;
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

/** The opening quote of a quoted value that runs to the error without its closing quote. */
export function unclosedQuote({ source, doc, at }: ErrorSite): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Scalar(_, node) {
      const r = node.range;
      if (!isQuoted(node) || r == null || r[1] !== at) return;
      // yaml's own test: the text must end with the quote it started with, and be more than that quote.
      if (source[at - 1] !== source[r[0]] || at - r[0] === 1) found = r[0];
    },
  });
  return found;
}

/**
 * The opening bracket of the innermost `[...]` or `{...}` that ends at the error without its
 * closing bracket, if that bracket is `open`.
 */
export function unclosedBracket({ source, doc, at }: ErrorSite, open: '[' | '{'): number | undefined {
  let found: number | undefined;
  visit(doc, {
    Collection(_, node) {
      const r = node.range;
      if (!node.flow || r == null || r[1] !== at || isClosed(node, source)) return;
      // A "key: value" inside [...] is a flow map too, with no brackets of its own.
      if (source[r[0]] !== (isMap(node) ? '{' : '[')) return;
      if (found === undefined || r[0] > found) found = r[0];
    },
  });
  return found !== undefined && source[found] === open ? found : undefined;
}

/** Whether the error spans the key of a "name: value" item that has no value. */
export function isKeyWithoutValue({ doc, at, end }: ErrorSite): boolean {
  let found = false;
  visit(doc, {
    Map(_, map) {
      if (map.flow) return undefined;
      found = map.items.some((pair) => {
        const r = (pair.key as { range?: readonly number[] | null } | null)?.range;
        return pair.value === null && r?.[0] === at && r[1] === end;
      });
      return found ? visit.BREAK : undefined;
    },
  });
  return found;
}

function isQuoted(node: Scalar): boolean {
  return node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
}

/**
 * A closed collection ends just after its closing bracket; an unclosed one ends where its last
 * item does, which may itself be a closed collection's bracket.
 */
function isClosed(node: YAMLMap | YAMLSeq, source: string): boolean {
  const end = (node.range as [number, number, number])[1];
  const last: unknown = node.items[node.items.length - 1];
  const lastNode = isPair(last) ? (last.value ?? last.key) : last;
  const lastEnd = (lastNode as { range?: readonly number[] | null } | undefined)?.range?.[2];
  return source[end - 1] === (isMap(node) ? '}' : ']') && lastEnd !== end;
}
