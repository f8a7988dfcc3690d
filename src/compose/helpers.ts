/**
 * The Handlebars helpers templates may use. They are registered explicitly and compiled with
 * `knownHelpersOnly`, so a template calling anything else fails at compile time with its line.
 */
import type { HelperDelegate } from 'handlebars';
import type { Brief } from '../load/schema.ts';
import { LIKELIHOOD_RANGE } from '../estimative.ts';
import { formatLongDate } from '../dates.ts';
import { unmark, unmarkValue } from './fieldMarks.ts';



/** Handlebars passes an options hash as the last argument; helpers drop it. Field marks are removed. */
function args(list: unknown[]): unknown[] {
  return list.slice(0, -1).map(unmarkValue);
}

function root(list: unknown[]): Brief {
  const options = list[list.length - 1] as { data?: { root?: Brief } };
  return options.data?.root as Brief;
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
  likelihood_range(...list: unknown[]) {
    return LIKELIHOOD_RANGE[String(args(list)[0])] ?? '';
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
};
