/**
 * "Did you mean ...?" for unknown keys, enum values and source ids, plus the small amount of
 * zod-schema navigation needed to know which keys and values a field allows. Candidates come
 * from the schema itself, so a field added to the schema is suggested without touching this file.
 */
import type { z } from 'zod';
import { error, type Diagnostic } from '../diagnostics.ts';

/**
 * Optimal-string-alignment Damerau-Levenshtein distance: insertions, deletions, substitutions
 * and transpositions of neighbours each cost 1 ("delegaton" -> "delegation" is 1, "sourecs" ->
 * "sources" is 1). Transpositions matter because they are the typist's most common slip.
 * With `limit`, gives up early and returns `limit + 1` once the distance must exceed it.
 */
export function editDistance(a: string, b: string, limit = Infinity): number {
  // Three rolling rows (the transposition looks two rows back) instead of a full matrix.
  let prev2 = new Uint32Array(b.length + 1);
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (prev2[j - 2] as number) + 1);
      cur[j] = best;
      if (best < rowMin) rowMin = best;
    }
    // Every alignment crosses this row, or jumps it by a transposition from the row above at
    // cost 1 or more, so once both rows exceed the limit the result will too.
    if (rowMin > limit && prevMin > limit) return limit + 1;
    prevMin = rowMin;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length] as number;
}

/**
 * The candidate closest to `word`, or undefined when none is plausibly what was meant.
 * Comparison ignores case (`unclassified` -> `UNCLASSIFIED`). The allowed distance grows with
 * the word's length (a third of it, at least 1) so short words don't match everything.
 * `aliases` maps other accepted spellings to the candidate they stand for, e.g. the second row
 * of ICD 203 terms (`probable` -> `likely`): the alias is matched, the candidate is suggested.
 */
export function didYouMean(
  word: string,
  candidates: Iterable<string>,
  aliases: Readonly<Record<string, string>> = {},
): string | undefined {
  const w = word.trim().toLowerCase();
  if (w === '') return undefined;
  const limit = Math.max(1, Math.floor(w.length / 3));
  const allowed = [...candidates];
  // [spelling, value]: an alias only counts where the value it stands for is allowed.
  const spellings: [string, string][] = allowed.map((c) => [c, c]);
  for (const [alias, value] of Object.entries(aliases)) if (allowed.includes(value)) spellings.push([alias, value]);
  let best: string | undefined;
  let bestDist = Infinity;
  for (const [spelling, value] of spellings) {
    // The distance is at least the length difference; skipping early also keeps a pasted
    // megabyte-long value from costing a megabyte-squared comparison.
    if (Math.abs(spelling.length - w.length) > limit) continue;
    const dist = editDistance(w, spelling.toLowerCase(), limit);
    if (dist <= limit && dist < bestDist) {
      best = value;
      bestDist = dist;
    }
  }
  return best;
}

/** The parts of zod 4's internal definition this module reads. */
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  options?: z.ZodType[];
  getter?: () => z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/**
 * The wrapper layers of a schema from the outside in, ending with the core type:
 * optional/nullable/default/readonly/... -> inner, pipe/transform -> input side, lazy -> target.
 * Kept as a list so callers can ask whether a particular schema instance appears in it.
 */
export function unwrapChain(schema: z.ZodType): z.ZodType[] {
  const chain = [schema];
  for (let s: z.ZodType | undefined = schema; s !== undefined && chain.length < 64; ) {
    const def = defOf(s);
    s = def.innerType ?? (def.type === 'pipe' ? def.in : def.type === 'lazy' ? def.getter?.() : undefined);
    if (s !== undefined) chain.push(s);
  }
  return chain;
}

function core(schema: z.ZodType): z.ZodType {
  const chain = unwrapChain(schema);
  return chain[chain.length - 1] as z.ZodType;
}

/** The schema of one step into `schema`: a key of an object, the element of an array. */
export function child(schema: z.ZodType, step: string | number): z.ZodType | undefined {
  const def = defOf(core(schema));
  if (def.type === 'object' && typeof step === 'string') {
    return def.shape && Object.hasOwn(def.shape, step) ? def.shape[step] : undefined;
  }
  if (def.type === 'array' && typeof step === 'number') return def.element;
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const found = child(option, step);
      if (found) return found;
    }
  }
  return undefined;
}

/** The schema (as declared, wrappers included) at a field path, or undefined off the schema. */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let s: z.ZodType | undefined = root;
  for (const step of path) {
    if (s === undefined || typeof step === 'symbol') return undefined;
    s = child(s, step);
  }
  return s;
}

/** The keys an object at `path` allows, in schema order; undefined when the path is not an object. */
export function allowedKeys(root: z.ZodType, path: readonly PropertyKey[]): string[] | undefined {
  const s = schemaAt(root, path);
  if (s === undefined) return undefined;
  const def = defOf(core(s));
  if (def.type === 'object') return Object.keys(def.shape ?? {});
  if (def.type === 'union') {
    const keys = (def.options ?? []).flatMap((o) => Object.keys(defOf(core(o)).shape ?? {}));
    return [...new Set(keys)];
  }
  return undefined;
}

/** The `.describe()` text of the field at `path`, looking through wrappers such as optional. */
export function describeField(root: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  const s = schemaAt(root, path);
  return s && unwrapChain(s).find((layer) => layer.description)?.description;
}

/** Whether the field at `path` may be left out. */
export function isOptionalField(root: z.ZodType, path: readonly PropertyKey[]): boolean {
  const s = schemaAt(root, path);
  return s !== undefined && unwrapChain(s).some((layer) => ['optional', 'default', 'prefault'].includes(defOf(layer).type));
}

/** Template and theme names: folder and file names under templates/. */
export const NAME_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * The error for a template or theme name that does not exist: what was asked for, the closest
 * available name, and every available one.
 */
export function unknownName(code: string, kind: string, name: string, available: readonly string[], none = '(none)'): Diagnostic {
  const close = didYouMean(name, available);
  return error(code, `no ${kind} named "${name}"`, {
    hint: `${close ? `did you mean "${close}"? ` : ''}available ${kind}s: ${available.join(', ') || none}`,
  });
}
