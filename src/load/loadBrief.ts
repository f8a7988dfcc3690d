/**
 * The load stage for briefs: read the file, parse and validate it against the brief schema,
 * then check what the schema alone cannot: that citations and sources match up.
 */
import type { z } from 'zod';
import { deepFreeze } from '../deepFreeze.ts';
import { error, formatPath, hasErrors, warning, type Diagnostic, type Result } from '../diagnostics.ts';
import { child, didYouMean, schemaAt, unwrapChain } from './didYouMean.ts';
import { LastParsed } from './lastParsed.ts';
import { MAX_INPUT_BYTES, readInput } from './readInput.ts';
import { Brief, SourceId, LIKELIHOOD_SECOND_ROW } from './schema.ts';
import { LIKELIHOOD_SCALES, nearestTerm, SCALE_NAMES, SCALES, type ScaleName } from '../estimative.ts';
import { byPosition, parseYaml, validate, type FieldPath, type Loaded, type ParsedYaml } from './yamlDocument.ts';

/** A brief larger than this is refused before it is parsed. */
export const BRIEF_MAX_BYTES = MAX_INPUT_BYTES;

/** Parses a brief from memory (no I/O). `file` is only used to label diagnostics. */
export function parseBrief(input: string | Uint8Array, file: string): Result<Loaded<Brief>> {
  const parsed = parseYaml(input, file, {
    maxBytes: BRIEF_MAX_BYTES,
    noun: 'brief',
    emptyHint: 'write the brief\'s fields, or start from a template: npx briefdeck new <name>',
  });
  if (parsed.value === undefined) return { diagnostics: parsed.diagnostics };
  const ids = (definedSources(parsed.value.value) ?? []).map((s) => s.id);
  const checked = validate(parsed.value, Brief, {
    valueAliases: LIKELIHOOD_SECOND_ROW,
    // A malformed citation ("KCNA") gets the format error; point it at the id that was meant.
    suggest: (path, value) => {
      const guess = typeof value === 'string' && isCitation(path) ? didYouMean(value, ids) : undefined;
      return guess && `did you mean "${guess}"?`;
    },
  });
  // Semantic checks run on the raw data even when the schema failed, so one run reports everything.
  const diagnostics = [...parsed.diagnostics, ...checked.diagnostics, ...checkSources(parsed.value), ...checkDelegation(parsed.value), ...checkDecision(parsed.value), ...checkSides(parsed.value), ...checkScale(parsed.value)];
  diagnostics.sort(byPosition);
  if (checked.value === undefined || hasErrors(diagnostics)) return { diagnostics };
  const { file: f, positionOf } = parsed.value;
  return { value: { value: checked.value, file: f, positionOf }, diagnostics };
}

/** Reads and parses a brief. Diagnostics name `file` exactly as given. */
export async function loadBrief(file: string): Promise<Result<Loaded<Brief>>> {
  const bytes = readInput(file, { file, noun: 'brief', maxBytes: BRIEF_MAX_BYTES });
  if (bytes.value === undefined) return { diagnostics: bytes.diagnostics };
  const read = bytes.value;
  return parsedBriefs.read(file, read, () => parseBrief(read, file), (result) => {
    deepFreeze(result.diagnostics);
    if (result.value) deepFreeze(result.value.value);
  });
}

/**
 * The last brief read from each of a few files, with what parseBrief made of it: a rebuild after
 * a change of template or theme reads the brief as it was (parsing and validating it again took
 * 6-12 ms of a warm build). parseBrief is a function of the bytes and the file name alone; the
 * brief and its diagnostics are frozen, deeply (see deepFreeze.ts).
 */
const parsedBriefs = new LastParsed<Result<Loaded<Brief>>>(8);

/**
 * A citation is a field whose schema is the shared `SourceId` instance (possibly wrapped, as in
 * `SourceId.optional()`). Definitions (`sources[].id`) use a described copy, so they aren't.
 */
function isCitation(path: FieldPath): boolean {
  const schema = schemaAt(Brief, path);
  return schema !== undefined && cites(schema);
}

const citing = new WeakMap<z.ZodType, boolean>();
function cites(schema: z.ZodType): boolean {
  let yes = citing.get(schema);
  if (yes === undefined) citing.set(schema, (yes = unwrapChain(schema).includes(SourceId)));
  return yes;
}

interface Found {
  path: FieldPath;
  id: string;
  /** Not where a citation belongs (already a schema error): counts as use, isn't checked. */
  malformed?: boolean;
}

