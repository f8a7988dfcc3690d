/**
 * The memo of slide layouts (src/layout/slideMemo.ts): a rebuild in one process reuses the layout
 * of every slide it finds unchanged. Sound only if a rebuild with the memo full of the last
 * build's slides gives the very deck, and the very diagnostics, a build with an empty memo gives:
 * after no change, after an edit of one slide, after an edit that moves every line of the brief
 * (diagnostics carry line numbers), after a theme change. The decks here are the test decks.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildBrief, type BuildOptions } from '../../src/build.ts';
import { clearSlideMemo, slideMemoOn } from '../../src/layout/slideMemo.ts';
import { setMemoProfile } from '../../src/memoBudget.ts';
import { DECKS, ROOT } from '../render/decks.ts';

const TMP = mkdtempSync(join(tmpdir(), 'briefdeck-slidememo-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
afterEach(() => setMemoProfile('session'));

const opts = (extra: Partial<BuildOptions> = {}): BuildOptions => ({ outDir: join(TMP, 'out'), projectRoot: ROOT, templatesDir: join(ROOT, 'templates'), ...extra });
const diagnostics = (r: Awaited<ReturnType<typeof buildBrief>>) => r.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.col} ${d.path ?? ''} ${d.message}`);

/** Builds `file` with an empty memo, then `then` (default: `file` again) with the memo the first build left; returns both of `then`'s builds. */
async function withAndWithout(file: string, then = file, extra: Partial<BuildOptions> = {}, first: Partial<BuildOptions> = {}) {
  clearSlideMemo();
  const cold = await buildBrief(then, opts(extra));
  clearSlideMemo();
  await buildBrief(file, opts(first));
  const warm = await buildBrief(then, opts(extra));
  return { cold, warm };
}

/** A copy of a brief, changed by `edit`, under the test's folder with the same name. */
function edited(file: string, edit: (yaml: string) => string): string {
  mkdirSync(join(TMP, 'edited'), { recursive: true });
  const out = join(TMP, 'edited', basename(file));
  writeFileSync(out, edit(readFileSync(file, 'utf8')));
  return out;
}

describe('the slide layout memo', () => {
  it('is on in a session and off in a batch worker', () => {
    expect(slideMemoOn()).toBe(true);
    setMemoProfile('batch');
    expect(slideMemoOn()).toBe(false);
  });

  it('rebuilds every test deck byte for byte, with the same diagnostics', async () => {
    for (const spec of DECKS.filter((d) => !d.fixtureTemplate)) {
      const { cold, warm } = await withAndWithout(spec.file);
      expect(cold.ok, spec.name).toBe(true);
      expect(Buffer.compare(Buffer.from(warm.pptx!), Buffer.from(cold.pptx!)), `${spec.name}: the rebuild differs`).toBe(0);
      expect(diagnostics(warm), spec.name).toEqual(diagnostics(cold));
    }
  }, 300_000);

  it('after an edit of one slide, gives the deck an empty memo gives', async () => {
    const shipped = DECKS[0]!.file;
    // One bullet four times as long: its slide shrinks, which can cap the others of its kind.
    const longer = edited(shipped, (y) => y.replace(/^(\s*- text: )(State media images show[^\n]*)$/m, (_, lead: string, text: string) => `${lead}${text} ${text} ${text} ${text}`));
    expect(readFileSync(longer, 'utf8')).not.toBe(readFileSync(shipped, 'utf8'));
    const { cold, warm } = await withAndWithout(shipped, longer);
    expect(cold.ok).toBe(true);
    expect(Buffer.compare(Buffer.from(warm.pptx!), Buffer.from(cold.pptx!))).toBe(0);
    expect(diagnostics(warm)).toEqual(diagnostics(cold));
  }, 60_000);

  it('after an edit that changes the size the slides of a kind share, gives the deck an empty memo gives', async () => {
    // The BLUF without its last two points: its text then grows about as far as the other
    // bullets slides', and so do they, to a size the full BLUF held them below.
    const shipped = DECKS[0]!.file;
    const cut = edited(shipped, (y) => y.replace(/^ {4}- text: Analysts suggest[\s\S]*?sources: \[nk-state-media, rok-unification\]\n/m, ''));
    expect(readFileSync(cut, 'utf8')).not.toBe(readFileSync(shipped, 'utf8'));
    const { cold, warm } = await withAndWithout(cut, shipped);
    const { cold: coldCut } = await withAndWithout(cut);
    expect(cold.ok && coldCut.ok).toBe(true);
    // The slides after the BLUF are set larger in the cut deck: the cap moved.
    const sizes = (r: typeof cold) => r.placed!.slides.map((s) => s.elements.map((e) => ('size' in e ? e.size : undefined)).find((x) => x !== undefined));
    expect(sizes(coldCut)).not.toEqual(sizes(cold));
    expect(Buffer.compare(Buffer.from(warm.pptx!), Buffer.from(cold.pptx!))).toBe(0);
    expect(diagnostics(warm)).toEqual(diagnostics(cold));
  }, 60_000);

  it('after lines are added above every slide, reports each warning at its new line', async () => {
    for (const name of ['long-bullet', 'bullets-25']) {
      const spec = DECKS.find((d) => d.name === name)!;
      const shifted = edited(spec.file, (y) => `# two lines\n# more\n${y}`);
      const { cold, warm } = await withAndWithout(spec.file, shifted);
      expect(cold.diagnostics.length, name).toBeGreaterThan(0);
      expect(diagnostics(warm), name).toEqual(diagnostics(cold));
      expect(cold.diagnostics.map((d) => d.line), name).toEqual(spec.expect.map((e) => e.line + 2));
      expect(Buffer.compare(Buffer.from(warm.pptx!), Buffer.from(cold.pptx!)), name).toBe(0);
    }
  }, 60_000);

  it('after a change of theme, gives the deck an empty memo gives', async () => {
    const shipped = DECKS[0]!.file;
    const { cold, warm } = await withAndWithout(shipped, shipped, { theme: 'dark' }, { theme: 'civic' });
    expect(cold.ok).toBe(true);
    expect(Buffer.compare(Buffer.from(warm.pptx!), Buffer.from(cold.pptx!))).toBe(0);
  }, 60_000);

  it('hands out layouts frozen, so no later stage can change what the next build reuses', async () => {
    const shipped = DECKS[0]!.file;
    const { warm } = await withAndWithout(shipped);
    const elements = warm.placed!.slides[1]!.elements as unknown[];
    expect(Object.isFrozen(elements)).toBe(true);
    expect(() => elements.push({})).toThrow(TypeError);
    expect(Object.isFrozen(elements[0])).toBe(true);
  }, 60_000);
});
