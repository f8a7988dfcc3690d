/**
 * The render check: each deck (test/render/decks.ts) is converted once through LibreOffice to
 * PDF, and every text line pdftotext finds must lie inside the frame layout gave it, inside the
 * page, clear of the banners and of every other text frame (the rules are in frames.ts).
 *
 * Without LibreOffice or pdftotext the tests skip and say why; under CI (CI=true) that is a
 * failure instead, so a CI run cannot pass without having checked anything. Each deck prints a
 * summary line (lines checked, slides, frames). Conversions run two at a time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BuildResult } from '../../src/build.ts';
import { convertToPdf, findTools, pdfTextLines } from '../../src/convert/libreoffice.ts';
import { buildDeck, DECKS, type DeckSpec } from './decks.ts';
import { checkDeck, paragraphsText, type CheckResult, type PdfPage, type PdfWordLine } from './frames.ts';
import { describeWithTools } from '../support/toolGate.ts';
import { pdfWordLines, renderGate } from './pdf.ts';

const tools = findTools();
const gate = renderGate(tools);

interface Rendered {
  build: BuildResult;
  pdf: { pages: PdfPage[]; lines: PdfWordLine[] };
  /** The same PDF through src/convert's line reader. */
  plain: Awaited<ReturnType<typeof pdfTextLines>>;
  check: CheckResult;
  convertMs: number;
}

/** Runs at most `n` tasks at once. */
function limiter(n: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return <T>(task: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = () => {
        active++;
        task()
          .then(resolve, reject)
          .finally(() => {
            active--;
            waiting.shift()?.();
          });
      };
      if (active < n) start();
      else waiting.push(start);
    });
}

async function render(spec: DeckSpec, dir: string): Promise<Rendered> {
  const build = await buildDeck(spec, join(dir, 'decks'));
  if (!build.ok || !build.out || !build.placed) throw new Error(`${spec.name} did not build: ${build.diagnostics.map((d) => d.message).join('; ')}`);
  const t0 = performance.now();
  const pdfFile = await convertToPdf(build.out, join(dir, 'pdf', spec.name.replace(/\W+/g, '-')), tools);
  const convertMs = performance.now() - t0;
  const [pdf, plain] = await Promise.all([pdfWordLines(pdfFile, tools), pdfTextLines(pdfFile, tools)]);
  return { build, pdf, plain, check: checkDeck(build.placed, pdf), convertMs };
}

describeWithTools('render check (LibreOffice -> PDF -> pdftotext)', gate, () => {
  let dir: string;
  const rendered = new Map<string, Promise<Rendered>>();
  const totals = { decks: 0, lines: 0, slides: 0, frames: 0, failures: 0 };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'briefdeck-render-'));
    const limit = limiter(2);
    for (const spec of DECKS) {
      const p = limit(() => render(spec, dir));
      p.catch(() => {}); // reported by the deck's own test
      rendered.set(spec.name, p);
    }
  });
  afterAll(async () => {
    await Promise.allSettled(rendered.values());
    if (totals.decks) console.log(`render check total: ${totals.lines} lines checked on ${totals.slides} slides, ${totals.frames} frames, ${totals.decks} decks, ${totals.failures} failures`);
    await rm(dir, { recursive: true, force: true });
  });

  it.each(DECKS)('$name: every text line inside its frame, the page, clear of banners and other frames', async (spec) => {
    const r = await rendered.get(spec.name)!;
    const c = r.check;
    totals.decks++;
    totals.lines += c.lines;
    totals.slides += c.slides;
    totals.frames += c.frames;
    totals.failures += c.failures.length;
    const split = c.segments.length !== c.lines ? ` (${c.segments.length} segments)` : '';
    console.log(
      `render check ${spec.name}: ${c.lines} lines checked${split} on ${c.slides} slides, ${c.frames} frames, ${c.failures.length} failures` +
        ` [LibreOffice ${(r.convertMs / 1000).toFixed(1)} s]`,
    );
    // The word reader sees the same lines as src/convert's pdfTextLines.
    expect(r.pdf.lines.map((l) => [l.page, l.text])).toEqual(r.plain.lines.map((l) => [l.page, l.text]));
    expect(r.pdf.pages.length).toBe(r.build.slides);
    expect(c.lines).toBeGreaterThan(0);
    expect(c.failures.map((f) => f.message)).toEqual([]);
  });

  it('delegation-40 as rendered: every table slide starts with the header row', async () => {
    const r = await rendered.get('delegation-40')!;
    const slides = r.build.placed!.slides.filter((s) => paragraphsText(s.title).startsWith('Delegation'));
    expect(slides.length).toBeGreaterThanOrEqual(3);
    for (const s of slides) {
      const cells = r.check.segments.filter((g) => g.slide === s.number && g.target.kind === 'cell');
      const header = cells.filter((g) => g.target.row === 0);
      const body = cells.filter((g) => g.target.row !== 0);
      expect(header.map((g) => g.text), `slide ${s.number}`).toEqual(['Name', 'Role', 'Why it matters', 'Presence']);
      expect(body.length).toBeGreaterThan(0);
      const headerBottom = Math.max(...header.map((g) => g.box.y1));
      expect(Math.min(...body.map((g) => g.box.y0))).toBeGreaterThan(headerBottom);
    }
  });

  it('long-names as rendered: Hangul and Cyrillic reach the PDF', async () => {
    const r = await rendered.get('long-names')!;
    const text = r.pdf.lines.map((l) => l.text).join('\n');
    expect(text).toMatch(/[\uac00-\ud7a3]{3}/u);
    expect(text).toMatch(/Константинопольский-/u);
  });
});
