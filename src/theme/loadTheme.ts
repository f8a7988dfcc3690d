/**
 * Themes live in `templates/themes/<name>.yaml` and are validated like briefs. A theme file is
 * read like every template file: regular, inside the templates folder, within the size limit.
 */
import { readdirSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { imageSize } from 'image-size';
import { error, type Diagnostic, type Result } from '../diagnostics.ts';
import { imageProblem, type ImageType } from '../imageCheck.ts';
import { templateRule, type NameOrigin } from '../compose/templateSet.ts';
import { displayPath, isPresent, MAX_INPUT_BYTES, readInput } from '../load/readInput.ts';
import { NAME_PATTERN, unknownName } from '../load/didYouMean.ts';
import { parseYaml, parseYamlWithSchema } from '../load/yamlDocument.ts';
import { Theme, type LogoImage } from './schema.ts';
import type { Loaded } from '../load/yamlDocument.ts';

import { DEFAULT_THEME } from './defaultTheme.ts';
import { deepFreeze } from '../deepFreeze.ts';
import { LastParsed } from '../load/lastParsed.ts';

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
  const loaded = parsedTheme(bytes.value, rule.file, rule.maxBytes);
  if (!loaded.value?.value.logo) return { value: loaded.value?.value, diagnostics: loaded.diagnostics };
  const logo = logoImage(loaded.value, path, dirname(dir));
  if ('problem' in logo) return { diagnostics: [...loaded.diagnostics, logo.problem] };
  return { value: { ...loaded.value.value, logoImage: logo }, diagnostics: loaded.diagnostics };
}

/**
 * The last theme read from each of a few files, as parsed and validated (about 1 ms of a warm
 * build), frozen deeply. The parse is a function of the bytes, the file name and the size limit
 * alone. The logo is not kept: it is read and checked afresh each time, as it may change while
 * the theme does not.
 */
const parsedThemes = new LastParsed<ReturnType<typeof parseTheme>>(8);

function parseTheme(bytes: Uint8Array, file: string, maxBytes: number) {
  return parseYamlWithSchema(bytes, file, Theme, { noun: 'theme', maxBytes });
}

function parsedTheme(bytes: Uint8Array, file: string, maxBytes: number): ReturnType<typeof parseTheme> {
  return parsedThemes.read(`${maxBytes}:${file}`, bytes, () => parseTheme(bytes, file, maxBytes), deepFreeze);
}

/** Logos are small: a house mark, not a photograph. */
export const LOGO_MAX_BYTES = 5 * 1024 * 1024;

/** Where a theme's `logo.path` points: relative to the theme file. */
function logoPathFor(themePath: string, given: string): string {
  return resolve(dirname(themePath), given);
}

/**
 * The logo file a theme file names, as an absolute path, read without checking the theme or
 * the picture (watch mode uses it to know which pictures feed which themes); undefined when
 * the theme names none or cannot be read.
 */
export function themeLogoFile(themePath: string): string | undefined {
  const bytes = readInput(themePath, { file: themePath, noun: 'theme', maxBytes: MAX_INPUT_BYTES }).value;
  if (bytes === undefined) return undefined;
  try {
    const data = parseYaml(bytes, themePath, { maxBytes: MAX_INPUT_BYTES }).value?.value as { logo?: { path?: unknown } } | null | undefined;
    const given = data?.logo?.path;
    return typeof given === 'string' && given !== '' ? logoPathFor(themePath, given) : undefined;
  } catch {
    return undefined;
  }
}
const LOGO_TYPES: ReadonlySet<string> = new Set<string>(['png', 'jpg', 'gif']);

/**
 * The theme's logo picture: relative to the theme file, read like every templates file (inside
 * the templates folder `root`), and a whole PNG, JPEG or GIF. A problem points at `logo.path`.
 */
function logoImage(loaded: Loaded<Theme>, themePath: string, root: string): LogoImage | { problem: Diagnostic } {
  const given = loaded.value.logo!.path;
  const at = { file: loaded.file, ...loaded.positionOf(['logo', 'path']), path: 'logo.path' };
  const abs = logoPathFor(themePath, given);
  const rule = templateRule(root, abs, 'logo');
  const read = readInput(abs, { ...rule, maxBytes: LOGO_MAX_BYTES });
  const bad = (code: string, message: string, hint: string) => ({ problem: error(code, message, { ...at, hint }) });
  if (read.value === undefined) {
    const d = read.diagnostics[0]!;
    return bad(d.code, `logo "${given}": ${d.message}`, d.code === 'E_OUTSIDE' ? d.hint ?? '' : `the logo's path is relative to the theme file; ${d.hint ?? ''}`.trim());
  }
  let dim: ReturnType<typeof imageSize> | undefined;
  try {
    dim = imageSize(read.value);
  } catch {
    dim = undefined;
  }
  if (!dim?.type || !LOGO_TYPES.has(dim.type) || !dim.width || !dim.height) return bad('E_IMAGE_TYPE', `logo "${given}" is not a PNG, JPEG or GIF image`, 'save the logo as PNG');
  const problem = imageProblem(read.value, dim.type as ImageType, dim.width, dim.height);
  if (problem) return bad('E_IMAGE', `logo "${given}" is not a whole image: ${problem}`, 'export the logo again, as PNG');
  return { abs: realpathSync(abs), widthPx: dim.width, heightPx: dim.height, at };
}
