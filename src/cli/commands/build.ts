/**
 * `build` and `check`: one line per deck on stdout, diagnostics and a summary on stderr, or one
 * JSON document with --json. `build --pdf/--preview` also exports through LibreOffice.
 */
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildOptions, BuildResult } from '../../build.ts';
import { error, type Diagnostic } from '../../diagnostics.ts';
import { setMemoProfile } from '../../memoBudget.ts';
import type { ExportedFile, ExportResult } from '../../preview/export.ts';
import { sweepStale } from '../../tempFiles.ts';
import { buildOptionsIn, COMMON, EXIT, Failure, UsageError, userPath, type Command, type Ctx } from '../command.ts';
import { formatBytes, formatMs, noun, paint, paintStdout, printable, printableJson, printDiagnostics, type Out } from '../output.ts';

export const BUILD_OPTIONS = {
  ...COMMON,
  template: { type: 'string', short: 't' },
  theme: { type: 'string' },
  out: { type: 'string', short: 'o' },
  strict: { type: 'boolean' },
} as const;

/** A build result with what was exported from it (`--pdf`, `--preview`). */
export interface CliResult extends BuildResult {
  pdf?: ExportedFile;
  preview?: ExportedFile;
}

/** The brief files to work on: those named, or every briefs/*.yaml (in `cwd`, default the process's). */
export function briefFiles(positionals: string[], cwd?: string): string[] {
  if (positionals.length) return positionals.map((p) => userPath(cwd, p));
  const dir = userPath(cwd, 'briefs');
  if (!existsSync(dir)) throw new UsageError('no brief files named and no briefs/ folder here');
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOTDIR' ? 'it is a file, not a folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (e as Error).message;
    throw new Failure([error('E_READ', `cannot list the briefs folder: ${why}`, { file: dir, hint: 'briefs/ must be a readable folder of .yaml files; or name the brief files to build' })]);
  }
  const files = names
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
  if (!files.length) throw new UsageError('briefs/ holds no .yaml files');
  return files;
}

/** One result as plain JSON data: the contract's diagnostics plus what was built. */
export function resultJson(r: CliResult): Record<string, unknown> {
  const { pptx: _pptx, placed: _placed, deck: _deck, ...rest } = r;
  return {
    ...rest,
    ms: Math.round(r.ms),
    stages: Object.fromEntries(Object.entries(r.stages).map(([k, v]) => [k, Math.round(v * 10) / 10])),
  };
}

/** JSON form of results: the contract's diagnostics plus what was built. */
export function resultsJson(results: CliResult[]): string {
  return printableJson({ ok: results.every((r) => r.ok), results: results.map(resultJson) }, 2);
}

/** The stdout line for a result: `✓ out/x.pptx  12 slides  120 KB  85 ms`. */
export function resultLine(out: Out, r: BuildResult): string {
  if (!r.ok) return `${paintStdout(out, 'red', '✗')} ${printable(r.brief)}  failed`;
  const what = r.out ? `${printable(r.out)}  ${noun(r.slides ?? 0, 'slide')}  ${formatBytes(r.bytes ?? 0)}` : `${printable(r.brief)}  ok, ${noun(r.slides ?? 0, 'slide')}`;
  return `${paintStdout(out, 'green', '✓')} ${what}  ${formatMs(r.ms)}`;
}

function exportLines(out: Out, e: ExportResult): string[] {
  const ok = paintStdout(out, 'green', '✓');
  return [e.pdf, e.preview]
    .filter((f): f is ExportedFile => f !== undefined)
    .map((f) => `${ok} ${printable(f.path)}  ${f.pages !== undefined ? `${noun(f.pages, 'slide')}  ` : ''}${formatBytes(f.bytes)}  ${formatMs(e.ms)}`);
}

/** Runs promises with at most `limit` at once. */
function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (active >= limit) await new Promise<void>((r) => waiting.push(r));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

interface RunFlags {
  json: boolean;
  pdf: boolean;
  preview: boolean;
  /** Briefs built at once, each on a worker thread; 1 builds them one by one in this thread. */
  jobs: number;
}

