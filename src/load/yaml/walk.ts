/** Walking a parsed document's nodes without expanding aliases. */
import { isMap, isScalar, isSeq, type Pair, type Scalar } from 'yaml';

/** Callbacks for `walk`; each is optional. */
export interface Visitor {
  map?(node: { items: Pair[] }, path: (string | number)[]): void;
  /** `path` is the value's path, or for a key (`isKey`) the path of its mapping. */
  string?(node: Scalar<string>, path: (string | number)[], isKey: boolean): void;
}

/** The key as it will be in the plain data: yaml stringifies other keys, and `null:` or `~:` becomes "". */
export function keyName(key: unknown): string {
  if (!isScalar(key)) return String(key);
  return key.value === null ? '' : String(key.value);
}

/**
 * Visits nodes without expanding aliases, so an alias bomb costs only its own size here.
 * A mapping's keys are visited (and may be cleaned) before the mapping itself.
 */
export function walk(node: unknown, path: (string | number)[], v: Visitor): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string') v.string?.(pair.key as Scalar<string>, path, true);
    }
    v.map?.(node, path);
    for (const pair of node.items) walk(pair.value, [...path, keyName(pair.key)], v);
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => walk(item, [...path, i], v));
  } else if (isScalar(node) && typeof node.value === 'string') {
    v.string?.(node as Scalar<string>, path, false);
  }
}
