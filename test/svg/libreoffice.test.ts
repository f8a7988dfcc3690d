/**
 * The SVG against LibreOffice's rendering of the same .pptx: the shipped deck is built, converted
 * to PDF, and every text line the SVG sets is looked up among the PDF's lines
 * (`pdftotext -bbox-layout`). Each must be there, with the same text on the same page, and its
 * baseline and its start (end for right-aligned, middle for centred lines) within 0.05 in.
 * poppler's word boxes are 1.3 em tall, 0.95 em of them above the baseline, whatever the font
 * (see test/render/frames.ts), which gives each PDF word's baseline. The SVG breaks Korean as
 * PowerPoint does, between syllables, and LibreOffice keeps a Hangul word whole (layout sizes
 * boxes for the worse of the two): a line that ends inside Korean text may end earlier there.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildBrief, type BuildResult } from '../../src/build.ts';
import { convertToPdf, findTools } from '../../src/convert/libreoffice.ts';
import { renderDeckSvg } from '../../src/svg/render.ts';
import type { PdfWord, PdfWordLine } from '../render/frames.ts';
import { pdfWordLines, renderGate } from '../render/pdf.ts';
import { SHIPPED_BRIEF } from '../support/helpers.ts';
import { describeWithTools } from '../support/toolGate.ts';
import { parseSlideSvg, type SvgLine } from './parse.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });

const TOLERANCE_IN = 0.05;
const tools = findTools();

const HANGUL_END = /\p{Script=Hangul}$/u;
const squash = (s: string) => s.normalize('NFKC').replace(/[\s•]+/g, '');
const baselineOf = (w: PdfWord) => w.box.y0 + (0.95 * (w.box.y1 - w.box.y0)) / 1.3;

interface Match {
  line: SvgLine;
  slide: number;
  dy: number;
  dx: number;
}

/**
 * The page's words in rows by baseline, left to right. poppler's own lines are not used as they
 * are: it splits a line where a glyph of another size sits beside it (a quote's opening mark) and
 * joins words of side-by-side frames.
 */
function rows(lines: PdfWordLine[]): PdfWord[][] {
  const words = lines.flatMap((l) => l.words).sort((a, b) => baselineOf(a) - baselineOf(b) || a.box.x0 - b.box.x0);
  const out: PdfWord[][] = [];
  for (const w of words) {
    const row = out.at(-1);
    if (row && Math.abs(baselineOf(row[0]!) - baselineOf(w)) < 0.02) row.push(w);
    else out.push([w]);
  }
  return out.map((r) => r.sort((a, b) => a.box.x0 - b.box.x0));
}

/** The baseline of the page's row nearest `y` (inches). */
function rowNear(pdfRows: PdfWord[][], y: number): number {
  return pdfRows.map((r) => baselineOf(r[0]!)).reduce((a, b) => (Math.abs(b - y) < Math.abs(a - y) ? b : a), Infinity);
}

/** Where the words put the line's anchor: its start, middle or end. */
function xOf(line: SvgLine, words: PdfWord[]): number {
  const x0 = words[0]!.box.x0, x1 = words.at(-1)!.box.x1;
  return line.anchor === 'middle' ? (x0 + x1) / 2 : line.anchor === 'end' ? x1 : x0;
}

/**
 * The PDF words that spell the line's text from a word start, nearest the line's baseline; with
 * `prefix`, the words spelling the longest start of it that ends at a word (LibreOffice broke the
 * line a word earlier).
 */
function find(line: SvgLine, pdfRows: PdfWord[][], prefix = false): { words: PdfWord[]; baseline: number; text: string } | undefined {
  const want = squash(line.text);
  let best: { words: PdfWord[]; baseline: number; text: string } | undefined;
  // Repeated texts (two columns that both say "May seek") go to the nearest.
  const dist = (b: { words: PdfWord[]; baseline: number }) => Math.abs(b.baseline - line.baseline / 72) + Math.abs(xOf(line, b.words) - line.x / 72);
  const better = (b: { words: PdfWord[]; baseline: number; text: string }) =>
    !best || b.text.length > best.text.length || (b.text.length === best.text.length && dist(b) < dist(best));
  for (const row of pdfRows) {
    for (let k = 0; k < row.length; k++) {
      let got = '';
      for (let j = k; j < row.length; j++) {
        const next = got + squash(row[j]!.text);
        if (!want.startsWith(next)) break;
        got = next;
        if (got === want || (prefix && j < row.length)) {
          const cand = { words: row.slice(k, j + 1), baseline: baselineOf(row[k]!), text: got };
          if ((got === want || prefix) && better(cand)) best = cand;
        }
        if (got === want) break;
      }
    }
  }
  return best && (prefix || best.text === want) ? best : undefined;
}

