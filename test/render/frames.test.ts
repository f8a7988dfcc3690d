/**
 * The render check's checker, on hand-made decks and PDF lines: it must pass text that stays
 * in its frame and catch text that does not (no LibreOffice needed).
 */
import { describe, expect, it } from 'vitest';
import type { Chrome, Element, Frame, Paragraph, PlacedDeck, PlacedSlide, TableElement, TextElement } from '../../src/layout/placed.ts';
import {
  cellFrames,
  checkDeck,
  FONT_DESCENT,
  glyphBox,
  lineBox,
  norm,
  POPPLER_ASCENT,
  POPPLER_DESCENT,
  slideTargets,
  type PdfWord,
  type PdfWordLine,
} from './frames.ts';
import { isCI, toolGate } from '../support/toolGate.ts';
import { parseBboxLayout, renderGate } from './pdf.ts';

const PAGE = { width: 13.333, height: 7.5 };
const INSET = 0.05;
const SIZE = 22;
const LH = 26.4;

const chrome: Chrome = {
  bannerTop: { x: 0, y: 0, w: 13.333, h: 0.32 },
  bannerBottom: { x: 0, y: 7.18, w: 13.333, h: 0.32 },
  bannerFont: 'Arial',
  bannerSize: 12,
  footerFrame: { x: 0.6, y: 6.78, w: 10.933, h: 0.3 },
  footerText: 'Test deck · As of 1 March 2024',
  slideNumberFrame: { x: 11.733, y: 6.78, w: 1, h: 0.3 },
  footerFont: 'Arial',
  footerSize: 11,
  footerColor: '52606D',
  coverFooterColor: 'B8C7D9',
  background: 'FFFFFF',
  titleBackground: '0B2545',
  headingFont: 'Arial',
  bodyFont: 'Arial',
  titleFrames: {
    CONTENT: { x: 0.6, y: 0.42, w: 12.133, h: 1.4 },
    TITLE: { x: 0.9, y: 1.45, w: 11.533, h: 1.95 },
    SECTION: { x: 0.9, y: 2.45, w: 11.533, h: 1.95 },
    CLOSING: { x: 0.9, y: 0.7, w: 11.533, h: 1.1 },
  },
  measure: { widthReserve: 0.1, han: 'sc' },
};

function text(frame: Frame, paragraphs: string[], extra: Partial<TextElement> = {}): TextElement {
  return {
    kind: 'text',
    frame,
    paragraphs: paragraphs.map((t) => ({ runs: [{ text: t }] })),
    font: 'Arial',
    size: SIZE,
    lineHeight: LH,
    color: '1F2933',
    align: 'left',
    valign: 'top',
    inset: INSET,
    role: 'body',
    ...extra,
  };
}

function deckOf(slides: Array<{ title: string; elements: Element[]; titleLines?: number }>): PlacedDeck {
  return {
    meta: { title: 'Test deck', author: 'tests', language: 'en-US', asOf: '2024-03-01', marking: { text: 'UNCLASSIFIED', system: 'classification', fill: '007A33', color: 'FFFFFF' } },
    chrome,
    slides: slides.map((s, i): PlacedSlide => ({
      master: 'CONTENT',
      title: text(chrome.titleFrames.CONTENT, [s.title], { size: 30, lineHeight: 36, role: 'title', bold: true }),
      elements: s.elements,
      notes: '',
      number: i + 1,
    })),
  };
}

/** A word as poppler reports it: `size` pt, its baseline at `baseline` in, 0.5 em per character. */
function word(t: string, x0: number, baseline: number, size = SIZE): PdfWord {
  const em = size / 72;
  return { text: t, box: { x0, x1: x0 + 0.5 * em * [...t].length, y0: baseline - POPPLER_ASCENT * em, y1: baseline + POPPLER_DESCENT * em } };
}

/** A line of words from x0 on a baseline, one space (0.25 em) apart. */
function line(page: number, t: string, x0: number, baseline: number, size = SIZE): PdfWordLine {
  const words: PdfWord[] = [];
  let x = x0;
  for (const w of t.split(' ')) {
    const pw = word(w, x, baseline, size);
    words.push(pw);
    x = pw.box.x1 + 0.25 * (size / 72);
  }
  const box = { x0: words[0]!.box.x0, y0: words[0]!.box.y0, x1: words[words.length - 1]!.box.x1, y1: words[0]!.box.y1 };
  return { page, text: t, box, words };
}

