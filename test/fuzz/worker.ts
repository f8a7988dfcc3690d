/**
 * Runs fuzz cases in a second process so the fuzz test uses both cores:
 * `node --import tsx test/fuzz/worker.ts <seed> <seed> ...` prints one JSON CaseResult per line.
 * A case that throws is reported as an error result, never as a crash of the whole run.
 */
import { checkSeeds } from './check.ts';

await checkSeeds(process.argv.slice(2).map(Number), (result) => process.stdout.write(`${JSON.stringify(result)}\n`));
