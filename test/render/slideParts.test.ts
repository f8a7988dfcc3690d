/**
 * The memo of the parts pptxgenjs wrote for each slide (src/render/slideParts.ts). A render that
 * reuses kept parts must package to the very bytes a render that keeps nothing gives, whatever
 * changed around the slides it reuses: nothing, the language, the chrome, another slide's title,
 * the order of slides, a slide's notes. A slide with a picture or a chart is always written
 * again, and a batch worker (no layout memo, so no frozen elements) keeps nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/build.ts';
import type { PlacedDeck, PlacedSlide } from '../../src/layout/placed.ts';
import { clearSlideMemo } from '../../src/layout/slideMemo.ts';
import { setMemoProfile } from '../../src/memoBudget.ts';
import { packageDeck } from '../../src/package/index.ts';
import { renderParts } from '../../src/render/index.ts';
import { slidePartsHits } from '../../src/render/slideParts.ts';
import { DECKS, ROOT } from './decks.ts';

const TMP = mkdtempSync(join(tmpdir(), 'briefdeck-slideparts-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));
afterEach(() => setMemoProfile('session'));

const SHIPPED = DECKS[0]!.file;
const VISUALS = DECKS.find((d) => d.name === 'visuals')!.file;

/** A placed deck as a build in this process makes it (its slides' elements frozen by the layout memo). */
async function placed(file: string): Promise<PlacedDeck> {
  clearSlideMemo();
  const r = await buildBrief(file, { outDir: join(TMP, 'out'), projectRoot: ROOT, templatesDir: join(ROOT, 'templates'), checkOnly: true });
  expect(r.placed, file).toBeDefined();
  return r.placed!;
}

/** The same deck with every slide's elements in a new, unfrozen array: nothing of it can be served from the memo. */
const unkept = (deck: PlacedDeck): PlacedDeck => ({ ...deck, slides: deck.slides.map((s) => ({ ...s, elements: [...s.elements] })) });

const packaged = async (deck: PlacedDeck) => Buffer.from(packageDeck(await renderParts(deck), { date: '2024-05-01', env: {} }).value!);

/** Renders `deck` (after `before`, which fills the memo), returning how many slides were served and whether it packages as a render that keeps nothing. */
async function rerender(before: PlacedDeck, deck: PlacedDeck) {
  await renderParts(before);
  const from = slidePartsHits();
  const bytes = await packaged(deck);
  const served = slidePartsHits() - from;
  const fresh = await packaged(unkept(deck));
  return { served, same: Buffer.compare(bytes, fresh) === 0 };
}

const withSlides = (deck: PlacedDeck, slides: PlacedSlide[]): PlacedDeck => ({ ...deck, slides });

describe('the slide parts memo', () => {
  it('serves every slide without a picture or chart on a render of the same deck, to the same bytes', async () => {
    const deck = await placed(SHIPPED);
    const { served, same } = await rerender(deck, deck);
    expect(served).toBe(deck.slides.length - deck.slides.filter((s) => s.elements.some((e) => e.kind === 'image' || e.kind === 'chart')).length);
    expect(served).toBeGreaterThan(10);
    expect(same).toBe(true);
  });

  it('serves nothing in another language', async () => {
    const deck = await placed(SHIPPED);
    const { served, same } = await rerender(deck, { ...deck, meta: { ...deck.meta, language: 'de-DE' } });
    expect(served).toBe(0);
    expect(same).toBe(true);
  });

  it('serves nothing once the chrome changed (pptxgenjs copies the slide number box into each slide)', async () => {
    const deck = await placed(SHIPPED);
    const { served, same } = await rerender(deck, { ...deck, chrome: { ...deck.chrome, footerColor: 'AA3300' } });
    expect(served).toBe(0);
    expect(same).toBe(true);
  });

  it('serves nothing once any slide\'s title changed (title boxes share state in pptxgenjs)', async () => {
    const deck = await placed(SHIPPED);
    const slides = [...deck.slides];
    const third = slides[2]!;
    slides[2] = { ...third, title: { ...third.title, valign: third.title.valign === 'top' ? 'bottom' : 'top' } };
    const { served, same } = await rerender(deck, withSlides(deck, slides));
    expect(served).toBe(0);
    expect(same).toBe(true);
  });

  it('writes again the slides that moved, and a slide whose notes changed', async () => {
    const deck = await placed(SHIPPED);
    const slides = [...deck.slides];
    // Two content slides swapped (their titles move with them, so the titles' order changes too:
    // this also checks a deck-wide miss), then only notes changed.
    [slides[6], slides[7]] = [slides[7]!, slides[6]!];
    const swapped = await rerender(deck, withSlides(deck, slides));
    expect(swapped.same).toBe(true);
    const noted = [...deck.slides];
    noted[4] = { ...noted[4]!, notes: `${noted[4]!.notes}\nOne more line for the speaker.` };
    const { served, same } = await rerender(deck, withSlides(deck, noted));
    expect(served).toBe(deck.slides.length - 1);
    expect(same).toBe(true);
  });

  it('always writes a slide with a picture or a chart', async () => {
    const deck = await placed(VISUALS);
    const visual = deck.slides.filter((s) => s.elements.some((e) => e.kind === 'image' || e.kind === 'chart')).length;
    expect(visual).toBeGreaterThan(2);
    const { served, same } = await rerender(deck, deck);
    expect(served).toBe(deck.slides.length - visual);
    expect(same).toBe(true);
  });

  it('keeps nothing in a batch worker', async () => {
    setMemoProfile('batch');
    const deck = await placed(SHIPPED);
    const { served, same } = await rerender(deck, deck);
    expect(served).toBe(0);
    expect(same).toBe(true);
  });
});
