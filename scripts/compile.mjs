#!/usr/bin/env node
/**
 * `npm run compile` (also run by `npm install`, as the `prepare` script) makes dist/:
 *
 * - js: src/ and the pure-JavaScript packages it imports, bundled into one CommonJS script,
 *   with the templates briefdeck ships precompiled (src/compose/precompiled.ts),
 *   dist/briefdeck.cjs, that bin/compiled.js loads through vm.Script. So the CLI starts without a
 *   TypeScript transform, without resolving and reading a few hundred module files, and (with
 *   the code cache below) without compiling. Modules a command imports lazily stay lazy in the
 *   bundle: esbuild wraps each in an init function that runs on the first import, so `--version`
 *   or `check` evaluate only what they run. Packages with native code (sharp, resvg) stay
 *   outside, required from node_modules when a deck has pictures or a preview is asked for.
 *   dist/batch-worker.js, the batch worker's entry, loads the same bundle. The preview server's
 *   browser files (src/serve/assets/) are copied to dist/assets/, where it looks for them.
 * - fonts: the precomputed font metrics tables, dist/fonts/ (see src/layout/fontTable.ts).
 * - atlas: the map's world table, dist/atlas/countries-50m.bin (see src/map/atlas.ts).
 * - cache: V8's code cache for the bundle, made after a build of the shipped brief in a
 *   temporary folder, so it holds the bytecode of every function such a build runs. Node 20
 *   caches no compiled code of its own (module.enableCompileCache came in Node 22). The run
 *   sets bin/compiled.js's V8 flags as every run of the bundle does, so V8 accepts the cache.
 *
 * Nothing here is committed (dist/ is ignored); bin/briefdeck.js runs src/ through tsx instead
 * whenever dist/ is missing or older than src/. `node scripts/compile.mjs js fonts atlas cache` runs
 * only the parts named.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { asciiOnly } from './asciiOnly.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);
/** Packages with native code, loaded from node_modules at run time. */
const NATIVE = ['sharp', '@resvg/resvg-js'];

/**
 * What the bundle runs in place of linebreak's `base64.toByteArray("...")`: the packed class
 * table (highStart, errorValue and length, then the words deflated twice) unpacked by node:zlib,
 * as the `{ data, highStart, errorValue }` that UnicodeTrie takes already parsed.
 */
const UNPACK_CLASSES = `(bytes) => {
  const zlib = require("node:zlib");
  const data = zlib.inflateRawSync(zlib.inflateRawSync(bytes.subarray(12)));
  const words = new Uint32Array(data.length >> 2);
  if (require("node:os").endianness() === "LE") new Uint8Array(words.buffer).set(data.subarray(0, words.length * 4));
  else for (let i = 0; i < words.length; i++) words[i] = data.readUInt32LE(4 * i);
  return { data: words, highStart: bytes.readUInt32LE(0), errorValue: bytes.readUInt32LE(4) };
}`;

/**
 * linebreak's dist/module.mjs (or main.cjs) with its packed class table replaced by
 * UNPACK_CLASSES (see the 'linebreak-classes' plugin), or undefined when its text is not as
 * expected or the two decodings differ.
 */
function unpackedLinebreak(text, path) {
  const DATA = /(?:\(\$parcel\$interopDefault\(\$\w+\$base64js\)\)|\$\w+\$base64js)\.toByteArray\("([A-Za-z0-9+/=]+)"\)/g;
  const found = [...text.matchAll(DATA)];
  const say = (why) => console.warn(`briefdeck: linebreak bundled as it is (${why}); its class table is unpacked in JavaScript`);
  if (found.length !== 1) return say(`found ${found.length} packed tables, not 1`);
  const b64 = found[0][1];
  const fromPackage = createRequire(path);
  const own = new (fromPackage('unicode-trie'))(fromPackage('base64-js').toByteArray(b64));
  let ours;
  try {
    ours = new Function('require', `return ${UNPACK_CLASSES}`)(createRequire(import.meta.url))(Buffer.from(b64, 'base64'));
  } catch (e) {
    return say(`zlib could not unpack it: ${e.message}`);
  }
  const same = ours.highStart === own.highStart && ours.errorValue === own.errorValue && ours.data.length === own.data.length && ours.data.every((v, i) => v === own.data[i]);
  if (!same) return say('zlib unpacks it differently');
  return `${text.slice(0, found[0].index)}(${UNPACK_CLASSES})(Buffer.from(${JSON.stringify(b64)}, "base64"))${text.slice(found[0].index + found[0][0].length)}`;
}

