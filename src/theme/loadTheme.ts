/**
 * Themes live in `templates/themes/<name>.yaml` and are validated like briefs. A theme file is
 * read like every template file: regular, inside the templates folder, within the size limit.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Result } from '../diagnostics.ts';
import { templateRule, type NameOrigin } from '../compose/templateSet.ts';
import { displayPath, isPresent, readInput } from '../load/readInput.ts';
import { NAME_PATTERN, unknownName } from '../load/didYouMean.ts';
import { parseYamlWithSchema } from '../load/yamlDocument.ts';
import { Theme } from './schema.ts';

import { DEFAULT_THEME } from './defaultTheme.ts';

export { DEFAULT_THEME };

/** Theme names available in `dir`; empty when it can't be read. */
export function listThemes(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

/**
 * Reads and validates the named theme from `dir` (a templates folder's themes/; the file must
 * resolve inside that templates folder). An unknown name lists the available ones and names
 * `origin`, the flag or brief field that asked for it.
 */
export function loadTheme(dir: string, name: string, origin: NameOrigin = {}): Result<Theme> {
  const path = join(dir, `${name}.yaml`);
  if (!NAME_PATTERN.test(name) || !isPresent(path)) return { diagnostics: [{ ...unknownName('E_UNKNOWN_THEME', 'theme', name, listThemes(dir), `(none found in ${displayPath(dir)})`), ...origin }] };
  const rule = templateRule(dirname(dir), path, 'theme');
  const bytes = readInput(path, rule);
  if (bytes.value === undefined) return { diagnostics: bytes.diagnostics };
  const loaded = parseYamlWithSchema(bytes.value, rule.file, Theme, { noun: 'theme', maxBytes: rule.maxBytes });
  return { value: loaded.value?.value, diagnostics: loaded.diagnostics };
}
