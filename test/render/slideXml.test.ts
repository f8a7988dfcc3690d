/**
 * The slide parts briefdeck writes itself (src/render/slideXml.ts) against the ones pptxgenjs
 * writes and the package stage fixes: the same deck, byte for byte, for every test deck, for
 * generated briefs full of hostile text, and for slides the writer leaves to pptxgenjs. The
 * package stage neither fixes nor scans the finished parts (only their relationships), so these
 * tests, and the full verifier run over decks read back (verifyDeck), are what hold them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildLoaded } from '../../src/build.ts';
import type { PlacedDeck, TextElement } from '../../src/layout/placed.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';
import { packageDeck, verifyDeck } from '../../src/package/index.ts';
import type { Parts } from '../../src/package/zip.ts';
import { finishedParts, renderParts } from '../../src/render/index.ts';
import { writable } from '../../src/render/slideXml.ts';
import { briefYaml, generateBrief } from '../fuzz/generate.ts';
import { TEMPLATES } from '../fuzz/check.ts';
import { buildDeck, DECKS } from './decks.ts';

const TMP = mkdtempSync(join(tmpdir(), 'briefdeck-slidexml-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const DATE = { date: '2024-05-01', env: {} };

/** A copy whose slides' elements are new arrays: the slide-parts memo serves none of them. */
const unkept = (deck: PlacedDeck): PlacedDeck => ({ ...deck, slides: deck.slides.map((s) => ({ ...s, elements: [...s.elements] })) });

const bytesOf = (parts: Parts, finished?: ReadonlySet<string>) => {
  const out = packageDeck(parts, { ...DATE, ...(finished ? { finished } : {}) });
  expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return Buffer.from(out.value!);
};

/** The deck three ways: slides written here, pptxgenjs's slides, and slides written here then put through the fixes anyway. */
async function threeWays(deck: PlacedDeck) {
  const own = await renderParts(unkept(deck));
  const finished = finishedParts(own);
  const ownFixed = bytesOf(new Map(own), undefined);
  return { finished, own: bytesOf(own, finished), pptxgenjs: bytesOf(await renderParts(unkept(deck), { pptxgenjsSlides: true })), ownFixed };
}

const partNames = (n: number) => [`ppt/slides/slide${n}.xml`, `ppt/slides/_rels/slide${n}.xml.rels`, `ppt/notesSlides/notesSlide${n}.xml`, `ppt/notesSlides/_rels/notesSlide${n}.xml.rels`];

