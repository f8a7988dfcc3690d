/**
 * Rules over key judgments: the confidence a judgment claims must be carried by its sources,
 * and its likelihood by the source's own hedge.
 */
import { hedgeWeakerThan, HEDGES } from '../estimative.ts';
import type { Brief } from '../load/schema.ts';
import type { BriefRule, Finding } from './rule.ts';

type Judgment = NonNullable<Brief['key_judgments']>['items'][number];

function rated(brief: Brief): Array<[number, Judgment]> {
  return (brief.key_judgments?.items ?? []).map((j, i): [number, Judgment] => [i, j]).filter(([, j]) => j.confidence === 'moderate' || j.confidence === 'high');
}

export const singleSource: BriefRule = {
  stage: 'brief',
  code: 'W_CONFIDENCE_SINGLE_SOURCE',
  severity: 'warning',
  what: 'a judgment rated moderate or high confidence that rests on one source (or none)',
  hint: 'one source cannot corroborate itself: moderate confidence means credibly sourced and corroborated in part, high means good information from several independent sources; cite the others, or rate it low',
  check(brief) {
    return rated(brief).flatMap(([i, j]): Finding[] => {
      const n = new Set(j.sources).size;
      return n < 2 ? [{ path: ['key_judgments', 'items', i, 'confidence'], message: `${j.confidence} confidence rests on ${n === 0 ? 'no source' : `one source ("${j.sources[0]}")`}` }] : [];
    });
  },
};

export const analystOnly: BriefRule = {
  stage: 'brief',
  code: 'W_CONFIDENCE_ANALYST_ONLY',
  severity: 'warning',
  what: 'a judgment rated moderate or high confidence whose sources are all `analyst` sources',
  hint: "analysts' views are assessments, not evidence: a judgment that rests only on other analysts' opinions repeats them without reporting of its own; cite the reporting they rely on, or rate it low",
  check(brief) {
    const kind = new Map(brief.sources.map((s) => [s.id, s.kind]));
    return rated(brief).flatMap(([i, j]): Finding[] => {
      const ids = [...new Set(j.sources)];
      // One source is W_CONFIDENCE_SINGLE_SOURCE's finding already.
      return ids.length >= 2 && ids.every((id) => kind.get(id) === 'analyst')
        ? [{ path: ['key_judgments', 'items', i, 'confidence'], message: `${j.confidence} confidence rests only on analyst sources (${ids.join(', ')})` }]
        : [];
    });
  },
};

export const hedgeWeaker: BriefRule = {
  stage: 'brief',
  code: 'W_HEDGE_WEAKER',
  severity: 'warning',
  what: "a judgment whose source's hedge is weaker than its likelihood (`could` rated likely or above)",
  hint: "rate it no higher than the source's own words carry (\"could\", \"may\": at most roughly even chance), or leave the likelihood out; \"unclear\" carries none",
  check(brief) {
    const scale = brief.meta.likelihood_scale ?? 'icd203';
    return (brief.key_judgments?.items ?? []).flatMap((j, i): Finding[] => {
      if (j.hedge === undefined || j.likelihood === undefined || !hedgeWeakerThan(j.hedge, j.likelihood, scale)) return [];
      const carries = (HEDGES as Readonly<Record<string, number>>)[j.hedge];
      const why = carries === 0 ? `"${j.hedge}" carries no likelihood at all` : `"${j.hedge}" carries at most ${carries}%`;
      return [{ path: ['key_judgments', 'items', i, 'likelihood'], message: `rated "${j.likelihood}", but the source's hedge ${why}` }];
    });
  },
};
