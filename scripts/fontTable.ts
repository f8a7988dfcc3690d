/**
 * Writes the font metrics tables (src/layout/fontTable.ts) into the folder named on the command
 * line: one per family that measurement can ask for. Run by scripts/compile.mjs.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildFontTable, fontTableFile } from '../src/layout/fontTable.ts';
import { familySource, type Pkg } from '../src/layout/fonts.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: fontTable.ts <folder>');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
const PKGS: Pkg[] = ['arimo', 'carlito', 'noto-sans-kr', 'noto-sans-sc', 'noto-sans-tc'];
const done = new Set<string>();
let bytes = 0;
for (const pkg of PKGS) {
  for (const weight of [400, 700] as const) {
    for (const italic of [false, true]) {
      const src = familySource(pkg, weight, italic);
      const file = fontTableFile(src);
      if (done.has(file)) continue;
      done.add(file);
      const text = JSON.stringify(buildFontTable(src));
      writeFileSync(join(dir, file), text);
      bytes += text.length;
    }
  }
}
console.log(`${done.size} tables, ${Math.round(bytes / 1024)} KB`);
