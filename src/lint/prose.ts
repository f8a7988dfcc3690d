/**
 * Rules over the brief's prose: estimative language and the briefing's type.
 */
import { LIKELIHOOD_SCALES, SCALES, type ScaleName } from '../estimative.ts';
import { Generations } from '../generations.ts';
import { memoBytes } from '../memoBudget.ts';
import { LIKELIHOOD_SECOND_ROW } from '../load/schema.ts';
import type { Brief } from '../load/schema.ts';
import type { FieldPath } from '../load/yamlDocument.ts';
import { escapeTerm, prose, sentences, wordRe, type BriefRule, type Finding, type LoaderRule } from './rule.ts';

const byLength = (a: string, b: string) => b.length - a.length;

/** ICD 203's alternate row, longest first so "highly probable" wins over "probable". */
const SECOND_ROW = Object.keys(LIKELIHOOD_SECOND_ROW).sort(byLength);
const CONFIDENCE = /\b(high|moderate|low)[- ]confidence\b/i;
const RECOMMENDATION = /\b(we recommend|recommend(s|ed)?|should|we advise|we propose|must be done)\b/i;

const scaleOf = (brief: Brief): ScaleName => brief.meta.likelihood_scale ?? 'icd203';

/** Every likelihood term of every scale and row, longest first. */
const ALL_TERMS = [...new Set([...SCALES.flatMap((s) => Object.keys(LIKELIHOOD_SCALES[s])), ...SECOND_ROW])].sort(byLength);

/**
 * A term's own word pattern, made at its first use: V8 parses a pattern when it is made, and
 * these, with their Unicode classes, took 3 ms for all the terms together in a fresh process.
 */
const termPatterns = new Map<string, RegExp>();
function termPattern(term: string): RegExp {
  let re = termPatterns.get(term);
  if (!re) termPatterns.set(term, (re = wordRe(term)));
  return re;
}

/**
 * Every term of every scale and row, longest first, as one pattern: a text's terms, each read
 * whole. The word-boundary checks stand once around the alternation, not in each alternative:
 * the same matches, tried the same way, without checking the lookbehind once per term at every
 * position of the text.
 */
const TERMS_SOURCE = `(?<![\\p{L}\\p{N}])(?:${ALL_TERMS.map(escapeTerm).join('|')})(?![\\p{L}\\p{N}])`;
const TERMS_RE = new RegExp(TERMS_SOURCE, 'giu');
/** The same, for asking whether a text has any term at all. */
const ANY_TERM = new RegExp(TERMS_SOURCE, 'iu');

/**
 * The likelihood terms in `text`, in order, each read as the longest term there: "very likely"
 * is itself, not the "likely" that ICD 203 and PHIA share; "almost certain" is not "certain".
 */
export function termsIn(text: string): string[] {
  return [...text.matchAll(TERMS_RE)].map((m) => m[0].toLowerCase().replace(/\s+/g, ' '));
}

/**
 * termsIn, kept per text in a session: after a one-line edit the brief is new, but all its texts
 * but one are as before, and reading each for its terms was 1.5 ms of such a build.
 */
const keptTerms = new Generations<readonly string[]>(4096, () => memoBytes(2 * 1024 * 1024, 0));
function termsOf(text: string): readonly string[] {
  if (!keptTerms.on) return termsIn(text);
  const size = 2 * text.length + 64;
  let terms = keptTerms.get(text, size);
  if (terms === undefined) keptTerms.set(text, (terms = Object.freeze(termsIn(text))), size);
  return terms;
}

/** Terms of another scale than `scale` that `scale` lacks: "highly likely" in an ICD 203 brief. */
function isForeign(term: string, scale: ScaleName): boolean {
  return LIKELIHOOD_SCALES[scale][term] === undefined && SCALES.some((s) => s !== scale && LIKELIHOOD_SCALES[s][term] !== undefined);
}

/** A claim the brief tags `basis: reporting`: its words are the source's, hedges kept as written. */
function isReporting(brief: Brief, path: FieldPath): boolean {
  let v: unknown = brief;
  for (const k of path.slice(0, -1)) v = (v as Record<string | number, unknown> | undefined)?.[k];
  return (v as { basis?: unknown } | undefined)?.basis === 'reporting';
}

/** The text without its quoted words: "the report's own word, “probably”" mentions the word, it does not use it. */
function unquoted(text: string): string {
  return text.replace(/“[^”]*”|"[^"]*"/g, '');
}

/**
 * The brief's own estimative prose, each text with its likelihood terms: reporting and quoted
 * words are the sources', kept as they wrote them. Worked out once per brief for the two rules
 * that read it (a brief is never changed once loaded; the loader freezes what it keeps): the
 * terms' pattern, with its Unicode classes, was a cold build's costliest part of linting, run
 * twice over the same texts.
 */
