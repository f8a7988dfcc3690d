/**
 * Deep freezing for what the memos keep (layout/slideMemo.ts, load/loadBrief.ts): a value kept
 * for a later build is frozen before the build that made it goes on, so a stage that changed it
 * would throw in that first build rather than alter the next one.
 */

/** Freezes `value` and everything it holds (typed arrays hold numbers only and are left as they are). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