/** Joins lines poppler would have joined (same baseline). */
function joined(a: PdfWordLine, b: PdfWordLine): PdfWordLine {
  return { page: a.page, text: `${a.text} ${b.text}`, box: { ...a.box, x1: b.box.x1 }, words: [...a.words, ...b.words] };
}

/** Baseline of line `i` (0-based) of a top-anchored frame, as LibreOffice sets exact spacing. */
const baselineAt = (f: Frame, i: number, size = SIZE, lh = LH) => f.y + INSET + ((i + 1) * lh) / 72 - (FONT_DESCENT * size) / 72;

/** The chrome lines every slide has, placed where the masters draw them. */
function chromeLines(page: number, deck: PlacedDeck): PdfWordLine[] {
  const mid = (f: Frame, size: number) => f.y + f.h / 2 + (0.3 * size) / 72;
  return [
    line(page, 'UNCLASSIFIED', 6.05, mid(chrome.bannerTop, 12), 12),
    line(page, deck.chrome.footerText, 0.65, mid(chrome.footerFrame, 11), 11),
    line(page, String(page), 12.55, mid(chrome.slideNumberFrame, 11), 11),
    line(page, 'UNCLASSIFIED', 6.05, mid(chrome.bannerBottom, 12), 12),
  ];
}

const titleLine = (page: number, t: string) => line(page, t, 0.65, baselineAt(chrome.titleFrames.CONTENT, 0, 30, 36), 30);

const BODY: Frame = { x: 0.6, y: 1.35, w: 12.133, h: 5.25 };

function run(deck: PlacedDeck, lines: PdfWordLine[], pages = deck.slides.length) {
  return checkDeck(deck, { pages: Array.from({ length: pages }, () => PAGE), lines });
}

describe('norm', () => {
  it('drops white space, bullets and zero-width characters, and folds compatibility forms', () => {
    expect(norm('• Choe Sun Hui ( 최선희 ;\u00a0also\u200b x')).toBe('ChoeSunHui(최선희;alsox');
    expect(norm('ﬁne…')).toBe('fine...');
  });
});

describe('geometry', () => {
  it('recovers the line cell from a poppler box', () => {
    const w = word('Hello', 1, 3);
    expect(w.box.y1 - w.box.y0).toBeCloseTo((1.3 * SIZE) / 72, 9);
    const cell = lineBox([w], LH);
    expect(cell.y1 - cell.y0).toBeCloseTo(LH / 72, 9);
    expect(cell.y1).toBeCloseTo(3 + (FONT_DESCENT * SIZE) / 72, 9);
    const g = glyphBox(w.box);
    expect(g.y0).toBeCloseTo(3 - (0.905 * SIZE) / 72, 9);
  });

  it('takes the baseline from the text, not a raised bullet glyph', () => {
    const bullet = word('•', 1, 2.95);
    const w = word('Item', 1.3, 3);
    expect(lineBox([bullet, w], LH).y1).toBeCloseTo(lineBox([w], LH).y1, 9);
    expect(lineBox([bullet, w], LH).x0).toBe(1);
  });

  it('splits a table into cell frames', () => {
    const cells = cellFrames({ frame: { x: 1, y: 2, w: 5, h: 1.5 }, colW: [2, 3], rowH: [0.5, 1] });
    expect(cells[1]![1]).toEqual({ x: 3, y: 2.5, w: 3, h: 1 });
  });
});

