/**
 * What the preview shows of one brief: its last good deck (slides as SVG, notes, the .pptx bytes)
 * and the diagnostics of its latest build, each with the places on the slides it concerns. A
 * build that fails replaces the diagnostics and keeps the last good slides, so errors show over
 * the deck as it last built.
 */
import { basename, extname } from 'node:path';
import type { BuildResult } from '../build.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { formatDiagnostic } from '../diagnostics.ts';
import { renderSlideSvg } from '../svg/render.ts';
import { placesOf, textsByField, type Place } from './locate.ts';
import type { Deck } from '../compose/ir.ts';
import type { PlacedDeck } from '../layout/placed.ts';

export interface SlideView {
  number: number;
  svg: string;
  notes: string;
}

export interface DiagnosticView extends Diagnostic {
  /** The one-line form the CLI prints (with the hint on a second line). */
  text: string;
  places: Place[];
}

export interface GoodDeck {
  slides: SlideView[];
  pptx: Uint8Array;
  /** ISO time of the build. */
  builtAt: string;
  deck: Deck;
  placed: PlacedDeck;
}

export interface BriefState {
  /** The brief's id in URLs: its file name without the extension. */
  id: string;
  /** The brief as displayed (the path the user gave, or relative to the project). */
  file: string;
  /** Counts builds reported; the page asks for the state again when it changes. */
  version: number;
  /** Whether the latest build succeeded. */
  ok: boolean;
  good?: GoodDeck;
  diagnostics: DiagnosticView[];
}

/** A brief's id: its file name without the extension (deck names are unique the same way). */
export function briefId(file: string): string {
  return basename(file, extname(file));
}

/** The state after a build of the brief; `prev` is what the page showed before. */
export function nextState(prev: BriefState | undefined, file: string, result: BuildResult): BriefState {
  let good = prev?.good;
  if (result.ok && result.placed && result.pptx && result.deck) {
    const placed = result.placed;
    good = {
      slides: placed.slides.map((s) => ({ number: s.number, svg: renderSlideSvg(placed, s), notes: s.notes })),
      pptx: result.pptx,
      builtAt: new Date().toISOString(),
      deck: result.deck,
      placed,
    };
  }
  const index = good ? textsByField(good.deck) : undefined;
  const diagnostics = result.diagnostics.map((d) => ({ ...d, text: formatDiagnostic(d), places: placesOf(d.path, good?.deck, good?.placed, index) }));
  return { id: briefId(file), file, version: (prev?.version ?? 0) + 1, ok: result.ok, good, diagnostics };
}

/** The state as the page reads it (state.json). */
export function stateJson(s: BriefState, links: { pptx: string; pdf?: string }) {
  return {
    id: s.id,
    file: s.file,
    version: s.version,
    ok: s.ok,
    builtAt: s.good?.builtAt,
    slides: s.good?.slides ?? [],
    diagnostics: s.diagnostics.map(({ text, severity, code, file, line, col, path, message, hint, places }) => ({ text, severity, code, file, line, col, path, message, hint, places })),
    downloads: s.good ? links : {},
  };
}
