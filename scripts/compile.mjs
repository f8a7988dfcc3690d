#!/usr/bin/env node
/**
 * `npm run compile` (also run by `npm install`, as the `prepare` script): bundles src/ into
 * dist/ as plain JavaScript, so the CLI starts without a TypeScript transform, and writes the
 * precomputed font metrics tables into dist/fonts/ (see src/layout/fontTable.ts).
 *
 * One ES module per entry, with the modules that commands import lazily split into chunks of
 * their own, so `--version` or `check` parse only what they run. npm packages stay external
 * (resolved from node_modules as before). Every file lands directly in dist/, so code that finds
 * the package root as "the folder above this module" works the same compiled as from src/.
 * The preview server's browser files (src/serve/assets/) are copied to dist/assets/, where the
 * compiled server looks for them beside itself.
 * Nothing here is committed (dist/ is ignored); bin/briefdeck.js runs src/ through tsx instead
 * whenever dist/ is missing or older than src/.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);

if (want('js')) {
  mkdirSync(DIST, { recursive: true });
  // Chunk names change with their content: the last compile's are removed.
  rmSync(join(DIST, 'BUILT'), { force: true });
  for (const f of readdirSync(DIST, { withFileTypes: true }).filter((e) => e.isFile())) rmSync(join(DIST, f.name));
  const t0 = performance.now();
  await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/cli/main.ts', 'batch-worker': 'src/batch/worker.ts' },
    outdir: 'dist',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  rmSync(join(DIST, 'assets'), { recursive: true, force: true });
  cpSync(join(ROOT, 'src/serve/assets'), join(DIST, 'assets'), { recursive: true });
  // Written last: bin/briefdeck.js compares src/ against this file's time.
  writeFileSync(join(DIST, 'BUILT'), `${new Date().toISOString()}\n`);
  console.log(`briefdeck: compiled src/ into dist/ in ${Math.round(performance.now() - t0)} ms`);
}

if (want('fonts')) {
  const t0 = performance.now();
  // The generator is TypeScript sharing fonts.ts's reading of the @fontsource packages.
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/fontTable.ts'), join(DIST, 'fonts')], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
  console.log(`briefdeck: font metrics tables (${r.stdout.trim()}) written to dist/fonts/ in ${Math.round(performance.now() - t0)} ms`);
}