describe('checkDeck', () => {
  const f = { x: BODY.x, y: BODY.y, w: BODY.w, h: 1.2 };
  const el = text(f, ['The commission met for two days at the border station and agreed a protocol.']);
  const deck = deckOf([{ title: 'Recent developments', elements: [el] }]);
  const good = [
    ...chromeLines(1, deck),
    titleLine(1, 'Recent developments'),
    line(1, 'The commission met for two days at the border', 0.65, baselineAt(f, 0)),
    line(1, 'station and agreed a protocol.', 0.65, baselineAt(f, 1)),
  ];

  it('passes lines that stay in their frames, and counts them', () => {
    const r = run(deck, good);
    expect(r.failures).toEqual([]);
    expect(r.lines).toBe(7);
    expect(r.segments).toHaveLength(7);
    expect(r.frames).toBe(2);
    expect(r.segments.find((s) => s.text.startsWith('station'))!.target.kind).toBe('text');
  });

  it('catches a line below its frame, naming slide, text and frame', () => {
    const lines = [...good.slice(0, -1), line(1, 'station and agreed a protocol.', 0.65, baselineAt(f, 3))];
    const r = run(deck, lines);
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0]!.kind).toBe('outside-frame');
    expect(r.failures[0]!.message).toMatch(/^slide 1: "station and agreed a protocol\." .* is outside its frame, text 0 "The commission met.*" at x 0\.60 y 1\.35 w 12\.13 h 1\.20 .*in bottom/);
  });

  it('catches a line wider than its frame', () => {
    const narrow = text({ x: 0.6, y: 2, w: 3, h: 1 }, ['Longword']);
    const d = deckOf([{ title: 'T', elements: [narrow] }]);
    const r = run(d, [...chromeLines(1, d), titleLine(1, 'T'), line(1, 'Longword', 0.65, baselineAt(narrow.frame, 0), 60)]);
    expect(r.failures.map((x) => x.kind)).toContain('outside-frame');
    expect(r.failures.find((x) => x.kind === 'outside-frame')!.message).toMatch(/in right/);
  });

  it('catches text running into the banner and off the page', () => {
    const low = text({ x: 0.6, y: 6.0, w: 12.133, h: 0.6 }, ['Late line']);
    const d = deckOf([{ title: 'T', elements: [low] }]);
    const r = run(d, [...chromeLines(1, d), titleLine(1, 'T'), line(1, 'Late line', 0.65, 7.55)]);
    const kinds = r.failures.map((x) => x.kind);
    expect(kinds).toEqual(['outside-frame', 'outside-page', 'banner']);
    expect(r.failures.find((x) => x.kind === 'banner')!.message).toMatch(/runs into the banner band/);
  });

  it('catches a line that lies in another text frame', () => {
    const a = text({ x: 0.6, y: 2, w: 6, h: 2 }, ['Alpha text']);
    const b = text({ x: 3, y: 2.5, w: 5, h: 1 }, ['Beta text']);
    const d = deckOf([{ title: 'T', elements: [a, b] }]);
    const r = run(d, [...chromeLines(1, d), titleLine(1, 'T'), line(1, 'Alpha text', 0.65, baselineAt(a.frame, 0)), line(1, 'Beta text', 3.05, baselineAt(b.frame, 0))]);
    expect(r.failures.map((x) => x.kind)).toEqual(['overlap']);
    expect(r.failures[0]!.message).toMatch(/"Beta text" .* lies inside another text frame, text 0 "Alpha text"/);
  });

  it('lets the body start inside a one-line title placeholder, but not under a second title line', () => {
    const body = text({ x: 0.6, y: 1.35, w: 12.133, h: 1 }, ['Body']);
    const d = deckOf([{ title: 'Short title', elements: [body] }]);
    const bodyLine = line(1, 'Body', 0.65, baselineAt(body.frame, 0));
    expect(run(d, [...chromeLines(1, d), titleLine(1, 'Short title'), bodyLine]).failures).toEqual([]);

    const two = deckOf([{ title: 'A title that wraps onto a second line', elements: [body] }]);
    const secondTitleLine = line(1, 'a second line', 0.65, baselineAt(chrome.titleFrames.CONTENT, 1, 30, 36), 30);
    const r = run(two, [...chromeLines(1, two), titleLine(1, 'A title that wraps onto'), secondTitleLine, bodyLine]);
    expect(r.failures.some((x) => x.kind === 'overlap' && /"Body" .* lies inside another text frame, title/.test(x.message))).toBe(true);
  });

  it('reports placed text the PDF lacks, and PDF text nothing placed', () => {
    // (Short words can pass as fragments of placed text: "to" is in "protocol". Longer ones cannot.)
    const r = run(deck, [...good.slice(0, -1), line(1, 'Click here: Lorem ipsum', 0.65, 5)]);
    expect(r.failures.map((x) => x.kind).sort()).toEqual(['missing', 'stray', 'stray', 'stray', 'stray']);
    expect(r.failures.find((x) => x.kind === 'missing')!.message).toMatch(/text of text 0 .* not found in the PDF: "stationandagreedaprotocol\."/);
    expect(r.failures.find((x) => x.kind === 'stray')!.message).toMatch(/"Click" at .* matches no text placed on the slide/);
  });

  it('catches a page count that differs from the slide count', () => {
    expect(run(deck, good, 2).failures.map((x) => x.kind)).toEqual(['pages']);
  });

  it('catches a title placed away from its master placeholder', () => {
    const d = deckOf([{ title: 'Recent developments', elements: [el] }]);
    d.slides[0]!.title.frame = { x: 0.6, y: 0.5, w: 12.133, h: 1.4 };
    expect(run(d, good).failures.map((x) => x.kind)).toEqual(['title-frame']);
  });
});

