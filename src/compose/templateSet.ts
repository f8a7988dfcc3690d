/**
 * Reads a template set from disk: `templates/<name>/deck.hbs`, the shared partials in
 * `templates/partials/`, and the template's own partials in `templates/<name>/partials/`
 * (which override shared ones of the same name). This is compose's only I/O.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Result } from '../diagnostics.ts';
import { NAME_PATTERN, unknownName } from '../load/didYouMean.ts';

export interface TemplateFile {
  /** Path as shown in diagnostics (relative to the working directory). */
  file: string;
  text: string;
}

export interface TemplateSet {
  name: string;
  main: TemplateFile;
  partials: Map<string, TemplateFile>;
}

/** Template names available under `root` (folders holding a deck.hbs). */
export function listTemplates(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'deck.hbs')))
    .map((d) => d.name)
    .sort();
}

function readPartials(dir: string, into: Map<string, TemplateFile>): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.hbs')) continue;
    const path = join(dir, f);
    into.set(f.slice(0, -4), { file: display(path), text: readFileSync(path, 'utf8') });
  }
}

function display(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

/** Loads the named template set; an unknown name lists the available ones. */
export function readTemplateSet(root: string, name: string): Result<TemplateSet> {
  const mainPath = join(root, name, 'deck.hbs');
  if (!NAME_PATTERN.test(name) || !existsSync(mainPath)) {
    return { diagnostics: [unknownName('E_UNKNOWN_TEMPLATE', 'template', name, listTemplates(root), `(none found in ${display(root)})`)] };
  }
  const partials = new Map<string, TemplateFile>();
  readPartials(join(root, 'partials'), partials);
  readPartials(join(root, name, 'partials'), partials);
  return {
    value: { name, main: { file: display(mainPath), text: readFileSync(mainPath, 'utf8') }, partials },
    diagnostics: [],
  };
}
