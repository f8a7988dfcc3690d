// Warm builds of one brief through the compiled bundle (dist/briefdeck.cjs, loaded with its code
// cache as bin/briefdeck.js loads it), in one process: what a watch session or a long-running
// build service runs. Plain JavaScript, run without tsx, so that no TypeScript loader's work is
// counted (through tsx every import() a build makes goes through its hooks).
// `node bench/warm.mjs <brief> <builds> <out folder> [edit]` prints one JSON line: each build's
// `ms` and `stages` as `briefdeck build --json` reports them, the first build first.
// With `edit`, each build is of a copy of the brief (in the out folder) whose last plain `text:`
// line has a few words more than in the build before, as when an analyst edits one line and
// saves: the slide that holds it is new to every memo, the others are as before.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { loadCompiled } from '../bin/compiled.js';

const [brief, builds, outDir, mode] = process.argv.slice(2);
const { main } = loadCompiled();

/** The brief for build `k`: the brief itself, or in edit mode its copy with line `k` of the edit. */
function briefFor(k) {
  if (mode !== 'edit') return brief;
  const text = readFileSync(brief, 'utf8');
  const lines = [...text.matchAll(/^([ \t]*(?:- )?text: )([^"'\s|>].*)$/gm)];
  const last = lines.at(-1);
  if (!last) throw new Error(`bench/warm.mjs: ${brief} has no plain text: line to edit`);
  const file = join(outDir, 'edit', basename(brief));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text.slice(0, last.index) + `${last[1]}${last[2]} (edit ${k})` + text.slice(last.index + last[0].length));
  return file;
}

const runs = [];
for (let i = 0; i < Number(builds); i++) {
  const file = briefFor(i);
  let text = '';
  const code = await main(['build', file, '--json', '--out', outDir], { color: false, stdout: (s) => (text += `${s}\n`), stderr: () => {} }, { cwd: dirname(file) });
  const result = JSON.parse(text).results[0];
  if (code !== 0 || !result.ok) throw new Error(`bench/warm.mjs: ${file} did not build: ${text}`);
  runs.push({ ms: result.ms, stages: result.stages });
}
console.log(JSON.stringify(runs));
