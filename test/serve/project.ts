/**
 * A throwaway project for the preview tests: a temporary folder with briefs/ holding a copy of
 * the shipped brief (the bundled templates are used), and a preview server on a free port.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PreviewServer } from '../../src/serve/server.ts';
import { Watcher } from '../../src/watch/watcher.ts';
import { SHIPPED_BRIEF } from '../support/helpers.ts';

export const BRIEF_ID = 'kim-putin-2023';

export interface Project {
  dir: string;
  brief: string;
  server: PreviewServer;
  /** Rewrites the brief with `edit` applied to its text. */
  edit(edit: (yaml: string) => string): void;
  close(): Promise<void>;
}

/** With `inDir`, the process moves into the project first, so paths show as a user sees them (briefs/x.yaml). */
export async function startProject(inDir = false): Promise<Project> {
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-serve-'));
  mkdirSync(join(dir, 'briefs'));
  const brief = join(dir, 'briefs', `${BRIEF_ID}.yaml`);
  copyFileSync(SHIPPED_BRIEF, brief);
  if (inDir) process.chdir(dir);
  const server = new PreviewServer({ watcher: new Watcher({ root: dir }), port: 0 });
  await server.start();
  return {
    dir,
    brief,
    server,
    edit: (edit) => writeFileSync(brief, edit(readFileSync(brief, 'utf8'))),
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A GET (or other method) with the path sent exactly as given: no client-side normalising of "..". */
export function raw(port: number, path: string, opts: { method?: string; host?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: opts.host ?? `127.0.0.1:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

export function portOf(server: PreviewServer): number {
  return Number(new URL(server.url).port);
}
