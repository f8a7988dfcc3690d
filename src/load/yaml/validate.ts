/** Schema checks on parsed data: each zod issue as a diagnostic at its field, with a hint. */
import type { z } from 'zod';
import { error, formatPath, type Diagnostic, type Result } from '../../diagnostics.ts';
import { allowedKeys, describeField, didYouMean, isOptionalField, schemaAt } from '../didYouMean.ts';
import type { FieldPath, ParsedYaml, Position } from './types.ts';
import { plainMessage } from './zodMessages.ts';

/** Options for validate. */
export interface ValidateOptions {
  /** Other spellings of allowed values, mapped to the value to suggest (see didYouMean). */
  valueAliases?: Readonly<Record<string, string>>;
  /** A caller's own suggestion for a rejected value (e.g. a known source id); used as the hint when given. */
  suggest?(path: FieldPath, value: unknown): string | undefined;
}

/** Orders diagnostics by position; those without one go last. Stable. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (a.line ?? Infinity) - (b.line ?? Infinity) || (a.col ?? 0) - (b.col ?? 0);
}

/**
 * Validates parsed data with a zod schema and explains every issue in plain words, at the
 * position of the field (or, for an unknown field, of its key; for a missing one, of the
 * mapping it belongs in).
 */
export function validate<S extends z.ZodType>(parsed: ParsedYaml, schema: S, opts: ValidateOptions = {}): Result<z.output<S>> {
  // Without zod's JIT: at its first parse of each object schema, zod writes a validator for it as
  // source text and compiles it with `new Function`, which no code cache holds. Across the brief
  // schema's objects that was 5-6 ms of every cold build (load 22 -> 16.5 ms), and it
  // does not pay back later either: warm builds after an edit validated as fast without it, and the
  // bench's 500 briefs took 12.5 s instead of 13.3-13.5.
  const result = schema.safeParse(parsed.value, { error: plainMessage, jitless: true });
  if (result.success) return { value: result.data as z.output<S>, diagnostics: [] };
  // zod runs every check on a value, so "15 Jan" fails both the date format and the calendar
  // refinement. The first problem of a field is the one to fix; the rest are consequences.
  const seen = new Set<string>();
  const issues = result.error.issues.filter((issue) => {
    if (issue.code === 'unrecognized_keys') return true;
    const key = JSON.stringify(issue.path.map(String));
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { diagnostics: issues.flatMap((issue) => explain(issue, parsed, schema, opts)).sort(byPosition) };
}

function explain(issue: z.core.$ZodIssue, parsed: ParsedYaml, schema: z.ZodType, opts: ValidateOptions): Diagnostic[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const at = (p: FieldPath, where: Position | undefined) => ({ file: parsed.file, path: formatPath(p) || undefined, ...where });
  const desc = describeField(schema, path);

  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeys(schema, path) ?? [];
    return issue.keys.map((key) => {
      const p = [...path, key];
      const guess = didYouMean(key, allowed);
      const hint = guess ? `did you mean "${guess}"?` : allowed.length > 0 ? `the fields allowed here are: ${allowed.join(', ')}` : 'remove it';
      const what = key === '' ? 'a field with no name (written "null:", "~:" or ":")' : `unknown field "${key}"`;
      return error('E_UNKNOWN_KEY', what, { ...at(p, parsed.keyPositionOf(p)), hint });
    });
  }
  const found = lookup(parsed.value, path);
  if (!found.exists && isMissingField(issue, schema, path)) {
    const parent = path.slice(0, -1);
    const name = String(path[path.length - 1]);
    const under = parent.length > 0 ? `under ${formatPath(parent)}` : 'at the top level';
    const choices = issue.code === 'invalid_value' ? `; use one of: ${issue.values.map((v) => `"${String(v)}"`).join(', ')}` : '';
    return [
      error('E_MISSING_FIELD', `the required field "${name}" is missing`, {
        ...at(path, parsed.positionOf(parent)),
        hint: `add a line "${name}: ..." ${under}${choices}${desc ? `. ${name}: ${desc}` : ''}`,
      }),
    ];
  }
  let hint = desc;
  const suggestion = opts.suggest?.(path, found.value);
  if (suggestion !== undefined) {
    hint = suggestion;
  } else if (issue.code === 'invalid_value') {
    const values = issue.values.map(String);
    const guess = typeof found.value === 'string' ? didYouMean(found.value, values, opts.valueAliases) : undefined;
    hint = guess ? `did you mean "${guess}"?` : `use one of: ${values.map((v) => `"${v}"`).join(', ')}`;
  } else if (issue.code === 'invalid_type') {
    hint = typeHint(issue.expected, found.value, isOptionalField(schema, path)) ?? desc;
  } else if (issue.code === 'too_small' && issue.origin === 'string') {
    hint = isOptionalField(schema, path) ? 'write some text here, or delete the line' : 'write some text here';
  } else if (issue.code === 'invalid_format' && issue.format === 'url') {
    hint = 'write the full address, starting with https://';
  }
  return [error('E_SCHEMA', issue.message, { ...at(path, parsed.positionOf(path)), hint })];
}

/**
 * Whether an issue about an absent field means "required but missing". zod 4 reports a missing
 * field by what the field expects: invalid_type for text or a list, invalid_value for a choice
 * (enum or literal), invalid_union for a union. Any other issue at an absent field that the
 * schema requires means the same; one at an absent optional field (a rule of the parent
 * object pointing at it) keeps its own message.
 */
function isMissingField(issue: z.core.$ZodIssue, schema: z.ZodType, path: FieldPath): boolean {
  if (path.length === 0) return false;
  if (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union') return true;
  return schemaAt(schema, path) !== undefined && !isOptionalField(schema, path);
}

function lookup(data: unknown, path: FieldPath): { exists: boolean; value?: unknown } {
  let cur = data;
  for (const step of path) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, step)) return { exists: false };
    cur = (cur as Record<string | number, unknown>)[step];
  }
  return { exists: true, value: cur };
}

function typeHint(expected: string, value: unknown, optional: boolean): string | undefined {
  if (value === null) return optional ? 'fill in a value, or delete the line' : 'fill in a value';
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
    return 'put the value in double quotes so it is read as text';
  }
  if (expected === 'array') return 'write a list: one item per line, each starting with "- "';
  if (expected === 'object') return 'write the fields on the lines below, indented, as "name: value"';
  return undefined;
}
