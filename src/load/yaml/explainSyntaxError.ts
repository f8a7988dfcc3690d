/**
 * Plain words for yaml's syntax errors. An error is told apart by its code and by what is
 * written where it was reported (./errorSite.ts), never by yaml's English message, which is
 * worded for YAML experts and may change in any release.
 */
import type { Document, ErrorCode, YAMLError } from 'yaml';
import {
  afterKeyOnSameLine,
  isKeyWithoutValue,
  startsListItem,
  startsPlainText,
  trailsQuotedValue,
  unclosedBracket,
  unclosedQuote,
  type ErrorSite,
} from './errorSite.ts';

/** What this module reads of a yaml error: deliberately not its message. */
export type YamlErrorAt = Pick<YAMLError, 'code' | 'pos'>;

/** How to present one error. */
export interface Explanation {
  /** A plain message, or undefined where yaml's own is the best there is. */
  message?: string;
  hint: string;
  /** Where the reader has to look, which is not always where yaml noticed the problem. */
  offset: number;
}

/** The hint where nothing more specific is known. */
export const DEFAULT_SYNTAX_HINT = 'check this line and the one above it: YAML problems often start a line early';

const UNCLOSED_HINT = 'a quote or bracket opened here is never closed; close it on the same value';
const KEY_ON_ONE_LINE_HINT = 'a field name and its colon must be on one line; look for an unclosed quote or a missing ": " above';

/** Hints by code alone, for the errors no rule below explains better. */
const HINTS: Partial<Record<ErrorCode, string>> = {
  TAB_AS_INDENT: 'YAML indents with spaces, not tabs: replace the tabs at the start of this line with spaces',
  BAD_INDENT: 'fields at the same level must start in the same column; check the spaces at the start of this line',
  MISSING_CHAR: UNCLOSED_HINT,
  MULTILINE_IMPLICIT_KEY: KEY_ON_ONE_LINE_HINT,
  BLOCK_AS_IMPLICIT_KEY: KEY_ON_ONE_LINE_HINT,
};

/** One mistake: the codes yaml reports it under, and where to point if this site shows it. */
interface Rule {
  codes: readonly ErrorCode[];
  /** The offset to point at when the site shows this mistake, else undefined. */
  find(site: ErrorSite): number | undefined;
  /** Undefined keeps yaml's message. */
  message?: string;
  hint: string;
}

const here = (applies: (site: ErrorSite) => boolean) => (site: ErrorSite) => (applies(site) ? site.at : undefined);

/**
 * The everyday mistakes, first match wins. One code covers several mistakes that need
 * different advice, so most rules look at the site too.
 */
const RULES: readonly Rule[] = [
  {
    // Noticed where the next field starts (often the next line, as a matter of indentation).
    codes: ['MISSING_CHAR', 'BAD_INDENT'],
    find: (site) => unclosedBracket(site, '['),
    message: 'the list opened with "[" is never closed',
    hint: 'this [ is never closed: end the list with ]; if it goes on over several lines, indent them further than the field name',
  },
  {
    codes: ['MISSING_CHAR', 'BAD_INDENT'],
    find: (site) => unclosedBracket(site, '{'),
    message: 'the group opened with "{" is never closed',
    hint: 'this { is never closed: end the group with }; if it goes on over several lines, indent them further than the field name',
  },
  // Noticed at the end of the file; yaml's message is plain enough once it points at the quote.
  { codes: ['MISSING_CHAR'], find: unclosedQuote, hint: UNCLOSED_HINT },
  {
    // `text: a` then a line `more words` with no ": ".
    codes: ['MISSING_CHAR'],
    find: here(isKeyWithoutValue),
    message: 'this line is neither "name: value" nor part of the text above it',
    hint: 'add ": " after the field name, or, if it continues the text above, indent it further than the field name (or quote the whole text)',
  },
  {
    // `text: Kim said: we will go`
    codes: ['BLOCK_AS_IMPLICIT_KEY'],
    find: here((site) => afterKeyOnSameLine(site) && !startsListItem(site)),
    message: 'this text contains ": ", which YAML reads as a second field name',
    hint: 'put the text in quotes: text: "Kim said: we will go"',
  },
  {
    // `text: "It's a "big" deal"`
    codes: ['UNEXPECTED_TOKEN'],
    find: here((site) => startsPlainText(site) && trailsQuotedValue(site)),
    message: 'the text goes on after its closing quote',
    hint: 'a " inside double-quoted text ends it: quote the whole text with single quotes instead (\'It is a "big" deal\'), or write \\" for each inner quote',
  },
  {
    // `text: - a`
    codes: ['UNEXPECTED_TOKEN'],
    find: here((site) => startsListItem(site) && afterKeyOnSameLine(site)),
    message: 'a "- " right after a field name starts a list, which must begin on the next line',
    hint: 'put each list item on its own line under the field, or put the text in quotes if the dash is part of it',
  },
  {
    // `text: @handle`: YAML reserves @ and ` for future use.
    codes: ['BAD_SCALAR_START'],
    find: here(({ source, at }) => source[at] === '@' || source[at] === '`'),
    message: 'text cannot start with this character unquoted',
    hint: 'put the text in quotes: text: "@handle ..."',
  },
  {
    codes: ['RESOURCE_EXHAUSTION'],
    find: here(() => true),
    message: 'the document is nested too deeply to read',
    hint: 'the document is nested too deeply; a brief needs only a few levels',
  },
];

const TAG_HINT = 'briefs and themes use no "!" tags: remove it (or put the whole value in quotes if the "!" is part of the text)';
/** Hints for yaml's warnings, which keep yaml's message. */
const WARNING_HINTS: Partial<Record<ErrorCode, string>> = {
  TAG_RESOLVE_FAILED: TAG_HINT,
  BAD_COLLECTION_TYPE: TAG_HINT,
  BAD_ALIAS: 'a name after "&" or "*" ends at the first space, so this one ends in ":"; put a space before the ":", or quote the text if the "&" or "*" is part of it',
  BAD_DIRECTIVE: 'a line starting with "%" above the fields is an instruction to YAML; remove it, or quote the text if the "%" is part of it',
};

/** The hint for one of yaml's warnings. */
export function warningHint(code: ErrorCode): string {
  return WARNING_HINTS[code] ?? DEFAULT_SYNTAX_HINT;
}

/** Message, hint and position for one of yaml's syntax errors in `source`, parsed as `doc`. */
export function explainSyntaxError(e: YamlErrorAt, source: string, doc: Document.Parsed): Explanation {
  const site: ErrorSite = { source, doc, at: e.pos[0], end: e.pos[1] };
  for (const rule of RULES) {
    if (!rule.codes.includes(e.code)) continue;
    const offset = rule.find(site);
    if (offset !== undefined) return { message: rule.message, hint: rule.hint, offset };
  }
  return { hint: HINTS[e.code] ?? DEFAULT_SYNTAX_HINT, offset: site.at };
}
