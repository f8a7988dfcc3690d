/**
 * Watch mode: rebuild a deck when its brief, template, partials or theme change, or the logo
 * picture its theme names.
 *
 * One process keeps everything warm (fonts, modules, JIT), so only the first build pays the
 * load cost. A change is built at once, while the editor may still be saving; the deck is
 * written, and the result reported, only once the inputs have been quiet for `quietMs` and
 * still hold what the build read. So a multi-write save is debounced without the debounce
 * adding to the latency, and a half-saved file never reaches the deck or the screen.
 * (chokidar drops repeat change events within 50 ms of one it reported, so the re-read, not
 * the events, is what proves the build saw the final content.)
 *
 * Decks are built into a staging folder inside the output folder and renamed into place on
 * commit, so readers of out/ only ever see complete decks from settled inputs.
 */
import { EventEmitter } from 'node:events';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { BRIEF_MAX_BYTES } from '../load/loadBrief.ts';
import { MAX_INPUT_BYTES, readInput } from '../load/readInput.ts';
import { parseYaml as parseBriefYaml } from '../load/yamlDocument.ts';
import { makeTempDir, removeTemp, sweepStale } from '../tempFiles.ts';
import { buildBrief, DEFAULT_TEMPLATE, outputPathFor, PACKAGE_ROOT, type BuildOptions, type BuildResult } from '../build.ts';
import { error } from '../diagnostics.ts';
import { DEFAULT_THEME, LOGO_MAX_BYTES, themeLogoFile } from '../theme/loadTheme.ts';

export interface WatchOptions {
  /** Project folder holding briefs/, templates/ and out/; default process.cwd(). */
  root?: string;
  /** Briefs to watch, relative to root; default every briefs/*.yaml, including ones added later. */
  files?: string[];
  /** Overrides for every build; `outDir` is relative to root (default "out"). */
  build?: Pick<BuildOptions, 'template' | 'theme' | 'strict' | 'env' | 'outDir'>;
  /** How long inputs must be unchanged before a deck is written; default 50 ms. */
  quietMs?: number;
  /** Build every brief on start (warms the caches); default true. */
  initialBuild?: boolean;
}

export interface WatchBuild {
  result: BuildResult;
  /** "start" for the initial build, else the changed files (as displayed). */
  trigger: 'start' | string[];
  /** Milliseconds from the first change of this round to the deck being written or the failure known. */
  latencyMs?: number;
}

type Events = {
  build: [WatchBuild];
  /** A brief was deleted (its last deck stays). */
  removed: [string];
  /** A problem of the watcher itself (not of a brief), e.g. a folder became unreadable. */
  problem: [Error];
};

type Snapshot = Map<string, Buffer | null>;

export class Watcher extends EventEmitter<Events> {
  readonly root: string;
  readonly briefsDir: string;
  readonly templatesDir: string;
  readonly outDir: string;
  private readonly explicit?: Map<string, string>;
  private readonly quietMs: number;
  private readonly opts: WatchOptions;
  private fsw?: FSWatcher;
  private staging?: string;
  /** Briefs to (re)build -> the changed files that call for it (empty for the initial build). */
  private readonly pending = new Map<string, Set<string>>();
  private readonly lastEventAt = new Map<string, number>();
  private readonly firstEventAt = new Map<string, number>();
  /** Briefs deleted since their last build. */
  private readonly removed = new Set<string>();
  /**
   * The logo pictures the themes name (absolute, as given and as resolved through links) -> the
   * themes that name them. Read on start and again whenever a theme file changes, so a theme
   * that names another picture has that one watched from then on.
   */
  private logos = new Map<string, Set<string>>();
  private running?: Promise<void>;
  private closed = false;
  private closing?: Promise<void>;
  private sleeper?: { timer: NodeJS.Timeout; done: () => void };
  private onClosed!: () => void;
  private readonly closedSignal = new Promise<void>((r) => (this.onClosed = r));

  constructor(opts: WatchOptions = {}) {
    super();
    this.opts = opts;
    this.root = resolve(opts.root ?? process.cwd());
    this.briefsDir = join(this.root, 'briefs');
    const local = join(this.root, 'templates');
    this.templatesDir = existsSync(local) ? local : join(PACKAGE_ROOT, 'templates');
    this.outDir = resolve(this.root, opts.build?.outDir ?? 'out');
    this.quietMs = opts.quietMs ?? 50;
    if (opts.files?.length) this.explicit = new Map(opts.files.map((f) => [resolve(this.root, f), f]));
  }