const ownProseMemo = new WeakMap<Brief, ReadonlyArray<{ path: FieldPath; text: string; terms: readonly string[] }>>();
function ownProse(brief: Brief): ReadonlyArray<{ path: FieldPath; text: string; terms: readonly string[] }> {
  let found = ownProseMemo.get(brief);
  if (!found) {
    found = prose(brief)
      .filter((f) => !isReporting(brief, f.path))
      .map((f) => {
        const text = unquoted(f.text);
        return { path: f.path, text, terms: termsOf(text) };
      });
    ownProseMemo.set(brief, found);
  }
  return found;
}

export const likelihoodRow: BriefRule = {
  stage: 'brief',
  code: 'W_LIKELIHOOD_ROW',
  severity: 'warning',
  what: "an ICD 203 second-row term (\"probable\", \"remote\") in the prose of an ICD 203 brief",
  hint: 'use one row of estimative terms throughout: almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain',
  check(brief) {
    if (scaleOf(brief) !== 'icd203') return [];
    const out: Finding[] = [];
    for (const { path, terms } of ownProse(brief)) {
      // "remote chance" is PHIA's term, not the second row's "remote": W_LIKELIHOOD_SCALE says so.
      const second = terms.find((t) => LIKELIHOOD_SECOND_ROW[t] !== undefined);
      if (second) out.push({ path, message: `"${second}" is from ICD 203's second row; the brief uses the first (say "${LIKELIHOOD_SECOND_ROW[second]}")` });
    }
    return out;
  },
};

/** The loader's check (src/load/loadBrief.ts): a judgment's term must be on the brief's scale to be shown with its range. */
export const likelihoodScaleField: LoaderRule = {
  stage: 'load',
  code: 'E_LIKELIHOOD_SCALE',
  severity: 'error',
  what: "a judgment's `likelihood` from another scale than meta.likelihood_scale",
  hint: "use the brief's scale's nearest term, or set meta.likelihood_scale to the scale the term is from",
};

export const likelihoodScaleProse: BriefRule = {
  stage: 'brief',
  code: 'W_LIKELIHOOD_SCALE',
  severity: 'warning',
  what: "a likelihood term in prose from another scale than meta.likelihood_scale (scales mixed)",
  hint: 'use the terms of the brief\'s scale (meta.likelihood_scale) throughout, or change the scale: readers take each term\'s range from the legend of that one scale',
  check(brief) {
    const scale = scaleOf(brief);
    const out: Finding[] = [];
    // A judgment's own `likelihood` off the scale is the loader's E_LIKELIHOOD_SCALE.
    for (const { path, terms } of ownProse(brief)) {
      const term = terms.find((t) => isForeign(t, scale));
      if (term) out.push({ path, message: `"${term}" is not a term of the ${scale} scale this brief uses` });
    }
    return out;
  },
};

export const confidenceWithLikelihood: BriefRule = {
  stage: 'brief',
  code: 'W_CONFIDENCE_WITH_LIKELIHOOD',
  severity: 'warning',
  what: 'a confidence level and a likelihood term in the same sentence',
  hint: 'state likelihood and confidence in separate sentences: they answer different questions',
  check(brief) {
    const out: Finding[] = [];
    for (const { path, text } of prose(brief)) {
      for (const sentence of sentences(text)) {
        // Confidence first: a cheap test that most sentences fail, so the terms' own patterns are
        // compiled (some 2 ms each, in a fresh process) only for a sentence that may need them.
        if (!CONFIDENCE.test(sentence) || !ANY_TERM.test(sentence)) continue;
        const likely = ALL_TERMS.find((t) => termPattern(t).test(sentence));
        if (likely) {
          out.push({ path, message: `a sentence gives both a likelihood ("${likely}") and a confidence level` });
          break;
        }
      }
    }
    return out;
  },
};

export const recommendation: BriefRule = {
  stage: 'brief',
  code: 'W_RECOMMENDATION',
  severity: 'warning',
  what: 'a recommendation ("should", "we recommend") in an information briefing',
  hint: 'state facts and assessments, or set meta.type: decision if this briefing asks for a decision',
  check(brief) {
    if (brief.meta.type !== 'information') return [];
    const out: Finding[] = [];
    for (const { path, text } of prose(brief)) {
      const rec = RECOMMENDATION.exec(text);
      // A question ("what should we watch?") asks; it does not recommend.
      if (rec && path[0] !== 'closing') out.push({ path, message: `an information briefing carries no recommendation ("${rec[0]}")` });
    }
    return out;
  },
};
