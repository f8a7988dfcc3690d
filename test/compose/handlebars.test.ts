/**
 * Handlebars errors, each mapped to the template file:line:col it came from, and escaping:
 * brief text can never inject slide structure.
 */
import { describe, expect, it } from 'vitest';
import { composeDeck } from '../../src/compose/index.ts';
import type { SlideOf } from '../../src/compose/ir.ts';
import { readTemplateSet } from '../../src/compose/templateSet.ts';
import { renderTemplate } from '../../src/compose/renderTemplate.ts';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.ts';
import type { Brief } from '../../src/load/schema.ts';
import { formatAll, oneSlide, REPO, smallBrief, templateSet } from '../support/helpers.ts';

const brief = smallBrief();

/** Renders and expects exactly one error; returns it. */
function renderError(main: string, partials: Record<string, string> = {}): Diagnostic {
  const r = renderTemplate(templateSet(main, partials), brief);
  expect(r.value, 'render should fail').toBeUndefined();
  expect(r.diagnostics, formatAll(r.diagnostics)).toHaveLength(1);
  return r.diagnostics[0]!;
}

describe('Handlebars errors point at the template file:line:col', () => {
  it('unknown helper (knownHelpersOnly): at the {{ of the call', () => {
    const d = renderError(oneSlide('    <item>{{shout meta.title}}</item>'));
    expect(d).toMatchObject({ severity: 'error', code: 'E_TEMPLATE_HELPER', file: 'fx/deck.hbs', line: 3, col: 11 });
    expect(d.message).toContain('unknown helper shout');
    expect(d.hint).toContain('cite');
    expect(d.hint).toContain('format_date');
  });

  it('unknown helper in an attribute, after an instrumented tag on the same line', () => {
    // "  <slide layout=... title="{{shout ...}}">": the {{ is at column 34 of the template.
    const d = renderError('<deck>\n  <slide layout="bullets" title="{{shout meta.title}}"></slide>\n</deck>');
    expect(d).toMatchObject({ code: 'E_TEMPLATE_HELPER', line: 2, col: 34 });
  });

  it('missing field in strict mode: at the field name', () => {
    const d = renderError(oneSlide('    <item>{{meta.nope}}</item>'));
    // `{{` is at column 11; Handlebars locates the path expression `meta.nope`, column 13.
    expect(d).toMatchObject({ code: 'E_TEMPLATE_FIELD', file: 'fx/deck.hbs', line: 3, col: 13 });
    expect(d.message).toContain('"nope" is not in the brief');
    expect(d.hint).toContain('"nope"');
    expect(d.hint).toContain('{{#if');
  });

  it('missing field after other tags on the line keeps the template column', () => {
    const d = renderError(oneSlide('    <item>a</item><item>{{meta.nope}}</item>'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_FIELD', line: 3, col: 27 });
  });

  it('an optional brief field that is absent is a strict-mode error unless guarded', () => {
    // small-brief.yaml has no meta.audience.
    expect(renderError(oneSlide('    <item>{{meta.audience}}</item>'))).toMatchObject({ code: 'E_TEMPLATE_FIELD', line: 3 });
    const ok = renderTemplate(templateSet(oneSlide('    {{#if meta.audience}}<item>{{meta.audience}}</item>{{/if}}')), brief);
    expect(formatAll(ok.diagnostics)).toBe('');
  });

  it('a missing parent object in a block parameter is a missing field at its line, not a syntax error at 1:1', () => {
    // BUG (src/compose/renderTemplate.ts): in strict mode Handlebars does not check helper
    // parameters; `{{#each closing.questions}}` with no `closing` throws a plain TypeError
    // ("Cannot read properties of undefined (reading 'questions')"), which toDiagnostic labels
    // E_TEMPLATE_SYNTAX at 1:1 with the hint "check the {{...}} expressions on this line".
    // The shipped templates/briefing/deck.hbs has exactly this (see briefing.test.ts).
    const { closing: _closing, ...noClosing } = brief;
    const r = renderTemplate(templateSet(oneSlide('    {{#each closing.questions}}<item>{{this}}</item>{{/each}}')), noClosing as Brief);
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_TEMPLATE_FIELD', file: 'fx/deck.hbs', line: 3 });
    expect(r.diagnostics[0]!.message).toContain('closing');
  });

  it('missing field inside a partial points at the partial file', () => {
    const d = renderError(oneSlide('    {{> p}}'), { p: '<item>ok</item>\n<item>{{meta.nope}}</item>\n' });
    expect(d).toMatchObject({ code: 'E_TEMPLATE_FIELD', file: 'fx/partials/p.hbs', line: 2, col: 9 });
  });

  it('syntax error: a stray closing block, at its {{', () => {
    // BUG (src/compose/renderTemplate.ts): Handlebars parse errors carry no `hash`/`lineNumber`;
    // the line is only in the message ("Parse error on line 3:"), so positionOf() finds nothing
    // and the error is reported at 1:1, and the message becomes "syntax error: " (empty) because
    // only the first line of the message is kept and "Parse error on line 3:" is stripped.
    const d = renderError(oneSlide('    <item>{{/if}}</item>'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_SYNTAX', file: 'fx/deck.hbs', line: 3, col: 11 });
    expect(d.message).toMatch(/^syntax error: \S/);
  });

  it('syntax error: an unclosed mustache, on its line', () => {
    // Same bug as above. Handlebars flags the stray "}" (column 23); the mustache opens at column 11.
    const d = renderError(oneSlide('    <item>{{meta.title}</item>'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_SYNTAX', file: 'fx/deck.hbs', line: 3 });
    expect([11, 23]).toContain(d.col);
    expect(d.message).toMatch(/^syntax error: \S/);
  });

  it('syntax error inside a partial points at the partial file and line', () => {
    // Same bug as above: reported at fx/partials/p.hbs:1:1.
    const d = renderError(oneSlide('    {{> p}}'), { p: '<item>ok</item>\n<item>{{/if}}</item>\n' });
    expect(d).toMatchObject({ code: 'E_TEMPLATE_SYNTAX', file: 'fx/partials/p.hbs', line: 2, col: 7 });
  });

  it('mismatched block names are reported with the block\'s position', () => {
    const d = renderError(oneSlide('    <item>{{#if meta.title}}{{/each}}</item>'));
    // Handlebars locates the block by its name: `if` in `{{#if`, column 14.
    expect(d).toMatchObject({ code: 'E_TEMPLATE_SYNTAX', file: 'fx/deck.hbs', line: 3, col: 14 });
    expect(d.message).toContain("if doesn't match each");
  });

  it('missing partial: at the {{> call', () => {
    // BUG (src/compose/renderTemplate.ts): Handlebars throws "The partial nope could not be
    // found" at run time with no position, so it is reported at fx/deck.hbs:1:1.
    const d = renderError(oneSlide('    {{> nope}}'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_PARTIAL', file: 'fx/deck.hbs', line: 3, col: 5 });
    expect(d.message).toContain('nope');
    expect(d.hint).toContain('partials');
  });

  it('a missing partial in a template read from disk names that file', () => {
    const set = readTemplateSet(`${REPO}/test/fixtures/templates`, 'missing-partial');
    expect(formatAll(set.diagnostics)).toBe('');
    const r = renderTemplate(set.value!, brief);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_TEMPLATE_PARTIAL', file: 'test/fixtures/templates/missing-partial/deck.hbs' });
    // Same missing-position bug as above: the {{> on line 4, column 5 of the fixture.
    expect(formatDiagnostic(r.diagnostics[0]!)).toMatch(/^test\/fixtures\/templates\/missing-partial\/deck\.hbs:4:5: error\[E_TEMPLATE_PARTIAL\]/);
  });
});

describe('escaping: brief text cannot inject structure', () => {
  const NASTY = ['<b>Kim & "Co"</b>', '{{x}}', '</slide><slide layout="title">', "it's `a` = b", '</deck>'];

  function withText(b: Brief, text: string): Brief {
    return {
      ...b,
      meta: { ...b.meta, title: text, subtitle: text, prepared_by: text },
      bluf: { ...b.bluf, text, points: [{ text, sources: ['kcna'] }] },
    };
  }

  for (const text of NASTY) {
    it(`${JSON.stringify(text)} comes through verbatim in attributes, text and notes`, () => {
      const main = oneSlide('    <lead>{{bluf.text}}</lead>\n    <item label="{{meta.prepared_by}}">{{meta.subtitle}}</item>\n    <notes><p>{{bluf.text}}</p></notes>', 'bullets', '{{meta.title}}');
      const r = composeDeck(withText(brief, text), templateSet(main));
      expect(formatAll(r.diagnostics)).toBe('');
      expect(r.value!.slides).toHaveLength(1);
      const s = r.value!.slides[0] as SlideOf<'bullets'>;
      expect(s.layout).toBe('bullets');
      expect(s.title).toBe(text);
      expect(s.lead).toBe(text);
      expect(s.items).toEqual([{ text, level: 0, label: text, ref: undefined, origin: ['meta', 'subtitle'] }]);
      expect(s.titleOrigin).toEqual(['meta', 'title']);
      expect(s.leadOrigin).toEqual(['bluf', 'text']);
      expect(s.notes).toBe(text);
      expect(r.value!.meta.title).toBe(text);
    });
  }

  it('the shipped briefing template composes a hostile brief into the same slides as a plain one', () => {
    const set = readTemplateSet(`${REPO}/templates`, 'briefing');
    expect(set.value).toBeDefined();
    const plain = composeDeck(withText(brief, 'Plain text'), set.value!);
    expect(formatAll(plain.diagnostics.filter((d) => d.severity === 'error'))).toBe('');
    for (const text of NASTY) {
      const r = composeDeck(withText(brief, text), set.value!);
      expect(formatAll(r.diagnostics.filter((d) => d.severity === 'error'))).toBe('');
      expect(r.value!.slides.map((s) => s.layout)).toEqual(plain.value!.slides.map((s) => s.layout));
      const first = r.value!.slides[0] as SlideOf<'title'>;
      expect(first.title).toBe(text);
      expect(first.subtitle).toBe(text);
      const bluf = r.value!.slides[1] as SlideOf<'bullets'>;
      expect(bluf.items[0]!.text).toBe(text);
      // The lead is the BLUF text then its citations.
      expect(bluf.lead!.startsWith(text)).toBe(true);
    }
  });

  it('a triple-stache (unescaped) template lets markup through, and the damage is reported, not built', () => {
    const r = composeDeck(withText(brief, '</item></slide><slide layout="title" title="x">'), templateSet(oneSlide('    <item>{{{bluf.text}}}</item>')));
    expect(r.value).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_TEMPLATE_MARKUP' });
    expect(r.diagnostics[0]!.hint).toContain('{{{');
  });
});