describeWithTools('SVG lines against LibreOffice', renderGate(tools), () => {
  let dir: string;
  let build: BuildResult;
  let pdf: Awaited<ReturnType<typeof pdfWordLines>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'briefdeck-svg-lo-'));
    build = await buildBrief(SHIPPED_BRIEF, { outDir: dir });
    expect(build.ok).toBe(true);
    pdf = await pdfWordLines(await convertToPdf(build.out!, join(dir, 'pdf'), tools), tools);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sets every line where LibreOffice draws it, within 0.05 in', () => {
    const svgs = renderDeckSvg(build.placed!);
    expect(pdf.pages).toHaveLength(svgs.length);
    const matches: Match[] = [];
    const missing: string[] = [];
    const brokeEarlier: string[] = [];
    const koreanBreaks: string[] = [];
    /** Paragraphs in which LibreOffice broke a line earlier: the lines after it start elsewhere. */
    const shifted = new Set<string>();
    svgs.forEach((svg, i) => {
      const page = rows(pdf.lines.filter((l) => l.page === i + 1));
      for (const line of parseSlideSvg(svg).lines) {
        if (squash(line.text) === '') continue;
        const para = `${i}/${line.el}/${line.cell?.row}/${line.cell?.col}/${line.p}`;
        const after = shifted.has(para);
        let hit = find(line, page);
        if (!hit) {
          // Measured widths agree with LibreOffice's to a hair, not to the last 1/100 pt: a line
          // that fills its box to within that may lose its last word there (which is why layout
          // keeps a width reserve). It must still start where the SVG starts it.
          hit = find(line, page, true);
          if (hit && HANGUL_END.test(line.text) && !shifted.has(para)) {
            koreanBreaks.push(`slide ${i + 1} ${line.el}: "${line.text}" (LibreOffice: "${hit.text}")`);
            shifted.add(para);
          } else if (hit && hit.text.length >= 0.8 * squash(line.text).length && !shifted.has(para)) {
            brokeEarlier.push(`slide ${i + 1} ${line.el}: "${line.text}"`);
            shifted.add(para);
          } else if (shifted.has(para)) {
            // After the earlier break the paragraph's lines run on from a word later: same rows.
            hit = { words: [], baseline: rowNear(page, line.baseline / 72), text: '' };
          } else {
            missing.push(`slide ${i + 1} ${line.el}: "${line.text}"`);
            continue;
          }
        }
        // Lines LibreOffice broke differently are compared by their rows only (and a start-aligned
        // broken line by its start).
        const x = !hit.words.length || after || (shifted.has(para) && line.anchor !== 'start') ? line.x / 72 : xOf(line, hit.words);
        matches.push({ line, slide: i + 1, dy: hit.baseline - line.baseline / 72, dx: x - line.x / 72 });
      }
    });
    expect(missing).toEqual([]);
    // One line in a hundred at most; each a line that filled its box.
    if (koreanBreaks.length) console.log(`LibreOffice kept a Korean word whole on: ${koreanBreaks.join('; ')}`);
    if (brokeEarlier.length) console.log(`LibreOffice broke a word earlier on: ${brokeEarlier.join('; ')}`);
    expect(brokeEarlier.length).toBeLessThanOrEqual(Math.floor(matches.length / 100));
    const worst = (k: 'dx' | 'dy') => matches.reduce((a, m) => (Math.abs(m[k]) > Math.abs(a[k]) ? m : a));
    const wy = worst('dy'), wx = worst('dx');
    console.log(`${matches.length} lines; worst baseline ${wy.dy.toFixed(3)} in (slide ${wy.slide} "${wy.line.text}"), worst x ${wx.dx.toFixed(3)} in (slide ${wx.slide} "${wx.line.text}")`);
    expect(matches.length).toBeGreaterThan(150);
    for (const m of matches) {
      expect(Math.abs(m.dy), `slide ${m.slide} ${m.line.el} "${m.line.text}" baseline`).toBeLessThanOrEqual(TOLERANCE_IN);
      expect(Math.abs(m.dx), `slide ${m.slide} ${m.line.el} "${m.line.text}" x`).toBeLessThanOrEqual(TOLERANCE_IN);
    }
  });
});
