/**
 * Markup parsing: the template positions injected as data-loc, the tree (read by the subset
 * reader, and by saxes for what it does not read), and the text helpers that collapse
 * whitespace as a slide shows it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markFields } from '../../src/compose/fieldMarks.ts';
import { childElements, collapse, parseMarkupTree, parseMarkupTreeWithSaxes, textOf, type MarkupElement } from '../../src/compose/markupTree.ts';
import { renderTemplate, templateFiles } from '../../src/compose/renderTemplate.ts';
import { readTemplateSet } from '../../src/compose/templateSet.ts';
import { loadBrief } from '../../src/load/loadBrief.ts';
import { parseXmlSubset } from '../../src/package/xmlSubset.ts';
import { DECKS, templatesWithFixtures } from '../render/decks.ts';
import { REPO } from '../support/helpers.ts';
import { instrumentTemplate, LOC_ATTRIBUTE, parseLoc } from '../../src/compose/sourceLocs.ts';

const FALLBACK = { file: 'fx/deck.hbs', line: 1, col: 1 };

/** Instruments a template the way compose does and parses it (no Handlebars involved). */
function parse(template: string) {
  return parseMarkupTree(instrumentTemplate(template, 'fx/deck.hbs').text, FALLBACK);
}

function find(el: MarkupElement, name: string): MarkupElement[] {
  const out: MarkupElement[] = [];
  const walk = (e: MarkupElement) => {
    if (e.name === name) out.push(e);
    childElements(e).forEach(walk);
  };
  walk(el);
  return out;
}

describe('parseLoc', () => {
  it('reads file:line:col, keeping colons inside the file name', () => {
    expect(parseLoc('templates/briefing/deck.hbs:12:5')).toEqual({ file: 'templates/briefing/deck.hbs', line: 12, col: 5 });
    expect(parseLoc('C:/work/t/deck.hbs:3:1')).toEqual({ file: 'C:/work/t/deck.hbs', line: 3, col: 1 });
  });

  it('rejects values without a line and column', () => {
    expect(parseLoc('deck.hbs')).toBeUndefined();
    expect(parseLoc('deck.hbs:3')).toBeUndefined();
    expect(parseLoc('deck.hbs:x:1')).toBeUndefined();
  });
});

describe('instrumentTemplate', () => {
  it('tags every start tag with its 1-based template line and column', () => {
    const text = instrumentTemplate('<deck>\n  <slide layout="x">\n    <item>a</item>\n</deck>', 'f.hbs').text;
    expect(text).toContain(`<deck ${LOC_ATTRIBUTE}="f.hbs:1:1">`);
    expect(text).toContain(`<slide ${LOC_ATTRIBUTE}="f.hbs:2:3" layout="x">`);
    expect(text).toContain(`<item ${LOC_ATTRIBUTE}="f.hbs:3:5">a</item>`);
    // End tags and text are left alone.
    expect(text).toContain('</item>\n</deck>');
  });

  it('leaves tags inside Handlebars expressions and comments alone', () => {
    const src = '{{!-- <item> in a comment --}}{{#if (eq a "<b>")}}<p>x</p>{{/if}}';
    const text = instrumentTemplate(src, 'f.hbs').text;
    expect(text).toContain('{{!-- <item> in a comment --}}');
    expect(text).toContain('{{#if (eq a "<b>")}}');
    expect(text.match(new RegExp(LOC_ATTRIBUTE, 'g'))).toHaveLength(1);
    expect(text).toContain(`<p ${LOC_ATTRIBUTE}="f.hbs:1:`);
  });

  it('gives the second tag on a line its own column in the template, not one shifted by the first tag\'s data-loc', () => {
    // BUG (src/compose/sourceLocs.ts): `startCol = col` uses the column in the *instrumented*
    // output, which already includes the data-loc text inserted into earlier tags on the line.
    // "<a><b>": <b> is at column 4 of the template, but gets data-loc "f:1:21".
    const text = instrumentTemplate('<a><b>', 'f').text;
    expect(text).toBe(`<a ${LOC_ATTRIBUTE}="f:1:1"><b ${LOC_ATTRIBUTE}="f:1:4">`);
  });

  it('maps columns of the instrumented text back to the template', () => {
    const src = '  <slide title="{{meta.title}}">';
    const inst = instrumentTemplate(src, 'f.hbs');
    // "{{" is at 0-based column 16 in the template; find it in the instrumented text.
    expect(src.indexOf('{{')).toBe(16);
    const at = inst.text.indexOf('{{');
    expect(at).toBeGreaterThan(16);
    expect(inst.originalCol(1, at)).toBe(16);
    // Columns before the inserted attribute are unchanged.
    expect(inst.originalCol(1, 2)).toBe(2);
  });
});

