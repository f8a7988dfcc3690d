/**
 * Writes the map's world table (src/map/atlas.ts) to the file named on the command line, from
 * the installed world-atlas package. Run by scripts/compile.mjs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { encodeAtlas, type World } from '../src/map/atlas.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: atlasTable.ts <file>');
  process.exit(2);
}
const req = createRequire(import.meta.url);
const { version } = req('world-atlas/package.json') as { version: string };
const world = JSON.parse(readFileSync(req.resolve('world-atlas/countries-50m.json'), 'utf8')) as World;
const bytes = encodeAtlas(world, version);
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, bytes);
console.log(`world-atlas ${version}, ${world.arcs.length} arcs, ${Math.round(bytes.length / 1024)} KB`);
