/** `watch`: rebuilds decks as their briefs, templates, partials and themes change. */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Watcher, WatchOptions } from '../../watch/watcher.ts';
import { buildOptionsIn, EXIT, Failure, pathOption, UsageError, userPath, type Command, type Ctx } from '../command.ts';
import { noun, paint, printable, printableJson, printDiagnostics } from '../output.ts';
import { firstStopSignal, signalExitCode, type StopSignal } from '../signals.ts';
import { BUILD_OPTIONS, resultJson, resultLine } from './build.ts';

/**
 * A watcher (not started) that prints every result to ctx.out: the build line on stdout (or one
 * JSON object per line with --json), diagnostics on stderr.
 */
export async function cliWatcher(positionals: string[], values: Record<string, unknown>, ctx: Ctx): Promise<Watcher> {
  const { out } = ctx;
  // Loaded when watching: the watcher (chokidar) and the pipeline are no cost to other commands.
  const [{ outputClashes }, { Watcher }] = await Promise.all([import('../../build.ts'), import('../../watch/watcher.ts')]);
  const root = ctx.cwd ?? process.cwd();
  for (const f of positionals) if (!existsSync(userPath(root, f))) throw new UsageError(`no such brief: ${f}`);
  const clashes = outputClashes(positionals, pathOption(values, 'out'));
  if (clashes.length) throw new Failure(clashes);
  if (!positionals.length && !existsSync(userPath(root, 'briefs'))) throw new UsageError('no brief files named and no briefs/ folder here');
  const b = buildOptionsIn(ctx, values);
  const build: WatchOptions['build'] = { template: b.template, theme: b.theme, strict: b.strict, outDir: pathOption(values, 'out') ?? 'out' };
  if (ctx.env) build.env = ctx.env;
  const watcher = new Watcher({ root, files: positionals.length ? positionals : undefined, build });
  watcher.on('build', ({ result }) => {
    if (values.json) {
      out.stdout(printableJson(resultJson(result)));
      return;
    }
    printDiagnostics(out, result.diagnostics);
    out.stdout(resultLine(out, result));
  });
  watcher.on('removed', (file) => {
    if (values.json) out.stdout(printableJson({ removed: file }));
    else out.stderr(`${printable(file)} was removed; its last deck stays`);
  });
  watcher.on('problem', (e) => out.stderr(`briefdeck watch: ${paint(out, 'red', 'problem')}: ${printable(e.message)} (still watching)`));
  return watcher;
}

function announce(watcher: Watcher, positionals: string[], values: Record<string, unknown>, out: Ctx['out']): void {
  if (values.json) return;
  const shown = (p: string) => {
    const rel = relative(process.cwd(), p);
    return watcher.root === process.cwd() && !rel.startsWith('..') ? rel || '.' : p;
  };
  const what = positionals.length ? noun(positionals.length, 'brief') : `${shown(watcher.briefsDir)}/`;
  out.stderr(paint(out, 'dim', `Watching ${printable(what)} and ${printable(shown(watcher.templatesDir))}/ for changes. Press Ctrl-C to stop.`));
}

/**
 * Resolves when `signal` aborts (with undefined), or without one on the first Ctrl-C or SIGTERM
 * (with the signal).
 */
function stopped(signal: AbortSignal | undefined): { promise: Promise<StopSignal | undefined>; dispose: () => void } {
  if (signal) {
    return {
      promise: signal.aborted ? Promise.resolve(undefined) : new Promise((r) => signal.addEventListener('abort', () => r(undefined), { once: true })),
      dispose: () => {},
    };
  }
  return firstStopSignal();
}

export const watchCommand: Command = {
  summary: 'Rebuild decks whenever a brief, template, partial or theme changes',
  usage: 'briefdeck watch [FILES...] [--template NAME] [--theme NAME] [--out DIR] [--strict] [--json]',
  options: BUILD_OPTIONS,
  help: `Builds every brief (or the FILES named) once, then watches. Saving a brief rebuilds
its deck; saving a template, partial, theme or theme logo rebuilds the briefs that use it.
An error is printed and watching goes on; the last good deck stays in place. Stop with Ctrl-C.

Each result prints as "briefdeck build" prints it. A deck is written once the files
have been quiet for 50 ms, so an editor's multi-step save builds once.

Options:
  -t, --template NAME  template for every brief (default: the brief's, else "briefing")
      --theme NAME     theme for every brief (default: the brief's, else "civic")
  -o, --out DIR        output folder (default: out)
      --strict         treat warnings as errors
      --json           print each result as one line of JSON (JSON Lines)
  -h, --help           show this help

Examples:
  briefdeck watch
  briefdeck watch briefs/kim-putin-2023.yaml --theme civic
  npm run watch`,
  async run(positionals, values, ctx) {
    // Listen for Ctrl-C from the start, so one during the initial build also stops cleanly.
    const stop = stopped(ctx.signal);
    try {
      const watcher = await cliWatcher(positionals, values, ctx);
      let stopping = false;
      // A stop during the initial build ends it after the deck in progress.
      void stop.promise.then(() => {
        stopping = true;
        return watcher.close();
      });
      await watcher.start();
      if (!stopping) announce(watcher, positionals, values, ctx.out);
      const by = await stop.promise;
      await watcher.close();
      if (!values.json) ctx.out.stderr('Stopped watching.');
      // Stopped by a signal, the status says which (130 Ctrl-C, 143 SIGTERM), as a shell reports
      // any process interrupted so; stopped by its caller (an AbortSignal), the watch succeeded.
      return by ? signalExitCode(by) : EXIT.ok;
    } finally {
      stop.dispose();
    }
  },
};
