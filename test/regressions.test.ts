/**
 * Regressions found in review, one test each: what went wrong, and that it stays fixed.
 */
import { describe, expect, it } from 'vitest';
import type { Deck, Slide } from '../src/compose/ir.ts';
import { markupToSlides } from '../src/compose/markupToDeck.ts';
import { parseMarkupTree } from '../src/compose/markupTree.ts';
import { layoutDeck } from '../src/layout/index.ts';
import { GRID } from '../src/layout/grid.ts';
import { lintBrief } from '../src/lint/index.ts';
import { parseBrief } from '../src/load/loadBrief.ts';
import { Theme } from '../src/theme/schema.ts';
import { civicTheme, MINIMAL_BRIEF } from './support/helpers.ts';

const LOC = { file: 'deck.hbs', line: 1, col: 1 };

function deckOf(slides: Array<Partial<Slide> & Pick<Slide, 'layout' | 'title'>>, title = 'T'): Deck {
  return {
    meta: { title, author: 'a', language: 'en-US', asOf: '2023-09-12', marking: { text: 'UNCLASSIFIED', system: 'classification', fill: '007A33', color: 'FFFFFF' } },
    slides: slides.map((s) => ({ notes: '', loc: LOC, ...s }) as Slide),
  };
}

describe('review regressions', () => {
  it('speaker notes keep their paragraphs in document order', () => {
    const tree = parseMarkupTree('<deck><slide layout="bullets" title="T"><notes><p>First paragraph.</p>Closing remark.</notes></slide></deck>', LOC);
    expect(markupToSlides(tree.root!).slides[0]!.notes).toBe('First paragraph.\nClosing remark.');
  });

  it('a file whose first byte is not UTF-8 is reported at line 1', () => {
    const bytes = new Uint8Array([0xe9, ...new TextEncoder().encode('\nmeta:\n  title: T\n\n\n')]);
    expect(parseBrief(bytes, 'x.yaml').diagnostics[0]).toMatchObject({ code: 'E_ENCODING', line: 1, col: 1 });
  });

  it('a theme whose base size is below its floor is refused, not laid out at surprising sizes', () => {
    const t = civicTheme();
    expect(Theme.safeParse({ ...t, sizes: { ...t.sizes, body: 16 } }).success).toBe(false);
    expect(Theme.safeParse({ ...t, sizes: { ...t.sizes, banner: 28 } }).success).toBe(false);
    expect(Theme.safeParse(t).success).toBe(true);
  });

  it('lint leaves quotations and closing questions alone', () => {
    const yaml = `${MINIMAL_BRIEF}quotes:
  items:
    - text: A deal is highly probable, and Pyongyang should comply.
      speaker: S
      sources: [kcna]
closing:
  questions: [What should we watch next?]
`;
    expect(lintBrief(parseBrief(yaml, 'x.yaml').value!)).toEqual([]);
  });

  it('every continuation title fits above the body, however many parts (up to cont. 99/99)', () => {
    // A title that is one line as "... (cont. 2/17)"-short but two lines from "(cont. 10/17)" on.
    const title = 'What each delegation member may bring to the negotiating table in Vladivostok';
    const items = Array.from({ length: 100 }, (_, i) => ({ text: `Bullet ${i}: enough words to take up a couple of lines on a slide at the body floor size.`, level: 0 as const }));
    const r = layoutDeck(deckOf([{ layout: 'bullets', title, items }]), { theme: civicTheme() });
    expect(r.value!.slides.length).toBeGreaterThan(9);
    for (const s of r.value!.slides) {
      const body = s.elements.find((e) => e.kind === 'text')!;
      const titleText = s.title.paragraphs[0]!.runs[0]!.text;
      // Two-line titles need the two-line body; the body never starts above where that begins.
      if (titleText.length > 80) expect(body.frame.y, titleText).toBeGreaterThanOrEqual(GRID.body.y);
    }
  });

  it('the footer keeps whole words: it cuts only a word that would not fit', () => {
    const title = `${'Vostochny '.repeat(20)}about artillery`;
    const r = layoutDeck(deckOf([{ layout: 'bullets', title: 'Slide', items: [] }], title), { theme: civicTheme() });
    const footer = r.value!.chrome.footerText;
    const shown = footer.slice(0, footer.indexOf('…'));
    expect(title.startsWith(shown.trimEnd())).toBe(true);
    expect(title.charAt(shown.trimEnd().length), 'the cut falls between words').toBe(' ');
  });
});
