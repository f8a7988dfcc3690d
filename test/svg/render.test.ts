/**
 * The SVG renderer on the shipped deck: one SVG per slide, each placed element drawn at its
 * placed frame, each text broken into the lines layout measured (with layout's measurement,
 * never a browser's), well-formed XML with the brief's text escaped.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBrief } from '../../src/build.ts';
import type { Paragraph, PlacedDeck, TextElement } from '../../src/layout/placed.ts';
import { measureBlock, textBlock } from '../../src/layout/text.ts';
import { renderDeckSvg, renderSlideSvg } from '../../src/svg/render.ts';
import { civicTheme, pptxSlideCount, SHIPPED_BRIEF } from '../support/helpers.ts';
import { parseSlideSvg, type SvgLine } from './parse.ts';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

let deck: PlacedDeck;
let pptxSlides: number;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefdeck-svg-'));
  const r = await buildBrief(SHIPPED_BRIEF, { outDir: dir });
  expect(r.ok).toBe(true);
  deck = r.placed!;
  pptxSlides = pptxSlideCount(r.pptx!);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const squash = (s: string) => s.replace(/\s+/g, '');
const paraText = (p: Paragraph) => p.runs.map((r) => r.text).join('');

/** The lines of one text element (or table cell) in the SVG, by paragraph. */
function linesByParagraph(lines: SvgLine[], el: string, cell?: { row: number; col: number }): string[][] {
  const out: string[][] = [];
  for (const l of lines) {
    if (l.el !== el || l.p === undefined) continue;
    if (cell && (l.cell?.row !== cell.row || l.cell?.col !== cell.col)) continue;
    (out[l.p] ??= [])[l.l!] = l.text;
  }
  return out;
}

/** Every text box of a slide as measureBlock sees it: the element's paragraphs in its width. */
function textBoxes(s: PlacedDeck['slides'][number]) {
  const boxes: Array<{ el: string; cell?: { row: number; col: number }; block: TextElement | ReturnType<typeof textBlock>; width: number }> = [{ el: 'title', block: s.title, width: s.title.frame.w }];
  s.elements.forEach((e, i) => {
    if (e.kind === 'text') boxes.push({ el: `e${i}`, block: e, width: e.frame.w });
    if (e.kind === 'table') {
      [e.header, ...e.rows].forEach((row, r) =>
        row.forEach((cell, c) => boxes.push({ el: `e${i}`, cell: { row: r, col: c }, block: textBlock(cell, { font: e.font, size: e.size, lineHeight: e.lineHeight, color: e.color, inset: e.inset }), width: e.colW[c]! })),
      );
    }
  });
  return boxes;
}

describe('SVG slides of the shipped deck', () => {
  it('has one SVG per slide of the .pptx, numbered in order, each well-formed', () => {
    const svgs = renderDeckSvg(deck);
    expect(pptxSlides).toBeGreaterThan(1);
    expect(svgs).toHaveLength(pptxSlides);
    expect(svgs.map((s) => parseSlideSvg(s).slide)).toEqual(deck.slides.map((s) => s.number));
  });

  it('draws every placed element at its placed frame', () => {
    for (const s of deck.slides) {
      const { elements } = parseSlideSvg(renderSlideSvg(deck, s));
      const placed = [['title', s.title] as const, ...s.elements.map((e, i) => [`e${i}`, e] as const)];
      expect(elements.map((e) => e.id)).toEqual(placed.map(([id]) => id));
      for (const [id, e] of placed) {
        const got = elements.find((x) => x.id === id)!;
        expect(got.kind, `slide ${s.number} ${id}`).toBe(e.kind);
        got.frame.forEach((v, k) => expect(v, `slide ${s.number} ${id} frame[${k}]`).toBeCloseTo([e.frame.x, e.frame.y, e.frame.w, e.frame.h][k]!, 4));
      }
    }
  });

  it("sets each text in exactly the lines layout measured (line width 'measured')", () => {
    const theme = { ...civicTheme(), fonts: { ...civicTheme().fonts, han: deck.chrome.measure.han } };
    let checked = 0;
    for (const s of deck.slides) {
      const { lines } = parseSlideSvg(renderSlideSvg(deck, s, { lineWidth: 'measured' }));
      for (const box of textBoxes(s)) {
        const got = linesByParagraph(lines, box.el, box.cell);
        const measured = measureBlock(theme, box.block, box.width).lines;
        const where = `slide ${s.number} ${box.el}${box.cell ? ` cell ${box.cell.row},${box.cell.col}` : ''}`;
        expect(got.map((p) => p.length), where).toEqual(measured);
        // The lines are the paragraph's text, cut and nothing else.
        box.block.paragraphs.forEach((p, i) => expect(squash(got[i]!.join('')), where).toBe(squash(paraText(p))));
        checked += measured.length;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("sets lines at the box's inner width by default: never more lines than measured, some fewer", () => {
    let fewer = 0;
    for (const s of deck.slides) {
      const deckLines = parseSlideSvg(renderSlideSvg(deck, s)).lines;
      const measuredLines = parseSlideSvg(renderSlideSvg(deck, s, { lineWidth: 'measured' })).lines;
      for (const box of textBoxes(s)) {
        const a = linesByParagraph(deckLines, box.el, box.cell), b = linesByParagraph(measuredLines, box.el, box.cell);
        a.forEach((p, i) => {
          expect(p.length).toBeLessThanOrEqual(b[i]!.length);
          if (p.length < b[i]!.length) fewer++;
          expect(squash(p.join(''))).toBe(squash(b[i]!.join('')));
        });
      }
    }
    // The width reserve is there for a reason: it does change breaks on the shipped deck.
    expect(fewer).toBeGreaterThan(0);
  });

  it('escapes the text of the brief and keeps it verbatim', () => {
    const s = deck.slides[1]!;
    const title = { ...s.title, paragraphs: [{ runs: [{ text: `<b>Kim & "Co"</b> 'x'` }] }] };
    const svg = renderSlideSvg(deck, { ...s, title });
    expect(svg).not.toContain('<b>');
    const { lines } = parseSlideSvg(svg);
    expect(lines.find((l) => l.el === 'title')!.text).toBe(`<b>Kim & "Co"</b> 'x'`);
  });

  it('draws the chrome: marking banners, footer text and the slide number', () => {
    const s = deck.slides[3]!;
    const { lines } = parseSlideSvg(renderSlideSvg(deck, s));
    expect(lines.filter((l) => l.el.startsWith('banner-')).map((l) => l.text)).toEqual([deck.meta.marking.text, deck.meta.marking.text]);
    expect(lines.find((l) => l.el === 'footer')!.text).toBe(deck.chrome.footerText);
    expect(lines.find((l) => l.el === 'slide-number')!.text).toBe(String(s.number));
  });
});
