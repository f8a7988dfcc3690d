/**
 * `node --import ./test/support/traceModules.mjs ...` with TRACE_MODULES=<file>: at exit, writes
 * to <file> every module the process loaded, one URL or path a line: the ES modules (seen by a
 * load hook, which runs off the main thread and so reports them by message) and the CommonJS
 * ones (require.cache). For tests of what a command loads; not used by briefdeck itself.
 */
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const out = process.env.TRACE_MODULES;
if (out) {
  const seen = new Set();
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url) => seen.add(url));
  port1.unref();
  register('./traceModulesHooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    for (const p of Object.keys(require.cache)) seen.add(p);
    writeFileSync(out, [...seen].join('\n') + '\n');
  });
}
