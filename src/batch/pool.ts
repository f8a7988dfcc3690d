/**
 * Builds many briefs on worker threads (src/batch/worker.ts), `jobs` at a time, each worker
 * taking the next brief when it is done with one. Results are handed to `onResult` in the order
 * of `files`, whatever order they finish in, so output and exit status do not depend on timing.
 * A worker that dies (a crash in briefdeck, out of memory) fails its brief with E_INTERNAL and
 * is replaced; the other briefs still build.
 */
import { Worker } from 'node:worker_threads';
import { writeBuilt, type BuildOptions, type BuildResult } from '../build.ts';
import { error } from '../diagnostics.ts';

/** What a worker is sent. */
export interface BriefJob { index: number; file: string; opts: BuildOptions }
/**
 * What it sends back: the result without its trees, with the deck's bytes unwritten. The main
 * thread writes every deck (writeBuilt), so each temp file is one its signal handler knows of:
 * a worker stopped by a signal in the middle of a write would leave its temp file behind.
 */
export interface JobResult { index: number; result: BuildResult }

/**
 * The worker's entry: the TypeScript source, through tsx (worker-source.mjs), when this module
 * runs from src/; from the compiled bundle, dist/batch-worker.js beside it, which loads the
 * bundle with its code cache (bin/compiled.js) and runs the same loop.
 */
function startWorker(): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  return new Worker(new URL(fromSource ? './worker-source.mjs' : './batch-worker.js', import.meta.url));
}

export async function buildInWorkers(files: readonly string[], opts: BuildOptions, jobs: number, onResult: (index: number, result: BuildResult) => void): Promise<void> {
  const results = new Map<number, BuildResult>();
  let next = 0;
  let delivered = 0;
  const writes: Array<Promise<void>> = [];
  const deliver = () => {
    while (results.has(delivered)) {
      const r = results.get(delivered)!;
      results.delete(delivered);
      onResult(delivered++, r);
    }
  };
  // Environment and options reach the worker as data: BuildOptions is plain.
  const run = (): Promise<void> =>
    new Promise((resolve) => {
      let worker = startWorker();
      let current: number | undefined;
      const send = () => {
        if (next >= files.length) {
          current = undefined;
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        worker.postMessage({ index: current, file: files[current]!, opts } satisfies BriefJob);
      };
      const listen = (w: Worker) => {
        let failure: Error | undefined;
        w.on('message', ({ index, result }: JobResult) => {
          // The next brief starts building while this one is written.
          send();
          writes.push(
            writeBuilt(result, opts.outDir).then(({ pptx: _pptx, ...written }) => {
              results.set(index, written);
              deliver();
            }),
          );
        });
        w.on('error', (e) => (failure = e));
        w.on('exit', (code) => {
          if (current === undefined) return;
          const file = files[current]!;
          const why = failure?.message ?? `its worker thread exited with code ${code}`;
          results.set(current, {
            brief: file, ok: false, ms: 0, stages: {},
            diagnostics: [error('E_INTERNAL', `building failed unexpectedly: ${why}`, { file, hint: 'this is a bug in briefdeck; please report it with the brief' })],
          });
          deliver();
          worker = startWorker();
          listen(worker);
          send();
        });
      };
      listen(worker);
      send();
    });
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, files.length)) }, run));
  await Promise.all(writes);
}
