// Loads the compiled CLI, dist/briefdeck.cjs (one CommonJS bundle that scripts/compile.mjs makes
// from src/ and the pure-JavaScript packages it uses), with the V8 code cache that compile.mjs
// made beside it. The cache holds the bytecode of every function a build of the shipped brief
// ran, so a cold process compiles next to nothing: Node 20 has no compile cache for ES modules
// (module.enableCompileCache is Node 22), hence one script run through vm.Script.
//
// The cache's name carries the bundle's content hash (the bundle's last line), so a cache is
// only ever offered to the bundle it was made from; V8 itself refuses one made by another V8
// version or with other flags, and the bundle then runs without it, as correctly, only slower.
// Nothing here writes at run time: only `npm run compile` (writeCodeCache) makes the cache.
//
// CommonJS (bin/package.json), as bin/briefdeck.js is: Node starts a CommonJS entry without its
// ES module loader, 1.5-2 ms sooner for every command. ES modules import it by name all the same.
'use strict';
const { isAscii } = require('node:buffer');
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const v8 = require('node:v8');
const vm = require('node:vm');

const DIST = join(__dirname, '..', 'dist');
const BUNDLE = join(DIST, 'briefdeck.cjs');
const ID = /\/\/ briefdeck bundle ([0-9a-f]{16})\n$/;

/** The code cache's file for the bundle whose text is `source`. */
function cacheFileFor(source) {
  const id = ID.exec(source.slice(-64))?.[1];
  if (!id) throw new Error(`${BUNDLE} does not end with its build id; run \`npm run compile\``);
  return join(DIST, `briefdeck.${id}.v8cache`);
}

let loaded;

/**
 * V8 flags the bundle runs under. V8 optimises a function with TurboFan once it has run 67,584
 * bytes of bytecode (its `--interrupt-budget`). A build of one deck runs for a few hundred
 * milliseconds, and much of the compiling that starts in that time is never paid back, while it
 * takes the second core from the build's own garbage collection. With four times the budget the
 * shipped brief's cold build (bundle loaded, then main) took 235-245 ms instead of 285-320
 * (median of 9; 2, 3, 6 and 10 times all gave 235-250) and about a third less CPU. The functions
 * a watch session or a batch runs over and over are still optimised, a little later, and those
 * ran faster too: warm builds of the shipped brief 36 ms instead of 45-46 (builds 11-30,
 * bench/warm.mjs), the bench's 500 briefs 12.6 s instead of 14.4 (less compiling, fewer deopts).
 *
 * `--no-regexp-tier-up`: V8 runs a regular expression in its bytecode interpreter at first and
 * compiles it to machine code only once it has run, so each pattern a cold build uses is both
 * interpreted and compiled. The lint's pattern of every likelihood term, with its Unicode
 * classes, took 3.6 ms over the shipped brief's texts that way and 2.2 ms compiled at once; the
 * cold build's stages went from 170 to 164 ms (median of 21 alternated runs; lint 10 -> 7 ms,
 * load 24 -> 21), while warm builds and the bench's 500 briefs measured the same either way.
 *
 * V8 checks a code cache against its flags, so they are set before the bundle is compiled, both
 * here and in the run that makes the cache (scripts/compile.mjs), and the cache is accepted.
 */
const V8_FLAGS = ['--interrupt-budget=270336', '--no-regexp-tier-up'];

/**
 * The bundle's exports (src/cli/compiled.ts), loaded once per thread. `cache` says whether V8
 * took the code cache: 'accepted', 'rejected' (another node, other flags) or 'none' (not made).
 */
function loadCompiled() {
  if (loaded) return loaded.exports;
  for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);
  // compile.mjs makes the bundle ASCII, so it is read as one byte per character: V8 keeps the
  // script's text for as long as the thread runs, and a one-byte string is half the size of the
  // two-byte string that a single character beyond Latin-1 would make of all 3 MB of it.
  const bytes = readFileSync(BUNDLE);
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const cacheFile = cacheFileFor(source);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch (e) {
    if (e.code !== 'ENOENT') throw e;
  }
  // The CommonJS wrapper, plus the URL that import.meta.url stands for in the bundle.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __importMetaUrl) {${source}\n})`, {
    filename: BUNDLE,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, DIST, pathToFileURL(BUNDLE).href);
  // Only the script holds the text: each worker thread of a batch keeps one copy, not two.
  loaded = { exports: module.exports, script, cacheFile, cache: cachedData === undefined ? 'none' : script.cachedDataRejected ? 'rejected' : 'accepted' };
  return loaded.exports;
}

/** Whether this thread's bundle ran with its code cache ('accepted', 'rejected', 'none'), once loaded. */
function codeCacheState() {
  return loaded?.cache;
}

/**
 * Writes the code cache of the bundle as this thread has run it: every function compiled so
 * far. compile.mjs calls it after a warm-up build. Written whole or not at all.
 */
function writeCodeCache() {
  if (!loaded) throw new Error('writeCodeCache: the bundle was not loaded');
  const file = loaded.cacheFile;
  writeFileSync(`${file}.tmp`, loaded.script.createCachedData());
  renameSync(`${file}.tmp`, file);
  return file;
}

exports.BUNDLE = BUNDLE;
exports.V8_FLAGS = V8_FLAGS;
exports.cacheFileFor = cacheFileFor;
exports.loadCompiled = loadCompiled;
exports.codeCacheState = codeCacheState;
exports.writeCodeCache = writeCodeCache;
