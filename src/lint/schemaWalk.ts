/**
 * The brief's objects that the schema lets carry a given field (`portion`, `sources`), found by
 * walking the data alongside the zod schema. Rules that ask "does every item that may carry a
 * portion mark carry one?" then follow the schema as it grows, with no list of sections to keep.
 */
import type { z } from 'zod';
import type { FieldPath } from '../load/yamlDocument.ts';

export interface Found {
  path: FieldPath;
  value: Record<string, unknown>;
}

/** The parts of zod 4's definitions the walk reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every object in `data` whose schema (within `schema`) has a field named `key`, in document order. */
export function objectsWithField(schema: z.ZodType, data: unknown, key: string): Found[] {
  const out: Found[] = [];
  const walk = (s: z.ZodType, v: unknown, path: FieldPath): void => {
    const def = defOf(s);
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        if (def.innerType) walk(def.innerType, v, path);
        return;
      case 'pipe':
        if (def.in) walk(def.in, v, path);
        return;
      case 'lazy':
        if (def.getter) walk(def.getter(), v, path);
        return;
      case 'array':
        if (Array.isArray(v) && def.element) v.forEach((x, i) => walk(def.element!, x, [...path, i]));
        return;
      case 'union': {
        // The option the value is an instance of (a discriminated union's, or the first that fits).
        const option = def.options?.find((o) => o.safeParse(v).success);
        if (option) walk(option, v, path);
        return;
      }
      case 'object': {
        if (!v || typeof v !== 'object' || Array.isArray(v) || !def.shape) return;
        const obj = v as Record<string, unknown>;
        if (Object.hasOwn(def.shape, key)) out.push({ path, value: obj });
        const shape = def.shape;
        const keys = Object.keys(shape);
        for (let i = 0; i < keys.length; i++) {
          const k = keys[i]!;
          if (Object.hasOwn(obj, k)) walk(shape[k]!, obj[k], [...path, k]);
        }
        return;
      }
      default:
        return;
    }
  };
  walk(schema, data, []);
  return out;
}