/** `--jobs N`: a whole number of at least 1; by default one per core. */
export function jobsOption(values: Record<string, unknown>): number {
  const v = values.jobs as string | undefined;
  if (v === undefined) return availableParallelism();
  if (!/^\d+$/.test(v.trim()) || Number(v) < 1) throw new UsageError(`--jobs takes a whole number of at least 1, not "${v}"`);
  return Number(v);
}

export async function runBriefs(files: string[], opts: BuildOptions, flags: RunFlags, ctx: Ctx, verb: 'built' | 'checked'): Promise<number> {
  // When nothing follows in this process, only the memos that serve within a build are kept.
  const was = ctx.exitsAfter ? setMemoProfile('batch') : undefined;
  try {
    return await runEach(files, opts, flags, ctx, verb);
  } finally {
    if (was) setMemoProfile(was);
  }
}

async function runEach(files: string[], opts: BuildOptions, flags: RunFlags, ctx: Ctx, verb: 'built' | 'checked'): Promise<number> {
  const { out } = ctx;
  const results: CliResult[] = [];
  const many = files.length > 1;
  const exporting = flags.pdf || flags.preview;
  // Loaded when used: the pipeline (and with it, for a build, the renderer), and LibreOffice's
  // helpers only for --pdf/--preview.
  const { buildBrief, outputClashes } = await import('../../build.ts');
  const { exportDeck, missingTools } = exporting ? await import('../../preview/export.ts') : {};
  const tools = exporting ? (await import('../../convert/libreoffice.ts')).findTools(ctx.env) : {};
  // A missing tool is reported once, after the decks (which are still built).
  const missing = missingTools?.({ ...flags, fromSvg: true }, tools) ?? [];
  // LibreOffice runs in child processes, so conversions overlap the next builds.
  const limit = limiter(Math.min(4, availableParallelism()));
  const exports: Promise<void>[] = [];
  // What an earlier run left when it was killed outright (kill -9): its process is gone.
  if (verb === 'built') sweepStale([opts.outDir ?? 'out', tmpdir()]);
  const clashes = outputClashes(files, opts.outDir);
  /** What is printed and exported for the i-th brief's result; called in the order of `files`. */
  const deliver = (i: number, r: CliResult) => {
    if (many && !flags.json) out.stderr(paint(out, 'dim', `[${i + 1}/${files.length}] ${printable(files[i]!)}`));
    results.push(r);
    if (!flags.json) {
      printDiagnostics(out, r.diagnostics);
      out.stdout(resultLine(out, r));
    }
    if (!r.ok || !r.out || !exporting) return;
    if (missing.length) {
      r.ok = false;
      r.diagnostics.push(...missing);
      return;
    }
    const outDir = opts.outDir ?? 'out';
    exports.push(
      limit(() => exportDeck!(r.out!, { pdf: flags.pdf, preview: flags.preview, outDir, tools, placed: r.placed })).then((e) => {
        if (e.pdf) r.pdf = e.pdf;
        if (e.preview) r.preview = e.preview;
        r.diagnostics.push(...e.diagnostics);
        if (e.diagnostics.some((d) => d.severity === 'error')) r.ok = false;
        if (flags.json) return;
        printDiagnostics(out, e.diagnostics);
        for (const line of exportLines(out, e)) out.stdout(line);
      }),
    );
  };
  // Results are delivered in the order of `files`, however the builds interleave.
  const ready = new Map<number, CliResult>();
  let shown = 0;
  const take = (i: number, r: CliResult) => {
    ready.set(i, r);
    for (let next = ready.get(shown); next; next = ready.get(shown)) {
      ready.delete(shown);
      deliver(shown++, next);
    }
  };
  const toBuild: number[] = [];
  for (const [i, file] of files.entries()) {
    const clash = clashes.filter((d) => d.file === file);
    if (clash.length) take(i, { brief: file, ok: false, ms: 0, stages: {}, diagnostics: clash });
    else toBuild.push(i);
  }
  // A preview is drawn from the placed deck, which stays in the process that laid it out: with
  // --preview the briefs are built here, one after another.
  if (flags.jobs > 1 && toBuild.length > 1 && !flags.preview) {
    const { buildInWorkers } = await import('../../batch/pool.ts');
    await buildInWorkers(toBuild.map((i) => files[i]!), opts, flags.jobs, (k, r) => take(toBuild[k]!, r));
  } else {
    for (const [k, i] of toBuild.entries()) {
      // A build runs without giving the event loop a turn, so a Ctrl-C or SIGTERM is handled
      // between briefs: without this turn, only once the last brief was built.
      if (k > 0) await new Promise<void>((next) => setImmediate(next));
      take(i, await buildBrief(files[i]!, opts));
    }
  }
  await Promise.all(exports);
  const failed = results.filter((r) => !r.ok).length;
  if (flags.json) out.stdout(resultsJson(results));
  else {
    if (missing.length && results.some((r) => r.out)) printDiagnostics(out, missing);
    const warnings = results.reduce((n, r) => n + r.diagnostics.filter((d: Diagnostic) => d.severity === 'warning').length, 0);
    out.stderr(`${verb === 'built' ? 'Built' : 'Checked'} ${noun(results.length - failed, 'brief')} ok, ${failed} failed, ${noun(warnings, 'warning')}.`);
  }
  return failed ? EXIT.failed : EXIT.ok;
}