  /** The briefs watched right now, as absolute paths. */
  briefs(): string[] {
    if (this.explicit) return [...this.explicit.keys()];
    if (!existsSync(this.briefsDir)) return [];
    return readdirSync(this.briefsDir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(this.briefsDir, f));
  }

  /** How a path is shown: as given or relative when the root is the working folder, else absolute. */
  display(abs: string): string {
    const given = this.explicit?.get(abs);
    if (given !== undefined) return isAbsolute(given) || this.root === process.cwd() ? given : abs;
    if (this.root !== process.cwd()) return abs;
    const rel = relative(process.cwd(), abs);
    return rel.startsWith('..') ? abs : rel;
  }

  /** Starts watching; resolves once the watcher is ready and the initial build is done. */
  async start(): Promise<void> {
    if (this.fsw || this.closed) throw new Error('a watcher starts once');
    await mkdir(this.outDir, { recursive: true });
    // Staging folders of watchers that were killed outright (kill -9) are removed here.
    sweepStale([this.outDir]);
    this.staging = makeTempDir(this.outDir, 'watch', true);
    if (this.closed) return this.removeStaging();
    this.logos = themeLogos(this.templatesDir);
    // A theme's logo must be inside the templates folder (loadTheme), so watching that folder
    // covers it; only which of its files count changes.
    const targets = [...(this.explicit ? this.explicit.keys() : [this.briefsDir]), this.templatesDir];
    const fsw = watch(targets, {
      ignoreInitial: true,
      ignored: (p, stats) => {
        const abs = resolve(p);
        if (stats?.isDirectory()) return abs.startsWith(this.briefsDir + sep);
        return stats?.isFile() ? !this.isBrief(abs) && !this.isTemplateFile(abs) && !this.logos.has(abs) : false;
      },
    });
    this.fsw = fsw;
    fsw.on('add', (p) => this.onFsEvent('add', p));
    fsw.on('change', (p) => this.onFsEvent('change', p));
    fsw.on('unlink', (p) => this.onFsEvent('unlink', p));
    fsw.on('error', (e) => this.emit('problem', e instanceof Error ? e : new Error(String(e))));
    await Promise.race([new Promise<void>((ready) => fsw.once('ready', ready)), this.closedSignal]);
    if (this.closed) return;
    if (this.opts.initialBuild !== false) {
      for (const b of this.briefs()) this.pending.set(b, new Set());
      this.kick();
    }
    await this.idle();
  }

  /** Resolves when nothing is waiting to be built. */
  async idle(): Promise<void> {
    while (!this.closed && (this.running || this.pending.size)) {
      if (this.running) await this.running;
      else await new Promise((r) => setImmediate(r));
    }
  }

  /** Stops watching: waits for a build in progress, removes the staging folder. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    this.onClosed();
    this.pending.clear();
    if (this.sleeper) {
      clearTimeout(this.sleeper.timer);
      this.sleeper.done();
    }
    await this.fsw?.close();
    await this.running;
    await this.removeStaging();
  }

  private async removeStaging(): Promise<void> {
    if (this.staging) removeTemp(this.staging);
  }

  private isBrief(abs: string): boolean {
    if (this.explicit) return this.explicit.has(abs);
    return dirname(abs) === this.briefsDir && /\.ya?ml$/.test(abs);
  }

  private isTemplateFile(abs: string): boolean {
    if (!abs.startsWith(this.templatesDir + sep)) return false;
    return abs.endsWith('.hbs') || this.isThemeFile(abs);
  }

  private onFsEvent(kind: 'add' | 'change' | 'unlink', path: string): void {
    if (this.closed) return;
    const abs = resolve(path);
    const now = performance.now();
    this.lastEventAt.set(abs, now);
    if (this.isBrief(abs)) {
      if (kind === 'unlink') {
        this.pending.delete(abs);
        this.firstEventAt.delete(abs);
        this.removed.add(abs);
        this.emit('removed', this.display(abs));
        return;
      }
      this.removed.delete(abs);
      this.mark(abs, abs, now);
    } else if (this.isTemplateFile(abs)) {
      if (this.isThemeFile(abs)) this.rereadLogos();
      for (const b of this.briefsUsing(abs)) this.mark(b, abs, now);
    } else if (this.logos.has(abs)) {
      for (const b of this.briefsUsingThemes(this.logos.get(abs)!)) this.mark(b, abs, now);
    }
    this.kick();
  }

  /** A file directly in templates/themes/ (isTemplateFile has checked it is in the templates folder). */
  private isThemeFile(abs: string): boolean {
    const rel = relative(this.templatesDir, abs).split(sep);
    return rel[0] === 'themes' && rel.length === 2 && /\.ya?ml$/.test(abs);
  }

