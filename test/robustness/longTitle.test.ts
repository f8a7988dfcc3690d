/**
 * Long titles: the footer cut and the title fit take a bounded number of measurements, and give
 * exactly what the one-character-at-a-time loop and the size-by-size scan gave (both kept here
 * as references). How fast a 100 000-character title checks is measured in `npm run bench`
 * (bench/longTitle.ts), not asserted here.
 */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { buildLoaded, PACKAGE_ROOT } from '../../src/build.ts';
import { composeDeck } from '../../src/compose/index.ts';
import { readTemplateSet } from '../../src/compose/templateSet.ts';
import { formatLongDate } from '../../src/dates.ts';
import { fitBlock } from '../../src/layout/fit.ts';
import { GRID } from '../../src/layout/grid.ts';
import { layoutDeck } from '../../src/layout/index.ts';
import { textWidthIn } from '../../src/layout/measure.ts';
import { measureBlock, totalLines } from '../../src/layout/text.ts';
import { fitTitle, titleBlock } from '../../src/layout/title.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';
import { civicTheme, MINIMAL_BRIEF } from '../support/helpers.ts';

// Every width measured is counted, in characters, so the work of a cut is counted, not timed.
const measured = vi.hoisted(() => ({ chars: 0, calls: 0 }));
vi.mock('../../src/layout/measure.ts', async (importOriginal) => {
  const m = await importOriginal<typeof import('../../src/layout/measure.ts')>();
  const textWidthIn: typeof m.textWidthIn = (text, font) => {
    measured.chars += text.length;
    measured.calls++;
    return m.textWidthIn(text, font);
  };
  return { ...m, textWidthIn };
});

const theme = civicTheme();
const set = readTemplateSet(join(PACKAGE_ROOT, 'templates'), 'briefing').value!;
const deck = composeDeck(parseBrief(MINIMAL_BRIEF, 'b.yaml').value!.value, set).value!;

/** A seeded generator, so a failure names titles that can be rebuilt. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const WORDS = ['Kim', 'Putin', 'Vostochny', 'cosmodrome', '—', 'summit', 'of', 'a', 'delegation', '김정은', 'Владивосток', '🚀', 'e\u0301te\u0301', 'x-ray'];
function title(rand: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(rand() < 0.2 ? '' : ' ');
}

/** The footer text as it was made before: drop one UTF-16 unit at a time, re-measure. */
function referenceFooter(full: string, width: number): string {
  const asOf = deck.meta.asOf;
  const font = { face: theme.fonts.body, sizePt: theme.sizes.footer };
  const avail = width * (1 - theme.fit.widthReserve) - 2 * GRID.inset;
  const line = (s: string) => (asOf === undefined ? s : `${s} · As of ${formatLongDate(asOf)}`);
  if (textWidthIn(line(full), font) <= avail) return line(full);
  let t = full;
  while (t.length > 1 && textWidthIn(line(`${t}…`), font) > avail) t = t.slice(0, -1);
  const inWord = !/\s/.test(full.charAt(t.length));
  const word = inWord ? t.replace(/\s+\S*$/, '') : t;
  return line(`${(word.length > 0 ? word : t).trimEnd()}…`);
}

/** The title fit as it was made before: every size from the ceiling down, then below the floor. */
function referenceFit(text: string, f: { w: number; h: number }, max: number) {
  const maxLines = theme.fit.titleMaxLines;
  const make = (size: number) => titleBlock(text, size, { color: theme.colors.title, valign: 'top' }, { theme });
  const ok = fitBlock(theme, make, f, max, theme.fit.titleFloor, maxLines);
  if (ok) return { size: ok.block.size, lines: totalLines(ok.measure) };
  const small = fitBlock(theme, make, f, theme.fit.titleFloor - 0.5, theme.fit.absoluteFloor, maxLines);
  const block = small?.block ?? make(theme.fit.absoluteFloor);
  return { size: block.size, lines: totalLines(small?.measure ?? measureBlock(theme, block, f.w)), warned: true };
}

describe('the footer cut', () => {
  it('gives what the character-by-character loop gave, for 200 titles of mixed scripts (no lone surrogate either)', () => {
    const rand = random(7);
    for (let i = 0; i < 200; i++) {
      const t = title(rand, 1 + Math.floor(rand() * 60));
      const chrome = layoutDeck({ ...deck, meta: { ...deck.meta, title: t }, slides: [] }, { theme }).value!.chrome;
      const expected = referenceFooter(t, chrome.footerFrame.w);
      // The old loop could cut an emoji in half; the new cut keeps whole code points.
      if (!/[\uD800-\uDBFF]…/.test(expected)) expect(chrome.footerText, JSON.stringify(t)).toBe(expected);
      expect(chrome.footerText).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });
});

describe('the footer cut', () => {
  it('of a 20 000-character title measures a few times the title, not once per character dropped', () => {
    const long = title(random(5), 4000).slice(0, 20_000);
    expect(long).toHaveLength(20_000);
    measured.chars = measured.calls = 0;
    const chrome = layoutDeck({ ...deck, meta: { ...deck.meta, title: long }, slides: [] }, { theme }).value!.chrome;
    expect(chrome.footerText).toMatch(/… · As of /);
    // The old loop re-measured the whole line for each character it dropped: about n²/2
    // characters (2·10⁸ here). The search measures the line once, then prefixes of the answer.
    expect(measured.calls).toBeGreaterThan(0);
    expect(measured.chars, `${measured.calls} measurements`).toBeLessThan(3 * long.length);
  });
});

describe('the title fit', () => {
  it('gives the size and line count of the size-by-size scan, around the lengths where titles stop fitting', () => {
    const rand = random(11);
    const kinds = new Set<string>();
    for (let words = 4; words < 160; words += 3) {
      const t = title(rand, words);
      const fit = fitTitle({ text: t }, GRID.title, theme.sizes.title, { color: theme.colors.title, valign: 'top' }, { theme }, { loc: { file: 'x', line: 1, col: 1 } });
      const ref = referenceFit(t, GRID.title, theme.sizes.title);
      expect({ size: fit.element.size, lines: fit.lines, warned: fit.diagnostic !== undefined }, JSON.stringify(t)).toEqual({ size: ref.size, lines: ref.lines, warned: ref.warned ?? false });
      kinds.add(!ref.warned ? 'fits' : ref.lines <= theme.fit.titleMaxLines ? 'below the floor' : 'does not fit');
    }
    // All three outcomes were compared, not only the easy one.
    expect([...kinds].sort()).toEqual(['below the floor', 'does not fit', 'fits']);
  });

  it('a 20 000-character title builds: warned about, its footer cut at a word with "…"', async () => {
    const long = title(random(3), 2600).slice(0, 20_000);
    const loaded = parseBrief(MINIMAL_BRIEF.replace('title: Minimal brief', `title: ${JSON.stringify(long)}`), 'long.yaml');
    const r = await buildLoaded(loaded.value!, { templatesDir: join(PACKAGE_ROOT, 'templates'), projectRoot: process.cwd() });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => d.code)).toContain('W_TITLE_TOO_LONG');
    expect(r.placed!.chrome.footerText).toMatch(/… · As of 15 January 2025$/);
    expect(r.placed!.chrome.footerText.length).toBeLessThan(200);
  });
});
