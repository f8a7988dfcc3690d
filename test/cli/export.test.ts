import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { findTools } from '../../src/convert/libreoffice.ts';
import { contactSheet, sheetColumns } from '../../src/preview/contactSheet.ts';
import { captureOut, pptxSlideCount, SHIPPED_BRIEF } from '../support/helpers.ts';
import { describeWithTools, toolGate } from '../support/toolGate.ts';
import { remove, tempProject } from './helpers.ts';

// Skipped without the tools, a failure under CI (test/support/toolGate.ts).
const gate = toolGate('--pdf/--preview check', findTools(), ['soffice', 'pdftoppm']);

const cleanups: string[] = [];
afterEach(() => {
  for (const dir of cleanups.splice(0)) remove(dir);
});
function outDir(): string {
  const p = tempProject({ brief: false, templates: false });
  cleanups.push(p.root);
  return p.root;
}

describeWithTools('build --pdf / --preview with LibreOffice', gate, () => {
  it('--pdf writes <out>/<name>.pdf beside the deck', async () => {
    const dir = outDir();
    const out = captureOut();
    expect(await main(['build', SHIPPED_BRIEF, '--pdf', '--out', dir], out), out.all()).toBe(0);
    const pdf = join(dir, 'kim-putin-2023.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    expect(existsSync(join(dir, 'kim-putin-2023.pptx'))).toBe(true);
    expect(existsSync(join(dir, 'kim-putin-2023.png'))).toBe(false);
    expect(out.out).toEqual([expect.stringMatching(/^✓ .*kim-putin-2023\.pptx {2}/), expect.stringMatching(/^✓ .*kim-putin-2023\.pdf {2}\d+ KB {2}[\d.]+ m?s$/)]);
  }, 180_000);

  it('--preview writes <out>/<name>.png, a contact sheet of every slide (and no PDF)', async () => {
    const dir = outDir();
    const out = captureOut();
    expect(await main(['build', SHIPPED_BRIEF, '--preview', '--out', dir, '--json'], out), out.all()).toBe(0);
    const doc = JSON.parse(out.out.join('\n')) as { ok: boolean; results: Array<{ slides: number; preview: { path: string; pages: number } }> };
    const r = doc.results[0]!;
    expect(r.preview.path).toBe(join(dir, 'kim-putin-2023.png'));
    expect(r.preview.pages).toBe(r.slides);
    expect(existsSync(join(dir, 'kim-putin-2023.pdf'))).toBe(false);
    const sheet = PNG.sync.read(readFileSync(r.preview.path));
    // Slides at 36 dpi are 480 px wide; the grid has sheetColumns(n) of them per row.
    const cols = sheetColumns(r.slides);
    expect(sheet.width).toBeGreaterThan(cols * 470);
    expect(sheet.width).toBeLessThan(cols * 520 + 40);
    expect(sheet.height).toBeGreaterThan(Math.ceil(r.slides / cols) * 260);
  }, 180_000);
});

describe('build --pdf without LibreOffice', () => {
  it('is an error with the install hint (exit 1), and the deck is still written', async () => {
    const dir = outDir();
    const out = captureOut();
    expect(await main(['build', SHIPPED_BRIEF, '--pdf', '--preview', '--out', dir], out, { env: { ...process.env, PATH: '' } })).toBe(1);
    expect(existsSync(join(dir, 'kim-putin-2023.pptx'))).toBe(true);
    const err = out.err.join('\n');
    // The preview is drawn from the SVG slides: only the PDF needs LibreOffice.
    expect(err).toContain('error[E_NO_LIBREOFFICE]: cannot make the PDF: LibreOffice (soffice) is not installed');
    expect(err).not.toContain('E_NO_PDFTOPPM');
    expect(err).toMatch(/hint: install LibreOffice and poppler/);
    expect(err).toContain('Built 0 briefs ok, 1 failed');
    expect(out.out).toEqual([expect.stringMatching(/^✓ .*kim-putin-2023\.pptx {2}/)]);
  }, 60_000);

  it('--preview alone needs no outside tool: the contact sheet is drawn from the SVG slides', async () => {
    const dir = outDir();
    const out = captureOut();
    expect(await main(['build', SHIPPED_BRIEF, '--preview', '--out', dir, '--json'], out, { env: { ...process.env, PATH: '' } }), out.all()).toBe(0);
    const r = (JSON.parse(out.out.join('\n')) as { results: Array<{ slides: number; preview: { path: string; pages: number } }> }).results[0]!;
    // One page per slide of the deck written beside it, tiled 4 across (more than 9 slides).
    const slides = pptxSlideCount(readFileSync(join(dir, 'kim-putin-2023.pptx')));
    expect(slides).toBeGreaterThan(9);
    expect(r.preview).toEqual({ path: join(dir, 'kim-putin-2023.png'), bytes: expect.any(Number), pages: slides });
    const sheet = PNG.sync.read(readFileSync(r.preview.path));
    expect([sheet.width, sheet.height]).toEqual([16 + 4 * (480 + 16), 16 + Math.ceil(slides / 4) * (270 + 22 + 16)]);
    // Slide 1 (a dark cover) is drawn, with light text on it: not a blank or a one-colour tile.
    const px = (x: number, y: number) => [...sheet.data.subarray((y * sheet.width + x) * 4, (y * sheet.width + x) * 4 + 3)];
    const colours = new Set<string>();
    for (let y = 16 + 60; y < 16 + 200; y += 2) for (let x = 16 + 20; x < 16 + 460; x += 2) colours.add(px(x, y).join(','));
    expect(colours.size).toBeGreaterThan(20);
    expect([...colours].some((c) => c.split(',').every((v) => Number(v) > 200))).toBe(true);
  }, 60_000);

  it('reports it per brief in --json', async () => {
    const dir = outDir();
    const out = captureOut();
    expect(await main(['build', SHIPPED_BRIEF, '--pdf', '--out', dir, '--json'], out, { env: { ...process.env, PATH: '' } })).toBe(1);
    const doc = JSON.parse(out.out.join('\n')) as { ok: boolean; results: Array<{ ok: boolean; out: string; diagnostics: Array<{ code: string }> }> };
    expect(doc.ok).toBe(false);
    expect(doc.results[0]!.out).toBe(join(dir, 'kim-putin-2023.pptx'));
    expect(doc.results[0]!.diagnostics.map((d) => d.code)).toContain('E_NO_LIBREOFFICE');
  }, 60_000);
});

describe('contact sheet', () => {
  const page = (w: number, h: number, rgb: [number, number, number]) => {
    const p = new PNG({ width: w, height: h });
    for (let i = 0; i < w * h; i++) p.data.set([...rgb, 255], i * 4);
    return PNG.sync.write(p);
  };

  it('tiles pages in reading order on a grid, numbered', () => {
    const pages = [page(40, 20, [255, 0, 0]), page(40, 20, [0, 255, 0]), page(40, 20, [0, 0, 255]), page(40, 20, [255, 255, 0]), page(40, 20, [0, 0, 0])];
    const sheet = PNG.sync.read(contactSheet(pages, { gap: 10 }));
    // 5 pages -> 3 columns, 2 rows; each row is a page, a 22 px number strip and a gap.
    expect(sheet.width).toBe(10 + 3 * (40 + 10));
    expect(sheet.height).toBe(10 + 2 * (20 + 22 + 10));
    const px = (x: number, y: number) => [...sheet.data.subarray((y * sheet.width + x) * 4, (y * sheet.width + x) * 4 + 3)];
    expect(px(10 + 20, 10 + 10)).toEqual([255, 0, 0]);
    expect(px(10 + 50 + 20, 10 + 10)).toEqual([0, 255, 0]);
    expect(px(10 + 20, 10 + 52 + 10)).toEqual([255, 255, 0]);
    // The number strip under the first page has some ink in it.
    let ink = 0;
    for (let y = 30; y < 52; y++) for (let x = 10; x < 50; x++) if (px(x, y)[0]! < 100) ink++;
    expect(ink).toBeGreaterThan(10);
  });

  it('chooses 3 columns up to 9 slides, then 4', () => {
    expect([1, 2, 3, 4, 9, 10, 20].map(sheetColumns)).toEqual([1, 2, 3, 3, 3, 4, 4]);
  });
});
