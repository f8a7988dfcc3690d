/**
 * The slide vocabulary: markup -> Deck IR, and every way a template can break the vocabulary,
 * each reported as a diagnostic at the template's own file:line:col.
 */
import { describe, expect, it } from 'vitest';
import { composeDeck } from '../../src/compose/index.ts';
import type { Slide, SlideOf } from '../../src/compose/ir.ts';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.ts';
import { lintDeck } from '../../src/lint/index.ts';
import { formatAll, oneSlide, smallBrief, templateSet } from '../support/helpers.ts';

const brief = smallBrief();

function compose(template: string) {
  return composeDeck(brief, templateSet(template));
}

/** Composes and expects success with no diagnostics; returns the slides. */
function slidesOf(template: string): Slide[] {
  const r = compose(template);
  expect(formatAll(r.diagnostics)).toBe('');
  expect(r.value).toBeDefined();
  return r.value!.slides;
}

function only<K extends Slide['layout']>(template: string, layout: K): SlideOf<K> {
  const slides = slidesOf(template);
  expect(slides).toHaveLength(1);
  expect(slides[0]!.layout).toBe(layout);
  return slides[0] as SlideOf<K>;
}

/** Composes and expects failure; returns the (error) diagnostics. */
function errorsOf(template: string): Diagnostic[] {
  const r = compose(template);
  expect(r.value, 'compose should fail').toBeUndefined();
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.length).toBeGreaterThan(0);
  return errors;
}

/** The single error a template produces. */
function theError(template: string): Diagnostic {
  const errors = errorsOf(template);
  expect(errors, formatAll(errors)).toHaveLength(1);
  return errors[0]!;
}

describe('markup -> Deck IR', () => {
  it('builds the deck meta from the brief and slides in template order with their template positions', () => {
    const r = compose('<deck>\n  <slide layout="section" title="One"></slide>\n  <slide layout="section" title="Two"></slide>\n</deck>');
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.meta).toEqual({
      title: 'Small test brief',
      subject: 'For the compose tests',
      author: 'Test desk',
      language: 'en-US',
      asOf: '2024-03-05',
      marking: { text: 'TLP:CLEAR', system: 'tlp', fill: '000000', color: 'FFFFFF' },
    });
    expect(r.value!.slides.map((s) => [s.title, s.loc])).toEqual([
      ['One', { file: 'fx/deck.hbs', line: 2, col: 3 }],
      ['Two', { file: 'fx/deck.hbs', line: 3, col: 3 }],
    ]);
  });

  it('title slides: subtitle and non-empty lines', () => {
    const s = only(oneSlide('    <subtitle>  Sub  </subtitle><line>A</line><line> </line><line>B</line>', 'title'), 'title');
    expect(s).toMatchObject({ subtitle: 'Sub', lines: ['A', 'B'] });
  });

  it('bullets: lead, items with level, label and ref; empty optional attributes are dropped', () => {
    const s = only(oneSlide('    <lead>Lead text</lead>\n    <item>One</item>\n    <item level="1" label="Moscow:" ref="[1, 2]">Two\n      wraps</item>\n    <item label="" ref=" ">Three</item>'), 'bullets');
    expect(s.lead).toBe('Lead text');
    expect(s.items).toEqual([
      { text: 'One', level: 0, label: undefined, ref: undefined },
      { text: 'Two wraps', level: 1, label: 'Moscow:', ref: '[1, 2]' },
      { text: 'Three', level: 0, label: undefined, ref: undefined },
    ]);
  });

  it('notes: loose text and <p> paragraphs, one paragraph per line', () => {
    const s = only(oneSlide('    <notes>Loose\n  text <p>First</p><p>  Second  </p></notes>'), 'bullets');
    expect(s.notes).toBe('Loose text\nFirst\nSecond');
  });

  it('judgments, comparison, table, cards, timeline, quote, sources, image and closing', () => {
    const slides = slidesOf(`<deck>
  <slide layout="judgments" title="J"><judgment likelihood="likely" confidence="low" ref="[3]">Stmt</judgment></slide>
  <slide layout="comparison" title="C">
    <column heading="Left"><item>l1</item></column><column heading="Right"><item>r1</item><item>r2</item></column>
    <callout label="Risk" ref="[2]">Careful</callout>
  </slide>
  <slide layout="table" title="T">
    <table><tr header="true"><td width="2">Name</td><td>Role</td></tr><tr><td>Kim</td><td>Leader</td></tr></table>
  </slide>
  <slide layout="cards" title="K"><card title="Card" subtitle="S" badge="B" ref="[1]">Body</card></slide>
  <slide layout="timeline" title="L"><event when="Monday" place="Vladivostok" certainty="reported">Arrives</event></slide>
  <slide layout="quote" title="Q"><quote speaker="Spk" role="Role">Said</quote><quote speaker="P" kind="reported">Reported</quote></slide>
  <slide layout="sources" title="S"><source id="kcna">KCNA</source><credit>AP</credit></slide>
  <slide layout="image" title="I"><image path="fig.png" alt="A map" caption="Cap" /></slide>
  <slide layout="closing" title="Z"><subtitle>Bye</subtitle><item>Q1?</item></slide>
</deck>`);
    expect(slides.map((s) => s.layout)).toEqual(['judgments', 'comparison', 'table', 'cards', 'timeline', 'quote', 'sources', 'image', 'closing']);
    const [j, c, t, k, l, q, s, i, z] = slides as [SlideOf<'judgments'>, SlideOf<'comparison'>, SlideOf<'table'>, SlideOf<'cards'>, SlideOf<'timeline'>, SlideOf<'quote'>, SlideOf<'sources'>, SlideOf<'image'>, SlideOf<'closing'>];
    expect(j.judgments).toEqual([{ statement: 'Stmt', likelihood: 'likely', confidence: 'low', ref: '[3]' }]);
    expect(c.columns[0]).toEqual({ heading: 'Left', items: [{ text: 'l1', level: 0, label: undefined, ref: undefined }] });
    expect(c.columns[1]!.items.map((x) => x.text)).toEqual(['r1', 'r2']);
    expect(c.callout).toEqual({ label: 'Risk', text: 'Careful', ref: '[2]' });
    expect(t.columns).toEqual([
      { header: 'Name', width: 2 },
      { header: 'Role', width: 1 },
    ]);
    expect(t.rows).toEqual([[{ text: 'Kim' }, { text: 'Leader' }]]);
    expect(k.cards).toEqual([{ title: 'Card', subtitle: 'S', badge: 'B', body: 'Body', ref: '[1]' }]);
    expect(l.events).toEqual([{ when: 'Monday', text: 'Arrives', place: 'Vladivostok', certainty: 'reported', ref: undefined }]);
    expect(q.quotes).toEqual([
      { text: 'Said', speaker: 'Spk', role: 'Role', kind: 'direct', ref: undefined },
      { text: 'Reported', speaker: 'P', role: undefined, kind: 'reported', ref: undefined },
    ]);
    expect(s.sources).toEqual([{ id: 'kcna', text: 'KCNA' }]);
    expect(s.credits).toEqual(['AP']);
    expect(i).toMatchObject({ path: 'fig.png', alt: 'A map', caption: 'Cap', credit: undefined });
    expect(z).toMatchObject({ subtitle: 'Bye', items: [{ text: 'Q1?', level: 0 }] });
  });
});

