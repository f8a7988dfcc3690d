/**
 * `node --import ./test/support/traceModules.mjs ...` with TRACE_MODULES=<file>: at exit, writes
 * to <file> every module the process loaded, one URL or path a line: the ES modules (seen by a
 * load hook, which runs off the main thread and so reports them by message) and the CommonJS
 * ones (require.cache), and the modules inside the compiled bundle (dist/briefdeck.cjs) that
 * ran: esbuild puts each module a command imports lazily in an init function keyed by its path,
 * which this wraps to note the path when it first runs, and evaluates the others as the bundle
 * loads. For tests of what a command loads; not used by briefdeck itself.
 */
import { writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { MessageChannel } from 'node:worker_threads';

/**
 * esbuild's init helpers for lazily evaluated modules, as the bundle defines them (the name of
 * __esm's third parameter depends on the other names in the bundle: err, err2...).
 */
const HELPERS = [/var __esm = \(fn, res, \w+\) => function __init\(\) \{\n/, /var __commonJS = \(cb, mod\) => function __require\(\) \{\n/];

/**
 * The bundle's source, changed to report the modules it runs through `note` (a global), and the
 * modules it evaluates as it loads. Throws when esbuild's helpers are not where they were, so a
 * changed bundle format fails the tests instead of tracing nothing.
 */
function tracedBundle(source, root) {
  let traced = source;
  for (const helper of HELPERS) {
    const found = helper.exec(traced)?.[0];
    if (!found) throw new Error(`traceModules: the bundle has no match for ${helper}: esbuild's output changed`);
    const arg = found.includes('(fn,') ? 'fn' : 'cb';
    traced = traced.replace(found, `${found}  if (${arg}) globalThis.__briefdeckTrace(__getOwnPropNames(${arg})[0]);\n`);
  }
  // Every module starts with a "// path" line; those without an init function run at load.
  const wrapped = new Set([...source.matchAll(/^ {2}"((?:src|node_modules)\/[^"]+)"\(/gm)].map((m) => m[1]));
  const eager = [...source.matchAll(/^\/\/ ((?:src|node_modules)\/\S+)$/gm)].map((m) => m[1]).filter((path) => !wrapped.has(path));
  return { traced, eager: eager.map((path) => join(root, path)) };
}

const out = process.env.TRACE_MODULES;
if (out) {
  const seen = new Set();
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (url) => seen.add(url));
  port1.unref();
  register('./traceModulesHooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
  const OriginalScript = vm.Script;
  vm.Script = class extends OriginalScript {
    constructor(source, options) {
      if (!options?.filename?.endsWith('briefdeck.cjs')) return super(source, options);
      const root = dirname(dirname(options.filename));
      const { traced, eager } = tracedBundle(source, root);
      for (const path of eager) seen.add(path);
      globalThis.__briefdeckTrace = (path) => seen.add(join(root, path));
      // The code cache belongs to the untraced text.
      super(traced, { ...options, cachedData: undefined });
    }
  };
  const require = createRequire(import.meta.url);
  process.on('exit', () => {
    for (const p of Object.keys(require.cache)) seen.add(p);
    writeFileSync(out, [...seen].join('\n') + '\n');
  });
}
