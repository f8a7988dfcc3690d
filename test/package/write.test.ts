import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeDeck } from '../../src/package/index.ts';
import { writeFileAtomic } from '../../src/package/write.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'briefdeck-write-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('writeFileAtomic', () => {
  it('creates missing folders and writes the bytes', async () => {
    const target = join(dir, 'out', 'nested', 'deck.pptx');
    await writeFileAtomic(target, bytes('new'));
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(join(dir, 'out', 'nested'))).toEqual(['deck.pptx']);
  });

  it('replaces an existing file', async () => {
    const target = join(dir, 'deck.pptx');
    await writeFile(target, 'old');
    await writeDeck(target, bytes('new'));
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['deck.pptx']);
  });

  it('leaves the old content and no temp file when the rename fails', async () => {
    // A non-empty directory at the target makes rename fail (EISDIR / ENOTEMPTY).
    const target = join(dir, 'deck.pptx');
    await mkdir(target);
    await writeFile(join(target, 'keep.txt'), 'old');
    await expect(writeFileAtomic(target, bytes('new'))).rejects.toThrow();
    expect(await readFile(join(target, 'keep.txt'), 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['deck.pptx']);
  });

  it('uses unique temp names, so concurrent writes do not collide', async () => {
    const target = join(dir, 'deck.pptx');
    await Promise.all(['a', 'b', 'c', 'd'].map((s) => writeFileAtomic(target, bytes(s.repeat(100_000)))));
    const content = await readFile(target, 'utf8');
    expect(content).toMatch(/^(a+|b+|c+|d+)$/);
    expect(content).toHaveLength(100_000);
    expect(await readdir(dir)).toEqual(['deck.pptx']);
  });
});
