/**
 * The render check's claims that the placed deck alone can show (no LibreOffice needed):
 * every deck builds with exactly the warnings expected, each naming the brief field with
 * file:line:col; long content continues on further slides titled "(cont. k/n)", tables with
 * the header row repeated; the shipped deck's body text is at least the theme's body floor.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { BuildResult } from '../../src/build.ts';
import type { Slide } from '../../src/compose/ir.ts';
import { GRID } from '../../src/layout/grid.ts';
import type { Frame, PlacedDeck, PlacedSlide, TableElement, TextElement } from '../../src/layout/placed.ts';
import { loadTheme } from '../../src/theme/loadTheme.ts';
import type { Theme } from '../../src/theme/schema.ts';
import { SLIDE } from '../../src/units.ts';
import { listRepairTriggers, verifyDeck } from '../../src/package/index.ts';
import { buildDeck, DECKS, ROOT, STRESS, type DeckSpec } from './decks.ts';
import { frameBox, paragraphsText } from './frames.ts';

let dir: string;
const built = new Map<string, BuildResult>();
let theme: Theme;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'briefdeck-placed-'));
  theme = loadTheme(join(ROOT, 'templates/themes'), 'civic').value!;
  for (const spec of DECKS) built.set(spec.name, await buildDeck(spec, dir));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const deckOf = (name: string): BuildResult => built.get(name)!;
const placedOf = (name: string): PlacedDeck => deckOf(name).placed!;
const titleOf = (s: PlacedSlide) => paragraphsText(s.title);
const briefOf = async (spec: DeckSpec) => parse(await readFile(spec.file, 'utf8'));
const spec = (name: string) => DECKS.find((d) => d.name === name)!;

/** The slides of one template slide: its title, then "<title> (cont. k/n)" for k = 2..n. */
function parts(deck: PlacedDeck, title: string): PlacedSlide[] {
  const out = deck.slides.filter((s) => titleOf(s) === title || titleOf(s).startsWith(`${title} (cont. `));
  return out;
}

function expectContinuations(slides: PlacedSlide[], title: string, min = 2): void {
  expect(slides.length).toBeGreaterThanOrEqual(min);
  const n = slides.length;
  expect(slides.map(titleOf)).toEqual(slides.map((_, k) => (k === 0 ? title : `${title} (cont. ${k + 1}/${n})`)));
  // Consecutive slides, and continuation notes say which part they are.
  slides.forEach((s, k) => {
    if (k > 0) {
      expect(s.number).toBe(slides[k - 1]!.number + 1);
      expect(s.notes).toMatch(new RegExp(`^Continuation ${k + 1} of ${n} of "`));
    }
  });
}

