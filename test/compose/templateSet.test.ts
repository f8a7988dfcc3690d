/**
 * Reading template sets from disk (test/fixtures/templates): deck.hbs, shared partials in
 * partials/, a template's own partials overriding shared ones, and unknown names.
 */
import { describe, expect, it } from 'vitest';
import { composeDeck } from '../../src/compose/index.ts';
import type { SlideOf } from '../../src/compose/ir.ts';
import { listTemplates, readTemplateSet } from '../../src/compose/templateSet.ts';
import { formatAll, FIXTURES, smallBrief } from '../support/helpers.ts';

const ROOT = `${FIXTURES}/templates`;

describe('readTemplateSet', () => {
  it('reads deck.hbs and the partials, with paths shown relative to the working directory', () => {
    const r = readTemplateSet(ROOT, 'mini');
    expect(r.diagnostics).toEqual([]);
    const set = r.value!;
    expect(set.name).toBe('mini');
    expect(set.main.file).toBe('test/fixtures/templates/mini/deck.hbs');
    expect(set.main.text).toContain('<deck>');
    expect([...set.partials.keys()].sort()).toEqual(['override', 'shared']);
    expect(set.partials.get('shared')!.file).toBe('test/fixtures/templates/partials/shared.hbs');
  });

  it("a template's own partial overrides the shared one of the same name", () => {
    const set = readTemplateSet(ROOT, 'mini').value!;
    expect(set.partials.get('override')!.file).toBe('test/fixtures/templates/mini/partials/override.hbs');
    const deck = composeDeck(smallBrief(), set);
    expect(formatAll(deck.diagnostics)).toBe('');
    const slide = deck.value!.slides[0] as SlideOf<'bullets'>;
    expect(slide.items.map((i) => i.text)).toEqual(['shared partial', "mini's own version"]);
    expect(slide.notes).toBe('The delegation arrived in Moscow on Sunday.');
    expect(slide.loc).toEqual({ file: 'test/fixtures/templates/mini/deck.hbs', line: 3, col: 3 });
  });

  it('an unknown name is an error with did-you-mean and the available templates', () => {
    const r = readTemplateSet(ROOT, 'minni');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'E_UNKNOWN_TEMPLATE', message: 'no template named "minni"' });
    expect(r.diagnostics[0]!.hint).toContain('did you mean "mini"?');
    expect(r.diagnostics[0]!.hint).toContain('available templates: bad-layout, mini, missing-partial, with-image');
  });

  it('names that could leave the templates folder are refused, even when the path exists', () => {
    for (const name of ['../templates/mini', 'mini/', '.', 'partials/..', 'Mini']) {
      const r = readTemplateSet(ROOT, name);
      expect(r.value, name).toBeUndefined();
      expect(r.diagnostics[0]!.code).toBe('E_UNKNOWN_TEMPLATE');
    }
  });

  it('a folder without deck.hbs (the shared partials folder) is not a template', () => {
    expect(readTemplateSet(ROOT, 'partials').value).toBeUndefined();
  });
});

describe('listTemplates', () => {
  it('lists folders holding a deck.hbs, sorted', () => {
    expect(listTemplates(ROOT)).toEqual(['bad-layout', 'mini', 'missing-partial', 'with-image']);
  });

  it('is empty for a folder that does not exist', () => {
    expect(listTemplates(`${ROOT}/nope`)).toEqual([]);
  });
});
