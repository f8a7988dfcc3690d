/** `serve`: a live preview of the decks in the browser, rebuilt as their inputs change. */
import { EXIT, UsageError, type Command } from '../command.ts';
import { paint, printable } from '../output.ts';
import { firstStopSignal, signalExitCode, type StopSignal } from '../signals.ts';
import { BUILD_OPTIONS } from './build.ts';
import { cliWatcher } from './watch.ts';

export const DEFAULT_PORT = 4173;

/** The --port value: an integer 0-65535 (0: any free port). */
export function portOption(v: unknown): number {
  if (v === undefined) return DEFAULT_PORT;
  const s = String(v).trim();
  if (!/^\d{1,5}$/.test(s) || Number(s) > 65535) throw new UsageError(`--port needs a port number from 0 to 65535, not "${s}"`);
  return Number(s);
}

function stopped(signal: AbortSignal | undefined): { promise: Promise<StopSignal | undefined>; dispose: () => void } {
  if (!signal) return firstStopSignal();
  return {
    promise: signal.aborted ? Promise.resolve(undefined) : new Promise((r) => signal.addEventListener('abort', () => r(undefined), { once: true })),
    dispose: () => {},
  };
}

export const serveCommand: Command = {
  summary: 'Preview decks live in the browser, with a presenter view',
  usage: 'briefdeck serve [FILES...] [--port N] [--template NAME] [--theme NAME] [--out DIR] [--strict]',
  options: { ...BUILD_OPTIONS, port: { type: 'string', short: 'p' } },
  help: `Builds every brief (or the FILES named), then serves a preview on 127.0.0.1 and
prints its address. Each brief has a page with every slide as SVG (the same frames, line
breaks and fonts as the .pptx), its speaker notes, its errors and warnings with
file:line:col and the slide they concern highlighted, and links to download the .pptx
(and the PDF, when LibreOffice is installed).

Saving a brief, template, partial or theme rebuilds as "briefdeck watch" does, and open
pages update in place, keeping their scroll position. A brief that fails shows its
errors over its last good slides. /present/NAME shows the deck full-window: arrows,
Page Up/Down, Home/End, a number then Enter, "b" for a black screen, "s" for the
speaker window (current and next slide, notes, elapsed time). Stop with Ctrl-C.

Options:
  -p, --port N         port on 127.0.0.1 (default: ${DEFAULT_PORT}; 0 picks a free one)
  -t, --template NAME  template for every brief (default: the brief's, else "briefing")
      --theme NAME     theme for every brief (default: the brief's, else "civic")
  -o, --out DIR        output folder for the decks (default: out)
      --strict         treat warnings as errors
      --json           print each build result as one line of JSON
  -h, --help           show this help

Examples:
  briefdeck serve
  briefdeck serve briefs/kim-putin-2023.yaml --port 8080`,
  async run(positionals, values, ctx) {
    const port = portOption(values.port);
    const stop = stopped(ctx.signal);
    try {
      // Loaded when serving: the server, the SVG renderer and the pipeline.
      const { PreviewServer } = await import('../../serve/server.ts');
      const server = new PreviewServer({ watcher: await cliWatcher(positionals, values, ctx), port });
      let stopping = false;
      void stop.promise.then(() => {
        stopping = true;
        return server.close();
      });
      try {
        await server.start();
      } catch (e) {
        await server.close();
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EADDRINUSE' || code === 'EACCES') throw new UsageError(`port ${port} on 127.0.0.1 is ${code === 'EADDRINUSE' ? 'in use' : 'not allowed'}; pick another with --port N (0 picks a free one)`);
        throw e;
      }
      if (!stopping) {
        const pages = [...server.states.values()].map((s) => `${server.url}brief/${encodeURIComponent(s.id)}`);
        if (values.json) ctx.out.stdout(JSON.stringify({ url: server.url, pages }));
        else {
          ctx.out.stdout(`Serving ${pages.length === 1 ? 'a preview' : `${pages.length} previews`} at ${server.url}`);
          for (const p of pages) ctx.out.stdout(`  ${printable(p)}`);
          ctx.out.stderr(paint(ctx.out, 'dim', 'Rebuilding on save; open pages update themselves. Press Ctrl-C to stop.'));
        }
      }
      const by = await stop.promise;
      await server.close();
      if (!values.json) ctx.out.stderr('Stopped serving.');
      return by ? signalExitCode(by) : EXIT.ok;
    } finally {
      stop.dispose();
    }
  },
};
