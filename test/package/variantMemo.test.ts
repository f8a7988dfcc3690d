/** The memos' byte budget per thread (src/memoBudget.ts) as VariantMemo keeps to it. */
import { afterEach, describe, expect, it } from 'vitest';
import { memoBytes, setMemoProfile } from '../../src/memoBudget.ts';
import { VariantMemo } from '../../src/package/variantMemo.ts';

const MB = 1024 * 1024;
afterEach(() => setMemoProfile('session'));

/** How many of `n` entries of `bytes` each, set one after another, the memo still holds. */
function kept(n: number, bytes: number): number {
  const memo = new VariantMemo<string, number>();
  for (let i = 0; i < n; i++) memo.set(`part${i}`, 'x', i, bytes);
  let held = 0;
  for (let i = 0; i < n; i++) if (memo.get(`part${i}`, 'x') !== undefined) held++;
  return held;
}

describe('memo budget', () => {
  it('is a session budget unless the thread asks for the batch one', () => {
    expect(memoBytes(24 * MB, 4 * MB)).toBe(24 * MB);
    setMemoProfile('batch');
    expect(memoBytes(24 * MB, 4 * MB)).toBe(4 * MB);
  });

  it('bounds a part memo at 24 MB in a session and 4 MB in a batch worker', () => {
    // Twenty entries of 1 MB: a session keeps them all, a batch worker starts again at every fifth, so holds the last four.
    expect(kept(20, MB)).toBe(20);
    setMemoProfile('batch');
    expect(kept(20, MB)).toBe(4);
    // The budget is read at each insertion: a memo made before the switch keeps to it too.
    setMemoProfile('session');
    const memo = new VariantMemo<string, number>();
    setMemoProfile('batch');
    for (let i = 0; i < 5; i++) memo.set(`p${i}`, 'x', i, MB);
    expect(memo.get('p0', 'x')).toBeUndefined();
    expect(memo.get('p4', 'x')).toBe(4);
  });
});
