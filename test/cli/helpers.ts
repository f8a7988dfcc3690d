/** Helpers for the CLI tests: temp projects, and waiting for output or watcher events without fixed sleeps. */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from '../support/helpers.ts';
import type { Watcher, WatchBuild } from '../../src/watch/watcher.ts';

export const BRIEF_NAME = 'kim-putin-2023.yaml';

/** A temp project folder with templates/ and (optionally) the shipped brief in briefs/. */
export function tempProject(opts: { brief?: boolean; templates?: boolean } = {}): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'briefdeck-cli-'));
  if (opts.templates !== false) cpSync(join(REPO, 'templates'), join(root, 'templates'), { recursive: true });
  if (opts.brief !== false) {
    mkdirSync(join(root, 'briefs'));
    cpSync(join(REPO, 'briefs', BRIEF_NAME), join(root, 'briefs', BRIEF_NAME));
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Polls `check` every 10 ms until it returns a truthy value; fails after `timeoutMs`. */
export async function waitFor<T>(check: () => T | undefined | false, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The next 'build' event of a watcher (that matches `filter`), or a timeout error. */
export function nextBuild(watcher: Watcher, timeoutMs: number, filter: (b: WatchBuild) => boolean = () => true): Promise<WatchBuild> {
  return new Promise((resolve, reject) => {
    const onBuild = (b: WatchBuild) => {
      if (!filter(b)) return;
      clearTimeout(timer);
      watcher.off('build', onBuild);
      resolve(b);
    };
    const timer = setTimeout(() => {
      watcher.off('build', onBuild);
      reject(new Error(`no build within ${timeoutMs} ms`));
    }, timeoutMs);
    watcher.on('build', onBuild);
  });
}

/** Removes a folder, ignoring errors (for afterEach). */
export function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
