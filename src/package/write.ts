/**
 * Atomic file replacement: readers (PowerPoint, a file watcher, a sync client)
 * see either the old deck or the complete new one, never a torn write.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `bytes` to `path` atomically: a uniquely named temp file in the same
 * folder (rename is only atomic within one file system), fsync, then rename
 * over the target. On any failure the temp file is removed, the old file is
 * left as it was, and the error is rethrown. Creates the folder if missing.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx' refuses to follow or clobber anything already at the temp name.
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  await syncDir(dir);
}

/** Makes the rename itself durable; best effort, as not every platform can fsync a folder. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows and some network file systems refuse; the data is already synced.
  }
}
