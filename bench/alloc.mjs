// Bytes allocated per deck, and by which functions, through the compiled bundle in one process:
// V8's sampling heap profiler with objects that minor and major collections freed kept, so it
// counts what a build allocates, not what it keeps. The briefs' first `--warm` (default 20)
// build first, unprofiled, so that the profile is of warm code with the memos at work.
// `node bench/alloc.mjs [--warm N] <brief>...`; functions are named with their line in
// dist/briefdeck.cjs. Figures for a developer: not part of `npm run bench`, no budget.
import { mkdtempSync, rmSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadCompiled } from '../bin/compiled.js';

const args = process.argv.slice(2);
const at = args.indexOf('--warm');
const warm = at >= 0 ? Number(args.splice(at, 2)[1]) : 20;
const briefs = args;
if (briefs.length <= warm) throw new Error(`bench/alloc.mjs: give more than ${warm} briefs (the first ${warm} warm up)`);
const { main } = loadCompiled();
const quiet = { color: false, stdout: () => {}, stderr: () => {} };
const out = mkdtempSync(join(tmpdir(), 'briefdeck-alloc-'));
const build = async (brief) => {
  if ((await main(['build', brief, '--out', out], quiet, { cwd: dirname(brief) })) !== 0) throw new Error(`bench/alloc.mjs: ${brief} did not build`);
};
for (const b of briefs.slice(0, warm)) await build(b);
const session = new Session();
session.connect();
await session.post('HeapProfiler.startSampling', { samplingInterval: 2048, includeObjectsCollectedByMinorGC: true, includeObjectsCollectedByMajorGC: true });
const measured = briefs.slice(warm);
for (const b of measured) await build(b);
const { profile } = await session.post('HeapProfiler.stopSampling');
rmSync(out, { recursive: true, force: true });
const self = new Map();
let total = 0;
const walk = (node) => {
  const key = `${node.callFrame.functionName || '(anonymous)'}:${node.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + node.selfSize);
  total += node.selfSize;
  for (const child of node.children) walk(child);
};
walk(profile.head);
const mb = (bytes) => (bytes / measured.length / 1e6).toFixed(2);
console.log(`${measured.length} decks after ${warm} to warm up: ${mb(total)} MB allocated per deck; by function (MB per deck):`);
for (const [key, bytes] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${mb(bytes).padStart(6)}  ${key}`);
