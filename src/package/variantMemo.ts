/**
 * Values kept per part name for the last few contents seen under it: a watch session rebuilds
 * the same parts, and a batch of briefs cycles through a few versions of each name (the third
 * slide of each kind of brief), so one entry per name would miss every time. Bounded in names,
 * in contents per name, and in bytes (what the caller says an entry holds; a bound reached
 * starts that part of the memo again). Used by the fixes' memo (fixMemo.ts) and the deflate
 * memo (zip.ts).
 */
import { memoBytes } from '../memoBudget.ts';

export interface MemoLimits {
  names: number;
  variants: number;
  /** Bytes, read at each insertion (the thread's budget can change: memoBudget.ts). */
  bytes: () => number;
}

const MB = 1024 * 1024;

export class VariantMemo<K, V> {
  private readonly byName = new Map<string, Map<K, V>>();
  private held = 0;
  constructor(private readonly limits: MemoLimits = { names: 1024, variants: 8, bytes: () => memoBytes(24 * MB, 4 * MB) }) {}

  /** The value kept for `content` under `name` (text is found by hashing it). */
  get(name: string, content: K): V | undefined {
    return this.byName.get(name)?.get(content);
  }

  /** The value kept under `name` for a content `same` accepts (bytes, compared rather than hashed). */
  find(name: string, same: (content: K) => boolean): V | undefined {
    for (const [content, value] of this.byName.get(name) ?? []) if (same(content)) return value;
    return undefined;
  }

  /** Keeps `value` for `content` under `name`; `bytes` is what the entry holds. */
  set(name: string, content: K, value: V, bytes: number): void {
    if (this.held + bytes > this.limits.bytes() || (!this.byName.has(name) && this.byName.size >= this.limits.names)) {
      this.byName.clear();
      this.held = 0;
    }
    let variants = this.byName.get(name);
    if (!variants) this.byName.set(name, (variants = new Map()));
    if (variants.size >= this.limits.variants) variants.clear();
    variants.set(content, value);
    this.held += bytes;
  }
}
