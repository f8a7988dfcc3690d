// Warm builds of one brief through the compiled bundle (dist/briefdeck.cjs, loaded with its code
// cache as bin/briefdeck.js loads it), in one process: what a watch session or a long-running
// build service runs. Plain JavaScript, run without tsx, so that no TypeScript loader's work is
// counted (through tsx every import() a build makes goes through its hooks).
// `node bench/warm.mjs <brief> <builds> <out folder>` prints one JSON line: each build's `ms`
// and `stages` as `briefdeck build --json` reports them, the first build first.
import { dirname } from 'node:path';
import { loadCompiled } from '../bin/compiled.js';

const [brief, builds, outDir] = process.argv.slice(2);
const { main } = loadCompiled();
const runs = [];
for (let i = 0; i < Number(builds); i++) {
  let text = '';
  const code = await main(['build', brief, '--json', '--out', outDir], { color: false, stdout: (s) => (text += `${s}\n`), stderr: () => {} }, { cwd: dirname(brief) });
  const result = JSON.parse(text).results[0];
  if (code !== 0 || !result.ok) throw new Error(`bench/warm.mjs: ${brief} did not build: ${text}`);
  runs.push({ ms: result.ms, stages: result.stages });
}
console.log(JSON.stringify(runs));
