/**
 * The Handlebars helpers templates may use. They are registered explicitly and compiled with
 * `knownHelpersOnly`, so a template calling anything else fails at compile time with its line.
 */
import type { HelperDelegate } from 'handlebars';
import type { Brief } from '../load/schema.ts';
import { CONFIDENCE_LEVELS, LIKELIHOOD_SCALES, likelihoodRange, SCALE_NAMES, TERM_LABELS, type ScaleName } from '../estimative.ts';
import { formatLongDate, formatPartialDate } from '../dates.ts';
import { unmark, unmarkValue } from './fieldMarks.ts';



/** Handlebars passes an options hash as the last argument; helpers drop it. Field marks are removed. */
function args(list: unknown[]): unknown[] {
  return list.slice(0, -1).map(unmarkValue);
}

function root(list: unknown[]): Brief {
  const options = list[list.length - 1] as { data?: { root?: Brief } };
  return options.data?.root as Brief;
}

/** A text that already states the assessment as ours. */
const ASSESSED = /\bwe (assess|judge|estimate)\b/i;
/** A text that already attributes what it reports. */
const ATTRIBUTED = /\b(according to|says?|said|reports?|reported|reportedly|claims?|claimed|suggests?|stated?|told|accuses?|accused)\b/i;
/**
 * Words that start a sentence or a publisher's name but are not names themselves: lower-cased
 * after "We assess that" and "reported by" ("the Kremlin", "analysts and experts").
 */
