/**
 * Briefing-convention checks that a schema cannot express. Each finding is a warning at the
 * field's position (errors are for what cannot be built; these can, but read worse):
 * - likelihood terms from the second ICD 203 row ("probable", "remote" ...) mixed into text,
 *   when the brief's judgments use the first row;
 * - a confidence level and a likelihood term in the same sentence;
 * - a recommendation in an information briefing;
 * - more than six items in one list;
 * - dated timeline events out of order.
 */
import { formatPath, warning, type Diagnostic } from '../diagnostics.ts';
import type { Brief } from '../load/schema.ts';
import type { FieldPath, Loaded } from '../load/yamlDocument.ts';
import { LIKELIHOOD, LIKELIHOOD_SECOND_ROW } from '../load/schema.ts';
import { lintMapDistances } from './map.ts';

/** ICD 203's alternate row, longest first so "highly probable" wins over "probable". */
const SECOND_ROW = Object.keys(LIKELIHOOD_SECOND_ROW).sort((a, b) => b.length - a.length);
const CONFIDENCE = /\b(high|moderate|low)[- ]confidence\b/i;
const RECOMMENDATION = /\b(we recommend|recommend(s|ed)?|should|we advise|we propose|must be done)\b/i;
const MAX_ITEMS = 6;

interface TextField {
  path: FieldPath;
  text: string;
}

/** Every string in the brief with its field path. */
function strings(value: unknown, path: FieldPath = []): TextField[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, [...path, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, [...path, k]));
  return [];
}

function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/);
}

function wordRe(term: string): RegExp {
  return new RegExp(`\\b${term.replace(/ /g, '\\s+')}\\b`, 'i');
}

const LIKELY_TERMS = [...LIKELIHOOD, ...SECOND_ROW].sort((a, b) => b.length - a.length).map((t) => ({ t, re: wordRe(t) }));

/** Runs every rule; warnings carry the brief's file and the field's line:col. */
export function lintBrief(loaded: Loaded<Brief>): Diagnostic[] {
  const brief = loaded.value;
  const out: Diagnostic[] = [];
  const at = (path: FieldPath) => ({ file: loaded.file, ...loaded.positionOf(path), path: formatPath(path) });
  // Ids, dates, names of sources and enum values are not prose.
  const prose = strings(brief).filter(({ path }) => {
    const last = String(path[path.length - 1]);
    return !['id', 'sources', 'as_of', 'date', 'url', 'likelihood', 'confidence', 'presence', 'certainty', 'kind', 'marking', 'language', 'type', 'template', 'theme', 'path'].includes(last) && path[0] !== 'sources';
  });

  // Quotations are officials' words, reported as said: no rule rewrites them.
  for (const { path, text } of prose.filter((f) => !isQuote(f.path))) {
    const second = SECOND_ROW.find((term) => wordRe(term).test(text));
    if (second) {
      out.push(
        warning('W_LIKELIHOOD_ROW', `"${second}" is from ICD 203's second row; briefdeck uses the first`, {
          ...at(path),
          hint: 'use one row of estimative terms throughout: almost no chance, very unlikely, unlikely, roughly even chance, likely, very likely, almost certain',
        }),
      );
    }
    for (const sentence of sentences(text)) {
      const likely = LIKELY_TERMS.find(({ re }) => re.test(sentence));
      if (likely && CONFIDENCE.test(sentence)) {
        out.push(
          warning('W_CONFIDENCE_WITH_LIKELIHOOD', `a sentence gives both a likelihood ("${likely.t}") and a confidence level`, {
            ...at(path),
            hint: 'state likelihood and confidence in separate sentences: they answer different questions',
          }),
        );
        break;
      }
    }
    if (brief.meta.type === 'information') {
      const rec = RECOMMENDATION.exec(text);
      // A question ("what should we watch?") asks; it does not recommend.
      if (rec && path[0] !== 'closing') {
        out.push(
          warning('W_RECOMMENDATION', `an information briefing carries no recommendation ("${rec[0]}")`, {
            ...at(path),
            hint: 'state facts and assessments, or set meta.type: decision if this briefing asks for a decision',
          }),
        );
      }
    }
  }

  out.push(...timelineOrder(brief, at));
  out.push(...lintMapDistances(loaded));

  for (const [path, list] of lists(brief)) {
    if (list.length > MAX_ITEMS) {
      out.push(
        warning('W_TOO_MANY_ITEMS', `${list.length} items in one list; a slide reads best with at most ${MAX_ITEMS}`, {
          ...at(path),
          hint: 'keep the strongest items; the deck continues long lists onto further slides',
        }),
      );
    }
  }
  return out;
}

/**
 * Dated timeline events out of order: a date earlier than a dated event above it. Dates of
 * different precision compare on what both give ("2023" is not before "2023-09-12").
 */
function timelineOrder(brief: Brief, at: (path: FieldPath) => Partial<Diagnostic>): Diagnostic[] {
  const out: Diagnostic[] = [];
  let latest: { date: string; index: number } | undefined;
  brief.timeline?.events.forEach((e, i) => {
    if (!e.date) return;
    if (latest) {
      const n = Math.min(latest.date.length, e.date.length);
      if (e.date.slice(0, n) < latest.date.slice(0, n)) {
        out.push(
          warning('W_TIMELINE_ORDER', `${e.date} comes after ${latest.date} in the timeline, but is earlier`, {
            ...at(['timeline', 'events', i, 'date']),
            hint: 'list events in the order they happened, or check the date',
          }),
        );
        return;
      }
    }
    if (!latest || e.date > latest.date) latest = { date: e.date, index: i };
  });
  return out;
}

/** Quotations are officials' words, not the brief's prose. */
function isQuote(path: FieldPath): boolean {
  return path[0] === 'quotes';
}

function lists(brief: Brief): Array<[FieldPath, unknown[]]> {
  const out: Array<[FieldPath, unknown[]]> = [
    [['bluf', 'points'], brief.bluf.points],
    [['context', 'history'], brief.context?.history ?? []],
    [['context', 'recent'], brief.context?.recent ?? []],
    [['outlook', 'indicators'], brief.outlook?.indicators ?? []],
    [['outlook', 'gaps'], brief.outlook?.gaps ?? []],
    [['trade_offs', 'risks'], brief.trade_offs?.risks ?? []],
    [['key_judgments', 'items'], brief.key_judgments?.items ?? []],
  ];
  brief.trade_offs?.parties.forEach((p, i) => {
    out.push([['trade_offs', 'parties', i, 'may_seek'], p.may_seek], [['trade_offs', 'parties', i, 'may_offer'], p.may_offer]);
  });
  return out;
}
