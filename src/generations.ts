/**
 * A memo of two generations: a lookup that misses the current one promotes from the old one,
 * and a full current generation (in entries, or in the bytes its entries are counted at)
 * becomes the old one. Bounded, O(1), and what was used in the last generation survives.
 * Evicting one entry at a time from one Map is quadratic in V8, whose iterators walk past every
 * deleted entry, hence the generations. Used by the memos that make a rebuild in one process
 * fast (memoBudget.ts says how much each may hold, and where none is kept).
 */
export class Generations<V> {
  private current = new Map<string, V>();
  private old = new Map<string, V>();
  private held = 0;

  /** `entries` per generation at most; `bytes()` is read at each insertion (it depends on the thread's budget). */
  constructor(
    private readonly entries: number,
    private readonly bytes: () => number,
  ) {}

  /** Whether anything is kept at all (a batch worker's budget may be 0). */
  get on(): boolean {
    return this.bytes() > 0;
  }

  /** The value kept under `key`; found in the old generation, it moves to the current one. */
  get(key: string, size: number): V | undefined {
    const hit = this.current.get(key);
    if (hit !== undefined) return hit;
    const old = this.old.get(key);
    if (old !== undefined) this.set(key, old, size);
    return old;
  }

  /** Keeps `value` under `key`, counted at `size` bytes. */
  set(key: string, value: V, size: number): void {
    // Larger than a whole generation: keeping it would only empty the memo.
    if (size > this.bytes()) return;
    if (this.current.size >= this.entries || this.held + size > this.bytes()) {
      this.old = this.current;
      this.current = new Map();
      this.held = 0;
    }
    this.current.set(key, value);
    this.held += size;
  }

  /** Forgets everything (for the tests). */
  clear(): void {
    this.current = new Map();
    this.old = new Map();
    this.held = 0;
  }
}