if (want('js')) {
  mkdirSync(DIST, { recursive: true });
  // Written last: bin/briefdeck.js compares src/ against this file's time. The last compile's
  // files go (the code cache's name changes with the bundle's content).
  rmSync(join(DIST, 'BUILT'), { force: true });
  for (const f of readdirSync(DIST, { withFileTypes: true }).filter((e) => e.isFile())) rmSync(join(DIST, f.name));
  const t0 = performance.now();
  // The bundled templates, precompiled, in place of src/compose/precompiled.ts (TypeScript that
  // shares the template reading, hence a tsx child).
  const precompiled = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/precompile.ts')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  if (precompiled.status !== 0) process.exit(precompiled.status ?? 1);
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/compiled.ts'],
    outfile: join(DIST, 'briefdeck.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: NATIVE,
    // bin/compiled.js passes the bundle's own URL in; dynamic imports of modules outside the
    // bundle become require() (a vm.Script has no ES module loader behind it).
    define: { 'import.meta.url': '__importMetaUrl' },
    supported: { 'dynamic-import': false },
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
    plugins: [
      {
        // esbuild turns each import() of a module outside the bundle into a fresh __toESM copy
        // of all the module's exports, at every call. pptxgenjs imports node:fs and node:https
        // that way for every slide, layout and master it writes: about 1 ms and 0.6 MB a deck.
        // Resolved to a module inside the bundle that re-exports the builtin, every import()
        // hands back the one namespace that module makes when it first runs.
        // node:https is only there to fetch an image from a URL, which briefdeck never asks
        // pptxgenjs to do, yet loading it (with http, tls and net) cost 4 ms of a cold build: its
        // module hands pptxgenjs, which reads only `default` of it, an object that loads the
        // builtin at the first read of one of its properties (test/cli/compiled.test.ts checks
        // that a build leaves https unloaded).
        name: 'builtin-dynamic-imports',
        setup(b) {
          const LAZY = new Set(['node:https']);
          b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, namespace: 'builtin-namespace' } : undefined));
          b.onLoad({ filter: /.*/, namespace: 'builtin-namespace' }, (args) => ({
            contents: LAZY.has(args.path)
              ? [
                  'let loaded;',
                  `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
                  'export default new Proxy(Object.create(null), { get: (_, key) => load()[key], has: (_, key) => key in load() });',
                  '',
                ].join('\n')
              : `export * from ${JSON.stringify(args.path)};\nexport { default } from ${JSON.stringify(args.path)};\n`,
            loader: 'js',
            resolveDir: ROOT,
          }));
        },
      },
      {
        // linebreak decodes its table of UAX #14 classes when it loads: base64, then two rounds of
        // inflate in JavaScript (tiny-inflate), which a cold process runs in the interpreter. Read
        // from node_modules that took 6 ms of every cold build. In the bundle the table is
        // inflated by Node's zlib instead and handed to UnicodeTrie already parsed, which it
        // accepts in place of the packed bytes. The substitution is made only if zlib's result
        // equals UnicodeTrie's own decoding here, entry for entry; otherwise linebreak is bundled
        // as it is (as correct, only slower), and test/cli/compiled.test.ts fails on it.
        name: 'linebreak-classes',
        setup(b) {
          b.onLoad({ filter: /[\\/]node_modules[\\/]linebreak[\\/]dist[\\/](main\.cjs|module\.mjs)$/ }, (args) => {
            const text = readFileSync(args.path, 'utf8');
            return { contents: unpackedLinebreak(text, args.path) ?? text, loader: 'js' };
          });
        },
      },
      {
        // Packages that only some builds run, loaded at their first use rather than with the
        // module that imports them: fflate (unzipping a package or a theme; it builds its
        // Huffman tables and loads node:worker_threads as it loads, 4 ms of a cold build that
        // unzips nothing), the JavaScript image decoders (pngjs loads node:zlib, stream and
        // assert), and node:crypto (about 2 ms to load, with its 16 internal modules; only a deck
        // with pictures or charts hashes anything). Each import of one resolves to a stand-in whose every export is a getter that
        // loads the package, bundled as usual, at the first read. esbuild reads a CommonJS
        // module's exports through the module object at each use, so the importer's code is
        // unchanged. The stand-in's export names are the package's own, read here.
        name: 'lazy-packages',
        setup(b) {
          const NAMES = /^(fflate|pngjs|jpeg-js|omggif|node:crypto)$/;
          b.onResolve({ filter: NAMES }, (args) => (args.namespace === 'lazy-package' ? undefined : { path: args.path, namespace: 'lazy-package' }));
          b.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
            const names = Object.keys(createRequire(join(ROOT, 'package.json'))(args.path)).filter((n) => n !== 'default' && n !== '__esModule');
            return {
              contents: [
                'let loaded;',
                `const load = () => (loaded ??= require(${JSON.stringify(args.path)}));`,
                `for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => load()[name] });`,
                '',
              ].join('\n'),
              loader: 'js',
              resolveDir: ROOT,
            };
          });
        },
      },
      {
        // zod re-exports its error messages in 40-odd languages (z.locales), and a bundle cannot
        // tell that nobody reads them: 394 KB of the bundle, read and evaluated by every command.
        // briefdeck only ever shows zod's English (which zod sets itself, from locales/en.js),
        // so the index of locales is bundled with English alone.
        name: 'zod-english-only',
        setup(b) {
          b.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
            contents: 'export { default as en } from "./en.js";\n',
            loader: 'js',
            resolveDir: dirname(args.path),
          }));
        },
      },
      {
        name: 'precompiled-templates',
        setup(b) {
          b.onLoad({ filter: /[\\/]src[\\/]compose[\\/]precompiled\.ts$/ }, () => ({ contents: precompiled.stdout, loader: 'js' }));
        },
      },
    ],
  });
  for (const file of result.outputFiles) {
    // The bundle ends with its content hash, which names its code cache (bin/compiled.js).
    const js = file.path.endsWith('.cjs') ? asciiOnly(file.text) : file.text;
    const text = file.path.endsWith('.cjs') ? `${js}\n// briefdeck bundle ${createHash('sha256').update(js).digest('hex').slice(0, 16)}\n` : js;
    writeFileSync(file.path, text);
  }
  writeFileSync(join(DIST, 'batch-worker.js'), "// A batch worker thread (src/batch/pool.ts): the compiled bundle's worker loop.\nimport { loadCompiled } from '../bin/compiled.js';\nawait loadCompiled().runBatchWorker();\n");
  rmSync(join(DIST, 'assets'), { recursive: true, force: true });
  cpSync(join(ROOT, 'src/serve/assets'), join(DIST, 'assets'), { recursive: true });
  writeFileSync(join(DIST, 'BUILT'), `${new Date().toISOString()}\n`);
  console.log(`briefdeck: bundled src/ into dist/briefdeck.cjs in ${Math.round(performance.now() - t0)} ms`);
}

if (want('fonts')) {
  const t0 = performance.now();
  // The generator is TypeScript sharing fonts.ts's reading of the @fontsource packages.
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/fontTable.ts'), join(DIST, 'fonts')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log(`briefdeck: font metrics tables (${r.stdout.trim()}) written to dist/fonts/ in ${Math.round(performance.now() - t0)} ms`);
}

if (want('atlas')) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/atlasTable.ts'), join(DIST, 'atlas/countries-50m.bin')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log(`briefdeck: world table (${r.stdout.trim()}) written to dist/atlas/ in ${Math.round(performance.now() - t0)} ms`);
}

if (want('cache')) {
  const t0 = performance.now();
  const out = mkdtempSync(join(tmpdir(), 'briefdeck-compile-'));
  // A child process, so the cache is made under the flags every run has (none of this script's).
  const warmUp = [
    "import { loadCompiled, writeCodeCache } from './bin/compiled.js';",
    `const code = await loadCompiled().main(['build', 'briefs/kim-putin-2023.yaml', '--out', ${JSON.stringify(out)}]);`,
    'if (code !== 0) process.exit(code);',
    'console.log(writeCodeCache());',
  ].join('\n');
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', warmUp], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  rmSync(out, { recursive: true, force: true });
  // Without a cache the CLI runs as well, only slower: say so, and go on.
  if (r.status !== 0) console.log(`briefdeck: no code cache made (the warm-up build exited with ${r.status}); the CLI runs without it\n${r.stdout}${r.stderr}`);
  else console.log(`briefdeck: code cache written to dist/ in ${Math.round(performance.now() - t0)} ms`);
}
