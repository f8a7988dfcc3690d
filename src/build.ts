/**
 * One brief through the whole pipeline: load -> compose -> layout -> render -> package -> write.
 * Each stage's diagnostics are collected; the deck is written (atomically) only when no stage
 * failed, so a bad brief never leaves a partial file and the last good deck stays.
 */
import { existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { composeDeck } from './compose/index.ts';
import { readTemplateSet, type NameOrigin } from './compose/templateSet.ts';
import { error, formatPath, hasErrors, type Diagnostic } from './diagnostics.ts';
import { resolveImages } from './images.ts';
import { lintBrief, lintDeck } from './lint/index.ts';
import { PACKAGE_ROOT } from './packageRoot.ts';
import { fontFallbacks } from './layout/fonts.ts';
import { layoutDeck } from './layout/index.ts';
import type { PlacedDeck } from './layout/placed.ts';
import type { Parts } from './package/zip.ts';
import type { Deck } from './compose/ir.ts';
import { loadBrief } from './load/loadBrief.ts';
import { displayPath } from './load/readInput.ts';
import type { Brief } from './load/schema.ts';
import type { FieldPath, Loaded } from './load/yamlDocument.ts';
import { DEFAULT_THEME, loadTheme } from './theme/loadTheme.ts';

export const DEFAULT_TEMPLATE = 'briefing';

export { PACKAGE_ROOT };

export interface BuildOptions {
  /** Template name; overrides the brief's `template`. */
  template?: string;
  /** Theme name; overrides the brief's `theme`. */
  theme?: string;
  /** Folder for decks; default `out`. */
  outDir?: string;
  /** Folder with templates/partials/themes; default `./templates` if present, else the bundled ones. */
  templatesDir?: string;
  /** Images must stay inside this folder; default the working directory. */
  projectRoot?: string;
  /** Treat warnings as errors. */
  strict?: boolean;
  /** Validate only: stop before rendering and write nothing. */
  checkOnly?: boolean;
  /**
   * Build the deck but leave writing it to the caller (writeBuilt): a batch worker hands its
   * bytes to the main thread, which writes every deck, so the temp files a signal must remove
   * are all the main thread's.
   */
  deferWrite?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface BuildResult {
  brief: string;
  ok: boolean;
  /** Path written, when the deck was built. */
  out?: string;
  slides?: number;
  bytes?: number;
  /** Wall time in milliseconds. */
  ms: number;
  /** Milliseconds per stage, for `--json` and the benchmark. */
  stages: Record<string, number>;
  /** Glyphs measured from the font files because the precomputed table lacked them (fonts.ts). */
  fontFallbacks?: number;
  diagnostics: Diagnostic[];
  /** The packaged bytes (not serialised to JSON). */
  pptx?: Uint8Array;
  /** The laid-out deck the bytes were rendered from (not serialised to JSON); for render checks. */
  placed?: PlacedDeck;
  /** The composed Deck IR (not serialised to JSON); for golden tests. */
  deck?: Deck;
}

/** Where templates are read from, by the documented order. */
export function templatesDirFor(opts: BuildOptions): string {
  if (opts.templatesDir) return resolve(opts.templatesDir);
  const local = resolve('templates');
  return existsSync(local) ? local : join(PACKAGE_ROOT, 'templates');
}

/** The deck path for a brief: `<outDir>/<brief name>.pptx`. */
export function outputPathFor(brief: string, outDir = 'out'): string {
  return join(outDir, `${basename(brief, extname(brief))}.pptx`);
}

/**
 * The render and package stages, imported on the first build (`check` never loads them) and
 * kept: asking the module loader again on every build of a watch session costs more than the
 * package stage itself when a loader hook is installed.
 */
let stagesModules: Promise<[typeof import('./render/index.ts'), typeof import('./package/index.ts')]> | undefined;
const buildStages = () => (stagesModules ??= Promise.all([import('./render/index.ts'), import('./package/index.ts')]));

/** Runs the pipeline on already-loaded inputs; pure except for the image checks' reads. */
export async function buildLoaded(
  loaded: Loaded<Brief>,
  opts: BuildOptions,
  stages: Record<string, number> = {},
  prior: readonly Diagnostic[] = [],
): Promise<Omit<BuildResult, 'brief' | 'ms' | 'stages'>> {
  const diagnostics: Diagnostic[] = [];
  const fail = () => ({ ok: false, diagnostics });
  const time = <T>(name: string, fn: () => T): T => {
    const t0 = performance.now();
    const v = fn();
    stages[name] = (stages[name] ?? 0) + performance.now() - t0;
    return v;
  };
  const brief = loaded.value;
  diagnostics.push(...time('lint', () => lintBrief(loaded)));
  const templates = templatesDirFor(opts);
  // An unknown name is reported where it was asked for: the flag, the brief's field, or (for the
  // default) the templates folder that lacks it.
  const origin = (flag: string, given: string | undefined, field: 'template' | 'theme', folder: string): NameOrigin =>
    given !== undefined ? { file: flag } : brief[field] !== undefined ? { file: loaded.file, ...loaded.positionOf([field]), path: field } : { file: displayPath(folder) };
  const set = time('template', () => readTemplateSet(templates, opts.template ?? brief.template ?? DEFAULT_TEMPLATE, origin('--template', opts.template, 'template', templates)));
  const themes = join(templates, 'themes');
  const theme = time('theme', () => loadTheme(themes, opts.theme ?? brief.theme ?? DEFAULT_THEME, origin('--theme', opts.theme, 'theme', themes)));
  diagnostics.push(...set.diagnostics, ...theme.diagnostics);
  const images = await resolveImages(loaded, opts.projectRoot ?? process.cwd());
  diagnostics.push(...images.diagnostics);
  if (!set.value || !theme.value || hasErrors(diagnostics)) return fail();

  const deck = time('compose', () => composeDeck(brief, set.value!));
  diagnostics.push(...deck.diagnostics);
  if (!deck.value) return fail();

  // Compose carried each text's field path; the loaded document knows where that field is written.
  const locate = (path: FieldPath) => {
    const at = loaded.positionOf(path);
    return at ? { file: loaded.file, ...at, path: formatPath(path) } : undefined;
  };
  const placed = time('layout', () => layoutDeck(deck.value!, { theme: theme.value!, locate, images: images.images }));
  diagnostics.push(...placed.diagnostics);
  diagnostics.push(...time('lint', () => lintDeck(loaded, { deck: deck.value!, placed: placed.value, locate })));
  if (!placed.value) return fail();
  const strictFails = () => {
    if (!opts.strict || ![...prior, ...diagnostics].some((d) => d.severity === 'warning')) return false;
    diagnostics.push(error('E_STRICT', 'warnings are errors under --strict', { file: loaded.file, hint: 'fix the warnings above, or build without --strict' }));
    return true;
  };
  if (opts.checkOnly) return strictFails() ? fail() : { ok: true, diagnostics, slides: placed.value.slides.length, deck: deck.value, placed: placed.value };

  const t0 = performance.now();
  // Loaded for a build only: `check` stops above, without pptxgenjs or the package stage.
  const [{ renderParts, finishedParts }, { packageDeck }] = await buildStages();
  let raw: Parts;
  try {
    raw = await renderParts(placed.value);
  } catch (e) {
    diagnostics.push(error('E_RENDER', `rendering failed: ${(e as Error).message}`, { hint: 'this is a bug in briefdeck; please report it with the brief' }));
    return fail();
  }
  stages.render = performance.now() - t0;
  const pkg = time('package', () => packageDeck(raw, { date: brief.meta.as_of, env: opts.env, finished: finishedParts(raw) }));
  diagnostics.push(...pkg.diagnostics);
  // Checked after packaging too, so that the package stage's own warnings also count.
  if (!pkg.value || strictFails()) return fail();
  return { ok: true, diagnostics, slides: placed.value.slides.length, bytes: pkg.value.length, pptx: pkg.value, deck: deck.value, placed: placed.value };
}

/**
 * Builds (or with `checkOnly`, validates) one brief file; writes its deck atomically. Never
 * throws: a failure of briefdeck itself is an E_INTERNAL diagnostic of this brief, so the other
 * briefs of a build still get built.
 */
export async function buildBrief(file: string, opts: BuildOptions = {}): Promise<BuildResult> {
  const start = performance.now();
  const stages: Record<string, number> = {};
  const fallbacks = fontFallbacks();
  try {
    return { ...(await buildFile(file, opts, start, stages)), fontFallbacks: fontFallbacks() - fallbacks };
  } catch (e) {
    const d = error('E_INTERNAL', `building failed unexpectedly: ${(e as Error)?.message ?? e}`, { file, hint: 'this is a bug in briefdeck; please report it with the brief' });
    return { brief: file, ok: false, ms: performance.now() - start, stages, diagnostics: [d] };
  }
}

async function buildFile(file: string, opts: BuildOptions, start: number, stages: Record<string, number>): Promise<BuildResult> {
  const t0 = performance.now();
  const loaded = await loadBrief(file);
  stages.load = performance.now() - t0;
  const done = (r: Omit<BuildResult, 'brief' | 'ms' | 'stages'>): BuildResult => ({ brief: file, ms: performance.now() - start, stages, ...r });
  if (!loaded.value) return done({ ok: false, diagnostics: loaded.diagnostics });
  const result = await buildLoaded(loaded.value, opts, stages, loaded.diagnostics);
  // A stage's problem with no file of its own (the package's verification, say) is this brief's.
  const diagnostics = [...loaded.diagnostics, ...result.diagnostics].map((d) => (d.file === undefined ? { ...d, file } : d));
  const built = done({ ...result, diagnostics });
  if (!result.ok || !result.pptx || opts.deferWrite) return built;
  return writeBuilt(built, opts.outDir);
}

/**
 * Writes a built deck atomically to its path in `outDir`: the result with `out` set, or failed
 * with E_WRITE (the previous deck stays). Results that failed, or hold no deck, pass unchanged.
 */
export async function writeBuilt(result: BuildResult, outDir?: string): Promise<BuildResult> {
  if (!result.ok || !result.pptx) return result;
  const out = outputPathFor(result.brief, outDir);
  const t1 = performance.now();
  try {
    await (await buildStages())[1].writeDeck(out, result.pptx);
  } catch (e) {
    const d = error('E_WRITE', `could not write ${out}: ${(e as Error).message}`, { file: out, hint: 'check that the folder is writable and the file is not open in another program' });
    return { ...result, ok: false, diagnostics: [...result.diagnostics, d] };
  }
  const write = performance.now() - t1;
  return { ...result, ms: result.ms + write, stages: { ...result.stages, write }, out };
}

/**
 * The briefs among `files` whose decks would land on the same path in `outDir` (a/x.yaml and
 * b/x.yaml, or x.yaml and x.yml): an error for each, naming the others, so that no deck silently
 * replaces another. Names differing only in case clash on the file systems that ignore case.
 */
export function outputClashes(files: readonly string[], outDir = 'out'): Diagnostic[] {
  const fold = process.platform === 'darwin' || process.platform === 'win32' ? (p: string) => p.toLowerCase() : (p: string) => p;
  const byDeck = new Map<string, string[]>();
  for (const f of files) {
    const key = fold(resolve(outputPathFor(f, outDir)));
    byDeck.set(key, [...(byDeck.get(key) ?? []), f]);
  }
  const out: Diagnostic[] = [];
  for (const group of byDeck.values()) {
    // The same brief named twice is built twice into the same deck: no harm, no clash.
    if (new Set(group.map((f) => resolve(f))).size < 2) continue;
    const deck = outputPathFor(group[0]!, outDir);
    for (const f of group) {
      const others = group.filter((g) => resolve(g) !== resolve(f));
      out.push(
        error('E_OUTPUT_CLASH', `this brief and ${others.map((o) => `"${o}"`).join(', ')} would both be built into ${deck}`, {
          file: f,
          hint: 'rename one of the briefs (a deck is named after its brief), or build them into different --out folders',
        }),
      );
    }
  }
  return out;
}
