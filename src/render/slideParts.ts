/**
 * The parts pptxgenjs or slideXml.ts wrote for recent slides, so that a rebuild in one process
 * (watch, serve) writes again only the slides an edit changed. Rendering was the largest stage of a
 * warm build (8-10 ms of the shipped brief's 21-37), most of it for slides the edit left as they
 * were.
 *
 * A slide's four parts (the slide, its relationships, its notes slide and theirs) are a function
 * of what the slide holds and where it stands: its elements, title, master, notes and index, and
 * of a few things of the deck: its language and chrome (pptxgenjs copies the master's slide
 * number box into every slide) and the other slides' titles (see deckKey). Pictures and charts
 * pptxgenjs numbers across the whole deck, so slides with those are always written. Everything
 * else the parts refer to is named by index (a layout by master, a notes slide by the slide's).
 *
 * The elements are the key's costly part. A slide's elements array is the very one the layout
 * memo kept (layout/slideMemo.ts), frozen deeply, so an array seen before holds what it held
 * then, and it keys a WeakMap: an entry lives as long as the layout memo keeps that layout. The
 * rest (slideKey, deckKey) is compared as JSON. A slide whose elements are not frozen (no layout memo:
 * a batch worker) is never kept.
 *
 * On a hit, the slide is given to pptxgenjs with its title alone, on its master, which keeps
 * every part of the deck in its place and numbered as before, and its four parts are put back as
 * they were written. test/render/slideParts.test.ts checks that rebuilds give the very bytes an
 * empty memo gives, and test/layout/slideMemo.test.ts rebuilds every test deck through both memos.
 */
import type { PlacedDeck, PlacedSlide } from '../layout/placed.ts';
import type { Parts } from '../package/zip.ts';

interface Kept {
  rest: string;
  parts: ReadonlyArray<readonly [string, string]>;
  /** Written finished by slideXml.ts, rather than by pptxgenjs (which the package stage fixes). */
  finished: boolean;
}

/** A slide's four parts as kept, and who wrote them. */
export type KeptParts = Pick<Kept, 'parts' | 'finished'>;

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
 * What of the deck a slide's parts depend on, as JSON: its language, metadata and chrome, and
 * every slide's master and title. pptxgenjs lets the title placeholders of one master share an
 * object of text-box properties (its `_bodyProp`), so one slide's title box can depend on the
 * others' titles; every slide is still given its title on a hit (render/index.ts), and a deck
 * whose titles changed in any way keeps nothing. Anything of the deck that changed serves nothing.
 */
const deckKey = (deck: PlacedDeck) => JSON.stringify([deck.meta, deck.chrome, deck.slides.map((s) => [s.master, s.title])]);

/** A slide's own part of the key, besides its elements: where it stands and its notes. */
const slideKey = (s: PlacedSlide, index: number, deck: string) => JSON.stringify([index, s.notes]) + deck;

/** For each slide of `deck`, the parts kept for it if it is as it was when they were written. */
export function recallDeckParts(deck: PlacedDeck): Array<KeptParts | undefined> {
  const key = deckKey(deck);
  return deck.slides.map((s, i) => {
    if (!keepable(s)) return undefined;
    const k = kept.get(s.elements);
    if (!k || k.rest !== slideKey(s, i, key)) return undefined;
    hits++;
    return k;
  });
}

/**
 * Keeps the parts of every slide of `deck` not served from the memo (`served[i]` unset), as
 * pptxgenjs or slideXml.ts (`finished[i]` set) just wrote them into `parts`.
 */
export function rememberDeckParts(deck: PlacedDeck, parts: Parts, served: ReadonlyArray<unknown>, finished: ReadonlyArray<unknown>): void {
  const key = deckKey(deck);
  deck.slides.forEach((s, index) => {
    if (served[index] || !keepable(s)) return;
    const texts = partNames(index).map((name) => [name, parts.get(name)] as const);
    if (texts.some(([, text]) => typeof text !== 'string')) return;
    kept.set(s.elements, { rest: slideKey(s, index, key), parts: texts as ReadonlyArray<readonly [string, string]>, finished: Boolean(finished[index]) });
  });
}

/** For the tests: how many slides were served from the memo so far. */
export function slidePartsHits(): number {
  return hits;
}