  /** A theme changed: which pictures the themes name may have too; watch any newly named one. */
  private rereadLogos(): void {
    const before = this.logos;
    this.logos = themeLogos(this.templatesDir);
    // chokidar passed over these files while they were no one's logo. Re-reading their folder
    // on a change would find them, but not every way of watching re-reads it (polling sees a
    // folder change only when its entries do), so they are added by name.
    const added = [...this.logos.keys()].filter((p) => !before.has(p) && existsSync(p));
    if (added.length) this.fsw?.add(added);
  }

  private mark(brief: string, trigger: string, now: number): void {
    let triggers = this.pending.get(brief);
    if (!triggers) this.pending.set(brief, (triggers = new Set()));
    triggers.add(trigger);
    if (!this.firstEventAt.has(brief)) this.firstEventAt.set(brief, now);
  }

  /** The briefs a template, partial or theme file feeds. Unreadable briefs count as users. */
  private briefsUsing(file: string): string[] {
    const [top, second] = relative(this.templatesDir, file).split(sep);
    const briefs = this.briefs();
    if (top === 'partials') return briefs;
    const o = this.opts.build ?? {};
    if (top === 'themes') return this.briefsUsingThemes(new Set([basename(second ?? '', extname(second ?? ''))]));
    return briefs.filter((b) => {
      const deps = readDeps(b);
      return !deps || (o.template ?? deps.template ?? DEFAULT_TEMPLATE) === top;
    });
  }

  /** The briefs built with one of `themes`. Unreadable briefs count as users. */
  private briefsUsingThemes(themes: ReadonlySet<string>): string[] {
    const o = this.opts.build ?? {};
    return this.briefs().filter((b) => {
      const deps = readDeps(b);
      return !deps || themes.has(o.theme ?? deps.theme ?? DEFAULT_THEME);
    });
  }

  private kick(): void {
    if (this.running || this.closed) return;
    this.running = this.loop()
      .catch((e: unknown) => {
        this.emit('problem', e instanceof Error ? e : new Error(String(e)));
      })
      .finally(() => {
        this.running = undefined;
        if (this.pending.size) this.kick();
      });
  }

  private async loop(): Promise<void> {
    while (this.pending.size && !this.closed) {
      const [brief, triggers] = this.pending.entries().next().value as [string, Set<string>];
      this.pending.delete(brief);
      const inputs = [brief, ...[...triggers].filter((t) => t !== brief)];
      const before = await snapshot(inputs);
      // Deleted before we got to it: the 'removed' event has said so.
      if (before.get(brief) === null && this.removed.has(brief)) continue;
      const result = await this.buildStaged(brief);
      await this.quiet(brief, inputs);
      if (this.closed) return;
      // Changed again while building: the next build supersedes this one.
      if (this.pending.has(brief)) continue;
      if (!sameSnapshot(before, await snapshot(inputs))) {
        this.pending.set(brief, triggers);
        continue;
      }
      await this.commit(result);
      const first = this.firstEventAt.get(brief);
      this.firstEventAt.delete(brief);
      this.emit('build', {
        result,
        trigger: triggers.size ? [...triggers].map((t) => this.display(t)) : 'start',
        latencyMs: first === undefined ? undefined : performance.now() - first,
      });
    }
  }

  private async buildStaged(brief: string): Promise<BuildResult> {
    const o = this.opts.build ?? {};
    return buildBrief(this.display(brief), { ...o, outDir: this.staging!, templatesDir: this.templatesDir, projectRoot: this.root });
  }

