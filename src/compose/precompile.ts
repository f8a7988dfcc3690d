/**
 * Build time: the templates in a templates folder as the source of a module that stands in for
 * precompiled.ts (scripts/precompile.ts, run by scripts/compile.mjs for the bundled templates).
 * Each main template and partial is instrumented with the key it compiles under, so its text is
 * the very text renderTemplate.ts looks up, whatever folder it is later read from.
 */
import { hasErrors } from '../diagnostics.ts';
import { precompileSpec } from './renderTemplate.ts';
import { instrumentTemplate, templateKey } from './sourceLocs.ts';
import { listTemplates, readTemplateSet } from './templateSet.ts';

export function precompiledModule(root: string): { source: string; count: number } {
  const texts = new Set<string>();
  for (const name of listTemplates(root)) {
    const set = readTemplateSet(root, name);
    if (!set.value || hasErrors(set.diagnostics)) throw new Error(`template "${name}" in ${root} does not load: ${set.diagnostics.map((d) => d.message).join('; ')}`);
    texts.add(instrumentTemplate(set.value.main.text, templateKey()).text);
    for (const [partial, tf] of set.value.partials) texts.add(instrumentTemplate(tf.text, templateKey(partial)).text);
  }
  const entries = [...texts].map((text) => `  [${JSON.stringify(text)}, ${precompileSpec(text)}],`);
  const source = `// The bundled templates' Handlebars specs (src/compose/precompile.ts).\nexport const PRECOMPILED = new Map([\n${entries.join('\n')}\n]);\n`;
  return { source, count: texts.size };
}
