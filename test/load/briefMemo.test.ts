/**
 * loadBrief's memo of the last brief read from each file: the same bytes give the very result
 * parseBrief gave them, frozen; other bytes are parsed again; a batch worker keeps nothing.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadBrief, parseBrief } from '../../src/load/loadBrief.ts';
import { setMemoProfile } from '../../src/memoBudget.ts';
import { REPO } from '../support/helpers.ts';

const DIR = mkdtempSync(join(tmpdir(), 'briefdeck-briefmemo-'));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
afterEach(() => setMemoProfile('session'));

const SHIPPED = join(REPO, 'briefs/kim-putin-2023.yaml');

describe('the parsed-brief memo', () => {
  it('gives the same bytes the result they gave, frozen, and a fresh diagnostics list each time', async () => {
    const file = join(DIR, 'same.yaml');
    copyFileSync(SHIPPED, file);
    const first = await loadBrief(file);
    const again = await loadBrief(file);
    expect(again.value).toBe(first.value);
    expect(Object.isFrozen(first.value!.value.meta)).toBe(true);
    expect(again.diagnostics).not.toBe(first.diagnostics);
    expect(again.diagnostics).toEqual(first.diagnostics);
    // What it kept is what parsing the bytes gives.
    expect(first.value!.value).toEqual(parseBrief(readFileSync(file), file).value!.value);
  });

  it('parses an edited brief again, with its own positions', async () => {
    const file = join(DIR, 'edited.yaml');
    const text = readFileSync(SHIPPED, 'utf8');
    writeFileSync(file, text);
    const before = await loadBrief(file);
    // A line added at the top moves every position down one line.
    writeFileSync(file, `# a note\n${text}`);
    const after = await loadBrief(file);
    expect(after.value).not.toBe(before.value);
    expect(after.value!.positionOf(['meta', 'title'])!.line).toBe(before.value!.positionOf(['meta', 'title'])!.line + 1);
    // And an error the edit makes is reported, not the last good result.
    writeFileSync(file, text.replace('meta:', 'meta: [\n'));
    const broken = await loadBrief(file);
    expect(broken.value).toBeUndefined();
    expect(broken.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('keeps a result for each file, not one for whichever was read last', async () => {
    const [a, b] = ['a.yaml', 'b.yaml'].map((n) => join(DIR, n));
    copyFileSync(SHIPPED, a!);
    copyFileSync(SHIPPED, b!);
    const first = [await loadBrief(a!), await loadBrief(b!)];
    // Same bytes, other file: its own diagnostics name its own file.
    expect(first[1]!.value).not.toBe(first[0]!.value);
    expect(first[1]!.value!.file).toBe(b);
    expect((await loadBrief(a!)).value).toBe(first[0]!.value);
  });

  it('keeps nothing in a batch worker', async () => {
    setMemoProfile('batch');
    const file = join(DIR, 'batch.yaml');
    copyFileSync(SHIPPED, file);
    expect((await loadBrief(file)).value).not.toBe((await loadBrief(file)).value);
  });
});