describe('vocabulary errors, at the template line and column', () => {
  it('unknown element inside a slide, with did-you-mean', () => {
    const d = theError(oneSlide('    <itme>x</itme>'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_ELEMENT', file: 'fx/deck.hbs', line: 3, col: 5 });
    expect(d.message).toBe('<itme> is not allowed in a "bullets" slide');
    expect(d.hint).toContain('did you mean <item>?');
  });

  it('an element of the vocabulary in the wrong layout lists what the layout takes', () => {
    const d = theError(oneSlide('    <judgment likelihood="likely" confidence="low">x</judgment>'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_ELEMENT', line: 3, col: 5 });
    expect(d.hint).toContain('<notes>, <lead>, <item>');
  });

  it('unknown element nested in an element that holds text only', () => {
    const d = theError(oneSlide('    <item>\n      a <b>bold</b>\n    </item>'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_ELEMENT', line: 4, col: 9 });
    expect(d.message).toBe('<b> is not allowed inside <item>');
    expect(d.hint).toBe('<item> holds text only');
  });

  it('unknown element inside <deck>', () => {
    const d = theError('<deck>\n  <slide layout="bullets" title="A"></slide>\n  <page></page>\n</deck>');
    expect(d).toMatchObject({ code: 'E_TEMPLATE_ELEMENT', line: 3, col: 3 });
    expect(d.message).toBe('<page> is not allowed inside <deck>');
  });

  it('markup that does not start with <deck>', () => {
    const d = theError('\n<slides></slides>');
    expect(d).toMatchObject({ code: 'E_TEMPLATE_ELEMENT', line: 2, col: 1 });
    expect(d.message).toContain('must start with <deck>');
  });

  it('unknown attribute, with did-you-mean', () => {
    const d = theError(oneSlide('    <item lable="x">y</item>'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_ATTR', file: 'fx/deck.hbs', line: 3, col: 5 });
    expect(d.message).toBe('<item> has no attribute "lable"');
    expect(d.hint).toBe('did you mean "label"?');
  });

  it('unknown attribute with nothing close lists the allowed ones', () => {
    const d = theError(oneSlide('    <item colour="red">y</item>'));
    expect(d.hint).toBe('<item> takes: level, label, ref');
  });

  it('unknown attribute on <slide> and on <deck>', () => {
    const d = theError('<deck>\n  <slide layout="bullets" title="A" tilte="B"></slide>\n</deck>');
    expect(d).toMatchObject({ code: 'E_TEMPLATE_ATTR', line: 2, col: 3 });
    expect(d.hint).toBe('did you mean "title"?');
    const e = theError('<deck theme="x">\n  <slide layout="bullets" title="A"></slide>\n</deck>');
    expect(e).toMatchObject({ code: 'E_TEMPLATE_ATTR', line: 1, col: 1, message: '<deck> has no attribute "theme"' });
  });

  it('missing required attribute', () => {
    const d = theError(oneSlide('    <source kind="wire">x</source>', 'sources'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_ATTR', line: 3, col: 5, message: '<source> needs a "id" attribute' });
  });

  it('missing slide title: the attribute and the empty title are both reported', () => {
    const errors = errorsOf('<deck>\n  <slide layout="bullets"></slide>\n</deck>');
    expect(errors.map((e) => [e.code, e.line, e.col, e.message])).toEqual([
      ['E_TEMPLATE_ATTR', 2, 3, '<slide> needs a "title" attribute'],
      ['E_TEMPLATE_ATTR', 2, 3, 'every slide needs a non-empty title'],
    ]);
  });

  it('a title that renders empty (a blank brief field) is an error', () => {
    const d = theError('<deck>\n  <slide layout="bullets" title="  "></slide>\n</deck>');
    expect(d).toMatchObject({ code: 'E_TEMPLATE_ATTR', line: 2, col: 3, message: 'every slide needs a non-empty title' });
  });

  it('missing layout', () => {
    const d = theError('<deck>\n  <slide title="A"></slide>\n</deck>');
    expect(d).toMatchObject({ code: 'E_TEMPLATE_ATTR', line: 2, col: 3, message: '<slide> needs a "layout" attribute' });
  });

  it('unknown layout, with did-you-mean and the list of layouts', () => {
    const d = theError('<deck>\n  <slide layout="bulets" title="A"></slide>\n</deck>');
    expect(d).toMatchObject({ code: 'E_TEMPLATE_LAYOUT', file: 'fx/deck.hbs', line: 2, col: 3, message: 'unknown layout "bulets"' });
    expect(d.hint).toMatch(/^did you mean "bullets"\? layouts: title, agenda, section, bullets, /);
    expect(formatDiagnostic(d)).toMatch(/^fx\/deck\.hbs:2:3: error\[E_TEMPLATE_LAYOUT\]: unknown layout "bulets"\n {2}hint: did you mean "bullets"\?/);
  });

  it('text where only elements are allowed: in <deck>, in <slide>, in <column>, in <table>', () => {
    const inDeck = theError('<deck>\n  stray\n  <slide layout="bullets" title="A"></slide>\n</deck>');
    expect(inDeck).toMatchObject({ code: 'E_TEMPLATE_MARKUP', line: 1, col: 1, message: 'text outside a slide: "stray"' });
    const inSlide = theError(oneSlide('    loose words'));
    expect(inSlide).toMatchObject({ code: 'E_TEMPLATE_MARKUP', line: 2, col: 3, message: 'text directly inside <slide>: "loose words"' });
    expect(inSlide.hint).toContain('<item>');
    const inColumn = theError(oneSlide('    <column heading="a">stray</column>\n    <column heading="b"></column>', 'comparison'));
    expect(inColumn).toMatchObject({ code: 'E_TEMPLATE_MARKUP', line: 3, col: 5, message: '<column> cannot hold text ("stray")' });
    const inTable = theError(oneSlide('    <table>oops<tr header="true"><td>A</td></tr></table>', 'table'));
    expect(inTable).toMatchObject({ code: 'E_TEMPLATE_MARKUP', line: 3, col: 5, message: '<table> cannot hold text ("oops")' });
  });

  it('white space between elements is not "text"', () => {
    expect(slidesOf(oneSlide('  \n   <item>a</item>  \n\t<item>b</item>\n'))).toHaveLength(1);
  });

  it('an image element cannot hold text', () => {
    const d = theError(oneSlide('    <image path="a.png" alt="x">caption?</image>', 'image'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_MARKUP', line: 3, col: 5 });
  });

  it('bad attribute values: item level, quote kind, column width', () => {
    expect(theError(oneSlide('    <item level="2">x</item>'))).toMatchObject({ code: 'E_TEMPLATE_ATTR', line: 3, col: 5, message: 'level must be 0 or 1, got "2"' });
    expect(theError(oneSlide('    <quote speaker="S" kind="indirect">x</quote>', 'quote'))).toMatchObject({ code: 'E_TEMPLATE_ATTR', line: 3, col: 5 });
    const w = theError(oneSlide('    <table>\n      <tr header="true"><td width="-1">A</td></tr>\n    </table>', 'table'));
    expect(w).toMatchObject({ code: 'E_TEMPLATE_ATTR', line: 4, message: 'column width must be a positive number, got "-1"' });
  });

  it('a comparison needs exactly two columns', () => {
    const d = theError(oneSlide('    <column heading="only"><item>x</item></column>', 'comparison'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_MARKUP', line: 2, col: 3, message: 'a comparison slide needs 2 to 4 <column> elements, got 1' });
  });

  it('table and image slides need their element', () => {
    expect(theError(oneSlide('', 'table'))).toMatchObject({ code: 'E_TEMPLATE_MARKUP', line: 2, col: 3, message: 'a table slide needs a <table> element' });
    expect(theError(oneSlide('', 'image'))).toMatchObject({ code: 'E_TEMPLATE_MARKUP', line: 2, col: 3, message: 'an image slide needs an <image> element' });
  });
});

describe('table rules', () => {
  it('the header row must come first', () => {
    const d = theError(oneSlide('    <table>\n      <tr><td>a</td></tr>\n      <tr header="true"><td>h</td></tr>\n    </table>', 'table'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_MARKUP', file: 'fx/deck.hbs', line: 3, col: 5, message: 'a table needs a header row first: <tr header="true">' });
    expect(d.hint).toContain('header row');
  });

  it('a table with no header row at all is refused', () => {
    const d = theError(oneSlide('    <table>\n      <tr><td>a</td></tr>\n    </table>', 'table'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_MARKUP', line: 3, col: 5 });
  });

  it('only the first row may be a header', () => {
    const d = theError(oneSlide('    <table>\n      <tr header="true"><td>h</td></tr>\n      <tr header="true"><td>h2</td></tr>\n    </table>', 'table'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_MARKUP', line: 5, col: 7, message: 'only the first row may be a header row' });
  });

  it('every row has as many cells as the header (too few and too many)', () => {
    const errors = errorsOf(oneSlide('    <table>\n      <tr header="true"><td>A</td><td>B</td></tr>\n      <tr><td>1</td></tr>\n      <tr><td>1</td><td>2</td><td>3</td></tr>\n    </table>', 'table'));
    expect(errors.map((e) => [e.code, e.line, e.col, e.message])).toEqual([
      ['E_TEMPLATE_MARKUP', 5, 7, 'row has 1 cells, the header has 2'],
      ['E_TEMPLATE_MARKUP', 6, 7, 'row has 3 cells, the header has 2'],
    ]);
    expect(errors[0]!.hint).toContain('no merged cells');
  });
});

describe('whole-deck checks', () => {
  it('duplicate titles compose; the lint rule W_DUPLICATE_TITLE finds them at the second slide', () => {
    const r = compose('<deck>\n  <slide layout="bullets" title="Same"></slide>\n  <slide layout="bullets" title="Other"></slide>\n  <slide layout="bullets" title="Same"></slide>\n</deck>');
    expect(r.value?.slides).toHaveLength(3);
    expect(r.diagnostics).toEqual([]);
    const found = lintDeck({ file: 'brief.yaml', positionOf: () => undefined }, { deck: r.value!, locate: () => undefined });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', code: 'W_DUPLICATE_TITLE', file: 'fx/deck.hbs', line: 4, col: 3 });
  });

  it('a deck with no slides is an error', () => {
    const d = theError('<deck>\n  {{#each delegation.nobody}}<slide layout="bullets" title="A"></slide>{{/each}}\n</deck>');
    expect(d).toMatchObject({ code: 'E_TEMPLATE_EMPTY', file: 'fx/deck.hbs', line: 1, col: 1 });
  });

  it('reports every vocabulary error of a template in one run', () => {
    const errors = errorsOf('<deck>\n  <slide layout="bulets" title="A"></slide>\n  <slide layout="bullets" title="B">\n    <itme/>\n    <item lable="x"/>\n  </slide>\n</deck>');
    expect(errors.map((e) => `${e.line}:${e.col} ${e.code}`)).toEqual(['2:3 E_TEMPLATE_LAYOUT', '4:5 E_TEMPLATE_ELEMENT', '5:5 E_TEMPLATE_ATTR']);
  });

  it('reports a second tag on the same line at its own column', () => {
    // Fails while the data-loc column bug in src/compose/sourceLocs.ts stands (see markup.test.ts):
    // the second <item> on line 3 starts at column 19 but is reported further right, shifted by
    // the length of the data-loc attribute inserted into the first <item> (column 46 here).
    const d = theError(oneSlide('    <item>a</item><item lable="x">b</item>'));
    expect(d).toMatchObject({ code: 'E_TEMPLATE_ATTR', line: 3, col: 19 });
  });
});
