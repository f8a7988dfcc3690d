/**
 * A signal during a batch (src/batch/pool.ts, src/cli/signals.ts): the workers are stopped only
 * between briefs. Node 20 aborts the whole process when a worker thread is terminated while it
 * constructs a zlib stream (which deflating a deck's parts does dozens of times), so a worker
 * must never be terminated with a brief outstanding, unless it overruns the stop's time limit.
 * The test counts, per worker, the briefs sent and the results received at each terminate().
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildInWorkers } from '../../src/batch/pool.ts';
import { runStoppers } from '../../src/cli/signals.ts';
import { FIXTURES, SHIPPED_BRIEF } from '../support/helpers.ts';

vi.setConfig({ testTimeout: 120_000 });

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'briefdeck-batch-stop-'));
  cpSync(SHIPPED_BRIEF, join(dir, 'a.yaml'));
  cpSync(join(FIXTURES, 'briefs/decision.yaml'), join(dir, 'b.yaml'));
  cpSync(join(FIXTURES, 'briefs/host-visit.yaml'), join(dir, 'c.yaml'));
  cpSync(join(FIXTURES, 'briefs/extra-slides.yaml'), join(dir, 'd.yaml'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe('stopping a batch', () => {
  it('terminates each worker only with no brief outstanding, and delivers and writes nothing after the stop', async () => {
    const sent = new Map<Worker, number>();
    const received = new Map<Worker, number>();
    const atTerminate: Array<{ sent: number; received: number }> = [];
    const post = Worker.prototype.postMessage;
    vi.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (this: Worker, ...args: Parameters<Worker['postMessage']>) {
      sent.set(this, (sent.get(this) ?? 0) + 1);
      return post.apply(this, args);
    });
    const emit = Worker.prototype.emit;
    vi.spyOn(Worker.prototype, 'emit').mockImplementation(function (this: Worker, event: string | symbol, ...args: unknown[]) {
      if (event === 'message' && !(args[0] as { ready?: true }).ready) received.set(this, (received.get(this) ?? 0) + 1);
      return emit.call(this, event, ...args);
    });
    const terminate = Worker.prototype.terminate;
    vi.spyOn(Worker.prototype, 'terminate').mockImplementation(function (this: Worker) {
      atTerminate.push({ sent: sent.get(this) ?? 0, received: received.get(this) ?? 0 });
      return terminate.call(this);
    });

    const files = ['a', 'b', 'c', 'd'].map((f) => join(dir, `${f}.yaml`));
    const outDir = join(dir, 'out');
    const delivered: number[] = [];
    let finished = false;
    void buildInWorkers(files, { outDir }, 2, (i) => delivered.push(i)).then(() => (finished = true));
    // Both workers busy with a brief: stop as a signal would.
    await vi.waitFor(() => expect([...sent.values()].filter((n) => n > 0)).toHaveLength(2), { timeout: 60_000, interval: 5 });
    await runStoppers();
    const deliveredAtStop = [...delivered];
    const decksAtStop = existsSync(outDir) ? readdirSync(outDir).length : 0;

    expect(atTerminate).toHaveLength(2);
    for (const t of atTerminate) expect(t.received, 'a worker was terminated with a brief outstanding').toBe(t.sent);
    // Each finished the brief it had, and was sent no other.
    for (const t of atTerminate) expect(t.sent).toBe(1);
    await new Promise((r) => setTimeout(r, 300));
    expect(delivered).toEqual(deliveredAtStop);
    expect(existsSync(outDir) ? readdirSync(outDir).length : 0).toBe(decksAtStop);
    expect(finished).toBe(false);
  });
});
