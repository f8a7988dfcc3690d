/**
 * Field paths that travel through Handlebars with the text. Handlebars output has no memory of
 * where a string came from, so before rendering, every string of the brief is wrapped in
 * invisible marks that name its field: OPEN id SEP text CLOSE. The marks are Unicode
 * noncharacters, which no brief carries (they are dropped here if one does), which XML 1.0
 * allows and which Handlebars' HTML escaping leaves alone. The markup reader then strips them
 * and keeps the field path of the first marked text in each element or attribute, so layout
 * warnings name the brief field exactly, not by searching for similar text.
 */
import type { FieldPath } from '../load/yamlDocument.ts';

const OPEN = '\uFDD0';
const SEP = '\uFDD1';
const CLOSE = '\uFDD2';
const ANY_MARK = /[\uFDD0-\uFDD2]/g;
const OPENING = /\uFDD0([0-9a-z]+)\uFDD1/g;
const FIRST = /\uFDD0([0-9a-z]+)\uFDD1/;

/** The marked copy of a brief and the field path of each mark id. */
export interface MarkedData {
  data: unknown;
  paths: readonly FieldPath[];
}

/** A deep copy of `value` whose every string is wrapped in marks naming its field path. */
export function markFields(value: unknown): MarkedData {
  const paths: FieldPath[] = [];
  const walk = (v: unknown, path: (string | number)[]): unknown => {
    // An empty string stays empty, so `{{#if field}}` still reads it as absent.
    if (typeof v === 'string') {
      if (v === '') return v;
      const id = paths.push([...path]) - 1;
      return `${OPEN}${id.toString(36)}${SEP}${v.replace(ANY_MARK, '')}${CLOSE}`;
    }
    if (Array.isArray(v)) return v.map((x, i) => walk(x, [...path, i]));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x, [...path, k]);
      return out;
    }
    return v;
  };
  return { data: walk(value, []), paths };
}

/** The text with every mark removed. */
export function unmark(s: string): string {
  return s.includes(OPEN) || s.includes(CLOSE) ? s.replace(OPENING, '').replace(ANY_MARK, '') : s;
}

/** Strings (and lists of strings) unmarked; anything else as it is. For helper arguments. */
export function unmarkValue(v: unknown): unknown {
  if (typeof v === 'string') return unmark(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.map(unmark);
  return v;
}

/** The field path of the first marked text in `s`, if any. */
export function firstField(s: string, paths: readonly FieldPath[]): FieldPath | undefined {
  const m = FIRST.exec(s);
  return m ? paths[parseInt(m[1]!, 36)] : undefined;
}
