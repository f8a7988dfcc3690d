/**
 * Slides use their space: on the shipped deck and the three fixture decks, every content slide
 * covers at least half its body unless its text is already at the theme's ceiling; a table that
 * fits at 18 pt has no cell below 18 pt; six one-line timeline events share one slide, and a
 * timeline with room to spare spreads its events, one gap on every slide; short
 * content sits balanced in the body; a deck's slides of one kind share their size; table
 * columns come from measured content; a comparison too long for one slide (2-4 columns) splits
 * where every part fills its body. Prints each slide's figures (fill of the body, size).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBrief, type BuildResult } from '../../src/build.ts';
import type { Column, Deck, Item, Slide, SlideOf } from '../../src/compose/ir.ts';
import { markingFor } from '../../src/compose/marking.ts';
import { KINDS } from '../../src/kinds/index.ts';
import { columnWidths, wordsBreak } from '../../src/layout/columns.ts';
import { lineHeightPt } from '../../src/layout/fit.ts';
import { bodyFor } from '../../src/layout/grid.ts';
import { layoutDeck } from '../../src/layout/index.ts';
import type { PlacedSlide, TableElement, TextElement } from '../../src/layout/placed.ts';
import { measureBlock, textBlock } from '../../src/layout/text.ts';
import { partTitle } from '../../src/layout/title.ts';
import { Theme } from '../../src/theme/schema.ts';
import { civicTheme, formatAll, REPO } from '../support/helpers.ts';
import { spaceUse } from './space.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 120_000 });

const theme = civicTheme();
const DECKS = ['briefs/kim-putin-2023.yaml', 'test/fixtures/briefs/host-visit.yaml', 'test/fixtures/briefs/decision.yaml', 'test/fixtures/briefs/extra-slides.yaml'];
/** Table text every table that fits at it keeps, whatever else the deck holds. */
const TABLE_MIN = 18;

const titleOf = (s: PlacedSlide) => s.title.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join('');

/** Each placed slide with the IR slide it is a part of (continuation parts are titled "(cont. k/n)"). */
function withSource(r: BuildResult): Array<{ placed: PlacedSlide; slide: Slide }> {
  const out: Array<{ placed: PlacedSlide; slide: Slide }> = [];
  let i = -1;
  for (const placed of r.placed!.slides) {
    const title = titleOf(placed);
    if (!(i >= 0 && title.startsWith(`${r.deck!.slides[i]!.title} (cont. `))) i++;
    const slide = r.deck!.slides[i]!;
    expect(title.startsWith(slide.title), `${title} follows ${slide.title}`).toBe(true);
    out.push({ placed, slide });
  }
  return out;
}

/** The size a kind's text grows to at most. */
const ceiling = (layout: Slide['layout']) => (layout === 'table' || layout === 'sources' ? theme.sizes.tableMax : theme.sizes.bodyMax);

