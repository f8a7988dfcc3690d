/**
 * The brief's JSON Schema, for editors (VS Code's YAML extension via yaml-language-server) and
 * other tools. Derived from the zod schema in src/load/schema.ts, never written by hand;
 * `briefdeck schema` writes it to schema/brief.schema.json, which is committed, and a test
 * checks that the committed file is current.
 *
 * It targets JSON Schema draft-07: yaml-language-server validates with draft-07 semantics and
 * does not support 2019-09/2020-12 (redhat-developer/yaml-language-server#856, #1112). The
 * keywords used here mean the same in every draft since 7.
 *
 * The JSON Schema is a little looser than the loader: it can't check that cited ids exist in
 * `sources`, and its `minLength` counts the spaces that the loader trims away.
 */
import { z } from 'zod';
import { Brief } from '../load/schema.ts';

import { SCHEMA_ID } from './names.ts';
export { SCHEMA_FILE, SCHEMA_ID, SCHEMA_MODELINE } from './names.ts';

/** The brief's JSON Schema as an object. */
export function briefJsonSchema(): Record<string, unknown> {
  const { $schema, ...body } = z.toJSONSchema(Brief, { io: 'input', target: 'draft-7', unrepresentable: 'throw' }) as Record<string, unknown>;
  return {
    $schema,
    $id: SCHEMA_ID,
    title: 'briefdeck brief',
    ...body,
  };
}

/** The schema file's exact text: two-space indented JSON and a final newline. */
export function briefJsonSchemaText(): string {
  return `${JSON.stringify(briefJsonSchema(), null, 2)}\n`;
}
