/** zod's issues in plain words: the per-parse error map. */
import type { z } from 'zod';

/** Per-parse zod error map. Schema-level messages (e.g. "must not be empty") take precedence in zod 4. */
export const plainMessage: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'this field is required';
      if (iss.input === null) return `expected ${expectedNoun(iss.expected)}, but it is empty`;
      return `expected ${expectedNoun(iss.expected)}, got ${kindOf(iss.input)}`;
    case 'too_small':
    case 'too_big':
      return sizeMessage(iss.code === 'too_small', iss.origin, Number(iss.code === 'too_small' ? iss.minimum : iss.maximum), iss);
    case 'invalid_value':
      if (iss.input === undefined) return 'this field is required';
      if (iss.input === null) return 'it is empty, but needs one of the allowed values';
      return `${show(iss.input)} is not one of the allowed values`;
    case 'invalid_format':
      return iss.format === 'url' ? `${show(iss.input)} is not a web address` : `${show(iss.input)} is not in the expected format`;
    case 'not_multiple_of':
      return `must be a multiple of ${String(iss.divisor)}`;
    case 'invalid_union':
      return 'does not match any of the allowed forms';
    default:
      return undefined;
  }
};

function sizeMessage(small: boolean, origin: string, n: number, iss: { input?: unknown; exact?: boolean; inclusive?: boolean }): string {
  const bound = iss.exact ? 'exactly' : small ? (iss.inclusive === false ? 'more than' : 'at least') : iss.inclusive === false ? 'fewer than' : 'at most';
  if (origin === 'string') return small && n === 1 && !iss.exact ? 'must not be empty' : `must be ${bound} ${n} characters long`;
  if (origin === 'array') {
    const has = Array.isArray(iss.input) ? `, but has ${iss.input.length}` : '';
    return `needs ${bound} ${n} ${n === 1 ? 'item' : 'items'}${has}`;
  }
  return `must be ${bound.replace('fewer', 'less')} ${n}, got ${String(iss.input)}`;
}

function expectedNoun(expected: string): string {
  const nouns: Record<string, string> = {
    string: 'text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a group of "name: value" fields',
    date: 'a date',
  };
  return nouns[expected] ?? expected;
}

function kindOf(v: unknown): string {
  if (typeof v === 'string') return `text (${show(v)})`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v === 'number' ? 'a number' : 'true/false'} (${String(v)})`;
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Uint8Array) return 'binary data';
  if (v instanceof Date) return 'a date';
  if (typeof v === 'object' && v !== null) return 'a group of fields';
  return String(v);
}

/** A user value quoted for a message, shortened so a pasted paragraph doesn't flood the output. */
function show(v: unknown): string {
  if (typeof v !== 'string') return kindOf(v);
  return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
}