  /** Moves a built deck from staging into the output folder and names it there. */
  private async commit(result: BuildResult): Promise<void> {
    if (!result.ok || !result.out) return;
    const staged = result.out;
    const finalAbs = join(this.outDir, basename(staged));
    const shown = outputPathFor(result.brief, this.display(this.outDir));
    try {
      await rename(staged, finalAbs);
      result.out = shown;
    } catch (e) {
      result.ok = false;
      delete result.out;
      result.diagnostics.push(error('E_WRITE', `could not write ${shown}: ${(e as Error).message}`, { file: shown, hint: 'check that the folder is writable and the file is not open in another program' }));
    }
  }

  /** Waits until none of `inputs` has changed for quietMs (or the brief is queued again). */
  private async quiet(brief: string, inputs: string[]): Promise<void> {
    for (;;) {
      if (this.closed || this.pending.has(brief)) return;
      const last = Math.max(...inputs.map((p) => this.lastEventAt.get(p) ?? -Infinity));
      const wait = last + this.quietMs - performance.now();
      if (wait <= 0) return;
      await new Promise<void>((done) => {
        this.sleeper = { timer: setTimeout(done, Math.ceil(wait)), done };
      });
      this.sleeper = undefined;
    }
  }
}

/** Creates and starts a watcher. */
export async function startWatch(opts: WatchOptions = {}): Promise<Watcher> {
  const w = new Watcher(opts);
  await w.start();
  return w;
}

/** The most bytes an input may have: a logo may be larger than a text file. */
const SNAPSHOT_MAX_BYTES = Math.max(MAX_INPUT_BYTES, LOGO_MAX_BYTES);

/** The inputs' bytes (null: unreadable), read as builds read them, so a pipe cannot block the watcher. */
async function snapshot(paths: string[]): Promise<Snapshot> {
  const snap: Snapshot = new Map();
  for (const p of paths) {
    const bytes = readInput(p, { file: p, noun: 'file', maxBytes: SNAPSHOT_MAX_BYTES }).value;
    snap.set(p, bytes === undefined ? null : Buffer.from(bytes));
  }
  return snap;
}

function sameSnapshot(a: Snapshot, b: Snapshot): boolean {
  for (const [p, bytes] of a) {
    const other = b.get(p);
    if (bytes === null || other === null || other === undefined) {
      if (bytes !== other) return false;
    } else if (!bytes.equals(other)) return false;
  }
  return true;
}

/**
 * The logo pictures the themes in `templatesDir` name -> the themes naming each: keyed by the
 * path as the theme gives it and, for one reached through a link, by the file it resolves to
 * (where chokidar may report a change to it). A theme that cannot be read names none.
 */
function themeLogos(templatesDir: string): Map<string, Set<string>> {
  const logos = new Map<string, Set<string>>();
  const dir = join(templatesDir, 'themes');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
  } catch {
    return logos;
  }
  for (const f of files) {
    const logo = themeLogoFile(join(dir, f));
    if (!logo) continue;
    const paths = new Set([logo]);
    try {
      paths.add(realpathSync(logo));
    } catch {
      // Not there (yet): watched once a theme change finds it.
    }
    for (const p of paths) {
      const themes = logos.get(p) ?? new Set<string>();
      themes.add(f.slice(0, -'.yaml'.length));
      logos.set(p, themes);
    }
  }
  return logos;
}

/** A brief's own template and theme choice; undefined when it can't be read or parsed. */
function readDeps(brief: string): { template?: string; theme?: string } | undefined {
  try {
    // The loader's guarded readers: a pipe, a huge or a deeply nested brief fails fast here too.
    const bytes = readInput(brief, { file: brief, noun: 'brief', maxBytes: BRIEF_MAX_BYTES }).value;
    if (bytes === undefined) return undefined;
    const data = parseBriefYaml(bytes, brief, { maxBytes: BRIEF_MAX_BYTES }).value?.value;
    if (data === null || typeof data !== 'object') return undefined;
    const { template, theme } = data as { template?: unknown; theme?: unknown };
    return { template: typeof template === 'string' ? template : undefined, theme: typeof theme === 'string' ? theme : undefined };
  } catch {
    return undefined;
  }
}
