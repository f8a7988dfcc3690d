/** Where the brief's JSON Schema lives and what it is called (kept apart from zod, for cheap imports). */

/** Where the schema lives in a project, relative to its root. */
export const SCHEMA_FILE = 'schema/brief.schema.json';

/** The `$id`: a name, not a location (nothing needs to be fetched from it). */
export const SCHEMA_ID = 'urn:briefdeck:schema:brief';

/** The comment that points yaml-language-server at the schema, for a brief in `briefs/`. */
export const SCHEMA_MODELINE = `# yaml-language-server: $schema=../${SCHEMA_FILE}`;