/**
 * Every string in the data at a place the schema types as a citation (see isCitation).
 * Driven by the schema, so a section added later is checked without touching this file; the
 * schema is followed down with the data, one step at a time.
 */
function citations(data: unknown): Found[] {
  const out: Found[] = [];
  const visit = (value: unknown, path: (string | number)[], schema: z.ZodType | undefined) => {
    if (schema === undefined) return;
    if (typeof value === 'string') {
      if (cites(schema)) out.push({ path, id: value });
      // `sources: kcna` instead of `[kcna]` is a schema error, but the source is still meant as used.
      else {
        const item = child(schema, 0);
        if (item !== undefined && cites(item)) out.push({ path, id: value, malformed: true });
      }
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) visit(value[i], [...path, i], child(schema, i));
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) visit((value as Record<string, unknown>)[key], [...path, key], child(schema, key));
    }
  };
  visit(data, [], Brief);
  return out;
}

function definedSources(data: unknown): Found[] | undefined {
  const list = (data as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(list)) return undefined;
  return list.flatMap((s: unknown, i) => {
    const id = (s as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [{ path: ['sources', i, 'id'], id }] : [];
  });
}

/** Unknown and duplicate source ids (errors), sources nothing cites (warnings). */
function checkSources(parsed: ParsedYaml): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (path: FieldPath) => ({ file: parsed.file, path: formatPath(path), ...parsed.positionOf(path) });
  const defined = definedSources(parsed.value);
  // Without a `sources` list there is a schema error already; every citation being "unknown" is noise.
  if (defined === undefined) return [];
  const first = new Map<string, FieldPath>();
  for (const def of defined) {
    const earlier = first.get(def.id);
    if (earlier === undefined) first.set(def.id, def.path);
    else
      out.push(
        error('E_DUPLICATE_SOURCE', `two sources have the id "${def.id}"`, {
          ...at(def.path),
          hint: `the other is on line ${parsed.positionOf(earlier)?.line ?? '?'}; give each source its own id`,
        }),
      );
  }
  const cited = new Set<string>();
  for (const cite of citations(parsed.value)) {
    cited.add(cite.id);
    if (cite.malformed || first.has(cite.id)) continue;
    const guess = didYouMean(cite.id, first.keys());
    if (!SourceId.safeParse(cite.id).success) {
      // "KCNA" already has an E_SCHEMA error (suggesting "kcna"); a second error would repeat it,
      // and calling "kcna" unused would be noise.
      if (guess) cited.add(guess);
      continue;
    }
    const known = [...first.keys()];
    const hint = guess
      ? `did you mean "${guess}"?`
      : known.length > 0
        ? `add a source with id "${cite.id}" to sources, or cite one of: ${known.slice(0, 10).join(', ')}${known.length > 10 ? ', ...' : ''}`
        : `add a source with id "${cite.id}" to sources`;
    out.push(error('E_UNKNOWN_SOURCE', `cites the source "${cite.id}", but no source has that id`, { ...at(cite.path), hint }));
  }
  for (const [id, path] of first) {
    if (!cited.has(id)) {
      out.push(
        warning('W_UNUSED_SOURCE', `the source "${id}" is not cited anywhere`, {
          ...at(path),
          hint: 'cite it in the sources of the claim it supports, or remove it',
        }),
      );
    }
  }
  return out;
}

/** The same person listed twice in the delegation (a warning: it may be deliberate, but rarely is). */
function checkDelegation(parsed: ParsedYaml): Diagnostic[] {
  const members = (parsed.value as { delegation?: { members?: unknown } } | null)?.delegation?.members;
  if (!Array.isArray(members)) return [];
  const out: Diagnostic[] = [];
  const first = new Map<string, FieldPath>();
  members.forEach((m: unknown, i) => {
    const name = (m as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') return;
    // "Kim Yo-jong" and "kim yo jong" are the same person for this purpose.
    const key = name.trim().toLowerCase().replace(/[\s\-‐]+/g, ' ');
    const path = ['delegation', 'members', i, 'name'];
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, path);
    else
      out.push(
        warning('W_DUPLICATE_MEMBER', `"${name.trim()}" is listed twice in the delegation`, {
          file: parsed.file,
          path: formatPath(path),
          ...parsed.positionOf(path),
          hint: `the first entry is on line ${parsed.positionOf(earlier)?.line ?? '?'}; merge the two entries`,
        }),
      );
  });
  return out;
}

