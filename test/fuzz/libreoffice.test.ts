/**
 * A handful of fuzz briefs also convert through LibreOffice: the PDF must have one page per
 * slide. Without soffice the suite is skipped with the reason in its name (and printed), except
 * under CI, where it fails instead (test/support/toolGate.ts, the render tests' rule).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildLoaded } from '../../src/build.ts';
import { convertToPdf, findTools, pdfTextLines } from '../../src/convert/libreoffice.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';
import { describeWithTools, toolGate } from '../support/toolGate.ts';
import { TEMPLATES } from './check.ts';
import { briefYaml, generateBrief } from './generate.ts';

const tools = findTools();
// pdftotext is optional here: without it pages are counted in the PDF itself.
const gate = toolGate('fuzz LibreOffice check', tools, ['soffice']);

/** Four seeds: two small briefs, a medium one and a large one (the first of each from seed 1). */
function pickSeeds(): number[] {
  const want: Record<string, number> = { small: 2, medium: 1, large: 1 };
  const out: number[] = [];
  for (let seed = 1; out.length < 4 && seed < 1000; seed++) {
    const size = generateBrief(seed).size;
    if ((want[size] ?? 0) > 0) {
      want[size]! -= 1;
      out.push(seed);
    }
  }
  return out;
}

/** Pages of a PDF: from pdftotext when present, else by counting page objects. */
async function pageCount(pdf: string): Promise<number> {
  if (tools.pdftotext) return (await pdfTextLines(pdf, tools)).pages.length;
  return (readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

describeWithTools('fuzz briefs through LibreOffice', gate, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'briefdeck-fuzz-lo-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('converts 4 fuzz decks; each PDF has as many pages as the deck has slides', async () => {
    const seeds = pickSeeds();
    const jobs = seeds.map(async (seed) => {
      const loaded = parseBrief(briefYaml(generateBrief(seed).brief), `fuzz-${seed}.yaml`);
      expect(loaded.value, `seed ${seed} loads`).toBeDefined();
      const r = await buildLoaded(loaded.value!, { templatesDir: TEMPLATES, projectRoot: process.cwd() });
      expect(r.ok, `seed ${seed} builds: ${r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).join(', ')}`).toBe(true);
      const pptx = join(dir, `fuzz-${seed}.pptx`);
      writeFileSync(pptx, r.pptx!);
      return { seed, pptx, slides: r.slides! };
    });
    const decks = await Promise.all(jobs);
    const t0 = performance.now();
    // Two at a time: each conversion has its own LibreOffice profile, and the machine two cores.
    const pages: number[] = [];
    for (let i = 0; i < decks.length; i += 2) {
      const pair = decks.slice(i, i + 2);
      const pdfs = await Promise.all(pair.map((d) => convertToPdf(d.pptx, dir, tools)));
      for (const pdf of pdfs) {
        expect(existsSync(pdf)).toBe(true);
        pages.push(await pageCount(pdf));
      }
    }
    console.log(
      `fuzz/libreoffice: ${decks.map((d, i) => `seed ${d.seed}: ${d.slides} slides -> ${pages[i]} pages`).join('; ')} (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
    );
    expect(pages).toEqual(decks.map((d) => d.slides));
  }, 300_000);
});
