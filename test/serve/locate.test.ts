/**
 * Where a diagnostic's brief field is on the slides: through the text the field made in the
 * Deck IR, found among the placed elements.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildBrief, type BuildResult } from '../../src/build.ts';
import { placesOf, textsByField } from '../../src/serve/locate.ts';
import { SHIPPED_BRIEF } from '../support/helpers.ts';

vi.setConfig({ hookTimeout: 60_000 });

let r: BuildResult;
const dir = mkdtempSync(join(tmpdir(), 'briefdeck-locate-'));
beforeAll(async () => {
  r = await buildBrief(SHIPPED_BRIEF, { outDir: dir, checkOnly: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('finds the title of the deck on the cover', () => {
  expect(placesOf('meta.title', r.deck, r.placed)).toContainEqual({ slide: 1, el: 'title' });
});

it('finds a key judgment in its element on the key judgments slide', () => {
  const places = placesOf('key_judgments.items[1].statement', r.deck, r.placed);
  expect(places).toHaveLength(1);
  const { slide, el } = places[0]!;
  const s = r.placed!.slides[slide - 1]!;
  expect(s.title.paragraphs[0]!.runs[0]!.text).toBe('Key judgments');
  const e = s.elements[Number(el.slice(1))]!;
  expect(e.kind === 'text' && e.paragraphs.map((p) => p.runs.map((x) => x.text).join('')).join('')).toContain('Pyongyang will ask for food and oil aid');
});

it('indexes the IR texts by field, and has no place for a field that made no text', () => {
  const index = textsByField(r.deck!);
  expect(index.get('key_judgments.items[0].statement')).toEqual(['Moscow will seek more North Korean artillery ammunition and other weapons to replenish its stockpiles.']);
  expect(placesOf('meta.as_of', r.deck, r.placed, index)).toEqual([]);
  expect(placesOf(undefined, r.deck, r.placed)).toEqual([]);
});
