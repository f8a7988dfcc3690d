/**
 * A `build` the process ends with (bin/briefdeck.js passes `exitsAfter`) keeps no memo for builds
 * to come (src/memoBudget.ts), and leaves the thread's memo profile as it found it: main() called
 * again in the same process, as a watch-like loop or a test does, keeps its memos as before.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { clearSlideMemo } from '../../src/layout/slideMemo.ts';
import { slidePartsHits } from '../../src/render/slideParts.ts';
import { captureOut, REPO } from '../support/helpers.ts';

vi.setConfig({ testTimeout: 30_000 });

const TMP = mkdtempSync(join(tmpdir(), 'briefdeck-exits-after-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const SHIPPED = join(REPO, 'briefs/kim-putin-2023.yaml');

/** Builds the shipped brief through main(); the slides served from the slide parts memo, and the deck. */
async function build(exitsAfter: boolean, out: string): Promise<{ served: number; deck: Buffer }> {
  const from = slidePartsHits();
  const captured = captureOut();
  const code = await main(['build', SHIPPED, '--out', out], captured, { exitsAfter });
  expect(code, captured.all()).toBe(0);
  return { served: slidePartsHits() - from, deck: readFileSync(join(out, 'kim-putin-2023.pptx')) };
}

describe('exitsAfter', () => {
  it('keeps nothing for a later build, then lets the next builds keep their memos again, all to the same bytes', async () => {
    clearSlideMemo();
    const last = await build(true, join(TMP, 'a'));
    // Nothing was kept by the build before: every slide is written again, and kept this time.
    const first = await build(false, join(TMP, 'b'));
    expect(first.served).toBe(0);
    const second = await build(false, join(TMP, 'c'));
    expect(second.served).toBeGreaterThan(10);
    expect(Buffer.compare(first.deck, last.deck)).toBe(0);
    expect(Buffer.compare(second.deck, last.deck)).toBe(0);
  });

  it('keeps memos across builds without it', async () => {
    clearSlideMemo();
    await build(false, join(TMP, 'd'));
    expect((await build(false, join(TMP, 'e'))).served).toBeGreaterThan(10);
  });
});
