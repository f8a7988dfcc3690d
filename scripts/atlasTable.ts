/**
 * Writes the map's world table (src/map/atlas.ts) to the file named on the command line, from
 * the installed world-atlas package. Run by scripts/compile.mjs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeAtlas, readWorldJson } from '../src/map/atlas.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: atlasTable.ts <file>');
  process.exit(2);
}
const { world, version } = readWorldJson();
const bytes = encodeAtlas(world, version);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, bytes);
console.log(`world-atlas ${version}, ${world.arcs.length} arcs, ${Math.round(bytes.length / 1024)} KB`);
