/**
 * The placemat layout kind: markup -> IR (vocabulary), and the layout's promises: every frame
 * inside the slide and the body, no two panels overlapping, one shared size between the table
 * floor and the body floor, every text measured to fit its frame, and continuation at panel
 * boundaries (or the oversize warning) when the panels do not fit.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Column, Item, Slide, SlideOf } from '../../src/compose/ir.ts';
import { markupToSlides } from '../../src/compose/markupToDeck.ts';
import { parseMarkupTree } from '../../src/compose/markupTree.ts';
import type { Diagnostic } from '../../src/diagnostics.ts';
import type { LayoutContext } from '../../src/layout/context.ts';
import { bodyFor } from '../../src/layout/grid.ts';
import { layoutDeck } from '../../src/layout/index.ts';
import { placemat as placematKind, placematColumns } from '../../src/kinds/placemat.ts';
import { measureBlock } from '../../src/layout/text.ts';
import type { Element, Frame, TextElement } from '../../src/layout/placed.ts';
import { loadTheme } from '../../src/theme/loadTheme.ts';
import type { Theme } from '../../src/theme/schema.ts';
import { SLIDE } from '../../src/units.ts';

const THEMES = resolve(import.meta.dirname, '../../templates/themes');
const EPS = 2e-3;

function theme(name: string): Theme {
  const r = loadTheme(THEMES, name);
  if (!r.value) throw new Error(`theme ${name}: ${JSON.stringify(r.diagnostics)}`);
  return r.value;
}

const civic = theme('civic');
const LOC = { file: 'fx/deck.hbs', line: 2, col: 3 };

function ctxFor(t: Theme = civic, titleLines = 1): LayoutContext {
  return { theme: t, body: bodyFor(titleLines) };
}

const sentence = (i: number, words = 14) =>
  Array.from({ length: words }, (_, w) => ['Moscow', 'may', 'seek', 'artillery', 'shells', 'and', 'rockets', 'from', 'Pyongyang', 'in', 'exchange', 'for', 'oil', 'food'][(w + i) % 14]).join(' ') + '.';

function items(n: number, words = 14): Item[] {
  return Array.from({ length: n }, (_, i) => ({ text: sentence(i, words), level: 0 as const, ref: `[${(i % 9) + 1}]`, ...(i % 3 === 0 ? { label: 'Moscow:' } : {}) }));
}

function panel(heading: string, n: number, words?: number): Column {
  return { heading, items: items(n, words) };
}

function placemat(panels: Column[], title = 'The trip at a glance'): SlideOf<'placemat'> {
  return { layout: 'placemat', title, notes: 'Notes.', loc: LOC, panels };
}

const inside = (f: Frame, outer: Frame) => f.x >= outer.x - EPS && f.y >= outer.y - EPS && f.x + f.w <= outer.x + outer.w + EPS && f.y + f.h <= outer.y + outer.h + EPS;
const overlap = (a: Frame, b: Frame) => a.x < b.x + b.w - EPS && b.x < a.x + a.w - EPS && a.y < b.y + b.h - EPS && b.y < a.y + a.h - EPS;
const texts = (els: Element[]) => els.filter((e): e is TextElement => e.kind === 'text');
/** Panel backgrounds: the full-size rectangles in the panel colour. */
const panelRects = (els: Element[], t: Theme) => els.filter((e) => e.kind === 'shape' && e.shape === 'rect' && e.fill === t.colors.panel).map((e) => e.frame);

/** Re-measures a placed text box: the placed element is the block layout measured. */
function measuredHeight(el: TextElement, t: Theme): number {
  return measureBlock(t, el, el.frame.w).height;
}

