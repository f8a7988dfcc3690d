/**
 * The batch workers' heap limit (src/batch/pool.ts): a brief that needs more than the limit is
 * built again on a worker with V8's default limit, not failed. The limit here is far too small
 * for any worker to start its pipeline under it, so every worker that runs with it dies out of
 * memory, and each of its briefs must still come back built, the same as without workers.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildInWorkers, WORKER_HEAP_MB } from '../../src/batch/pool.ts';
import { buildBrief, writeBuilt, type BuildResult } from '../../src/build.ts';
import { FIXTURES, SHIPPED_BRIEF } from '../support/helpers.ts';

vi.setConfig({ testTimeout: 180_000 });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefdeck-heap-'));
  cpSync(SHIPPED_BRIEF, join(dir, 'a.yaml'));
  cpSync(join(FIXTURES, 'briefs/decision.yaml'), join(dir, 'b.yaml'));
  cpSync(join(FIXTURES, 'briefs/host-visit.yaml'), join(dir, 'c.yaml'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('batch worker heap limit', () => {
  it('is below the 2 GB at which V8 lets a heap grow fourfold', () => {
    expect(WORKER_HEAP_MB).toBeLessThan(2048);
    expect(WORKER_HEAP_MB).toBeGreaterThanOrEqual(1024);
  });

  it('a brief whose worker runs out of memory under the limit is built again without it', async () => {
    const files = ['a.yaml', 'b.yaml', 'c.yaml'].map((f) => join(dir, f));
    const got: Array<[number, BuildResult]> = [];
    const outDir = join(dir, 'out-workers');
    await buildInWorkers(files, { outDir }, 2, (i, r) => got.push([i, r]), { heapMb: 8 });
    expect(got.map(([i]) => i)).toEqual([0, 1, 2]);
    for (const [i, r] of got) {
      expect(r.diagnostics.filter((d) => d.code === 'E_INTERNAL'), files[i]).toEqual([]);
      expect(r.ok, files[i]).toBe(true);
    }
    // The same decks as built in this thread.
    const here = join(dir, 'out-here');
    for (const f of files) {
      const built = await writeBuilt(await buildBrief(f, { outDir: here, deferWrite: true }), here);
      expect(built.ok).toBe(true);
      const deck = `${basename(f, '.yaml')}.pptx`;
      expect(Buffer.compare(readFileSync(join(here, deck)), readFileSync(join(outDir, deck))), deck).toBe(0);
    }
  });
});