describe('the shipped deck and the fixture decks use their space', () => {
  let dir: string;
  const built = new Map<string, BuildResult>();
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'briefdeck-space-'));
    for (const file of DECKS) built.set(file, await buildBrief(join(REPO, file), { outDir: dir, projectRoot: REPO, templatesDir: join(REPO, 'templates'), checkOnly: true }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(DECKS)('%s: every content slide fills half its body, unless set at the ceiling', (file) => {
    const r = built.get(file)!;
    expect(r.ok, formatAll(r.diagnostics)).toBe(true);
    const rows: string[] = [];
    for (const { placed, slide } of withSource(r)) {
      const use = spaceUse(theme, placed);
      if (!use) continue;
      const atCeiling = use.size >= ceiling(slide.layout);
      rows.push(`${String(placed.number).padStart(3)}  ${slide.layout.padEnd(10)} fill ${use.fill.toFixed(2)}  ${String(use.size).padStart(4)} pt${atCeiling ? ' (ceiling)' : ''}  ${titleOf(placed)}`);
      if (!atCeiling) expect(use.fill, `slide ${placed.number} "${titleOf(placed)}" at ${use.size} pt`).toBeGreaterThanOrEqual(0.5);
    }
    console.log(`${file}\n${rows.join('\n')}`);
  });

  it.each(DECKS)('%s: a table that fits at 18 pt has no cell below 18 pt', (file) => {
    const r = built.get(file)!;
    for (const { placed, slide } of withSource(r)) {
      if (slide.layout !== 'table') continue;
      const table = placed.elements.find((e): e is TableElement => e.kind === 'table')!;
      // The same table with nothing but 18 pt allowed: one slide means it fits at 18 pt.
      const only18 = { ...theme, sizes: { ...theme.sizes, table: TABLE_MIN, tableMax: TABLE_MIN }, fit: { ...theme.fit, tableFloor: TABLE_MIN } };
      const fits = KINDS.table.layout(slide as SlideOf<'table'>, { theme: only18, body: bodyFor(titleOf(placed) === slide.title ? 1 : 2) }).parts.length === 1;
      const cells = [...table.header, ...table.rows.flat()].flatMap((cell) => cell.flatMap((p) => p.runs.map((run) => run.size ?? table.size)));
      if (fits) expect(Math.min(...cells), `"${slide.title}"`).toBeGreaterThanOrEqual(TABLE_MIN);
    }
  });
});

let line = 0;
const base = (title: string) => ({ title, notes: `Notes for ${title}.`, loc: { file: 'mem/deck.hbs', line: ++line, col: 3 } });
const deck = (slides: Slide[]): Deck => ({ meta: { title: 'Space', author: 'Test desk', language: 'en-US', asOf: '2024-03-05', marking: markingFor('UNCLASSIFIED') }, slides });
const items = (texts: string[]): Item[] => texts.map((text) => ({ text, level: 0 }));
const texts = (s: PlacedSlide) => s.elements.filter((e): e is TextElement => e.kind === 'text');

function lay(slides: Slide[], t = theme) {
  const r = layoutDeck(deck(slides), { theme: t });
  expect(formatAll(r.diagnostics)).toBe('');
  return r.value!;
}

const LONG_TITLE = 'A slide title long enough to take two lines on the slide, which leaves the body less room';

