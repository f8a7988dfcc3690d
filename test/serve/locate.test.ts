/**
 * Where a diagnostic's brief field is on the slides: through the text the field made in the
 * Deck IR, found among the placed elements.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
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

/** The brief's own text for a key judgment, without its closing full stop (a citation may follow it). */
const statement = (i: number): string => (parse(readFileSync(SHIPPED_BRIEF, 'utf8')) as { key_judgments: { items: Array<{ statement: string }> } }).key_judgments.items[i]!.statement.replace(/\.$/, '');

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
  expect(e.kind === 'text' && e.paragraphs.map((p) => p.runs.map((x) => x.text).join('')).join('')).toContain(statement(1));
});

it('indexes the IR texts by field, and has no place for a field that made no text', () => {
  const index = textsByField(r.deck!);
  const texts = index.get('key_judgments.items[0].statement')!;
  expect(texts).toHaveLength(1);
  expect(texts[0]!.slice(0, statement(0).length)).toBe(statement(0));
  // The language tags the text and picks fonts; it is no text of its own.
  expect(placesOf('meta.language', r.deck, r.placed, index)).toEqual([]);
  expect(placesOf(undefined, r.deck, r.placed)).toEqual([]);
});