/** Reads a field of the raw data, whatever its shape (the schema may have failed). */
function field(data: unknown, ...path: (string | number)[]): unknown {
  let v = data;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

const names = (list: unknown, key = 'name'): string[] => (Array.isArray(list) ? list.map((x) => field(x, key)).filter((n): n is string => typeof n === 'string') : []);

/** A decision section belongs to a decision brief, and its recommendation names one of its options. */
function checkDecision(parsed: ParsedYaml): Diagnostic[] {
  const at = (path: FieldPath) => ({ file: parsed.file, path: formatPath(path), ...parsed.positionOf(path) });
  const type = field(parsed.value, 'meta', 'type') ?? 'information';
  const decision = field(parsed.value, 'decision');
  if (decision === undefined) {
    return type === 'decision'
      ? [error('E_MISSING_FIELD', 'a decision brief needs a decision section', { ...at(['meta', 'type']), hint: 'add decision: with problem, options, recommendation and request, or set meta.type: information' })]
      : [];
  }
  const out: Diagnostic[] = [];
  if (type !== 'decision') {
    out.push(error('E_DECISION_IN_INFORMATION', 'an information brief states facts and assessments; it cannot request a decision', { ...at(['decision']), hint: 'set meta.type: decision, or remove the decision section' }));
  }
  const chosen = field(decision, 'recommendation', 'option');
  const options = names(field(decision, 'options')).map((n) => n.trim());
  if (typeof chosen === 'string' && options.length > 0 && !options.includes(chosen.trim())) {
    const guess = didYouMean(chosen, options);
    out.push(
      error('E_UNKNOWN_OPTION', `recommends "${chosen}", which is not one of the options`, {
        ...at(['decision', 'recommendation', 'option']),
        hint: guess ? `did you mean "${guess}"?` : `name one of: ${options.join('; ')}`,
      }),
    );
  }
  return out;
}

/** A member's side names one of the trade-off's parties, where the brief has them. */
function checkSides(parsed: ParsedYaml): Diagnostic[] {
  const parties = names(field(parsed.value, 'trade_offs', 'parties')).map((n) => n.trim());
  const members = field(parsed.value, 'delegation', 'members');
  if (parties.length === 0 || !Array.isArray(members)) return [];
  return members.flatMap((m, i) => {
    const side = field(m, 'side');
    if (typeof side !== 'string' || parties.includes(side.trim())) return [];
    const path = ['delegation', 'members', i, 'side'];
    const guess = didYouMean(side, parties);
    return [
      error('E_UNKNOWN_SIDE', `side "${side}" is not one of the trade-off's parties`, {
        file: parsed.file,
        path: formatPath(path),
        ...parsed.positionOf(path),
        hint: guess ? `did you mean "${guess}"?` : `use one of: ${parties.join(', ')}`,
      }),
    ];
  });
}

/**
 * Each judgment's likelihood is a term of the brief's scale (`meta.likelihood_scale`): the schema
 * accepts the terms of every scale, so that a term of the other scale gets this error, at the
 * term, with the chosen scale's nearest term as the hint.
 */
function checkScale(parsed: ParsedYaml): Diagnostic[] {
  const chosen = field(parsed.value, 'meta', 'likelihood_scale') ?? 'icd203';
  if (!(SCALES as readonly unknown[]).includes(chosen)) return [];
  const scale = chosen as ScaleName;
  const items = field(parsed.value, 'key_judgments', 'items');
  if (!Array.isArray(items)) return [];
  return items.flatMap((item, i) => {
    const term = field(item, 'likelihood');
    if (typeof term !== 'string' || term in LIKELIHOOD_SCALES[scale]) return [];
    const other = SCALES.find((s) => term in LIKELIHOOD_SCALES[s]);
    // A term of no scale is a schema error already.
    if (other === undefined) return [];
    const path = ['key_judgments', 'items', i, 'likelihood'];
    const near = nearestTerm(scale, term);
    return [
      error('E_LIKELIHOOD_SCALE', `"${term}" is a term of the ${SCALE_NAMES[other]}, not of the brief's scale, the ${SCALE_NAMES[scale]}`, {
        file: parsed.file,
        path: formatPath(path),
        ...parsed.positionOf(path),
        hint: `${near ? `the ${scale} term nearest it is "${near}" (${LIKELIHOOD_SCALES[scale][near]}); ` : ''}or set meta.likelihood_scale: ${other}`,
      }),
    ];
  });
}
