/**
 * How long `briefdeck check` takes on a brief whose title is 1 000, 20 000 and 100 000
 * characters long, against a budget of one second for 100 000 (the footer once cut a title one
 * character at a time, re-measuring it whole each time: 24 s for 20 000 characters). Run by
 * bench/index.ts in a fresh process; the first check (of a short title) warms modules and fonts,
 * then each length is checked 3 times and the median printed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBrief, PACKAGE_ROOT } from '../src/build.ts';
import { MINIMAL_BRIEF } from '../test/support/helpers.ts';
import { median } from './deck.ts';

/** The most a check of a 100 000-character title may take. */
const BUDGET_MS = 1000;
const WORDS = 'Kim Jong Un and Vladimir Putin meet at the Vostochny Cosmodrome ';

const dir = mkdtempSync(join(tmpdir(), 'briefdeck-bench-title-'));
try {
  const check = async (length: number) => {
    const title = WORDS.repeat(Math.ceil(length / WORDS.length)).slice(0, length).trim();
    const file = join(dir, `title-${length}.yaml`);
    writeFileSync(file, MINIMAL_BRIEF.replace('title: Minimal brief', `title: ${JSON.stringify(title)}`));
    const r = await buildBrief(file, { checkOnly: true, templatesDir: join(PACKAGE_ROOT, 'templates'), projectRoot: dir });
    if (!r.ok) throw new Error(`bench/longTitle.ts: the ${length}-character title did not check: ${r.diagnostics.map((d) => d.message).join('; ')}`);
    return r;
  };
  await check(40);
  for (const length of [1_000, 20_000, 100_000]) {
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await check(length));
    const ms = median(runs.map((r) => r.ms));
    const layout = median(runs.map((r) => r.stages.layout ?? 0));
    const verdict = length === 100_000 ? `  budget ${BUDGET_MS} ms: ${ms <= BUDGET_MS ? 'within' : 'OVER'}` : '';
    console.log(`title of ${String(length).padStart(7)} characters: check ${ms.toFixed(0).padStart(5)} ms (layout ${layout.toFixed(0)} ms, median of 3)${verdict}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