describe('parseMarkupTree', () => {
  it('builds the element tree with attributes, text and each element\'s template position', () => {
    const r = parse('<deck>\n  <slide layout="bullets" title="T">\n    <item level="1" ref="[1]">Hello   <!-- c -->world</item>\n  </slide>\n</deck>');
    expect(r.diagnostics).toEqual([]);
    const root = r.root!;
    expect(root.name).toBe('deck');
    expect(root.loc).toEqual({ file: 'fx/deck.hbs', line: 1, col: 1 });
    const [slide] = childElements(root);
    expect(slide!.attrs).toEqual({ layout: 'bullets', title: 'T' });
    expect(slide!.loc).toMatchObject({ line: 2, col: 3 });
    const [item] = find(root, 'item');
    // data-loc is consumed, never an attribute of the element.
    expect(item!.attrs).toEqual({ level: '1', ref: '[1]' });
    expect(item!.loc).toMatchObject({ line: 3, col: 5 });
    expect(textOf(item!)).toBe('Hello world');
  });

  it('decodes entities and character references in text and attributes', () => {
    const r = parse('<deck><slide title="&lt;b&gt; &amp; &quot;q&quot; &#x27;s&#x27; &#x3D; &#x60;">A &amp; B &#8212; C</slide></deck>');
    expect(r.diagnostics).toEqual([]);
    const slide = childElements(r.root!)[0]!;
    expect(slide.attrs.title).toBe('<b> & "q" \'s\' = `');
    expect(textOf(slide)).toBe('A & B — C');
  });

  it('reports malformed markup at the template line of the element that was open', () => {
    const r = parse('<deck>\n  <slide layout="bullets" title="T">\n    <item>x</itm>\n  </slide>\n</deck>');
    expect(r.root).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'E_TEMPLATE_MARKUP', file: 'fx/deck.hbs', line: 3, col: 5 });
    expect(r.diagnostics[0]!.message).toMatch(/^malformed slide markup: /);
    expect(r.diagnostics[0]!.hint).toMatch(/closed/);
  });

  it('caps the malformed-markup cascade at five diagnostics', () => {
    const r = parse('<deck>' + '<a></b>'.repeat(20) + '</deck>');
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics.length).toBeLessThanOrEqual(5);
  });

  it('reports markup with no element at all', () => {
    const r = parseMarkupTree('   ', FALLBACK);
    expect(r.root).toBeUndefined();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_TEMPLATE_MARKUP', file: 'fx/deck.hbs', line: 1, col: 1 });
  });
});

describe('collapse and textOf', () => {
  it('collapses runs of white space (including newlines and tabs) and trims', () => {
    expect(collapse('  a \n\t b   c  ')).toBe('a b c');
    expect(collapse('')).toBe('');
  });

  it('concatenates nested text in document order', () => {
    const el: MarkupElement = {
      name: 'x',
      attrs: {},
      loc: FALLBACK,
      children: ['one ', { name: 'y', attrs: {}, loc: FALLBACK, children: ['two'] }, '  three'],
    };
    expect(textOf(el)).toBe('one two three');
  });
});

describe('parseMarkupTree by the subset reader', () => {
  it('gives the tree saxes gives for the markup of every test deck, under each template', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-markup-'));
    const withFixtures = await templatesWithFixtures(dir);
    let read = 0;
    for (const spec of DECKS) {
      const loaded = await loadBrief(spec.file);
      expect(loaded.value, spec.name).toBeDefined();
      const marked = markFields(loaded.value!.value);
      for (const name of spec.fixtureTemplate ? [spec.fixtureTemplate] : ['briefing', 'executive']) {
        const set = readTemplateSet(spec.fixtureTemplate ? withFixtures : join(REPO, 'templates'), name).value!;
        const markup = renderTemplate(set, marked.data as object).value!;
        const fallback = { file: set.main.file, line: 1, col: 1 };
        expect(parseXmlSubset(markup), `${spec.name} / ${name}: read by the subset`).toBeDefined();
        expect(parseMarkupTree(markup, fallback, templateFiles(set)), `${spec.name} / ${name}`).toEqual(parseMarkupTreeWithSaxes(markup, fallback, templateFiles(set)));
        read++;
      }
    }
    expect(read).toBeGreaterThan(25);
  }, 120_000);

  it('leaves what it does not read to saxes: a comment, CDATA, a prefix, a mismatched tag', () => {
    for (const markup of ['<deck><!-- c --><slide/></deck>', '<deck><slide><![CDATA[a<b]]></slide></deck>', '<deck><x:slide/></deck>', '<deck><slide></deck>', '<deck a="1" a="2"/>']) {
      expect(parseMarkupTree(markup, FALLBACK), markup).toEqual(parseMarkupTreeWithSaxes(markup, FALLBACK));
    }
    expect(parseMarkupTree('<deck><slide></deck>', FALLBACK).diagnostics[0]?.code).toBe('E_TEMPLATE_MARKUP');
  });
});
