/**
 * Builds many briefs on worker threads (src/batch/worker.ts), `jobs` at a time, each worker
 * taking the next brief when it is done with one. Results are handed to `onResult` in the order
 * of `files`, whatever order they finish in, so output and exit status do not depend on timing.
 * A worker that dies (a crash in briefdeck, out of memory) fails its brief with E_INTERNAL and
 * is replaced; the other briefs still build.
 *
 * Workers run with a heap limit below 2 GB (WORKER_HEAP_MB), which is what keeps a batch's
 * memory down: V8 lets a heap whose limit is 2 GB or more grow to up to four times what it
 * holds live before a full collection, and one with a smaller limit to about twice (the
 * growing factor of V8's memory controller, which it scales by the limit). A worker holds
 * about 30 MB live between briefs and each brief allocates about 25 MB, most of it short-lived:
 * with the default limit (which V8 derives from the machine's memory: 4 GB here) each worker's
 * heap grew to 135-150 MB. A brief that needs more than the limit is not failed for it: its worker dies
 * out of memory, and the brief is built again on a worker with V8's default limit.
 */
import { getHeapStatistics } from 'node:v8';
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
function startWorker(heapMb: number | undefined): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './worker-source.mjs' : './batch-worker.js', import.meta.url);
  return new Worker(url, heapMb === undefined ? {} : { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
}

/**
 * A batch worker's old-generation limit, MB: just below the 2 GB at which V8 switches to its
 * largest heap growing factor (see above). Measured on 500 varied briefs, two workers: peak
 * RSS 477-550 -> 351-366 MB, 14.4-16.2 -> 17.6-18.7 s. The largest deck the bench builds (1000
 * slides) peaks at about 400 MB for its whole process. Where V8's own default is lower (a
 * machine with little memory), that one.
 */
export const WORKER_HEAP_MB = 1920;

function defaultWorkerHeapMb(): number | undefined {
  const own = Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
  return own > WORKER_HEAP_MB ? WORKER_HEAP_MB : undefined;
}

export interface PoolOptions {
  /** The workers' heap limit, MB; undefined for V8's default. Without options: {@link WORKER_HEAP_MB}. */
  heapMb?: number;
}

export async function buildInWorkers(
  files: readonly string[],
  opts: BuildOptions,
  jobs: number,
  onResult: (index: number, result: BuildResult) => void,
  pool: PoolOptions = { heapMb: defaultWorkerHeapMb() },
): Promise<void> {
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
      // Limited until a brief runs out of memory under the limit; then V8's default for the rest.
      let heapMb = pool.heapMb;
      let worker = startWorker(heapMb);
      let current: number | undefined;
      const post = () => worker.postMessage({ index: current!, file: files[current!]!, opts } satisfies BriefJob);
      const send = () => {
        if (next >= files.length) {
          current = undefined;
          void worker.terminate().then(() => resolve());
          return;
        }
        current = next++;
        post();
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
          if (heapMb !== undefined && (failure as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
            // The limit, not the brief: the same brief again, without it.
            heapMb = undefined;
            worker = startWorker(heapMb);
            listen(worker);
            post();
            return;
          }
          const file = files[current]!;
          const why = failure?.message ?? `its worker thread exited with code ${code}`;
          results.set(current, {
            brief: file, ok: false, ms: 0, stages: {},
            diagnostics: [error('E_INTERNAL', `building failed unexpectedly: ${why}`, { file, hint: 'this is a bug in briefdeck; please report it with the brief' })],
          });
          deliver();
          worker = startWorker(heapMb);
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
