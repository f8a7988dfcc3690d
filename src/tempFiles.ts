/**
 * Temporary files and folders, and the child processes that write into them, so that nothing is
 * left behind: what is in use is tracked, `removeTrackedSync` removes it (the CLI calls it on
 * SIGINT and SIGTERM), and `sweepStale` removes what an earlier process left when it was killed
 * outright (kill -9, a power cut), recognised by the name every temp path here gets:
 * `briefdeck-<pid>-…`, so a path whose process is gone is known to be garbage.
 *
 * Names are short and never contain the deck's name: a temp file beside a deck whose name is
 * near the file system's limit must still fit.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const tracked = new Set<string>();
const children = new Set<ChildProcess>();
/** Set once stopChildren has run: a child started after that is killed at once. */
let stopping = false;

/**
 * `.briefdeck-<pid>-<hex>.tmp`: a temp file to create in `dir` (hidden, beside its target). The
 * name needs to be unlikely to be taken, not unpredictable: it is created with 'wx', which
 * refuses a name already there, so 48 bits of Math.random do, without loading node:crypto.
 */
export function tempFilePath(dir: string): string {
  const hex = Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0');
  return join(dir, `.briefdeck-${process.pid}-${hex}.tmp`);
}

/**
 * Creates a tracked temp folder `<parent>/<hidden ? '.' : ''>briefdeck-<pid>-<label>-XXXXXX`.
 * Created and tracked in one synchronous step, so no signal can fall between the two.
 */
export function makeTempDir(parent: string, label: string, hidden = false): string {
  const dir = mkdtempSync(join(parent, `${hidden ? '.' : ''}briefdeck-${process.pid}-${label}-`));
  tracked.add(dir);
  return dir;
}

/** Tracks `path` (a file or folder) until the returned function is called. */
export function track(path: string): () => void {
  tracked.add(path);
  return () => tracked.delete(path);
}

/** Removes a tracked temp folder (or file) and stops tracking it. */
export function removeTemp(path: string): void {
  rmSync(path, { recursive: true, force: true });
  tracked.delete(path);
}

/**
 * Tracks a child process started with `detached: true` (so it leads a process group of its
 * own): on a signal its whole group is killed, helpers it started included.
 */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (stopping) killGroup(child);
}

/** Kills the process group of `child`; a group already gone is fine. */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill('SIGKILL');
    else process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: it has exited already.
  }
}

/**
 * Kills every tracked child's process group and waits (at most `limitMs`) for them to exit, so
 * that none writes into a temp folder after it was removed.
 */
export async function stopChildren(limitMs = 5000): Promise<void> {
  stopping = true;
  const running = [...children].filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of running) killGroup(c);
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((r) => (timer = setTimeout(r, limitMs)));
  await Promise.race([Promise.all(running.map((c) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once('exit', () => r()))))), limit]);
  clearTimeout(timer);
}

/** Whether any tracked child is still running. */
export function hasChildren(): boolean {
  return [...children].some((c) => c.exitCode === null && c.signalCode === null);
}

/** Removes every tracked temp path, synchronously (safe in a signal handler or on exit). */
export function removeTrackedSync(): void {
  for (const path of tracked) {
    try {
      rmSync(path, { recursive: true, force: true });
    } catch {
      // Nothing more can be done while exiting; the next run's sweep removes it.
    }
  }
  tracked.clear();
}

/**
 * Temp names of this program: the current form, plus the older `.<deck>.pptx.<pid>.<hex>.tmp`
 * and `.<name>.pdf.<pid>.tmp`, which also carry the pid of the process that made them.
 */
const OURS = [/^\.?briefdeck-(\d+)-/, /^\..+\.(?:pptx|pdf|png)\.(\d+)(?:\.[0-9a-f]{12})?\.tmp$/];

function pidOf(name: string): number | undefined {
  for (const re of OURS) {
    const m = re.exec(name);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/** Whether process `pid` exists (EPERM: it does, but belongs to someone else). */
function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes, in each of `dirs`, the temp files and folders of this program's naming whose
 * process is gone. Returns what it removed. A folder that can't be read is skipped: the
 * sweep only tidies up, and the build reports any real problem with the folder itself.
 */
export function sweepStale(dirs: readonly string[]): string[] {
  const removed: string[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const pid = pidOf(name);
      if (pid === undefined || alive(pid)) continue;
      try {
        rmSync(join(dir, name), { recursive: true, force: true });
        removed.push(join(dir, name));
      } catch {
        // Someone else's, or already gone: leave it.
      }
    }
  }
  return removed;
}
