/**
 * Reads a template set from disk: `templates/<name>/deck.hbs`, the shared partials in
 * `templates/partials/`, and the template's own partials in `templates/<name>/partials/`
 * (which override shared ones of the same name). This is compose's only I/O.
 *
 * Every file is read through readInput: a regular file, inside the templates folder once links
 * are resolved, within the size limit. A bad file anywhere in the set (even a partial the
 * template does not use) fails the set with a diagnostic at that file, as a broken template would.
 */
import { readdirSync, realpathSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { error, hasErrors, type Diagnostic, type Result } from '../diagnostics.ts';
import { NAME_PATTERN, unknownName } from '../load/didYouMean.ts';
import { displayPath, isPresent, MAX_INPUT_BYTES, readInput, type ReadRule } from '../load/readInput.ts';
import { decodeInput } from '../load/sanitize.ts';

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

/** Where a template or theme name came from (a flag, a brief's field), for the unknown-name error. */
export type NameOrigin = Pick<Diagnostic, 'file' | 'line' | 'col' | 'path'>;

/** The rule for a file of the templates folder `root` (templates, partials and themes). */
export function templateRule(root: string, path: string, noun: string): ReadRule {
  const name = `the templates folder (${displayPath(root)})`;
  return {
    file: displayPath(path),
    noun,
    maxBytes: MAX_INPUT_BYTES,
    within: { dir: realRoot(root), name, hint: `templates, partials and themes must be files inside ${name}; copy the file there instead of linking to it` },
  };
}

/** The text of a file under `rule`, as UTF-8; problems as diagnostics. */
function readTextInput(path: string, rule: ReadRule): Result<string> {
  const bytes = readInput(path, rule);
  return bytes.value === undefined ? { diagnostics: bytes.diagnostics } : decodeInput(bytes.value, rule.file, rule.maxBytes, rule.noun);
}

function realRoot(root: string): string {
  try {
    return realpathSync(root);
  } catch {
    // Nothing can be read from a root that does not resolve; readInput reports each file.
    return resolve(root);
  }
}

/** The entries of a folder; a folder that is not there has none; any other failure is returned. */
function listing(dir: string): { entries: Dirent[] } | { error: NodeJS.ErrnoException } {
  try {
    return { entries: readdirSync(dir, { withFileTypes: true }) };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return err.code === 'ENOENT' ? { entries: [] } : { error: err };
  }
}

/** Template names available under `root` (folders holding a deck.hbs); empty when it can't be read. */
export function listTemplates(root: string): string[] {
  const r = listing(root);
  if ('error' in r) return [];
  return r.entries
    .filter((d) => d.isDirectory() && isPresent(join(root, d.name, 'deck.hbs')))
    .map((d) => d.name)
    .sort();
}

function folderError(dir: string, e: NodeJS.ErrnoException): Diagnostic {
  const why = e.code === 'ENOTDIR' ? 'it is a file, not a folder' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : (e.message ?? 'unknown error');
  return error('E_READ', `cannot read the partials folder: ${why}`, { file: displayPath(dir), hint: 'partials/ must be a readable folder of .hbs files; remove or fix it' });
}

function readPartials(root: string, dir: string, into: Map<string, TemplateFile>, diagnostics: Diagnostic[]): void {
  const r = listing(dir);
  if ('error' in r) return void diagnostics.push(folderError(dir, r.error));
  for (const f of r.entries.map((d) => d.name).sort()) {
    if (!f.endsWith('.hbs')) continue;
    const path = join(dir, f);
    const rule = templateRule(root, path, 'partial');
    const text = readTextInput(path, rule);
    diagnostics.push(...text.diagnostics);
    if (text.value !== undefined) into.set(f.slice(0, -4), { file: rule.file, text: text.value });
  }
}

/**
 * Loads the named template set; an unknown name lists the available ones, and names `origin`
 * (the flag or brief field that asked for it).
 */
export function readTemplateSet(root: string, name: string, origin: NameOrigin = {}): Result<TemplateSet> {
  const mainPath = join(root, name, 'deck.hbs');
  if (!NAME_PATTERN.test(name) || !isPresent(mainPath)) {
    return { diagnostics: [{ ...unknownName('E_UNKNOWN_TEMPLATE', 'template', name, listTemplates(root), `(none found in ${displayPath(root)})`), ...origin }] };
  }
  const diagnostics: Diagnostic[] = [];
  const rule = templateRule(root, mainPath, 'template');
  const main = readTextInput(mainPath, rule);
  diagnostics.push(...main.diagnostics);
  const partials = new Map<string, TemplateFile>();
  readPartials(root, join(root, 'partials'), partials, diagnostics);
  readPartials(root, join(root, name, 'partials'), partials, diagnostics);
  if (main.value === undefined || hasErrors(diagnostics)) return { diagnostics };
  return { value: { name, main: { file: rule.file, text: main.value }, partials }, diagnostics };
}
