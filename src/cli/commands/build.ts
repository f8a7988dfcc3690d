/**
 * `build` and `check`: one line per deck on stdout, diagnostics and a summary on stderr, or one
 * JSON document with --json. `build --pdf/--preview` also exports through LibreOffice.
 */
import { existsSync, readdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBrief, outputClashes, type BuildOptions, type BuildResult } from '../../build.ts';
import { findTools } from '../../convert/libreoffice.ts';
import { error, type Diagnostic } from '../../diagnostics.ts';
import { exportDeck, missingTools, type ExportedFile, type ExportResult } from '../../preview/export.ts';
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
}

export async function runBriefs(files: string[], opts: BuildOptions, flags: RunFlags, ctx: Ctx, verb: 'built' | 'checked'): Promise<number> {
  const { out } = ctx;
  const results: CliResult[] = [];
  const many = files.length > 1;
  const exporting = flags.pdf || flags.preview;
  const tools = exporting ? findTools(ctx.env) : {};
  // A missing tool is reported once, after the decks (which are still built).
  const missing = exporting ? missingTools({ ...flags, fromSvg: true }, tools) : [];
  // LibreOffice runs in child processes, so conversions overlap the next builds.
  const limit = limiter(Math.max(1, Math.min(4, cpus().length)));
  const exports: Promise<void>[] = [];
  // What an earlier run left when it was killed outright (kill -9): its process is gone.
  if (verb === 'built') sweepStale([opts.outDir ?? 'out', tmpdir()]);
  const clashes = outputClashes(files, opts.outDir);
  for (const [i, file] of files.entries()) {
    if (many && !flags.json) out.stderr(paint(out, 'dim', `[${i + 1}/${files.length}] ${printable(file)}`));
    const clash = clashes.filter((d) => d.file === file);
    const r: CliResult = clash.length ? { brief: file, ok: false, ms: 0, stages: {}, diagnostics: clash } : await buildBrief(file, opts);
    results.push(r);
    if (!flags.json) {
      printDiagnostics(out, r.diagnostics);
      out.stdout(resultLine(out, r));
    }
    if (!r.ok || !r.out || !exporting) continue;
    if (missing.length) {
      r.ok = false;
      r.diagnostics.push(...missing);
      continue;
    }
    const outDir = opts.outDir ?? 'out';
    exports.push(
      limit(() => exportDeck(r.out!, { pdf: flags.pdf, preview: flags.preview, outDir, tools, placed: r.placed })).then((e) => {
        if (e.pdf) r.pdf = e.pdf;
        if (e.preview) r.preview = e.preview;
        r.diagnostics.push(...e.diagnostics);
        if (e.diagnostics.some((d) => d.severity === 'error')) r.ok = false;
        if (flags.json) return;
        printDiagnostics(out, e.diagnostics);
        for (const line of exportLines(out, e)) out.stdout(line);
      }),
    );
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
  usage: 'briefdeck build [FILES...] [--template NAME] [--theme NAME] [--out DIR] [--strict] [--pdf] [--preview] [--json]',
  options: { ...BUILD_OPTIONS, pdf: { type: 'boolean' }, preview: { type: 'boolean' } },
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
    runBriefs(briefFiles(positionals, ctx.cwd), buildOptionsIn(ctx, values), { json: Boolean(values.json), pdf: Boolean(values.pdf), preview: Boolean(values.preview) }, ctx, 'built'),
};

export const check: Command = {
  summary: 'Validate briefs, templates and themes without writing anything',
  usage: 'briefdeck check [FILES...] [--template NAME] [--theme NAME] [--strict] [--json]',
  options: BUILD_OPTIONS,
  help: `Loads, composes and lays out each brief, reporting every problem with file:line:col.
Writes nothing. Exit status 1 if any brief is invalid.

Options:
  -t, --template NAME  template folder under templates/ (default: the brief's, else "briefing")
      --theme NAME     theme under templates/themes/ (default: the brief's, else "civic")
      --strict         treat warnings as errors
      --json           print results and diagnostics as JSON
  -h, --help           show this help

Examples:
  briefdeck check
  briefdeck check briefs/my-brief.yaml --strict`,
  run: (positionals, values, ctx) =>
    runBriefs(briefFiles(positionals, ctx.cwd), { ...buildOptionsIn(ctx, values), checkOnly: true }, { json: Boolean(values.json), pdf: false, preview: false }, ctx, 'checked'),
};
