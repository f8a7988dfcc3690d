/**
 * Handlebars template specs compiled ahead of time, by the instrumented text each was compiled
 * from (sourceLocs.ts): renderTemplate.ts looks a template's text up here before compiling it,
 * and a text that is not here (an edited or a user's own template) compiles as it always does.
 *
 * Run from src/ (the tests, tsx), there are none. In the compiled bundle this module is
 * replaced by one with the specs of the templates briefdeck ships (scripts/compile.mjs, from
 * precompile.ts), so a cold build does not run the Handlebars compiler over them.
 */
export const PRECOMPILED: ReadonlyMap<string, TemplateSpecification> = new Map();
