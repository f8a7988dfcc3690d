/**
 * Ctrl-C (SIGINT) and SIGTERM: the process stops the tools it started, removes its temp files
 * and folders (see tempFiles.ts), and exits 130 or 143, as a shell reports a process killed by
 * that signal. A long-running command may ask for the first signal instead, to stop on its own
 * terms (watch finishes the deck in progress); a second one always stops the process.
 *
 * Hand-written rather than signal-exit: that library re-raises the signal after its handlers
 * (so a parent sees "killed by SIGTERM", not exit 143) and wraps process.emit and
 * process.reallyExit; what is needed here is twenty lines, one of which waits for child
 * processes, which an exit hook cannot do.
 */
import { hasChildren, removeTrackedSync, stopChildren } from '../tempFiles.ts';

export type StopSignal = 'SIGINT' | 'SIGTERM';

const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];
const EXIT_CODE: Record<StopSignal, number> = { SIGINT: 130, SIGTERM: 143 };

let installed = false;
let stopRequest: ((signal: StopSignal) => void) | undefined;

/** What must be stopped before the process exits on a signal, besides child processes (see onStop). */
const stoppers = new Set<() => Promise<void>>();

/**
 * Registers `stop`, which the signal handler awaits before it removes the temp files and exits;
 * returns the unregistering function. The batch pool stops its worker threads this way (each
 * once it is between briefs: see src/batch/pool.ts).
 */
export function onStop(stop: () => Promise<void>): () => void {
  stoppers.add(stop);
  return () => void stoppers.delete(stop);
}

/** Runs every registered stop (see onStop) and waits for them all: what a signal does first. */
export function runStoppers(): Promise<void> {
  return Promise.all([...stoppers].map((stop) => stop())).then(() => undefined);
}

/** Installs the handlers; for the CLI's own process only (bin/briefdeck.js), once. */
export function installSignalCleanup(): void {
  if (installed) return;
  installed = true;
  let exiting = false;
  const onSignal = async (signal: StopSignal) => {
    const request = stopRequest;
    if (request && !exiting) {
      stopRequest = undefined;
      return request(signal);
    }
    if (!exiting) {
      exiting = true;
      // Tools first: soffice writes into its temp folder until it is dead. Worker threads too.
      await Promise.all([hasChildren() ? stopChildren() : undefined, runStoppers()]);
    }
    removeTrackedSync();
    process.exit(EXIT_CODE[signal]);
  };
  for (const s of SIGNALS) process.on(s, (sig: StopSignal) => void onSignal(sig));
  // Whatever ends the process otherwise (process.exit, an uncaught error) leaves nothing either.
  process.on('exit', removeTrackedSync);
}

/**
 * Resolves with the first SIGINT or SIGTERM, which then stops nothing else: for a command that
 * stops itself. Without the CLI's handlers (briefdeck embedded), listens on the process itself.
 */
export function firstStopSignal(): { promise: Promise<StopSignal>; dispose: () => void } {
  let resolve!: (s: StopSignal) => void;
  const promise = new Promise<StopSignal>((r) => (resolve = r));
  if (installed) {
    const request = (s: StopSignal) => resolve(s);
    stopRequest = request;
    return { promise, dispose: () => void (stopRequest === request && (stopRequest = undefined)) };
  }
  const listeners = SIGNALS.map((s) => [s, () => resolve(s)] as const);
  for (const [s, l] of listeners) process.once(s, l);
  return { promise, dispose: () => listeners.forEach(([s, l]) => process.off(s, l)) };
}

/** The exit status for a command stopped by `signal`. */
export function signalExitCode(signal: StopSignal): number {
  return EXIT_CODE[signal];
}