describe('the timeline paginates by measured height', () => {
  const events = (n: number) =>
    ['Sunday', 'Sunday evening', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'].slice(0, n).map((when, i) => ({ when, text: `The delegations meet for round ${i + 1} of the talks.`, certainty: 'reported', ref: `[${i + 1}]` }));

  it.each([
    ['a one-line title', 'Sequence of events'],
    ['a two-line title', LONG_TITLE],
  ])('six one-line events fit on one slide under %s, at or above the body size', (_, title) => {
    const placed = lay([{ ...base(title), layout: 'timeline', events: events(6) }]);
    expect(placed.slides).toHaveLength(1);
    const sizes = new Set(texts(placed.slides[0]!).map((t) => t.size));
    expect(sizes.size, 'one size for the slide').toBe(1);
    expect([...sizes][0]).toBeGreaterThanOrEqual(theme.sizes.body);
  });

  it('the "when" column is as wide as its labels need, the rest goes to the events', () => {
    const short = events(6).filter((e) => !e.when.includes(' ')).slice(0, 3);
    const placed = lay([{ ...base('Sequence of events'), layout: 'timeline', events: short }]);
    const [when, what] = texts(placed.slides[0]!);
    // Narrower than the fixed 2.6 in the column had, with each label on one line; the events get the rest.
    expect(when!.frame.w).toBeLessThan(2.6);
    expect(measureBlock(theme, when!, when!.frame.w).lines).toEqual([1]);
    const axisGap = what!.frame.x - (when!.frame.x + when!.frame.w);
    expect(when!.frame.w + axisGap + what!.frame.w).toBeCloseTo(bodyFor(1).w, 2);
  });
});

describe('a timeline with room to spare spreads its events down the slide', () => {
  const event = (when: string, i: number) => ({ when, text: `The delegations meet for round ${i + 1} of the talks.`, certainty: 'reported', ref: `[${i + 1}]` });
  const gaps = (s: PlacedSlide) => {
    const whens = texts(s).filter((_, i) => i % 2 === 0);
    return whens.slice(1).map((w, i) => w.frame.y - (whens[i]!.frame.y + whens[i]!.frame.h));
  };

  it('three short events: wider gaps than the packed third of a line, at most a line and a half more, inside the body', () => {
    const placed = lay([{ ...base('Sequence of events'), layout: 'timeline', events: ['Sunday', 'Monday', 'Tuesday'].map(event) }]);
    const s = placed.slides[0]!;
    const size = texts(s)[0]!.size;
    const line = lineHeightPt(theme, size) / 72;
    const packed = (size * 0.3) / 72;
    const g = gaps(s);
    expect(g).toHaveLength(2);
    expect(g[0]).toBeCloseTo(g[1]!, 2);
    expect(g[0]!).toBeGreaterThan(packed + 0.5 * line);
    expect(g[0]!).toBeLessThanOrEqual(packed + 1.5 * line + 1e-6);
    const body = bodyFor(1);
    const last = texts(s).at(-1)!;
    expect(last.frame.y + last.frame.h).toBeLessThanOrEqual(body.y + body.h + 1e-6);
  });

  it('a timeline of many slides keeps one gap on every slide', () => {
    const whens = Array.from({ length: 24 }, (_, i) => `Day ${i + 1}`);
    const placed = lay([{ ...base('Sequence of events'), layout: 'timeline', events: whens.map(event) }]);
    expect(placed.slides.length).toBeGreaterThan(1);
    const all = placed.slides.flatMap(gaps);
    for (const g of all) expect(g).toBeCloseTo(all[0]!, 2);
    const body = bodyFor(1);
    for (const s of placed.slides) for (const t of texts(s)) expect(t.frame.y + t.frame.h).toBeLessThanOrEqual(body.y + body.h + 1e-6);
  });
});

describe('short content grows to the ceiling and sits balanced in the body', () => {
  it('one short bullet is set at the ceiling, not larger, centred a little above the middle', () => {
    const placed = lay([{ ...base('Background'), layout: 'bullets', items: items(['The corridor opened three years ago.']) }]);
    const s = placed.slides[0]!;
    const use = spaceUse(theme, s)!;
    expect(use.size).toBe(theme.sizes.bodyMax);
    const el = texts(s)[0]!;
    const h = measureBlock(theme, el, el.frame.w).height;
    const above = el.frame.y - use.body.y;
    const below = use.body.y + use.body.h - (el.frame.y + h);
    expect(above).toBeGreaterThan(0.5);
    expect(above).toBeLessThan(below);
    expect(above / (above + below)).toBeGreaterThan(0.35);
  });

  it("a theme without ceilings keeps the old sizes: body text does not grow", () => {
    const { bodyMax: _b, tableMax: _t, ...sizes } = theme.sizes;
    const old = Theme.parse({ ...theme, sizes });
    expect(old.sizes.bodyMax).toBe(theme.sizes.body);
    const placed = lay([{ ...base('Background'), layout: 'bullets', items: items(['The corridor opened three years ago.']) }], old);
    expect(texts(placed.slides[0]!)[0]!.size).toBe(theme.sizes.body);
  });

  it('a theme whose ceiling is below its size is refused', () => {
    expect(Theme.safeParse({ ...theme, sizes: { ...theme.sizes, bodyMax: theme.sizes.body - 2 } }).success).toBe(false);
  });
});

describe("a deck's slides of one kind share their size", () => {
  const sentence = (i: number) => `Point ${i}: officials tied to satellites, submarines and munitions appear to be travelling with the leader.`;
  const bulletSlide = (title: string, n: number): SlideOf<'bullets'> => ({ ...base(title), layout: 'bullets', items: items(Array.from({ length: n }, (_, i) => sentence(i + 1))) });
  const sizeOf = (s: PlacedSlide) => spaceUse(theme, s)!.size;

  it('they grow together, to the size every one of them can take', () => {
    const alone = [1, 5].map((n) => sizeOf(lay([bulletSlide('Alone', n)]).slides[0]!));
    expect(alone[0]).toBe(theme.sizes.bodyMax);
    expect(alone[1]).toBeLessThan(alone[0]!);
    expect(alone[1]).toBeGreaterThan(theme.sizes.body);
    const together = lay([bulletSlide('Short', 1), bulletSlide('Longer', 5)]).slides.map(sizeOf);
    expect(together).toEqual([alone[1], alone[1]]);
  });

  it('a slide that must shrink or continue does so alone: the others keep the body size', () => {
    const placed = lay([bulletSlide('Short', 1), bulletSlide('Long', 24)]);
    expect(sizeOf(placed.slides[0]!)).toBe(theme.sizes.body);
    const long = placed.slides.slice(1);
    expect(long.length).toBeGreaterThan(1);
    for (const s of long) expect(sizeOf(s)).toBeLessThan(theme.sizes.body);
  });

  it('other kinds are not held by them', () => {
    const placed = lay([bulletSlide('Long', 8), { ...base('Quote'), layout: 'quote', quotes: [{ text: 'We will meet after the forum.', speaker: 'Dmitry Peskov', kind: 'direct' }] }]);
    expect(sizeOf(placed.slides[placed.slides.length - 1]!)).toBe(theme.sizes.bodyMax);
  });
});

describe('table columns come from measured content', () => {
  const ROLE = 'Head, committee for space science and technology';
  const WHY = 'Tied, with the navy admiral, to the push for spy satellites';
  const rows = Array.from({ length: 4 }, (_, i) => [{ text: `Member ${i + 1}` }, { text: ROLE }, { text: WHY }, { text: 'Likely' }]);
  // The template's weights squeeze Role, as the delegation table's did.
  const slide: SlideOf<'table'> = { ...base('Delegation'), layout: 'table', columns: [{ header: 'Name', width: 2 }, { header: 'Role', width: 1.2 }, { header: 'Why it matters', width: 4 }, { header: 'Presence', width: 1 }], rows };

  it('a narrow Role column does not wrap to four lines while "Why it matters" has room; the table fits at 18 pt or more', () => {
    const table = lay([slide]).slides[0]!.elements.find((e): e is TableElement => e.kind === 'table')!;
    expect(table.size).toBeGreaterThanOrEqual(TABLE_MIN);
    expect(table.colW.reduce((a, b) => a + b, 0)).toBeCloseTo(table.frame.w, 3);
    const lines = (text: string, col: number) => measureBlock(theme, textBlock([{ runs: [{ text }] }], { font: table.font, size: table.size, lineHeight: table.lineHeight, color: table.color, inset: table.inset }), table.colW[col]!).lines[0]!;
    expect(lines(ROLE, 1)).toBeLessThanOrEqual(2);
    expect(lines(WHY, 2)).toBeLessThanOrEqual(2);
    // No word is broken: every column holds its longest word.
    expect(lines('Presence', 3)).toBe(1);
  });

  it('columnWidths: natural widths plus the spare room by weight when nothing wraps; when words cannot all fit, only the longest break', () => {
    const h = () => 1;
    expect(columnWidths([{ min: 1, natural: 2, weight: 1 }, { min: 1, natural: 3, weight: 3 }], 9, h)).toEqual([3, 6]);
    expect(columnWidths([{ min: 4, natural: 5, weight: 1 }, { min: 6, natural: 8, weight: 1 }], 5, h)).toEqual([2.5, 2.5]);
    // A name, a 90-character id and a word like "Presence": the id's column alone is cut short.
    const close = (ws: number[], want: number[]) => ws.forEach((w, i) => expect(w, `column ${i}`).toBeCloseTo(want[i]!, 9));
    close(columnWidths([{ min: 0.8, natural: 2, weight: 1 }, { min: 9, natural: 12, weight: 3 }, { min: 1.2, natural: 1.5, weight: 1 }], 6, h), [0.8, 4, 1.2]);
    // Two long words share what the short ones leave.
    close(wordsBreak([0.8, 9, 7, 1.2], 10), [0.8, 4, 4, 1.2]);
    expect(wordsBreak([1, 2], 4)).toEqual([1, 2]);
  });

  it('columnWidths: when something must wrap, width goes where it shortens the table, and never below a column\'s longest word', () => {
    // Column 0 takes one line per 2 in of its 6 in of text; column 1 one line per 1 in of its 3 in.
    const lines = (text: number, w: number) => Math.ceil(text / w - 1e-9);
    const height = (ws: readonly number[]) => Math.max(lines(6, ws[0]!), lines(3, ws[1]!));
    const ws = columnWidths([{ min: 0.5, natural: 6, weight: 1 }, { min: 0.5, natural: 3, weight: 1 }], 6, height);
    expect(ws.reduce((a, b) => a + b, 0)).toBeCloseTo(6, 9);
    expect(height(ws)).toBe(2);
    expect(Math.min(...ws)).toBeGreaterThanOrEqual(0.5);
  });

  it('columnWidths: as short, width goes where fewer lines wrap (a short cell is not broken beside a long one with room to spare)', () => {
    // Column 0 holds 2 in of text, column 1 holds 6 in: 6 in wide, the table is two lines tall
    // however it is shared, and column 0 can still take all of its text on one line.
    const lines = (text: number, w: number) => Math.ceil(text / w - 1e-9);
    const height = (ws: readonly number[]) => Math.max(lines(2, ws[0]!), lines(6, ws[1]!));
    const wrapping = (ws: readonly number[]) => lines(2, ws[0]!) + lines(6, ws[1]!);
    const cols = [{ min: 0.5, natural: 2, weight: 1 }, { min: 0.5, natural: 6, weight: 1 }];
    const ws = columnWidths(cols, 6, height, wrapping);
    expect(height(ws)).toBe(2);
    expect(lines(2, ws[0]!)).toBe(1);
    // Asked for the height alone, the first widths that make it two lines stand.
    expect(lines(2, columnWidths(cols, 6, height)[0]!)).toBe(2);
  });
});

describe('continuation parts share one top and one size', () => {
  it('a list that continues starts every part at the same height, at most at the body size', () => {
    const many = Array.from({ length: 14 }, (_, i) => `Point ${i + 1}: officials tied to satellites, submarines and munitions appear to be travelling with the leader.`);
    const placed = lay([{ ...base('Recent developments'), layout: 'bullets', items: items(many) }]);
    expect(placed.slides.length).toBeGreaterThan(1);
    expect(placed.slides.map(titleOf)).toEqual(placed.slides.map((_, i) => partTitle('Recent developments', i, placed.slides.length)));
    const lists = placed.slides.map((s) => texts(s)[0]!);
    expect(new Set(lists.map((l) => l.frame.y)).size).toBe(1);
    expect(new Set(lists.map((l) => l.size)).size).toBe(1);
    expect(lists[0]!.size).toBeLessThanOrEqual(theme.sizes.body);
  });
});

describe('a comparison too long for one slide splits where both parts fill', () => {
  const PRO = ['Keeps partner states on side, the desk judges.', 'Costs little in the first month.', 'Has worked in two earlier closures.', 'Leaves room for a later offer.'];
  const CON = ['Needs a budget line that does not yet exist.', 'Selvan may read it as weakness.', 'Takes three weeks to set up.', 'Depends on partner inspectors.'];
  /** An options slide as the briefing template writes it: the problem as a lead, then per option a summary, "For" and "Against". */
  const options = (n: number, pros: number, cons: number): SlideOf<'comparison'> => ({
    ...base('Options'),
    layout: 'comparison',
    lead: 'The closure has stranded cargo bound for three partner states, the gazette reports.',
    leadRef: '[1]',
    columns: Array.from({ length: n }, (_, c): Column => ({
      heading: c === 1 ? 'Inspection offer (recommended)' : `Option ${c + 1}`,
      items: [
        { text: `Option ${c + 1}: a course of action described in one sentence.`, level: 0 },
        { text: 'For', level: 0 as const, subhead: true },
        ...PRO.slice(0, pros + (c % 2)).map((text): Item => ({ text, level: 0, ref: '[3]' })),
        { text: 'Against', level: 0 as const, subhead: true },
        ...CON.slice(0, cons + ((c + 1) % 2)).map((text): Item => ({ text, level: 0, ref: '[2]' })),
      ],
    })),
  });
  const headingTops = (s: PlacedSlide) => texts(s).filter((e) => e.fill === theme.colors.accent).map((e) => e.frame.y);

  // Split greedily, these leave a last part holding only "Against" (or "For" and one item)
  // under an empty half slide, at 18-20.5 pt.
  it.each([
    [2, 2, 1],
    [2, 3, 1],
    [2, 2, 2],
    [3, 1, 1],
    [3, 2, 1],
    [4, 1, 1],
    [4, 2, 2],
  ])('%i columns, %i+ for and %i+ against: every part fills 0.6 of its body, at one size', (n, pros, cons) => {
    const placed = lay([options(n, pros, cons)]);
    expect(placed.slides.length).toBeGreaterThan(1);
    const uses = placed.slides.map((s) => spaceUse(theme, s)!);
    console.log(`${n} columns ${pros}/${cons}: ${uses.map((u) => `fill ${u.fill.toFixed(2)} at ${u.size} pt`).join(', ')}`);
    for (const [i, u] of uses.entries()) expect(u.fill, `part ${i + 1} of ${uses.length}`).toBeGreaterThanOrEqual(0.6);
    expect(new Set(uses.map((u) => u.size)).size).toBe(1);
    // Continuation parts line their heading bars up with each other.
    expect(new Set(placed.slides.slice(1).flatMap(headingTops)).size).toBe(1);
  });

  it('the decision fixture: the problem and summaries, then For and Against together, both above the floor', async () => {
    const r = await buildBrief(join(REPO, 'test/fixtures/briefs/decision.yaml'), { outDir: tmpdir(), projectRoot: REPO, templatesDir: join(REPO, 'templates'), checkOnly: true });
    const parts = r.placed!.slides.filter((s) => titleOf(s).startsWith('Options'));
    expect(parts.map(titleOf)).toEqual(['Options', 'Options (cont. 2/2)']);
    const uses = parts.map((s) => spaceUse(theme, s)!);
    for (const u of uses) {
      expect(u.fill).toBeGreaterThanOrEqual(0.7);
      expect(u.size).toBeGreaterThan(theme.fit.bodyFloor);
    }
    // Each option's case for and against is read on one slide.
    const words = (s: PlacedSlide) => texts(s).flatMap((e) => e.paragraphs.map((p) => p.runs.map((run) => run.text).join('')));
    expect(words(parts[0]!)).not.toContain('For');
    expect(words(parts[1]!).filter((w) => w === 'For')).toHaveLength(3);
    expect(words(parts[1]!).filter((w) => w === 'Against')).toHaveLength(3);
    // The first part, with the lead, sits balanced in its body rather than under the title.
    const [first] = uses;
    const top = Math.min(...parts[0]!.elements.filter((e) => e.kind !== 'shape' || e.frame.h > 0.1).map((e) => e.frame.y).filter((y) => y >= first!.body.y));
    expect(top - first!.body.y).toBeGreaterThan(0.3);
  });
});
