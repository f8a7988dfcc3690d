/**
 * The map's world table (src/map/atlas.ts, written by `npm run compile`) against world-atlas's
 * JSON: the same topology, arcs and index, so a map is the same from either. Under CI, where
 * `npm ci` has just compiled dist/, the table is also what a build reads.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { atlas, ATLAS_TABLE, decodeAtlas, encodeAtlas, jsonAtlas, readWorldJson, type Atlas } from '../../src/map/atlas.ts';
import { isCI } from '../support/toolGate.ts';

const { version: VERSION } = readWorldJson();
const world = () => readWorldJson().world;

/** Everything an atlas gives, as plain data. */
function contents(a: Atlas) {
  return {
    topology: a.topology,
    arcs: Array.from({ length: a.arcCount }, (_, i) => a.arc(i)),
    ends: Array.from({ length: a.arcCount }, (_, i) => a.ends(i)),
    index: a.index,
  };
}

describe('the world table', () => {
  const json = jsonAtlas();

  it('decodes to what the JSON gives: topology, every arc, every cut-down arc and the index', () => {
    const table = decodeAtlas(encodeAtlas(world(), VERSION), VERSION)!;
    expect(table.source).toBe('table');
    expect(contents(table)).toEqual(contents(json));
    // A cut-down arc is its first point and its last (as a delta); short arcs are themselves.
    const long = json.arc(0).length > 2 ? 0 : Array.from({ length: json.arcCount }, (_, i) => i).find((i) => json.arc(i).length > 2)!;
    const sum = json.arc(long).slice(1).reduce((s, p) => [s[0]! + p[0]!, s[1]! + p[1]!], [0, 0]);
    expect(table.ends(long)).toEqual([json.arc(long)[0], sum]);
  });

  it('is refused when made from another world-atlas version or format, and the JSON read instead', () => {
    const bytes = encodeAtlas(world(), VERSION);
    expect(decodeAtlas(bytes, `${VERSION}-other`)).toBeUndefined();
    const header = JSON.parse(bytes.toString('utf8', 4, 4 + bytes.readUInt32LE(0))) as { format: number };
    expect(header.format).toBe(1);
  });

  it.runIf(isCI())('is the one a build reads once npm ci has compiled dist/', () => {
    expect(readFileSync(ATLAS_TABLE).length).toBeGreaterThan(100_000);
    expect(atlas().source).toBe('table');
  });
});
