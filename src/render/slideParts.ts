/**
 * The parts pptxgenjs wrote for recent slides, so that a rebuild in one process (watch, serve)
 * has pptxgenjs write again only the slides an edit changed. Rendering was the largest stage of a
 * warm build (8-10 ms of the shipped brief's 21-37), most of it for slides the edit left as they
 * were.
 *
 * A slide's four parts (the slide, its relationships, its notes slide and theirs) are a function
 * of what the slide holds and where it stands: its elements, title, master, notes, its index in
 * the deck and the deck's language. Nothing else of the deck reaches them, as long as the slide
 * has no picture or chart: pptxgenjs numbers media and charts across the whole deck, so slides
 * with those are always written. Everything else they refer to is named by index (its layout by
 * master, its notes slide by the slide's own index).
 *
 * The elements are the key's costly part. A slide's elements array is the very one the layout
 * memo kept (layout/slideMemo.ts), frozen deeply, so an array seen before holds what it held
 * then, and it keys a WeakMap: an entry lives as long as the layout memo keeps that layout. The
 * rest (see restOf) is compared as JSON. A slide whose elements are not frozen (no layout memo:
 * a batch worker) is never kept.
 *
 * On a hit, the slide is given to pptxgenjs with its title alone, on its master, which keeps
 * every part of the deck in its place and numbered as before, and its four parts are put back as
 * they were written. test/render/slideParts.test.ts checks that rebuilds give the very bytes an empty memo
 * gives, and test/layout/slideMemo.test.ts rebuilds every test deck through both memos.
 */
import type { PlacedSlide } from '../layout/placed.ts';
import type { Parts } from '../package/zip.ts';

interface Kept {
  rest: string;
  parts: ReadonlyArray<readonly [string, string]>;
}

const kept = new WeakMap<object, Kept>();
let hits = 0;

/** The names of the four parts of slide `index` (0-based), as pptxgenjs names them. */
function partNames(index: number): string[] {
  const n = index + 1;
  return [`ppt/slides/slide${n}.xml`, `ppt/slides/_rels/slide${n}.xml.rels`, `ppt/notesSlides/notesSlide${n}.xml`, `ppt/notesSlides/_rels/notesSlide${n}.xml.rels`];
}

/** Whether slide `s` can be kept at all: its elements frozen (so their identity is their content), and no picture or chart. */
function keepable(s: PlacedSlide): boolean {
  return Object.isFrozen(s.elements) && !s.elements.some((e) => e.kind === 'image' || e.kind === 'chart');
}

/**
 * What besides its elements a slide's parts depend on: its index, the language, its master,
 * notes and title, and the master and title of every slide of the deck. pptxgenjs lets the
 * title placeholders of one master share an object of text-box properties (its \`_bodyProp\`),
 * so one slide's title box can depend on the titles of the others; every slide is still given
 * its title on a hit (render/index.ts), and a deck whose titles changed in any way keeps nothing.
 */
function restOf(slides: readonly PlacedSlide[], index: number, lang: string, titles: string): string {
  const s = slides[index]!;
  return JSON.stringify([index, lang, s.notes]) + titles;
}

const titlesOf = (slides: readonly PlacedSlide[]) => JSON.stringify(slides.map((s) => [s.master, s.title]));

/** For each slide of `slides`, the parts kept for it if it is as it was when they were written. */
export function recallDeckParts(slides: readonly PlacedSlide[], lang: string): Array<ReadonlyArray<readonly [string, string]> | undefined> {
  const titles = titlesOf(slides);
  return slides.map((s, i) => {
    if (!keepable(s)) return undefined;
    const k = kept.get(s.elements);
    if (!k || k.rest !== restOf(slides, i, lang, titles)) return undefined;
    hits++;
    return k.parts;
  });
}

/** Keeps the parts of every slide of `slides` not served from the memo (`served[i]` unset), as pptxgenjs just wrote them into `parts`. */
export function rememberDeckParts(slides: readonly PlacedSlide[], lang: string, parts: Parts, served: ReadonlyArray<unknown>): void {
  const titles = titlesOf(slides);
  slides.forEach((s, index) => {
    if (served[index] || !keepable(s)) return;
    const texts = partNames(index).map((name) => [name, parts.get(name)] as const);
    if (texts.some(([, text]) => typeof text !== 'string')) return;
    kept.set(s.elements, { rest: restOf(slides, index, lang, titles), parts: texts as ReadonlyArray<readonly [string, string]> });
  });
}

/** For the tests: how many slides were served from the memo so far. */
export function slidePartsHits(): number {
  return hits;
}
