/**
 * The last result parsed from each of a few files, kept with the bytes it was parsed from: in a
 * session (watch, serve) a rebuild reads the same brief or theme again, and parsing and
 * validating it again is milliseconds of a warm build. A parse that is a function of the bytes
 * and the key alone makes a hit exact. What is kept is frozen (by the caller's `freeze`) before
 * the build that made it goes on; each read gets a diagnostics list of its own. A batch worker
 * keeps nothing: each of its files is read once (memoBudget.ts).
 */
import { memoBytes } from '../memoBudget.ts';

export class LastParsed<R extends { diagnostics: readonly unknown[] }> {
  private readonly byKey = new Map<string, { bytes: Uint8Array; result: R }>();
  constructor(private readonly max: number) {}

  /** What `parse` makes of `bytes`, read under `key`: the kept result when the bytes are those it was made from. */
  read(key: string, bytes: Uint8Array, parse: () => R, freeze: (result: R) => void): R {
    if (memoBytes(1, 0) === 0) return parse();
    const hit = this.byKey.get(key);
    let result: R;
    if (hit && hit.bytes.length === bytes.length && Buffer.compare(hit.bytes, bytes) === 0) result = hit.result;
    else {
      result = parse();
      this.byKey.delete(key);
      if (this.byKey.size >= this.max) this.byKey.delete(this.byKey.keys().next().value!);
      freeze(result);
      this.byKey.set(key, { bytes, result });
    }
    return { ...result, diagnostics: [...result.diagnostics] };
  }
}
