/**
 * The shipped briefing template with briefs of different shapes: every optional section of the
 * brief is optional in the template too, and the shipped brief composes cleanly.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeDeck } from '../../src/compose/index.ts';
import type { SlideOf } from '../../src/compose/ir.ts';
import { readTemplateSet } from '../../src/compose/templateSet.ts';
import { briefFrom, formatAll, REPO, SHIPPED_BRIEF, smallBrief, MINIMAL_BRIEF } from '../support/helpers.ts';

const briefing = readTemplateSet(`${REPO}/templates`, 'briefing');

/** Only the fields the schema requires. */
const MINIMAL = MINIMAL_BRIEF;

describe('templates/briefing', () => {
  it('is read without problems', () => {
    expect(formatAll(briefing.diagnostics)).toBe('');
    expect(briefing.value!.main.file).toBe('templates/briefing/deck.hbs');
  });

  it('composes the shipped brief with no diagnostics at all', () => {
    const brief = briefFrom(readFileSync(SHIPPED_BRIEF, 'utf8'), 'briefs/kim-putin-2023.yaml');
    const r = composeDeck(brief, briefing.value!);
    expect(formatAll(r.diagnostics)).toBe('');
    expect(r.value!.slides.length).toBeGreaterThanOrEqual(10);
  });

  it('composes a brief with only the required fields (no closing, no optional sections)', () => {
    // BUG (templates/briefing/deck.hbs): the closing slide uses {{#each closing.questions}} and
    // {{#if closing.notes}} without a {{#if closing}} guard, and `closing` is optional in the
    // schema. Strict Handlebars does not check helper arguments, so this throws a TypeError
    // ("Cannot read properties of undefined (reading 'questions')"), reported as
    // templates/briefing/deck.hbs:1:1: error[E_TEMPLATE_SYNTAX]. `briefdeck check
    // test/fixtures/load/minimal.yaml` ("the smallest valid brief") fails the same way.
    const r = composeDeck(briefFrom(MINIMAL), briefing.value!);
    expect(formatAll(r.diagnostics)).toBe('');
    const layouts = r.value!.slides.map((s) => s.layout);
    // Title, BLUF, outline, closing, sources: the sections the brief leaves out are skipped.
    expect(layouts).toEqual(['title', 'bullets', 'agenda', 'closing', 'sources']);
  });

  it('skips the sections a brief leaves out and keeps the outline in step', () => {
    const r = composeDeck(smallBrief(), briefing.value!);
    expect(formatAll(r.diagnostics)).toBe('');
    const titles = r.value!.slides.map((s) => s.title);
    expect(titles).toEqual([
      'Small test brief',
      'Bottom line up front',
      'Outline',
      'Key judgments',
      'Who is at the table',
      'Delegation',
      'Questions',
      'Sources',
      'Estimative language',
    ]);
    // The outline lists the marked slides the deck has, by their own titles.
    const outline = r.value!.slides[2] as SlideOf<'agenda'>;
    expect(outline.items.map((i) => i.text)).toEqual(['Key judgments', 'Who is at the table', 'Questions']);
    expect(outline.notes).toBe('This briefing covers: Key judgments; Who is at the table; Questions.');
    const table = r.value!.slides[5] as SlideOf<'table'>;
    expect(table.columns.map((c) => c.header)).toEqual(['Name', 'Role', 'Why it matters', 'Presence']);
    // Each cell carries the brief field its text came from; "Likely" is capitalised by a helper, so it has none.
    const member = ['delegation', 'members', 0];
    expect(table.rows).toEqual([
      [
        { text: 'Choe Sun Hui (최선희; also Choe Son Hui, Choe Son-hui)', origin: [...member, 'name'] },
        { text: 'Foreign minister', origin: [...member, 'role'] },
        { text: 'Top diplomat. [1]', origin: [...member, 'significance'] },
        { text: 'Likely' },
      ],
    ]);
    const sources = r.value!.slides[7] as SlideOf<'sources'>;
    expect(sources.sources.map((s) => s.id)).toEqual(['kcna', 'rok-mnd', 'ap']);
  });
});
