/**
 * Atomic file replacement: readers (PowerPoint, a file watcher, a sync client)
 * see either the old deck or the complete new one, never a torn write.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { tempFilePath, track } from '../tempFiles.ts';

/**
 * Writes `bytes` to `path` atomically: a uniquely named temp file in the same
 * folder (rename is only atomic within one file system), fsync, then rename
 * over the target. On any failure the temp file is removed, the old file is
 * left as it was, and the error is rethrown. Creates the folder if missing.
 *
 * The steps are synchronous on purpose: a signal handler runs only between them
 * and the rest of the program, never halfway, so on SIGINT or SIGTERM the temp
 * file is either not there yet or already renamed, or tracked and removed.
 * The temp name is short and independent of the deck's, so a deck whose name
 * is near the file system's limit can still be written.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = tempFilePath(dir);
  const untrack = track(temp);
  try {
    // 'wx' refuses to follow or clobber anything already at the temp name.
    const fd = openSync(temp, 'wx');
    try {
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  } finally {
    untrack();
  }
  syncDir(dir);
}

/** Makes the rename itself durable; best effort, as not every platform can fsync a folder. */
function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows and some network file systems refuse; the data is already synced.
  }
}
