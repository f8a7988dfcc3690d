/**
 * The layouts of recent slides, so that a rebuild in one process (watch, serve, a build of many
 * briefs in-process) lays out again only the slides an edit changed.
 *
 * A slide's layout is a function of the slide as composed, the theme, the images the brief
 * resolves and, for a kind whose slides grow together, the size cap of that kind (layoutDeck):
 * the key is those, as JSON. A layout with diagnostics is never kept: a diagnostic says where in
 * the brief its text is (ctx.locate), which an edit above it moves, and ctx.locate is not in the
 * key. The slide's `loc` is the template's, so an edit of the brief does not move it.
 *
 * What is kept is frozen, deeply, before the build that made it goes on: the stages after layout
 * read placed slides and never change them, and if one ever did it would throw in that first
 * build (every test deck is built so) rather than alter a later one.
 *
 * Bounded in entries and (roughly, by the length of their keys) in bytes: two generations, as the
 * text memo (measure.ts). A batch worker keeps none: its briefs share no slide (memoBudget.ts).
 */
import { deepFreeze } from '../deepFreeze.ts';
import { Generations } from '../generations.ts';
import { memoBytes } from '../memoBudget.ts';

/** What a generation may hold, roughly: a layout takes a few times the bytes of its key. */
const BYTES_PER_KEY_BYTE = 8;
const layouts = new Generations<unknown>(512, () => memoBytes(8 * 1024 * 1024, 0));
const sizeOf = (key: string) => 2 * key.length * BYTES_PER_KEY_BYTE;

/** Whether this thread keeps slide layouts at all. */
export function slideMemoOn(): boolean {
  return layouts.on;
}

/** The layout kept under `key`, if any (found in the old generation, it moves to the current one). */
export function recallSlide<T>(key: string): T | undefined {
  return layouts.get(key, sizeOf(key)) as T | undefined;
}

/** Keeps `value` (frozen, deeply) under `key`; returns it. */
export function rememberSlide<T>(key: string, value: T): T {
  layouts.set(key, deepFreeze(value), sizeOf(key));
  return value;
}

/** For the tests: forget every kept layout. */
export function clearSlideMemo(): void {
  layouts.clear();
}
