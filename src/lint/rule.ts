/**
 * What a lint rule is. Every rule has a stable code, a severity, one line saying what it finds
 * and a hint saying what to do; the table of rules (src/lint/index.ts) is what the README's
 * rules table and the tests list. A rule returns findings: where (a brief field, else a
 * template position) and what, with a hint of its own where the general one would not say why.
 */
import { formatPath, type Diagnostic, type Severity } from '../diagnostics.ts';
import type { Brief } from '../load/schema.ts';
import type { FieldPath, Loaded } from '../load/yamlDocument.ts';

/** One finding of a rule, before it becomes a diagnostic. */
export interface Finding {
  /** The brief field the finding is about. */
  path?: FieldPath;
  /** Where to point when there is no brief field (a template line, a slide). */
  at?: Pick<Diagnostic, 'file' | 'line' | 'col'>;
  message: string;
  /** Replaces the rule's hint when this finding needs its own. */
  hint?: string;
}

/** What each rule states about itself: the README's rules table is this data. */
export interface RuleInfo {
  code: string;
  severity: Severity;
  /** What the rule finds, in one line. */
  what: string;
  hint: string;
}

/** A rule over the loaded brief. */
export interface BriefRule extends RuleInfo {
  stage: 'brief';
  check(brief: Brief): Finding[];
}

/**
 * A rule the loader applies, because the brief cannot be read right without it (a source id
 * that nothing cites, a judgment's term off the brief's scale). Listed here so that `lint`
 * reports its findings and the rules table is complete; the loader makes the diagnostics.
 */
export interface LoaderRule extends RuleInfo {
  stage: 'load';
}

/** Turns a rule's findings into diagnostics at the brief field's file:line:col. */
export function diagnosticsOf(rule: RuleInfo, findings: readonly Finding[], loaded: Pick<Loaded<Brief>, 'file' | 'positionOf'>): Diagnostic[] {
  return findings.map((f) => {
    const where = f.path ? { file: loaded.file, ...loaded.positionOf(f.path), path: formatPath(f.path) } : { file: loaded.file, ...f.at };
    return { severity: rule.severity, code: rule.code, message: f.message, ...where, hint: f.hint ?? rule.hint };
  });
}

/** A string of the brief with its field path. */
export interface TextField {
  path: FieldPath;
  text: string;
}

/** Every string in a value, with its field path. */
export function strings(value: unknown, path: FieldPath = []): TextField[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

/** Fields whose values are ids, dates, enum values or paths: not prose. */
const NOT_PROSE = new Set(['id', 'sources', 'source', 'as_of', 'date', 'url', 'likelihood', 'confidence', 'hedge', 'basis', 'portion', 'presence', 'certainty', 'kind', 'marking', 'likelihood_scale', 'language', 'type', 'template', 'theme', 'path', 'layout', 'after', 'reliability', 'credibility']);

/**
 * The brief's prose: every string a reader sees as sentences. Source entries describe the
 * sources, not the brief's findings; quotations are officials' words, reported as said, so no
 * rule rewrites them.
 */
export function prose(brief: Brief): TextField[] {
  return strings(brief).filter(({ path }) => !NOT_PROSE.has(String(path[path.length - 1])) && path[0] !== 'sources' && !isQuote(path));
}

/** A quotation's words: in `quotes` or in an extra slide's `quotes`. */
export function isQuote(path: FieldPath): boolean {
  return path[0] === 'quotes' || (path[0] === 'extra_slides' && path[2] === 'quotes');
}

/** `term` as a whole word (or words, any white space between them), any case. */
export function wordRe(term: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeTerm(term)}(?![\\p{L}\\p{N}])`, 'iu');
}

/** A term as a pattern: its characters literal, each space any run of white space. */
export function escapeTerm(term: string): string {
  return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/);
}