/** A table cell of one paragraph. */
function cell(text: string, bold = false): Paragraph[] {
  return [{ runs: [{ text, ...(bold ? { bold } : {}) }] }];
}

describe('checkDeck on tables', () => {
  const table: TableElement = {
    kind: 'table',
    frame: { x: 0.6, y: 1.35, w: 8, h: 1.2 },
    colW: [3, 5],
    rowH: [0.4, 0.4, 0.4],
    header: [cell('Name', true), cell('Presence', true)],
    rows: [
      [cell('Choe Sun Hui (최선희)'), cell('Likely')],
      [cell('Ri Pyong Chol'), cell('Likely')],
    ],
    font: 'Arial',
    size: 14,
    lineHeight: 16.8,
    inset: 0.08,
    headerFill: '0B2545',
    headerColor: 'FFFFFF',
    color: '1F2933',
    bodyFill: 'FFFFFF',
    borderColor: 'C9D3DD',
  };
  const deck = deckOf([{ title: 'Delegation', elements: [table] }]);
  const cells = cellFrames(table);
  const at = (r: number, c: number, t: string, dy = 0) => line(1, t, cells[r]![c]!.x + 0.08, cells[r]![c]!.y + 0.08 + 16.8 / 72 - (FONT_DESCENT * 14) / 72 + dy, 14);

  it('splits a line poppler joined across cells and gives repeated texts to their own cells', () => {
    const lines = [
      ...chromeLines(1, deck),
      titleLine(1, 'Delegation'),
      joined(at(0, 0, 'Name'), at(0, 1, 'Presence')),
      joined(at(1, 0, 'Choe Sun Hui ( 최선희 )'), at(1, 1, 'Likely')),
      joined(at(2, 0, 'Ri Pyong Chol'), at(2, 1, 'Likely')),
    ];
    const r = run(deck, lines);
    expect(r.failures).toEqual([]);
    expect(r.lines).toBe(8);
    expect(r.segments).toHaveLength(11);
    const likely = r.segments.filter((s) => s.text === 'Likely').map((s) => s.target.row);
    expect(likely).toEqual([1, 2]);
    expect(r.frames).toBe(7);
  });

  it('catches a row that LibreOffice grew past its measured height', () => {
    const lines = [
      ...chromeLines(1, deck),
      titleLine(1, 'Delegation'),
      joined(at(0, 0, 'Name'), at(0, 1, 'Presence')),
      joined(at(1, 0, 'Choe Sun Hui ( 최선희 )'), at(1, 1, 'Likely')),
      joined(at(2, 0, 'Ri Pyong Chol', 0.2), at(2, 1, 'Likely', 0.2)),
    ];
    const r = run(deck, lines);
    expect(r.failures.filter((x) => x.kind === 'outside-frame').map((x) => x.message)).toEqual([
      expect.stringMatching(/^slide 1: "Ri Pyong Chol" .* table cell \(row 2, col 0\)/),
      expect.stringMatching(/^slide 1: "Likely" .* table cell \(row 2, col 1\)/),
    ]);
  });

  it('matches a word broken between characters over several lines, and bullets with their text', () => {
    const tok = 'archive.example.org.sessions.2024.roster';
    const box = text({ x: 0.6, y: 2, w: 4, h: 2 }, [tok], { paragraphs: [{ runs: [{ text: tok }], bullet: { indent: 0.32, level: 0 } }] });
    const d = deckOf([{ title: 'T', elements: [box] }]);
    const first = line(1, 'archive.example.org.', 0.97, baselineAt(box.frame, 0));
    first.words.unshift(word('•', 0.65, baselineAt(box.frame, 0) - 0.05));
    const r = run(d, [...chromeLines(1, d), titleLine(1, 'T'), first, line(1, 'sessions.2024.roster', 0.97, baselineAt(box.frame, 1))]);
    expect(r.failures).toEqual([]);
    expect(r.segments.find((s) => s.text.startsWith('•'))!.box.x0).toBe(0.65);
  });
});

