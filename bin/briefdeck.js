#!/usr/bin/env node
// briefdeck runs the JavaScript bundle that `npm install` compiled into dist/ (scripts/compile.mjs),
// with its code cache (bin/compiled.js).
// When dist/ is missing, or older than a file in src/ (someone is editing the sources), it runs
// src/ itself through tsx, as the tests do, so an edit never runs stale code; `npm run compile`
// makes it fast again. BRIEFDECK_FROM_SOURCE=1 forces the sources.
// CommonJS (bin/package.json): Node starts a CommonJS entry without its ES module loader.
'use strict';
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');

/** The newest modification time in a folder tree: its files, and its folders (a file removed or renamed). */
function newest(dir) {
  let latest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Whether dist/ was compiled after the last change to src/ (an installed copy without src/ is). */
function compiledIsCurrent() {
  if (process.env.BRIEFDECK_FROM_SOURCE) return false;
  let built;
  try {
    built = statSync(join(root, 'dist/BUILT')).mtimeMs;
  } catch {
    return false;
  }
  try {
    return newest(join(root, 'src')) <= built;
  } catch (e) {
    return e.code === 'ENOENT' && !existsSync(join(root, 'src'));
  }
}

async function run() {
  let cli;
  if (compiledIsCurrent()) {
    cli = require('./compiled.js').loadCompiled();
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    cli = await import('../src/cli/main.ts');
  }
  cli.installSignalCleanup();
  // The process ends with this command: a build keeps nothing for builds to come (src/memoBudget.ts).
  const code = await cli.main(process.argv.slice(2), undefined, { exitsAfter: true });
  // Exit as soon as the command is done, once what it printed is flushed, rather than when Node
  // has torn the event loop down: teardown closes the signal handlers first, so a SIGTERM in that
  // window would end the process by the signal itself instead of by its handler.
  for (const stream of [process.stdout, process.stderr]) await new Promise((done) => stream.write('', () => done()));
  process.exit(code);
}

run();
