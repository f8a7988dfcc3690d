/**
 * Times the package stage: `node --import tsx test/package/time-package.ts [runs]` renders the
 * shipped brief and one stress brief once each, then prints packageDeck's wall and CPU time:
 *
 *  - first call in the process (cold: JIT, first parse of everything);
 *  - warm, the same render output again `runs` times (default 20): a rebuild of an unchanged
 *    deck, as watch mode and the warm benchmark do, served from the part memos;
 *  - alternating the two decks `runs` times: every part whose content differs is parsed, fixed,
 *    verified and deflated again (the parts the two share, theme and masters, are not).
 *
 * Medians, after two warm-up calls. Figures only; the package tests assert.
 */
import { join } from 'node:path';
import { buildLoaded, PACKAGE_ROOT } from '../../src/build.ts';
import { loadBrief } from '../../src/load/loadBrief.ts';
import { packageDeck } from '../../src/package/index.ts';
import { renderPptx } from '../../src/render/index.ts';
import { FIXTURES, SHIPPED_BRIEF } from '../support/helpers.ts';

async function render(file: string): Promise<{ raw: Uint8Array; date: string | undefined; slides: number }> {
  const loaded = await loadBrief(file);
  if (!loaded.value) throw new Error(`${file} does not load`);
  const checked = await buildLoaded(loaded.value, { checkOnly: true, templatesDir: join(PACKAGE_ROOT, 'templates') });
  if (!checked.placed) throw new Error(`${file} does not lay out`);
  return { raw: await renderPptx(checked.placed), date: loaded.value.value.meta.as_of, slides: checked.slides ?? 0 };
}

const runs = Number(process.argv[2] ?? 20);
const shipped = await render(SHIPPED_BRIEF);
const other = await render(join(FIXTURES, 'stress/bullets-25.yaml'));

function once(deck: { raw: Uint8Array; date: string | undefined }): { wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = packageDeck(deck.raw, { date: deck.date, env: {} });
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  if (!r.value) throw new Error(JSON.stringify(r.diagnostics));
  return { wall, cpu: (c.user + c.system) / 1000 };
}
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const show = (label: string, samples: Array<{ wall: number; cpu: number }>): void => {
  console.log(`${label}: wall ${median(samples.map((s) => s.wall)).toFixed(1)} ms, cpu ${median(samples.map((s) => s.cpu)).toFixed(1)} ms`);
};

console.log(`packageDeck on the shipped deck (${shipped.slides} slides, ${shipped.raw.length} B rendered); other deck: bullets-25 (${other.slides} slides)`);
show('first call (cold)', [once(shipped)]);
once(other);
once(shipped);
show(`warm, same render output, median of ${runs}`, Array.from({ length: runs }, () => once(shipped)));
show(`alternating with another deck, median of ${runs}`, Array.from({ length: runs }, (_, i) => once(i % 2 ? shipped : other)));
