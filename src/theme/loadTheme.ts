/**
 * Themes live in `templates/themes/<name>.yaml` and are validated like briefs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Result } from '../diagnostics.ts';
import { NAME_PATTERN, unknownName } from '../load/didYouMean.ts';
import { parseYamlWithSchema } from '../load/yamlDocument.ts';
import { Theme } from './schema.ts';

export const DEFAULT_THEME = 'civic';

/** Theme names available in `dir`. */
export function listThemes(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/** Reads and validates the named theme from `dir`; an unknown name lists the available ones. */
export function loadTheme(dir: string, name: string): Result<Theme> {
  const path = join(dir, `${name}.yaml`);
  if (!NAME_PATTERN.test(name) || !existsSync(path)) return { diagnostics: [unknownName('E_UNKNOWN_THEME', 'theme', name, listThemes(dir))] };
  const shown = relative(process.cwd(), path);
  const loaded = parseYamlWithSchema(readFileSync(path), shown.startsWith('..') ? path : shown, Theme, { noun: 'theme', maxBytes: 256 * 1024 });
  return { value: loaded.value?.value, diagnostics: loaded.diagnostics };
}
