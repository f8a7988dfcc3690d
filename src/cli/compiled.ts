/**
 * The entry of the compiled bundle, dist/briefdeck.cjs (scripts/compile.mjs, loaded by
 * bin/compiled.js): the CLI, and the batch worker's loop for dist/batch-worker.js. The worker is
 * imported only when a worker runs it, so that loading the bundle evaluates no more than the
 * CLI's own modules; each command imports what it needs as it runs.
 */
export { main, installSignalCleanup } from './main.ts';

/** Starts serving briefs to build, in a batch worker thread (see src/batch/pool.ts). */
export async function runBatchWorker(): Promise<void> {
  (await import('../batch/worker.ts')).runBatchWorker();
}