describe('slideTargets', () => {
  it('lists the title in its placeholder, text, cells and the chrome', () => {
    const deck = deckOf([{ title: 'T', elements: [text({ x: 1, y: 2, w: 3, h: 1 }, ['a', 'b'])] }]);
    const t = slideTargets(deck, deck.slides[0]!);
    expect(t.map((x) => x.kind)).toEqual(['title', 'text', 'banner', 'banner', 'footer', 'slide-number']);
    expect(t[0]!.frame).toBe(chrome.titleFrames.CONTENT);
    expect(t[1]!.text).toBe('a\nb');
  });
});

describe('parseBboxLayout', () => {
  it('reads pages, lines and words in inches, unescaping text', () => {
    const xhtml = `<doc><page width="960.000000" height="540.000000"><flow><block xMin="72" yMin="36" xMax="144" yMax="54">
      <line xMin="72.000000" yMin="36.000000" xMax="144.000000" yMax="54.000000">
        <word xMin="72.000000" yMin="36.000000" xMax="100.000000" yMax="54.000000">AT&amp;T</word>
        <word xMin="104.000000" yMin="36.000000" xMax="144.000000" yMax="54.000000">&lt;b&gt;</word>
      </line></block></flow></page></doc>`;
    const { pages, lines } = parseBboxLayout(xhtml);
    expect(pages).toEqual([{ width: 960 / 72, height: 7.5 }]);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toBe('AT&T <b>');
    expect(lines[0]!.words[1]!.box).toEqual({ x0: 104 / 72, y0: 0.5, x1: 2, y1: 0.75 });
  });
});

describe('renderGate', () => {
  const all = { soffice: '/usr/bin/soffice', pdftotext: '/usr/bin/pdftotext' };
  it('runs when the tools are there', () => {
    expect(renderGate(all, {})).toEqual({ action: 'run' });
  });
  it('skips, saying why, without LibreOffice', () => {
    const g = renderGate({ pdftotext: all.pdftotext }, {});
    expect(g).toMatchObject({ action: 'skip', reason: expect.stringMatching(/^render check skipped: LibreOffice \(soffice\) not found on PATH; install/) });
  });
  it('fails under CI=true instead of skipping', () => {
    expect(renderGate({}, { CI: 'true' })).toMatchObject({ action: 'fail', reason: expect.stringMatching(/cannot run under CI: LibreOffice \(soffice\) and pdftotext/) });
    expect(renderGate({}, { CI: 'false' }).action).toBe('skip');
  });
  it('is the shared rule of test/support/toolGate.ts: names the check and only the tools it needs', () => {
    expect(toolGate('fuzz LibreOffice check', { pdftotext: all.pdftotext }, ['soffice'], {})).toMatchObject({ action: 'skip', reason: expect.stringMatching(/^fuzz LibreOffice check skipped: LibreOffice \(soffice\) not found on PATH/) });
    expect(toolGate('fuzz LibreOffice check', { soffice: all.soffice }, ['soffice'], { CI: 'true' })).toEqual({ action: 'run' });
    for (const CI of ['true', 'TRUE', '1', 'yes']) expect(isCI({ CI }), CI).toBe(true);
    for (const CI of [undefined, '', 'false', '0']) expect(isCI({ CI }), String(CI)).toBe(false);
  });
});