/** The checks every placed placemat part must pass. */
function checkPart(els: Element[], ctx: LayoutContext) {
  const t = ctx.theme;
  const slide = { x: 0, y: 0, w: SLIDE.width, h: SLIDE.height };
  for (const e of els) expect(inside(e.frame, slide), `inside the slide: ${JSON.stringify(e.frame)}`).toBe(true);
  const panels = panelRects(els, t);
  expect(panels.length).toBeGreaterThan(0);
  for (const f of panels) expect(inside(f, ctx.body), `panel inside the body: ${JSON.stringify(f)}`).toBe(true);
  for (const e of texts(els)) expect(inside(e.frame, ctx.body), `text inside the body: ${JSON.stringify(e.frame)}`).toBe(true);
  for (let i = 0; i < panels.length; i++) for (let j = i + 1; j < panels.length; j++) expect(overlap(panels[i]!, panels[j]!), `panels ${i} and ${j} overlap`).toBe(false);
  // Every text box sits inside exactly one panel, and its text, measured, fits the box.
  for (const e of texts(els)) {
    expect(panels.filter((p) => inside(e.frame, p))).toHaveLength(1);
    expect(measuredHeight(e, t), `text fits its frame: ${e.paragraphs[0]?.runs[0]?.text}`).toBeLessThanOrEqual(e.frame.h + EPS);
  }
  const sizes = new Set(texts(els).map((e) => e.size));
  expect(sizes.size, 'all panels share one size').toBe(1);
  return { panels, size: [...sizes][0]! };
}

describe('placemat vocabulary', () => {
  const compose = (markup: string) => {
    const tree = parseMarkupTree(markup, { file: 'fx/deck.hbs', line: 1, col: 1 });
    expect(tree.root).toBeDefined();
    return markupToSlides(tree.root!);
  };
  const errors = (markup: string) => compose(markup).diagnostics.filter((d: Diagnostic) => d.severity === 'error');

  it('turns <panel> elements into the IR', () => {
    const r = compose(`<deck><slide layout="placemat" title="At a glance">
      <panel heading="Who"><item label="Choe Sun Hui" ref="[1]">Foreign minister</item><item level="1">Sub</item></panel>
      <panel heading="What"><item>Shells</item></panel>
      <notes><p>Leave-behind.</p></notes>
    </slide></deck>`);
    expect(r.diagnostics).toEqual([]);
    const s = r.slides[0] as Slide;
    expect(s).toMatchObject({
      layout: 'placemat',
      title: 'At a glance',
      notes: 'Leave-behind.',
      panels: [
        { heading: 'Who', items: [{ text: 'Foreign minister', level: 0, label: 'Choe Sun Hui', ref: '[1]' }, { text: 'Sub', level: 1 }] },
        { heading: 'What', items: [{ text: 'Shells', level: 0 }] },
      ],
    });
  });

  it('rejects unknown attributes, a missing heading, stray children and too many panels', () => {
    expect(errors('<deck><slide layout="placemat" title="P"><panel heading="A" colour="red"><item>x</item></panel></slide></deck>')).toMatchObject([
      { code: 'E_TEMPLATE_ATTR', message: '<panel> has no attribute "colour"' },
    ]);
    expect(errors('<deck><slide layout="placemat" title="P"><panel><item>x</item></panel></slide></deck>')).toMatchObject([{ code: 'E_TEMPLATE_ATTR', message: '<panel> needs a "heading" attribute' }]);
    expect(errors('<deck><slide layout="placemat" title="P"><panel heading="A"><card title="c">x</card></panel></slide></deck>')).toMatchObject([
      { code: 'E_TEMPLATE_ELEMENT', message: '<card> is not allowed inside <panel>' },
    ]);
    expect(errors('<deck><slide layout="placemat" title="P"><panel heading="A"></panel><item>x</item></slide></deck>')).toMatchObject([
      { code: 'E_TEMPLATE_ELEMENT', message: '<item> is not allowed in a "placemat" slide', hint: 'a "placemat" slide takes: <notes>, <panel>' },
    ]);
    expect(errors('<deck><slide layout="bullets" title="P"><panel heading="A"></panel></slide></deck>')).toMatchObject([{ code: 'E_TEMPLATE_ELEMENT', message: '<panel> is not allowed in a "bullets" slide' }]);
    const five = Array.from({ length: 5 }, (_, i) => `<panel heading="P${i}"><item>x</item></panel>`).join('');
    expect(errors(`<deck><slide layout="placemat" title="P">${five}</slide></deck>`)).toMatchObject([{ code: 'E_TEMPLATE_MARKUP', message: 'a placemat slide needs 1 to 4 <panel> elements, got 5' }]);
    expect(errors('<deck><slide layout="placemat" title="P"></slide></deck>')).toMatchObject([{ code: 'E_TEMPLATE_MARKUP' }]);
  });
});

