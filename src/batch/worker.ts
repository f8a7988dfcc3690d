/**
 * A batch worker (see pool.ts): builds the briefs it is sent, one at a time, and posts each
 * result back. The modules, compiled templates, theme and font tables it loads stay loaded for
 * the next brief, as in a single process.
 */
import { parentPort } from 'node:worker_threads';
import { buildBrief } from '../build.ts';
import { setMemoProfile } from '../memoBudget.ts';
import type { BriefJob, JobResult, WorkerReady } from './pool.ts';

/** Builds each brief the thread that started this worker sends, until it is terminated. */
export function runBatchWorker(): void {
  if (!parentPort) throw new Error('src/batch/worker.ts runs as a worker thread (see src/batch/pool.ts)');
  const port = parentPort;
  // Brief after brief with text of its own: memos sized for rebuilds of one brief would only
  // hold memory (memoBudget.ts).
  setMemoProfile('batch');
  port.on('message', async (job: BriefJob) => {
    // The deck's bytes go back to the main thread, which writes it (see BuildOptions.deferWrite):
    // moved, not copied. The trees stay here.
    const { placed: _placed, deck: _deck, ...result } = await buildBrief(job.file, { ...job.opts, deferWrite: true });
    const bytes = result.pptx;
    const transfer = bytes && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? [bytes.buffer as ArrayBuffer] : [];
    port.postMessage({ index: job.index, result } satisfies JobResult, transfer);
  });
  // Loaded, and waiting for a brief: from here on it may be stopped between briefs (pool.ts).
  port.postMessage({ ready: true } satisfies WorkerReady);
}
