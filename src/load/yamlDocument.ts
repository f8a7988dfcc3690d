/**
 * Generic YAML loading with positions: text in, validated value out, and every problem as a
 * diagnostic pointing at a line and column. Briefs and themes both load through here.
 *
 * Two steps, usable separately: `parseYaml` (bytes -> cleaned plain data that remembers where
 * each field was written) and `validate` (data -> schema output, issues explained in plain
 * words). `parseYamlWithSchema` runs both. The work is done in ./yaml/; this module is the
 * API the rest of the program imports.
 */
import type { z } from 'zod';
import { hasErrors, type Result } from '../diagnostics.ts';
import { parseYaml, type ParseOptions } from './yaml/parse.ts';
import type { Loaded } from './yaml/types.ts';
import { byPosition, validate, type ValidateOptions } from './yaml/validate.ts';

export { MAX_DEPTH } from './yaml/guardedParse.ts';
export { DEFAULT_MAX_BYTES, parseYaml, type ParseOptions } from './yaml/parse.ts';
export { MAX_ALIAS_COUNT } from './yaml/toPlainData.ts';
export type { FieldPath, Loaded, ParsedYaml, Position } from './yaml/types.ts';
export { byPosition, validate, type ValidateOptions } from './yaml/validate.ts';

/** Parses and validates in one go. Fails (no value) on any error; warnings ride along. */
export function parseYamlWithSchema<S extends z.ZodType>(
  input: string | Uint8Array,
  file: string,
  schema: S,
  opts: ParseOptions & ValidateOptions = {},
): Result<Loaded<z.output<S>>> {
  const parsed = parseYaml(input, file, opts);
  if (parsed.value === undefined) return { diagnostics: parsed.diagnostics };
  const checked = validate(parsed.value, schema, opts);
  const diagnostics = [...parsed.diagnostics, ...checked.diagnostics].sort(byPosition);
  if (checked.value === undefined || hasErrors(diagnostics)) return { diagnostics };
  const { file: f, positionOf } = parsed.value;
  return { value: { value: checked.value as z.output<S>, file: f, positionOf }, diagnostics };
}