describe('placemat layout', () => {
  it('lays out up to three panels as columns and four as a 2x2 grid', () => {
    expect([1, 2, 3, 4].map(placematColumns)).toEqual([1, 2, 3, 2]);
    for (const n of [1, 2, 3, 4]) {
      const ctx = ctxFor();
      const r = placematKind.layout(placemat(Array.from({ length: n }, (_, i) => panel(`Panel ${i + 1}`, 2, 6))), ctx);
      expect(r.diagnostics).toEqual([]);
      expect(r.parts).toHaveLength(1);
      const { panels, size } = checkPart(r.parts[0]!.elements, ctx);
      expect(panels).toHaveLength(n);
      const xs = new Set(panels.map((p) => p.x));
      const ys = new Set(panels.map((p) => p.y));
      expect(xs.size).toBe(placematColumns(n));
      expect(ys.size).toBe(n === 4 ? 2 : 1);
      // Sparse panels start at the ceiling, the body floor.
      expect(size).toBe(civic.fit.bodyFloor);
      // The panels fill the body: the lowest panel ends at the body's bottom.
      expect(Math.max(...panels.map((p) => p.y + p.h))).toBeCloseTo(ctx.body.y + ctx.body.h, 2);
    }
  });

  it('shrinks dense panels to one shared size, no lower than the table floor', () => {
    const ctx = ctxFor();
    const r = placematKind.layout(placemat([panel('Who is travelling', 6, 10), panel('What each side may seek', 5, 12), panel('Context', 3)]), ctx);
    expect(r.diagnostics).toEqual([]);
    expect(r.parts).toHaveLength(1);
    const { size } = checkPart(r.parts[0]!.elements, ctx);
    expect(size).toBeLessThan(civic.fit.bodyFloor);
    expect(size).toBeGreaterThanOrEqual(civic.fit.tableFloor);
  });

  it('keeps refs no larger than the text they follow', () => {
    const ctx = ctxFor();
    const r = placematKind.layout(placemat([panel('A', 9, 22), panel('B', 9, 22), panel('C', 9, 22)]), ctx);
    for (const part of r.parts)
      for (const e of texts(part.elements)) for (const p of e.paragraphs) for (const run of p.runs) expect(run.size ?? e.size).toBeLessThanOrEqual(e.size);
  });

  it('continues at panel boundaries when the panels do not fit at the floor, truncating nothing', () => {
    const ctx = ctxFor();
    const input = [panel('Who is travelling', 12, 20), panel('What Moscow may seek', 12, 20), panel('What Pyongyang may seek', 12, 20), panel('Context', 12, 20)];
    const r = placematKind.layout(placemat(input), ctx);
    expect(r.diagnostics).toEqual([]);
    expect(r.parts.length).toBeGreaterThan(1);
    const sizes = new Set<number>();
    const headings: string[] = [];
    const shown: string[] = [];
    for (const part of r.parts) {
      const { size } = checkPart(part.elements, ctx);
      sizes.add(size);
      expect(size).toBeGreaterThanOrEqual(civic.fit.tableFloor);
      expect(size).toBeLessThanOrEqual(civic.fit.bodyFloor);
      headings.push(...(part.itemTexts ?? []));
      for (const e of texts(part.elements)) for (const p of e.paragraphs) shown.push(p.runs.map((x) => x.text).join('').replace(/\u00A0/g, ' '));
    }
    expect(sizes.size, 'continuation parts share one size').toBe(1);
    // Every panel appears once, whole and in order; every item is shown.
    expect(headings).toEqual(input.map((p) => p.heading));
    for (const p of input) {
      expect(shown).toContain(p.heading);
      for (const it of p.items) expect(shown).toContain(`${it.label ? `${it.label} ` : ''}${it.text} ${it.ref}`);
    }
  });

  it('titles continuation parts "(cont. k/n)" in the placed deck', () => {
    const slide = placemat([panel('A', 14, 20), panel('B', 14, 20), panel('C', 14, 20), panel('D', 14, 20)]);
    const meta = { title: 'T', author: 'A', language: 'en-US', asOf: '2023-09-12', marking: { text: 'UNCLASSIFIED', system: 'classification' as const, fill: '007A33', color: 'FFFFFF' } };
    const r = layoutDeck({ meta, slides: [slide] }, { theme: civic });
    expect(r.diagnostics).toEqual([]);
    const titles = r.value!.slides.map((s) => s.title.paragraphs[0]!.runs[0]!.text);
    expect(titles.length).toBeGreaterThan(1);
    expect(titles[0]).toBe('The trip at a glance');
    titles.slice(1).forEach((t, i) => expect(t).toBe(`The trip at a glance (cont. ${i + 2}/${titles.length})`));
  });

  it('splits only a panel too tall for a slide of its own, at item boundaries', () => {
    const ctx = ctxFor();
    const input = [panel('Who is travelling', 40, 10), panel('Context', 3)];
    const r = placematKind.layout(placemat(input), ctx);
    expect(r.diagnostics).toEqual([]);
    const headings = r.parts.flatMap((p) => p.itemTexts ?? []);
    expect(headings[0]).toBe('Who is travelling');
    expect(headings.filter((h) => h === 'Who is travelling (cont.)').length).toBeGreaterThan(0);
    expect(headings.at(-1)).toBe('Context');
    const shown: string[] = [];
    for (const part of r.parts) {
      checkPart(part.elements, ctx);
      for (const e of texts(part.elements)) for (const p of e.paragraphs) shown.push(p.runs.map((x) => x.text).join('').replace(/\u00A0/g, ' '));
    }
    // Every item exactly once, in order.
    const all = input.flatMap((p) => p.items.map((it) => `${it.label ? `${it.label} ` : ''}${it.text} ${it.ref}`));
    expect(shown.filter((t) => all.includes(t))).toEqual(all);
  });

  it('sets a single item too large for a slide below the floor with the oversize warning, or fails when even the absolute floor is too large', () => {
    const ctx = ctxFor();
    const huge = (words: number): Column => ({ heading: 'Huge', items: [...items(1, 8), { text: sentence(1, words), level: 0 }, ...items(1, 8)] });
    const r = placematKind.layout(placemat([panel('Short', 1, 4), huge(600)]), ctx);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'warning', code: 'W_TEXT_TOO_LONG', file: 'fx/deck.hbs', line: 2 });
    expect(r.diagnostics[0]!.message).toContain(`${civic.fit.tableFloor} pt floor`);
    const sizes = r.parts.map((part) => checkPart(part.elements, ctx).size);
    const small = sizes.filter((x) => x < civic.fit.tableFloor);
    expect(small).toHaveLength(1);
    expect(small[0]).toBeGreaterThanOrEqual(civic.fit.absoluteFloor);

    const worse = placematKind.layout(placemat([huge(1200)]), ctx);
    expect(worse.diagnostics).toMatchObject([{ severity: 'error', code: 'E_TEXT_TOO_LONG' }]);
  });

  it('fits the same promises under a two-line title and in the dark theme', () => {
    const dark = theme('dark');
    for (const ctx of [ctxFor(civic, 2), ctxFor(dark, 1)]) {
      const r = placematKind.layout(placemat([panel('Who is travelling with the leader of the delegation', 6), panel('What each side may seek', 5), panel('Context', 4)]), ctx);
      expect(r.diagnostics).toEqual([]);
      for (const part of r.parts) checkPart(part.elements, ctx);
    }
  });
});