describe('slide parts written directly', () => {
  it.each(DECKS.map((d) => [d.name, d] as const))('%s: the same bytes as pptxgenjs and the fixes give', async (_name, spec) => {
    const r = await buildDeck(spec, join(TMP, 'decks'));
    expect(r.ok, JSON.stringify(r.diagnostics)).toBe(true);
    const deck = r.placed!;
    const w = await threeWays(deck);
    expect(w.own.equals(w.pptxgenjs)).toBe(true);
    // Nothing the fixes do changes a finished part.
    expect(w.ownFixed.equals(w.own)).toBe(true);
    deck.slides.forEach((s, i) => {
      const mine = !s.elements.some((e) => e.kind === 'image' || e.kind === 'chart');
      for (const name of partNames(i + 1)) expect(w.finished.has(name), `${name} finished`).toBe(mine);
    });
  });

  it('slides with pictures and charts stay pptxgenjs\'s', async () => {
    const r = await buildDeck(DECKS.find((d) => d.name === 'visuals')!, join(TMP, 'decks'));
    const kinds = r.placed!.slides.map((s) => s.elements.map((e) => e.kind));
    expect(kinds.some((k) => k.includes('image'))).toBe(true);
    expect(kinds.some((k) => k.includes('chart'))).toBe(true);
    expect(r.placed!.slides.filter((s) => !writable(s)).length).toBeGreaterThan(0);
  });

  it('generated briefs, hostile text in every field: the same bytes both ways, and a clean full verification', async () => {
    let slides = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const loaded = parseBrief(briefYaml(generateBrief(seed).brief), `fuzz-${seed}.yaml`);
      if (!loaded.value) continue;
      const r = await buildLoaded(loaded.value, { templatesDir: TEMPLATES, projectRoot: process.cwd(), checkOnly: true });
      if (!r.ok || !r.placed) continue;
      const w = await threeWays(r.placed);
      expect(w.own.equals(w.pptxgenjs), `seed ${seed}`).toBe(true);
      expect(w.ownFixed.equals(w.own), `seed ${seed}`).toBe(true);
      expect(verifyDeck(w.own), `seed ${seed}`).toEqual([]);
      slides += r.placed.slides.length;
    }
    expect(slides).toBeGreaterThan(200);
  }, 120_000);

  it('escapes markup in runs, names and notes, and leaves a run holding a line break to pptxgenjs', async () => {
    const r = await buildDeck(DECKS[0]!, join(TMP, 'decks'));
    const base = r.placed!;
    const HOSTILE = `A & B < C > D "q" 'a' ]]> \u0001\uD800 \u{1F600} 한국어 Русский 中文`;
    const deck: PlacedDeck = structuredClone(base);
    for (const s of deck.slides) {
      s.notes = `${HOSTILE}\r\nsecond line & <more>`;
      s.title.paragraphs[0]!.runs[0]!.text = `${HOSTILE} title`;
      for (const el of s.elements) {
        if (el.kind === 'text') el.paragraphs.forEach((p) => (p.runs[0]!.text = HOSTILE));
        if (el.kind === 'freeform') el.name = `"${el.name}" & <sea>`;
        if (el.kind === 'table') el.rows.forEach((row) => row.forEach((cell) => (cell[0]!.runs[0]!.text = HOSTILE)));
      }
    }
    const broken = deck.slides.findIndex((s) => s.elements.some((e) => e.kind === 'text'));
    (deck.slides[broken]!.elements.find((e) => e.kind === 'text') as TextElement).paragraphs[0]!.runs[0]!.text = 'one\ntwo';
    expect(writable(deck.slides[broken]!)).toBe(false);
    const w = await threeWays(deck);
    expect(w.own.equals(w.pptxgenjs)).toBe(true);
    expect(verifyDeck(w.own)).toEqual([]);
    for (const name of partNames(broken + 1)) expect(w.finished.has(name)).toBe(false);
    expect(w.finished.has(partNames(broken + 2)[0]!)).toBe(true);
  });
});

describe('the package stage and finished parts', () => {
  it('still checks the relationships of finished parts', async () => {
    const r = await buildDeck(DECKS[0]!, join(TMP, 'decks'));
    const parts = await renderParts(unkept(r.placed!));
    const finished = finishedParts(parts);
    const rels = 'ppt/slides/_rels/slide2.xml.rels';
    expect(finished.has(rels)).toBe(true);
    parts.set(rels, (parts.get(rels) as string).replace(/slideLayout\d+\.xml/, 'slideLayout99.xml'));
    const out = packageDeck(parts, { ...DATE, finished });
    expect(out.value).toBeUndefined();
    expect(out.diagnostics.map((d) => d.message).join('\n')).toMatch(/slide2\.xml\.rels: relationship rId1 targets \.\.\/slideLayouts\/slideLayout99\.xml/);
  });

  it('takes a finished slide as written: the full verifier of a deck read back is what would find a fault in it', async () => {
    const r = await buildDeck(DECKS[0]!, join(TMP, 'decks'));
    const parts = await renderParts(unkept(r.placed!));
    const finished = finishedParts(parts);
    const slide = 'ppt/slides/slide2.xml';
    parts.set(slide, (parts.get(slide) as string).replace('<p:cNvPr id="3"', '<p:cNvPr id="2"'));
    const out = packageDeck(parts, { ...DATE, finished });
    expect(out.value).toBeDefined();
    expect(verifyDeck(out.value!).map((d) => d.message)).toEqual([expect.stringMatching(/slide2\.xml: repair trigger duplicate-shape-id/)]);
  });
});
