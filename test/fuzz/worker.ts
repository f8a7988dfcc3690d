/**
 * Runs fuzz cases in a second process so the fuzz test uses both cores:
 * `node --import tsx test/fuzz/worker.ts <seed> <seed> ...` prints one JSON CaseResult per line.
 * A case that throws is reported as an error result, never as a crash of the whole run.
 */
import { checkSeed, type CaseResult } from './check.ts';

for (const arg of process.argv.slice(2)) {
  const seed = Number(arg);
  let result: CaseResult;
  try {
    result = await checkSeed(seed);
  } catch (e) {
    result = { seed, size: '?', ms: 0, strings: 0, errors: [{ code: 'THROWN', message: (e as Error).stack ?? String(e) }], warnings: {}, slides: 0, parts: 0, malformed: [], verify: [], triggers: [], loadAltered: [], lost: [], altered: [], overflows: [] };
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