describe.each(DECKS)('$name ($about)', (d) => {
  it('carries no known PowerPoint repair trigger and passes verification', () => {
    const r = deckOf(d.name);
    expect(r.pptx, 'the deck was packaged').toBeDefined();
    expect(listRepairTriggers(r.pptx!)).toEqual([]);
    expect(verifyDeck(r.pptx!)).toEqual([]);
  });

  it('builds, with exactly the expected warnings, each naming the brief field', async () => {
    const r = deckOf(d.name);
    expect(r.ok, r.diagnostics.map((x) => `${x.code} ${x.message}`).join('\n')).toBe(true);
    expect(r.diagnostics.every((x) => x.severity === 'warning')).toBe(true);
    const got = r.diagnostics.map((x) => ({ code: x.code, path: x.path, file: x.file && resolve(x.file), line: x.line, col: x.col }));
    expect(got).toEqual(d.expect.map((x) => ({ ...x, file: d.file })));
    // file:line:col points at the value of the field the path names (a list: its first item).
    const lines = (await readFile(d.file, 'utf8')).split('\n');
    for (const x of d.expect) {
      const key = x.path.split('.').pop()!.replace(/\[\d+\]$/, '');
      const before = lines[x.line - 1]!.slice(0, x.col - 1);
      const listStart = /^\s*$/.test(before) && lines[x.line - 1]!.slice(x.col - 1).startsWith('- ') && new RegExp(`^\\s*${key}:$`).test(lines[x.line - 2]!);
      expect(listStart || new RegExp(`^\\s*(- )?${key}: $`).test(before), `${x.code} at ${x.line}:${x.col}: ${lines[x.line - 1]}`).toBe(true);
    }
  });

  it('places every frame on the slide, clear of the banners; body frames above the footer', () => {
    const deck = placedOf(d.name);
    const bad: string[] = [];
    for (const s of deck.slides) {
      for (const el of [s.title, ...s.elements]) {
        const b = frameBox(el.frame);
        const where = `slide ${s.number} ${el.kind} ${el.kind === 'text' ? JSON.stringify(paragraphsText(el).slice(0, 40)) : ''} ${JSON.stringify(el.frame)}`;
        if (b.x0 < -1e-9 || b.y0 < -1e-9 || b.x1 > SLIDE.width + 1e-6 || b.y1 > SLIDE.height + 1e-6) bad.push(`${where}: off the slide`);
        if (el.kind === 'shape') continue;
        if (b.y0 < deck.chrome.bannerTop.h - 1e-6 || b.y1 > deck.chrome.bannerBottom.y + 1e-6) bad.push(`${where}: in a banner band`);
        if (el !== s.title && b.y1 > deck.chrome.footerFrame.y + 1e-6) bad.push(`${where}: in the footer band`);
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('continuation slides', () => {
  it('delegation-40: the table continues over several slides, each starting with the header row', async () => {
    const deck = placedOf('delegation-40');
    const slides = parts(deck, 'Delegation');
    expectContinuations(slides, 'Delegation', 3);
    const tables = slides.map((s) => {
      const t = s.elements.filter((e): e is TableElement => e.kind === 'table');
      expect(t).toHaveLength(1);
      return t[0]!;
    });
    for (const t of tables) {
      expect(t.header.map((c) => paragraphsText({ paragraphs: c }))).toEqual(['Name', 'Role', 'Why it matters', 'Presence']);
      expect(t.rowH).toHaveLength(t.rows.length + 1);
      expect(t.frame.y + t.frame.h).toBeLessThanOrEqual(GRID.bodyBottom + 1e-6);
      expect(t.size).toBeGreaterThanOrEqual(theme.fit.tableFloor);
    }
    // One size for every part, so the continued table reads as one.
    expect(new Set(tables.map((t) => t.size)).size).toBe(1);
    // Every member once, in the brief's order.
    const members = (await briefOf(spec('delegation-40'))).delegation.members as Array<{ name: string; native_name: string }>;
    const rows = tables.flatMap((t) => t.rows);
    expect(members).toHaveLength(40);
    expect(rows.map((r) => paragraphsText({ paragraphs: r[0]! }))).toEqual(members.map((m) => `${m.name} (${m.native_name}${'aliases' in m ? `; also ${(m as { aliases: string[] }).aliases.join(', ')}` : ''})`));
  });

  it('long-names: four long-named members share one table slide, its columns sized to their names (no continuation needed)', () => {
    // With widths from the template's weights these took two slides; measured columns give the
    // long names the width they need and take it from columns with room to spare.
    const slides = parts(placedOf('long-names'), 'Delegation');
    expect(slides).toHaveLength(1);
    const table = slides[0]!.elements.find((e) => e.kind === 'table') as TableElement;
    expect(paragraphsText({ paragraphs: table.header[0]! })).toBe('Name');
    expect(table.rows).toHaveLength(4);
    expect(table.size).toBeGreaterThanOrEqual(theme.fit.tableFloor);
  });

  it('bullets-25: 25 bullets shrink to the floor at most, then continue, all in order', async () => {
    const slides = parts(placedOf('bullets-25'), 'Background');
    expectContinuations(slides, 'Background');
    const lists = slides.map((s) => s.elements.filter((e): e is TextElement => e.kind === 'text' && e.paragraphs.some((p) => p.bullet)));
    lists.forEach((l) => expect(l).toHaveLength(1));
    const history = (await briefOf(spec('bullets-25'))).context.history as Array<{ text: string }>;
    expect(history).toHaveLength(25);
    expect(lists.flatMap((l) => l[0]!.paragraphs.map((p) => p.runs[0]!.text))).toEqual(history.map((h) => h.text));
    const sizes = lists.map((l) => l[0]!.size);
    expect(new Set(sizes).size).toBe(1);
    expect(sizes[0]).toBeGreaterThanOrEqual(theme.fit.bodyFloor);
  });

  it('timeline-30: 30 events continue at event boundaries, all in order', async () => {
    const slides = parts(placedOf('timeline-30'), 'Timeline');
    expectContinuations(slides, 'Timeline', 3);
    // The "when" column is the right-aligned text; one per event.
    const whens = slides.flatMap((s) => s.elements.filter((e): e is TextElement => e.kind === 'text' && e.align === 'right').map(paragraphsText));
    const events = (await briefOf(spec('timeline-30'))).timeline.events as Array<{ when: string }>;
    expect(events).toHaveLength(30);
    expect(whens).toEqual(events.map((e) => e.when));
  });

  it('caps-title/content: a 150-character all-caps content title continues with "(cont. 2/2)"', async () => {
    const title = (await briefOf(spec('caps-title'))).meta.title as string;
    expect(title).toHaveLength(150);
    expect(title).toBe(title.toUpperCase());
    const slides = parts(placedOf('caps-title/content'), title);
    expectContinuations(slides, title);
    // Shrunk below the title floor (the warning says so), but kept to two lines in the placeholder.
    for (const s of slides) expect(s.title.size).toBeLessThan(theme.fit.titleFloor);
  });

  it('caps-title: the cover carries the whole title; footers shorten it', async () => {
    const deck = placedOf('caps-title');
    const title = (await briefOf(spec('caps-title'))).meta.title as string;
    expect(titleOf(deck.slides[0]!)).toBe(title);
    expect(deck.chrome.footerText).toMatch(/^JOINT COMMISSION .*… · As of 26 February 2024$/);
  });

  it('long-word: the 90-character words reach the deck whole', async () => {
    const deck = placedOf('long-word');
    const all = deck.slides.flatMap((s) => s.elements.flatMap((e) => (e.kind === 'text' ? [paragraphsText(e)] : e.kind === 'table' ? e.rows.flat().map((c) => paragraphsText({ paragraphs: c })) : []))).join('\n');
    const words = (all.match(/\S{90,}/g) ?? []).map((w) => w.replace(/[.,;:]$/, ''));
    expect(new Set(words.map((w) => w.length >= 90))).toEqual(new Set([true]));
    expect(words.length).toBeGreaterThanOrEqual(4);
  });
});

/**
 * What counts as body text, for "the shipped deck's body text is at least 18 pt" (theme
 * fit.bodyFloor): every run of every role-"body" text element, except
 *  - the sources slide: reference type, whose floor is fit.tableFloor (layout/kinds/sources.ts);
 *  - tables: table type, floor fit.tableFloor (they are not text elements anyway);
 *  - reference runs ("[1, 3]", appended by withRef at sizes.ref in the muted colour);
 *  - labels: text set on an accent-filled shape that holds its frame — the outline's number
 *    discs and the key judgments' likelihood badges (set at max(sizes.ref, body − 4)).
 * Titles have their own floor (fit.titleFloor). Each exception gets its own floor below, so
 * every piece of text in the shipped deck is held to some floor.
 */
describe('type sizes in the shipped deck', () => {
  const layoutOf = (deck: BuildResult, s: PlacedSlide): Slide['layout'] => {
    const base = titleOf(s).replace(/ \(cont\. \d+\/\d+\)$/, '');
    const ir = deck.deck!.slides.find((x) => x.title === base);
    if (!ir) throw new Error(`no template slide titled ${JSON.stringify(base)}`);
    return ir.layout;
  };
  const isRef = (text: string, size: number | undefined) => size === theme.sizes.ref && /^\s*\[\d+(, \d+)*\]$/.test(text);
  const within = (a: Frame, b: Frame) => a.x >= b.x - 1e-6 && a.y >= b.y - 1e-6 && a.x + a.w <= b.x + b.w + 1e-6 && a.y + a.h <= b.y + b.h + 1e-6;
  const isLabel = (el: TextElement, s: PlacedSlide) => s.elements.some((sh) => sh.kind === 'shape' && sh.fill === theme.colors.accent && within(el.frame, sh.frame));

  it('has no warnings', () => {
    expect(deckOf('kim-putin-2023').diagnostics).toEqual([]);
  });

  it(`sets all body text at ${18} pt or more (the theme's body floor)`, () => {
    const r = deckOf('kim-putin-2023');
    expect(theme.fit.bodyFloor).toBe(18);
    const small: string[] = [];
    let runs = 0;
    for (const s of r.placed!.slides) {
      // The sources list and a map's labels have their own floor (the table floor; next test).
      if (layoutOf(r, s) === 'sources' || layoutOf(r, s) === 'map') continue;
      for (const el of s.elements) {
        if (el.kind !== 'text' || el.role !== 'body' || isLabel(el, s)) continue;
        for (const run of el.paragraphs.flatMap((p) => p.runs)) {
          const size = run.size ?? el.size;
          if (isRef(run.text, run.size)) continue;
          runs++;
          if (size < theme.fit.bodyFloor) small.push(`slide ${s.number} "${titleOf(s)}": ${size} pt "${run.text.slice(0, 50)}"`);
        }
      }
    }
    expect(small).toEqual([]);
    expect(runs).toBeGreaterThan(50);
  });

  it('holds the exceptions to their own floors: titles, tables, sources, references, labels', () => {
    const r = deckOf('kim-putin-2023');
    const labels: string[] = [];
    for (const s of r.placed!.slides) {
      expect(s.title.size).toBeGreaterThanOrEqual(theme.fit.titleFloor);
      for (const el of s.elements) {
        if (el.kind === 'table') expect(el.size).toBeGreaterThanOrEqual(theme.fit.tableFloor);
        if (el.kind !== 'text') continue;
        if (layoutOf(r, s) === 'sources' || layoutOf(r, s) === 'map') expect(el.size).toBeGreaterThanOrEqual(theme.fit.tableFloor);
        if (isLabel(el, s)) {
          labels.push(`${titleOf(s)}: ${paragraphsText(el).split('\n')[0]}`);
          expect(el.size).toBeGreaterThanOrEqual(theme.sizes.ref);
        }
        for (const run of el.paragraphs.flatMap((p) => p.runs)) if (isRef(run.text, run.size)) expect(run.size).toBe(theme.sizes.ref);
      }
    }
    // The label exception covers the outline's number discs and the two likelihood badges (the
    // unrated judgments' "Not assessed" marks are body text), nothing else.
    expect(labels).toEqual([
      ...['1', '2', '3', '4', '5', '6', '7'].map((n) => `Outline: ${n}`),
      'Key judgments: Likely',
      'Key judgments: Likely',
    ]);
  });
});

describe('optional sections', () => {
  // The schema makes `closing` optional (src/load/schema.ts), and the stress fixtures carry one
  // only because of this: without it the briefing template fails at `{{#each closing.questions}}`.
  it('builds a brief that leaves out `closing`', async () => {
    const source = await readFile(join(STRESS, 'long-word.yaml'), 'utf8');
    const without = source.replace(/\nclosing:\n(?: {2}.*\n|\n)*/, '\n');
    expect(without).not.toMatch(/^closing:/m);
    const file = join(dir, 'no-closing.yaml');
    await writeFile(file, without);
    const r = await buildDeck({ name: 'no-closing', file, about: 'no closing section', expect: [] }, dir);
    expect(r.diagnostics.map((x) => `${x.file}:${x.line}:${x.col}: ${x.code}: ${x.message}`)).toEqual([]);
    expect(r.ok).toBe(true);
  });
});
