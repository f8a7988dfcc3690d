// The briefdeck CLI, run as its own process with its resource use reported: like
// bin/briefdeck.js, but the CLI's own output goes to stderr and the last stdout line is
// {"code", "ms", "maxRssMB"}. A crash (e.g. V8 out of memory) shows as no such line.
import { register } from 'tsx/esm/api';

register();
const { main, installSignalCleanup } = await import('../../src/cli/main.ts');
installSignalCleanup();
const t0 = performance.now();
const write = (s) => process.stderr.write(`${s}\n`);
const code = await main(process.argv.slice(2), { color: false, stdout: write, stderr: write });
process.stdout.write(`${JSON.stringify({ code, ms: Math.round(performance.now() - t0), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
process.exitCode = code;