export const build: Command = {
  summary: 'Build decks from briefs',
  usage: 'briefdeck build [FILES...] [--template NAME] [--theme NAME] [--out DIR] [--strict] [--pdf] [--preview] [--jobs N] [--json]',
  options: { ...BUILD_OPTIONS, pdf: { type: 'boolean' }, preview: { type: 'boolean' }, jobs: { type: 'string', short: 'j' } },
  help: `Builds each brief into <out>/<name>.pptx. With no FILES, builds every briefs/*.yaml.
A brief that fails does not stop the others; the exit status is 1 if any failed.
The last good deck stays in place when a build fails.

Options:
  -t, --template NAME  template folder under templates/ (default: the brief's, else "briefing")
      --theme NAME     theme under templates/themes/ (default: the brief's, else "civic")
  -o, --out DIR        output folder (default: out)
      --strict         treat warnings (e.g. text set below the size floor) as errors
      --pdf            also write <out>/<name>.pdf (needs LibreOffice)
      --preview        also write <out>/<name>.png, every slide on one contact sheet
                       (drawn in-process from the slides' SVG; no outside tool)
  -j, --jobs N         build N briefs at once, each on a worker thread (default: one per
                       core); output and exit status are the same whatever N
      --json           print results and diagnostics as JSON
  -h, --help           show this help

A PDF or preview that can't be made (e.g. LibreOffice is not installed) is an error
(exit 1), but the .pptx is still written.

Examples:
  briefdeck build
  briefdeck build briefs/kim-putin-2023.yaml --template executive
  briefdeck build --pdf --preview
  briefdeck build --strict --json > results.json`,
  run: (positionals, values, ctx) =>
    runBriefs(briefFiles(positionals, ctx.cwd), buildOptionsIn(ctx, values), { json: Boolean(values.json), pdf: Boolean(values.pdf), preview: Boolean(values.preview), jobs: jobsOption(values) }, ctx, 'built'),
};

export const check: Command = {
  summary: 'Validate briefs, templates and themes without writing anything',
  usage: 'briefdeck check [FILES...] [--template NAME] [--theme NAME] [--strict] [--jobs N] [--json]',
  options: { ...BUILD_OPTIONS, jobs: { type: 'string', short: 'j' } },
  help: `Loads, composes and lays out each brief, reporting every problem with file:line:col.
Writes nothing. Exit status 1 if any brief is invalid.

Options:
  -t, --template NAME  template folder under templates/ (default: the brief's, else "briefing")
      --theme NAME     theme under templates/themes/ (default: the brief's, else "civic")
      --strict         treat warnings as errors
  -j, --jobs N         check N briefs at once (default: one per core)
      --json           print results and diagnostics as JSON
  -h, --help           show this help

Examples:
  briefdeck check
  briefdeck check briefs/my-brief.yaml --strict`,
  run: (positionals, values, ctx) =>
    runBriefs(briefFiles(positionals, ctx.cwd), { ...buildOptionsIn(ctx, values), checkOnly: true }, { json: Boolean(values.json), pdf: false, preview: false, jobs: jobsOption(values) }, ctx, 'checked'),
};
