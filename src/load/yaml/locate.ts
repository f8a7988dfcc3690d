/** From field paths back to positions in the file. */
import { isAlias, isMap, isScalar, isSeq, type Document, type Pair } from 'yaml';
import type { FieldPath, Position, PositionAt } from './types.ts';
import { keyName } from './walk.ts';

type Offset = number | undefined;

/** Where the value and the key at a field path were written. */
export interface Locator {
  /** The value's position; for a path that isn't there, its nearest existing ancestor's. */
  positionOf(path: FieldPath): Position | undefined;
  /** The key's position (the value's where the path ends at a list item or isn't there). */
  keyPositionOf(path: FieldPath): Position | undefined;
}

function offsetOf(node: unknown): Offset {
  return (node as { range?: readonly number[] | null } | null)?.range?.[0];
}

/**
 * Where the walk starts, when not at `doc.contents`: the section parse (sections.ts) walks a
 * mapping of its sections' pairs, whose offsets count from their section's start (`baseOf`).
 */
export interface LocatorRoot {
  root: unknown;
  /** The start of the text a top-level pair's offsets count from. */
  baseOf(pair: Pair): number;
}

/** Maps field paths to positions by walking the document (through aliases, one path at a time). */
export function locator(doc: Document.Parsed, pos: PositionAt, from?: LocatorRoot): Locator {
  const root = from ? from.root : doc.contents;
  /** The deepest node along `path`; `key` is set only when the whole path was found. */
  function find(path: FieldPath): { offset: Offset; key?: Offset } {
    let node: unknown = root;
    let offset = offsetOf(node);
    let key: Offset;
    let base = 0;
    const offsetIn = (n: unknown): Offset => {
      const o = offsetOf(n);
      return o === undefined ? undefined : o + base;
    };
    for (const step of path) {
      if (isAlias(node)) node = node.resolve(doc);
      key = undefined;
      if (isMap(node) && typeof step === 'string') {
        const pair = pairsOf(node).get(step);
        if (pair === undefined) return { offset };
        if (from && node === root) base = from.baseOf(pair);
        key = offsetIn(pair.key);
        node = pair.value;
        // `name:` with nothing after it: the key is where the reader should look.
        const empty = isScalar(node) && node.value === null && node.range?.[0] === node.range?.[1];
        offset = (empty ? undefined : offsetIn(node)) ?? key ?? offset;
      } else if (isSeq(node) && typeof step === 'number' && node.items[step] !== undefined) {
        node = node.items[step];
        offset = offsetIn(node) ?? offset;
      } else {
        return { offset };
      }
    }
    return { offset, key };
  }
  // Indexed on first use: a file with 100 000 unknown keys asks for 100 000 key positions.
  const index = new WeakMap<object, Map<string, Pair>>();
  function pairsOf(map: { items: Pair[] }): Map<string, Pair> {
    let pairs = index.get(map);
    if (pairs === undefined) {
      // The last of duplicate keys wins in the data, so it is the one to point at.
      pairs = new Map(map.items.map((p) => [keyName(p.key), p]));
      index.set(map, pairs);
    }
    return pairs;
  }
  const at = (o: Offset) => (o === undefined ? undefined : pos(o));
  return {
    positionOf: (path) => at(find(path).offset),
    keyPositionOf: (path) => {
      const found = find(path);
      return at(found.key ?? found.offset);
    },
  };
}
