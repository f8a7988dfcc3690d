/**
 * Rules over the brief's lists: their length and the order of dated events.
 */
import type { Brief } from '../load/schema.ts';
import type { FieldPath } from '../load/yamlDocument.ts';
import type { BriefRule, Finding } from './rule.ts';

const MAX_ITEMS = 6;

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

export const tooManyItems: BriefRule = {
  stage: 'brief',
  code: 'W_TOO_MANY_ITEMS',
  severity: 'warning',
  what: `a list of more than ${MAX_ITEMS} items`,
  hint: 'keep the strongest items; the deck continues long lists onto further slides',
  check(brief) {
    return lists(brief)
      .filter(([, list]) => list.length > MAX_ITEMS)
      .map(([path, list]) => ({ path, message: `${list.length} items in one list; a slide reads best with at most ${MAX_ITEMS}` }));
  },
};

/**
 * Dated timeline events out of order: a date earlier than a dated event above it. Dates of
 * different precision compare on what both give ("2023" is not before "2023-09-12").
 */
export const timelineOrder: BriefRule = {
  stage: 'brief',
  code: 'W_TIMELINE_ORDER',
  severity: 'warning',
  what: 'dated timeline events out of order',
  hint: 'list events in the order they happened, or check the date',
  check(brief) {
    const out: Finding[] = [];
    let latest: string | undefined;
    brief.timeline?.events.forEach((e, i) => {
      if (!e.date) return;
      if (latest) {
        const n = Math.min(latest.length, e.date.length);
        if (e.date.slice(0, n) < latest.slice(0, n)) {
          out.push({ path: ['timeline', 'events', i, 'date'], message: `${e.date} comes after ${latest} in the timeline, but is earlier` });
          return;
        }
      }
      if (!latest || e.date > latest) latest = e.date;
    });
    return out;
  },
};