const COMMON_LEAD = new Set(['analysts', 'experts', 'commentators', 'officials', 'observers', 'diplomats', 'reporters', 'the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'they', 'their', 'both', 'each', 'either', 'neither', 'some', 'any', 'no', 'there', 'such', 'one', 'further', 'more', 'most', 'many', 'few']);

/** The text with its first word lower-cased when that word is a common one ("The" -> "the"), not a name. */
function lowerLead(marked: string): string {
  return marked.replace(/^((?:\uFDD0[0-9a-z]+\uFDD1)?)([A-Z][a-z]*)\b/, (all, mark: string, word: string) => (COMMON_LEAD.has(word.toLowerCase()) ? `${mark}${word.toLowerCase()}` : all));
}

/** "Korean Central News Agency (KCNA)" -> "KCNA": the short form a publisher gives in parentheses. */
function shortPublisher(publisher: string): string {
  return /\(([^()]+)\)\s*$/.exec(publisher)?.[1]?.trim() ?? publisher;
}

function andList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The brief's likelihood scale; ICD 203 when the data carries none. */
function scaleOf(list: unknown[]): ScaleName {
  return (unmark(String(root(list)?.meta?.likelihood_scale ?? 'icd203')) === 'phia' ? 'phia' : 'icd203');
}

export const HELPERS: Record<string, HelperDelegate> = {
  /** `{{cite sources}}` -> "[1, 3]": numbered references into the brief's source list. */
  cite(...list: unknown[]) {
    const ids = (args(list)[0] ?? []) as string[];
    const sources = root(list).sources;
    const numbers = ids.map((id) => sources.findIndex((s) => unmark(s.id) === id) + 1).filter((n) => n > 0);
    return numbers.length ? `[${[...new Set(numbers)].sort((a, b) => a - b).join(', ')}]` : '';
  },
  /** `{{source_number id}}` -> 3. */
  source_number(...list: unknown[]) {
    const id = args(list)[0] as string;
    return root(list).sources.findIndex((s) => unmark(s.id) === id) + 1;
  },
  /** `{{likelihood_range likelihood}}` -> "55–80%": the term's range on the brief's scale (meta.likelihood_scale). */
  likelihood_range(...list: unknown[]) {
    return likelihoodRange(scaleOf(list), String(args(list)[0])) ?? '';
  },
  /** `{{#each (scale_terms)}}{{term}} {{range}}{{/each}}`: the brief's likelihood scale, least likely first. */
  scale_terms(...list: unknown[]) {
    const scale = scaleOf(list);
    return Object.entries(LIKELIHOOD_SCALES[scale]).map(([term, range]) => ({ term: TERM_LABELS[scale][term] ?? term, range }));
  },
  /** `{{scale_name}}` -> "ICD 203 (US Intelligence Community)": the brief's likelihood scale by name. */
  scale_name(...list: unknown[]) {
    return SCALE_NAMES[scaleOf(list)];
  },
  /** `{{#each (confidence_levels)}}{{level}}: {{meaning}}{{/each}}`: high, moderate, low. */
  confidence_levels() {
    return Object.entries(CONFIDENCE_LEVELS).map(([level, meaning]) => ({ level, meaning }));
  },
  /**
   * `{{basis_text text basis sources}}`: a claim as its basis says it. An assessment reads
   * "We assess that ..." (unless the text already says "we assess"); reporting keeps its
   * attribution, "... (reported by KCNA)", from its sources' publishers, unless the text already
   * attributes it; a fact, or a claim with no basis, is the text as written.
   */
  basis_text(...list: unknown[]) {
    const [text, basis, ids] = list.slice(0, -1) as [unknown, unknown, unknown];
    const s = typeof text === 'string' ? text : '';
    const kind = typeof basis === 'string' ? unmark(basis) : undefined;
    const plain = unmark(s);
    if (kind === 'assessment') return ASSESSED.test(plain) ? s : `We assess that ${lowerLead(s)}`;
    if (kind === 'reporting') {
      const wanted = Array.isArray(ids) ? ids.map((x) => unmark(String(x))) : [];
      const who = [...new Set(root(list).sources.filter((src) => wanted.includes(unmark(src.id))).map((src) => lowerLead(shortPublisher(unmark(src.publisher)))))];
      if (who.length === 0 || ATTRIBUTED.test(plain) || who.some((w) => plain.toLowerCase().includes(w.toLowerCase()))) return s;
      // The attribution goes inside the sentence: "... stockpiles (reported by U.S. officials)."
      const m = /^([\s\S]*?)([.;:]?)(\uFDD2?)$/.exec(s)!;
      return `${m[1]}${m[3]} (reported by ${andList(who)})${m[2]}`;
    }
    return s;
  },
  /** `{{admiralty reliability credibility}}` -> "B2": a source's Admiralty grade, or what of it is given. */
  admiralty(...list: unknown[]) {
    const [rel, cred] = args(list);
    const r = rel === undefined || rel === '' ? undefined : String(rel);
    const c = cred === undefined || cred === '' ? undefined : String(cred);
    if (r && c) return `${r}${c}`;
    if (r) return `reliability ${r}`;
    return c ? `credibility ${c}` : '';
  },
  capitalize(...list: unknown[]) {
    const s = String(args(list)[0] ?? '');
    return s.charAt(0).toUpperCase() + s.slice(1);
  },
  upper(...list: unknown[]) {
    return String(args(list)[0] ?? '').toUpperCase();
  },
  /** `{{format_date "2023-09-12"}}` -> "12 September 2023". */
  format_date(...list: unknown[]) {
    return formatLongDate(String(args(list)[0] ?? ''));
  },
  eq(...list: unknown[]) {
    const [a, b] = args(list);
    return a === b;
  },
  /** True when any argument is a non-empty array or a non-empty string. */
  any(...list: unknown[]) {
    return args(list).some((a) => (Array.isArray(a) ? a.length > 0 : Boolean(a)));
  },
  join(...list: unknown[]) {
    const [arr, sep] = args(list);
    return Array.isArray(arr) ? arr.join(typeof sep === 'string' ? sep : ', ') : '';
  },
  add(...list: unknown[]) {
    return args(list).reduce<number>((sum, n) => sum + Number(n), 0);
  },
  len(...list: unknown[]) {
    const a = args(list)[0];
    return Array.isArray(a) ? a.length : 0;
  },
  /** `{{format_when date}}` -> "September 2023": a timeline date in the brief's language. */
  format_when(...list: unknown[]) {
    return formatPartialDate(String(args(list)[0] ?? ''), unmark(String(root(list).meta?.language ?? 'en-US')));
  },
  /** `{{and_list leader}}` -> "A", "A and B", "A, B and C": a name or a list of names as words. */
  and_list(...list: unknown[]) {
    const [v] = list.slice(0, -1);
    const items = (Array.isArray(v) ? v : v === undefined || v === null || v === '' ? [] : [v]).map(String);
    // The items keep their field marks, so the joined text still names where it came from.
    return andList(items);
  },
  /** `{{source_kind kind}}` -> "state media": a source's kind as words. */
  source_kind(...list: unknown[]) {
    return SOURCE_KIND_WORDS[String(args(list)[0])] ?? '';
  },
  /** `{{#if (has list "side")}}`: true when any object in the list has the field set. */
  has(...list: unknown[]) {
    const [arr, key] = args(list);
    return Array.isArray(arr) && arr.some((x) => x !== null && typeof x === 'object' && Boolean((x as Record<string, unknown>)[String(key)]));
  },
  /**
   * `{{#each (group members "side")}}{{name}}: {{#each items}}...{{/each}}{{/each}}`: the list in
   * groups by a field, groups in order of first appearance, items in their order within each.
   * Items without the field form one group with an empty name, last.
   */
  group(...list: unknown[]) {
    const [arr, key] = args(list);
    const groups = new Map<string, { name: unknown; items: unknown[] }>();
    for (const x of Array.isArray(arr) ? arr : []) {
      const v = (x as Record<string, unknown> | null)?.[String(key)];
      const k = typeof v === 'string' ? unmark(v).trim() : '';
      if (!groups.has(k)) groups.set(k, { name: typeof v === 'string' ? v : '', items: [] });
      groups.get(k)!.items.push(x);
    }
    const none = groups.get('');
    groups.delete('');
    return none ? [...groups.values(), none] : [...groups.values()];
  },
  /** `{{#with (find decision.options "name" decision.recommendation.option)}}`: the first object whose field equals the value. */
  find(...list: unknown[]) {
    const [arr, key, value] = args(list);
    return Array.isArray(arr) ? arr.find((x) => typeof (x as Record<string, unknown> | null)?.[String(key)] === 'string' && unmark((x as Record<string, string>)[String(key)]!).trim() === String(value).trim()) : undefined;
  },
  /** `{{#each (extras "delegation")}}`: the brief's extra slides placed after that section. */
  extras(...list: unknown[]) {
    const after = String(args(list)[0]);
    const slides = (root(list) as { extra_slides?: Array<{ after: string }> }).extra_slides ?? [];
    return slides.filter((s) => unmark(s.after) === after);
  },
};

/** Source kinds as the sources slide says them. */
const SOURCE_KIND_WORDS: Readonly<Record<string, string>> = {
  'state-media': 'state media',
  wire: 'wire service',
  official: 'official',
  'government-briefing': 'government briefing',
  imagery: 'imagery',
  analyst: 'analyst',
  press: 'press',
  other: 'other',
};
