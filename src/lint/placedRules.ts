/**
 * Rules over the placed deck, as it will be projected: type size and contrast of every text,
 * with the slide number and the brief field it came from.
 */
import type { Element, Frame, PlacedDeck, PlacedSlide, Run, TableElement, TextElement } from '../layout/placed.ts';
import { sourceSlides, whereIs, type DeckInput, type DeckRule } from './deck.ts';
import type { Finding } from './rule.ts';
import { contrast } from '../theme/contrast.ts';

/** Smallest body type a projected slide should carry (briefing conventions: 18–24 pt). */
export const MIN_BODY_PT = 18;

/** WCAG 2.x: 4.5:1, or 3:1 for large text (18 pt, or 14 pt bold). */
export const MIN_CONTRAST = 4.5;
export const MIN_CONTRAST_LARGE = 3;


const plain = (runs: readonly Run[]) => runs.map((r) => r.text).join('');
const textOf = (el: Pick<TextElement, 'paragraphs'>) => el.paragraphs.map((p) => plain(p.runs)).join(' ');
const short = (s: string) => {
  const one = s.replace(/[\s\u00A0]+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 39)}…` : one;
};

/** Each placed slide with the composed slide it came from, for the rules' positions. */
function slides(input: DeckInput): Array<{ slide: PlacedSlide; from: ReturnType<typeof sourceSlides>[number] }> {
  if (!input.placed) return [];
  const from = sourceSlides(input.deck, input.placed);
  return input.placed.slides.map((slide, i) => ({ slide, from: from[i] }));
}

export const smallBodyText: DeckRule = {
  stage: 'deck',
  code: 'W_BODY_TEXT_SMALL',
  severity: 'warning',
  what: `body text set under ${MIN_BODY_PT} pt in the built deck`,
  hint: `a projected slide's body text should be at least ${MIN_BODY_PT} pt: shorten the text, split it over more items, or raise the theme's fit.bodyFloor`,
  check(input) {
    const out: Finding[] = [];
    for (const { slide, from } of slides(input)) {
      // A placemat is a printed leave-behind (one 11x17 page), not a projected slide.
      if (from?.layout === 'placemat') continue;
      // Labels (outline numbers, likelihood tags) and references (the source list, captions)
      // are not body text; tables are dense reference text with a floor of their own.
      const small = slide.elements.filter((el): el is TextElement => el.kind === 'text' && (el.role ?? 'body') === 'body' && el.size < MIN_BODY_PT);
      if (!small.length) continue;
      // One finding per slide: at the brief's text that was set small (headings shrink with it).
      const found = small.map((el) => ({ el, where: whereIs(input, from, textOf(el)) }));
      const first = found.find((f) => f.where.path) ?? found[0]!;
      const others = small.length - 1;
      out.push({
        ...first.where,
        message: `slide ${slide.number}: "${short(textOf(first.el))}" is set at ${first.el.size} pt${others ? `, and ${others} other text${others > 1 ? 's' : ''} on the slide under ${MIN_BODY_PT} pt` : ''}`,
      });
    }
    return out;
  },
};

/** The colour behind an element: its own fill, else the last filled shape under it, else the slide's. */
function backgroundOf(deck: PlacedDeck, slide: PlacedSlide, index: number, f: Frame, fill?: string): string {
  if (fill) return fill;
  const cx = f.x + f.w / 2;
  const cy = f.y + f.h / 2;
  for (let i = index - 1; i >= 0; i--) {
    const e: Element = slide.elements[i]!;
    const g = e.frame;
    if (e.kind === 'shape' && e.shape !== 'line' && e.fill && cx >= g.x && cx <= g.x + g.w && cy >= g.y && cy <= g.y + g.h) return e.fill;
    if (e.kind === 'text' && e.fill && cx >= g.x && cx <= g.x + g.w && cy >= g.y && cy <= g.y + g.h) return e.fill;
  }
  return slide.master === 'CONTENT' ? deck.chrome.background : deck.chrome.titleBackground;
}

interface Style {
  color: string;
  size: number;
  bold?: boolean;
}

/** The first run (or the box itself) whose colour falls short of WCAG on `bg`. */
function shortfall(box: Style, runs: readonly Run[], bg: string): { ratio: number; need: number; color: string; text: string } | undefined {
  const check = (s: Style, text: string) => {
    const need = s.size >= 18 || (s.bold && s.size >= 14) ? MIN_CONTRAST_LARGE : MIN_CONTRAST;
    const ratio = contrast(s.color, bg);
    return ratio < need ? { ratio, need, color: s.color, text } : undefined;
  };
  for (const r of runs) {
    if (r.text.trim() === '') continue;
    const bad = check({ color: r.color ?? box.color, size: r.size ?? box.size, bold: r.bold ?? box.bold }, r.text);
    if (bad) return bad;
  }
  return undefined;
}

type Shortfall = NonNullable<ReturnType<typeof shortfall>>;

function tableShortfalls(t: TableElement): Array<{ bad: Shortfall; cell: string; bg: string }> {
  const out: Array<{ bad: Shortfall; cell: string; bg: string }> = [];
  const cells = [
    ...t.header.map((c) => ({ c, bg: t.headerFill, color: t.headerColor, bold: true })),
    ...t.rows.flatMap((row, i) => row.map((c) => ({ c, bg: i % 2 === 1 && t.stripeFill ? t.stripeFill : t.bodyFill, color: t.color, bold: false }))),
  ];
  for (const { c, bg, color, bold } of cells) {
    const bad = shortfall({ color, size: t.size, bold }, c.flatMap((p) => p.runs), bg);
    if (bad) out.push({ bad, bg, cell: c.map((p) => plain(p.runs)).join(' ') });
  }
  return out;
}

export const lowContrast: DeckRule = {
  stage: 'deck',
  code: 'W_CONTRAST',
  severity: 'warning',
  what: `text whose contrast with its background is under ${MIN_CONTRAST}:1 (${MIN_CONTRAST_LARGE}:1 for large text) in the built deck`,
  hint: 'choose theme colours further apart (WCAG 2.x contrast); a projector washes colours out further',
  check(input) {
    const deck = input.placed;
    if (!deck) return [];
    const out: Finding[] = [];
    const report = (slide: PlacedSlide, from: Parameters<typeof whereIs>[1], text: string, bad: Shortfall, bg: string) =>
      out.push({ ...whereIs(input, from, text), message: `slide ${slide.number}: "${short(bad.text)}" is #${bad.color} on #${bg}, contrast ${bad.ratio.toFixed(2)}:1 (needs ${bad.need}:1)` });
    for (const { slide, from } of slides(input)) {
      const els: Array<[TextElement | Element, number]> = [[slide.title, 0], ...slide.elements.map((e, i): [Element, number] => [e, i])];
      for (const [el, i] of els) {
        if (el.kind === 'text') {
          const bg = backgroundOf(deck, slide, el === slide.title ? 0 : i, el.frame, el.fill);
          const bad = shortfall(el, el.paragraphs.flatMap((p) => p.runs), bg);
          if (bad) report(slide, from, textOf(el), bad, bg);
        } else if (el.kind === 'table') {
          for (const { bad, cell, bg } of tableShortfalls(el)) report(slide, from, cell, bad, bg);
        }
      }
    }
    return out;
  },
};
