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
import { onStop } from '../cli/signals.ts';
import { error } from '../diagnostics.ts';

/** What a worker is sent. */
export interface BriefJob { index: number; file: string; opts: BuildOptions }
/**
 * What it sends back: the result without its trees, with the deck's bytes unwritten. The main
 * thread writes every deck (writeBuilt), so each temp file is one its signal handler knows of:
 * a worker stopped by a signal in the middle of a write would leave its temp file behind.
 */
export interface JobResult { index: number; result: BuildResult }
/** What a worker sends once, when it has loaded and waits for its first brief. */
export interface WorkerReady { ready: true }

/**
 * How long a signal waits for the workers to finish the briefs they are building before they
 * are stopped regardless (ms). A brief takes a worker a tenth of a second or so.
 */
const STOP_LIMIT_MS = 5000;

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

/**
 * On SIGINT or SIGTERM (src/cli/signals.ts) the workers are stopped only between briefs, once
 * each has sent what it was building (which is then not written): Node 20 aborts the whole
 * process when a worker thread is terminated in the middle of constructing a zlib stream, which
 * deflating every part of a deck does dozens of times ("close before init" in node_zlib.cc, seen
 * in CI as a SIGTERM answered by SIGABRT). A worker that is still busy after STOP_LIMIT_MS is
 * stopped regardless. Nothing more is printed or written once the stop has begun.
 */
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
  /** Each running worker's stop: at once if it is between briefs, else when it sends its brief. */
  const slots = new Set<{ stopWhenIdle: () => Promise<void> }>();
  let stopping = false;
  const unregister = onStop(async () => {
    stopping = true;
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<void>((r) => (timer = setTimeout(r, STOP_LIMIT_MS).unref()));
    const all = [...slots].map((slot) => slot.stopWhenIdle());
    await Promise.race([Promise.all(all), limit]);
    clearTimeout(timer);
  });
  // Environment and options reach the worker as data: BuildOptions is plain.
  const run = (): Promise<void> =>
    new Promise((resolve) => {
      // Limited until a brief runs out of memory under the limit; then V8's default for the rest.
      let heapMb = pool.heapMb;
      let worker: Worker | undefined;
      let current: number | undefined;
      // Loading, or building a brief: not to be terminated then (see above). A worker is sent a
      // brief only once it has said it is ready, and the next only once it has sent the last
      // back, so one that is not busy has nothing queued either.
      let busy = true;
      let stopped: (() => void) | undefined;
      const stop = () => {
        current = undefined;
        void worker!.terminate().then(() => stopped?.());
      };
      const slot = {
        stopWhenIdle: () =>
          new Promise<void>((r) => {
            stopped = r;
            if (!busy) stop();
          }),
      };
      slots.add(slot);
      const post = () => {
        busy = true;
        worker!.postMessage({ index: current!, file: files[current!]!, opts } satisfies BriefJob);
      };
      /** The next brief, as `current`; false when there is none (the worker, if any, is then let go). */
      const take = (): boolean => {
        if (next < files.length) {
          current = next++;
          return true;
        }
        current = undefined;
        slots.delete(slot);
        if (worker) void worker.terminate().then(() => resolve());
        else resolve();
        return false;
      };
      /** A new worker for the brief `current`, sent to it once the worker is ready. */
      const start = () => {
        busy = true;
        const w = startWorker(heapMb);
        worker = w;
        let failure: Error | undefined;
        w.on('message', (message: JobResult | WorkerReady) => {
          busy = false;
          if (stopping) return stop();
          if ('ready' in message) return post();
          const { index, result } = message;
          // The next brief starts building while this one is written.
          if (take()) post();
          writes.push(
            writeBuilt(result, opts.outDir).then(({ pptx: _pptx, ...written }) => {
              results.set(index, written);
              deliver();
            }),
          );
        });
        w.on('error', (e) => (failure = e));
        w.on('exit', (code) => {
          if (stopping) return stopped?.();
          if (current === undefined) return;
          if (heapMb !== undefined && (failure as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
            // The limit, not the brief: the same brief again, without it.
            heapMb = undefined;
            return start();
          }
          const file = files[current]!;
          const why = failure?.message ?? `its worker thread exited with code ${code}`;
          results.set(current, {
            brief: file, ok: false, ms: 0, stages: {},
            diagnostics: [error('E_INTERNAL', `building failed unexpectedly: ${why}`, { file, hint: 'this is a bug in briefdeck; please report it with the brief' })],
          });
          deliver();
          if (take()) start();
        });
      };
      if (take()) start();
    });
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, files.length)) }, run));
    await Promise.all(writes);
  } finally {
    unregister();
  }
}
