/**
 * The render check's matching logic, kept free of I/O so it can be tested on its own
 * (frames.test.ts): which placed frame each text line of the PDF belongs to, and whether it
 * stays there.
 *
 * Targets. Every piece of text the renderer draws has a frame in the placed deck: each slide's
 * title (drawn in its master's title placeholder, so the placeholder's frame is the one that
 * counts), its text elements, every table cell (frame, colW and rowH give the cell frames), and
 * the master's chrome: the two banners, the footer and the slide number.
 *
 * Matching. pdftotext reports lines of words. A line may be a fragment of a paragraph, and
 * poppler joins words on one baseline into one line even across frames (cells side by side),
 * so each line is cut into segments: the longest run of words whose text occurs in one
 * target, then the next run, and so on. Text is compared with all white space removed (NFKC,
 * no spaces, no bullet glyphs): lines break anywhere, words longer than a column break between
 * letters, and poppler puts spaces around Hangul set in another font. A segment goes to the
 * target where its text is the next unread text, else to one whose frame holds it, else to the
 * nearest; each target's text is consumed as it is matched, so repeated texts (two cells both
 * "Likely") go to different targets and text the PDF lacks shows up as missing.
 *
 * Geometry. A segment's box is the line cell its text was given. Layout sets an exact line
 * pitch on every text box and table (render writes it), and with exact spacing LibreOffice
 * makes each line that many points tall with the baseline the font's descent (0.212 em for
 * Arial / Liberation Sans) above the line's bottom. The baseline comes from poppler's word
 * boxes, which are 1.3 em tall whatever the font: 0.95 em above the baseline, 0.35 em below.
 * (poppler's raw box overhangs the line by 0.14 em at the bottom, so it is not used as is.)
 * Chrome text has no set pitch: its box is the font's extent, 0.905 em up and 0.212 em down.
 * Then, with a tolerance of TOLERANCE in:
 *  - each segment lies inside its target's frame (the frame includes the inner margin);
 *  - inside the page;
 *  - clear of the banner bands, unless it is the banner text;
 *  - clear of every other text frame on the slide. Shapes are not frames: text over a panel
 *    is fine. A title placeholder counts only as far down as its text goes: the placeholder is
 *    fixed by the master and taller than a one-line title, and layout starts the body under the
 *    lines the title really takes.
 */
import type { Frame, PlacedDeck, PlacedSlide, TableElement, TextElement } from '../../src/layout/placed.ts';

/** Inches of slack for every containment and overlap test. */
export const TOLERANCE = 0.03;

/** poppler's word boxes: ascent and descent in em, for every font (see above). */
export const POPPLER_ASCENT = 0.95;
export const POPPLER_DESCENT = 0.35;
/**
 * The real vertical extent of Arial (Liberation Sans shares its metrics), the face of every
 * shipped theme. A Calibri theme would need Carlito's figures here (descent about 0.25 em).
 */
export const FONT_ASCENT = 0.905;
export const FONT_DESCENT = 0.212;

export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
export interface PdfPage {
  width: number;
  height: number;
}
export interface PdfWord {
  text: string;
  box: Box;
}
export interface PdfWordLine {
  /** 1-based page number. */
  page: number;
  text: string;
  box: Box;
  words: PdfWord[];
}

export type TargetKind = 'title' | 'text' | 'cell' | 'banner' | 'footer' | 'slide-number';

export interface Target {
  slide: number;
  kind: TargetKind;
  /** Names the target in messages: `text 3 "Kim Jong Un arrived…"`, `table cell (row 2, col 1)`. */
  label: string;
  frame: Frame;
  text: string;
  /** The text as compared: see `norm`. */
  norm: string;
  /** Index into slide.elements (text and table targets). */
  element?: number;
  /** Table cells: 0 is the header row. */
  row?: number;
  col?: number;
  /** Paragraphs with a bullet glyph (a bullet word may belong only to such a target). */
  bullets?: boolean;
  /** Exact line pitch in points, where layout set one (all but the chrome). */
  lineHeight?: number;
}

export interface Segment {
  slide: number;
  target: Target;
  text: string;
  /** The line cell of the segment's words (bullet glyphs included): see `lineBox`. */
  box: Box;
  words: PdfWord[];
  /** The pdftotext line it was cut from. */
  line: PdfWordLine;
}

export type FailureKind = 'outside-frame' | 'outside-page' | 'banner' | 'overlap' | 'stray' | 'missing' | 'pages' | 'title-frame';

export interface Failure {
  slide: number;
  kind: FailureKind;
  text: string;
  message: string;
  box?: Box;
  frame?: Frame;
}

export interface CheckResult {
  /** pdftotext lines read. */
  lines: number;
  /** Segments the lines were cut into (more than lines where poppler joined frames). */
  segments: Segment[];
  slides: number;
  /** Text frames checked: titles, text elements and table cells (chrome not counted). */
  frames: number;
  failures: Failure[];
}

const BULLET_WORD = /^[\u2022\u25e6\u25aa\u2023\u2043]+$/u;

/** Text as compared: NFKC, no white space, zero-width characters, soft hyphens or bullet glyphs. */
export function norm(s: string): string {
  return s.normalize('NFKC').replace(/[\s\u00ad\u200b-\u200d\u2060\ufeff\u2022\u25e6\u25aa\u2023\u2043]/gu, '');
}

export function paragraphsText(el: Pick<TextElement, 'paragraphs'>): string {
  return el.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join('\n');
}

const short = (s: string, n = 40) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

/** The frames of a table's cells, row by row (row 0 is the header). */
export function cellFrames(t: Pick<TableElement, 'frame' | 'colW' | 'rowH'>): Frame[][] {
  const out: Frame[][] = [];
  let y = t.frame.y;
  for (const h of t.rowH) {
    const row: Frame[] = [];
    let x = t.frame.x;
    for (const w of t.colW) {
      row.push({ x, y, w, h });
      x += w;
    }
    out.push(row);
    y += h;
  }
  return out;
}

/** Every piece of text drawn on a slide, with the frame it must stay in. */
export function slideTargets(deck: PlacedDeck, slide: PlacedSlide): Target[] {
  const c = deck.chrome;
  const n = slide.number;
  const make = (kind: TargetKind, label: string, frame: Frame, text: string, extra: Partial<Target> = {}): Target => ({
    slide: n,
    kind,
    label,
    frame,
    text,
    norm: norm(text),
    ...extra,
  });
  const titleText = paragraphsText(slide.title);
  const out: Target[] = [make('title', `title "${short(titleText)}"`, c.titleFrames[slide.master], titleText, { lineHeight: slide.title.lineHeight })];
  slide.elements.forEach((el, i) => {
    if (el.kind === 'text') {
      const text = paragraphsText(el);
      out.push(make('text', `text ${i} "${short(text)}"`, el.frame, text, { element: i, bullets: el.paragraphs.some((p) => p.bullet), lineHeight: el.lineHeight }));
    } else if (el.kind === 'table') {
      const frames = cellFrames(el);
      [el.header, ...el.rows].forEach((cells, r) =>
        cells.forEach((cell, col) => {
          const text = paragraphsText({ paragraphs: cell });
          const f = frames[r]?.[col];
          if (f) out.push(make('cell', `table cell (row ${r}${r === 0 ? ', header' : ''}, col ${col}) "${short(text, 30)}"`, f, text, { element: i, row: r, col, lineHeight: el.lineHeight }));
        }),
      );
    }
  });
  const marking = deck.meta.marking.text;
  out.push(make('banner', 'top banner', c.bannerTop, marking));
  out.push(make('banner', 'bottom banner', c.bannerBottom, marking));
  out.push(make('footer', 'footer', c.footerFrame, c.footerText));
  out.push(make('slide-number', 'slide number', c.slideNumberFrame, String(n)));
  return out.filter((t) => t.norm.length > 0);
}

/** A poppler word box's em (inches) and baseline. */
export function wordMetrics(b: Box): { em: number; baseline: number } {
  const em = (b.y1 - b.y0) / (POPPLER_ASCENT + POPPLER_DESCENT);
  return { em, baseline: b.y1 - POPPLER_DESCENT * em };
}

/** A poppler word box cut to the font's real extent: FONT_ASCENT above the baseline, FONT_DESCENT below. */
export function glyphBox(b: Box): Box {
  const { em, baseline } = wordMetrics(b);
  return { x0: b.x0, x1: b.x1, y0: baseline - FONT_ASCENT * em, y1: baseline + FONT_DESCENT * em };
}

/**
 * The box of a run of words on one line: across, from the first word to the last (bullet glyphs
 * included); down, the line cell of `lineHeightPt` points whose bottom is the largest font's
 * descent below the baseline, or without a pitch the words' font extent. The baseline is the
 * lowest of the text words' (LibreOffice raises bullet glyphs a little above it).
 */
export function lineBox(words: PdfWord[], lineHeightPt?: number): Box {
  const text = words.filter((w) => !BULLET_WORD.test(w.text));
  const vertical = text.length ? text : words;
  const x0 = Math.min(...words.map((w) => w.box.x0));
  const x1 = Math.max(...words.map((w) => w.box.x1));
  if (lineHeightPt === undefined) {
    const g = union(vertical.map((w) => glyphBox(w.box)));
    return { x0, x1, y0: g.y0, y1: g.y1 };
  }
  const m = vertical.map((w) => wordMetrics(w.box));
  const baseline = Math.max(...m.map((x) => x.baseline));
  const bottom = baseline + FONT_DESCENT * Math.max(...m.map((x) => x.em));
  return { x0, x1, y0: bottom - lineHeightPt / 72, y1: bottom };
}

export function union(boxes: Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}

export const frameBox = (f: Frame): Box => ({ x0: f.x, y0: f.y, x1: f.x + f.w, y1: f.y + f.h });

/** How far `b` sticks out of `f` on each side (0 where it does not). */
export function overhang(b: Box, f: Frame): { left: number; top: number; right: number; bottom: number } {
  const F = frameBox(f);
  return { left: Math.max(0, F.x0 - b.x0), top: Math.max(0, F.y0 - b.y0), right: Math.max(0, b.x1 - F.x1), bottom: Math.max(0, b.y1 - F.y1) };
}

export function inside(b: Box, f: Frame, tol = TOLERANCE): boolean {
  const o = overhang(b, f);
  return o.left <= tol && o.top <= tol && o.right <= tol && o.bottom <= tol;
}

/** Overlap of two boxes along each axis (negative: the gap between them). */
export function overlap(a: Box, b: Box): { x: number; y: number } {
  return { x: Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0), y: Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) };
}

export const overlaps = (a: Box, b: Box, tol = TOLERANCE) => {
  const o = overlap(a, b);
  return o.x > tol && o.y > tol;
};

const distance = (b: Box, f: Frame) => {
  const o = overhang(b, f);
  return Math.max(o.left, o.right) + Math.max(o.top, o.bottom);
};

const fmt = (v: number) => v.toFixed(2);
export const showBox = (b: Box) => `(${fmt(b.x0)}, ${fmt(b.y0)})–(${fmt(b.x1)}, ${fmt(b.y1)}) in`;
export const showFrame = (f: Frame) => `x ${fmt(f.x)} y ${fmt(f.y)} w ${fmt(f.w)} h ${fmt(f.h)} (to ${fmt(f.x + f.w)}, ${fmt(f.y + f.h)})`;

/** Matching state of one target: which characters of its text the PDF has shown so far. */
class Reading {
  readonly used: Uint8Array;
  constructor(readonly target: Target) {
    this.used = new Uint8Array(target.norm.length);
  }
  get cursor(): number {
    const i = this.used.indexOf(0);
    return i < 0 ? this.used.length : i;
  }
  /** The first place `s` occurs in the text not yet matched, or -1. */
  find(s: string): number {
    for (let i = this.target.norm.indexOf(s); i >= 0; i = this.target.norm.indexOf(s, i + 1)) {
      if (this.used.subarray(i, i + s.length).every((u) => u === 0)) return i;
    }
    return -1;
  }
  take(i: number, len: number): void {
    this.used.fill(1, i, i + len);
  }
  missing(): string {
    const parts: string[] = [];
    let cur = '';
    for (let i = 0; i < this.used.length; i++) {
      if (this.used[i] === 0) cur += this.target.norm[i];
      else if (cur) {
        parts.push(cur);
        cur = '';
      }
    }
    if (cur) parts.push(cur);
    return parts.join(' … ');
  }
}

interface Choice {
  reading: Reading;
  at: number;
  rank: [number, number, number];
}

function choose(readings: Reading[], s: string, box: Box): Choice | undefined {
  let best: Choice | undefined;
  for (const r of readings) {
    const at = r.find(s);
    if (at < 0) continue;
    const rank: [number, number, number] = [at === r.cursor ? 0 : 1, inside(box, r.target.frame) ? 0 : 1, distance(box, r.target.frame)];
    if (!best || lexLess(rank, best.rank)) best = { reading: r, at, rank };
  }
  return best;
}

function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/** Cuts one slide's lines into segments and assigns each to a target; unmatched words are strays. */
export function matchSlide(targets: Target[], lines: PdfWordLine[]): { segments: Segment[]; readings: Reading[]; failures: Failure[] } {
  const readings = targets.map((t) => new Reading(t));
  const segments: Segment[] = [];
  const failures: Failure[] = [];
  for (const line of lines) {
    const words = line.words.map((w) => ({ ...w, glyph: glyphBox(w.box), bullet: BULLET_WORD.test(w.text) }));
    let pending: typeof words = [];
    const lineSegments: Segment[] = [];
    let i = 0;
    while (i < words.length) {
      if (words[i]!.bullet) {
        pending.push(words[i]!);
        i++;
        continue;
      }
      let found: { end: number; choice: Choice; s: string } | undefined;
      for (let end = words.length; end > i && !found; end--) {
        const s = norm(words.slice(i, end).map((w) => w.text).join(''));
        if (!s) continue;
        const choice = choose(readings, s, union(words.slice(i, end).map((w) => w.glyph)));
        if (choice) found = { end, choice, s };
      }
      if (!found) {
        const w = words[i]!;
        failures.push({ slide: line.page, kind: 'stray', text: w.text, box: w.glyph, message: `slide ${line.page}: "${w.text}" at ${showBox(w.glyph)} matches no text placed on the slide (line "${short(line.text, 60)}")` });
        i++;
        continue;
      }
      const run = words.slice(i, found.end);
      found.choice.reading.take(found.choice.at, found.s.length);
      const target = found.choice.reading.target;
      const segWords = [...pending, ...run];
      const seg: Segment = { slide: line.page, target, text: segWords.map((w) => w.text).join(' '), words: segWords, box: lineBox(segWords, target.lineHeight), line };
      pending = [];
      lineSegments.push(seg);
      i = found.end;
    }
    if (pending.length) {
      // A bullet glyph after the last text of its line: it belongs with that text.
      const last = lineSegments[lineSegments.length - 1];
      if (last) {
        last.words.push(...pending);
        last.text = last.words.map((w) => w.text).join(' ');
        last.box = lineBox(last.words, last.target.lineHeight);
      } else {
        // A bullet on a line of its own: it must sit in a frame that draws bullets.
        for (const w of pending) {
          const home = targets.find((t) => t.bullets && inside(w.glyph, t.frame));
          if (!home) failures.push({ slide: line.page, kind: 'stray', text: w.text, box: w.glyph, message: `slide ${line.page}: bullet glyph at ${showBox(w.glyph)} is not inside any bulleted text frame` });
        }
      }
    }
    segments.push(...lineSegments);
  }
  return { segments, readings, failures };
}

/** The area a target's text may claim against other frames' text (see the header on titles). */
function claimed(t: Target, own: Segment[]): Box {
  const f = frameBox(t.frame);
  if (t.kind !== 'title' || own.length === 0) return f;
  const lines = union(own.map((s) => s.box));
  const pad = 0.05;
  return { x0: f.x0, x1: f.x1, y0: Math.max(f.y0, lines.y0 - pad), y1: Math.min(f.y1, lines.y1 + pad) };
}

/** Checks one slide's segments against the frames; see the header for the rules. */
export function checkSlide(deck: PlacedDeck, slide: PlacedSlide, page: PdfPage, allLines: PdfWordLine[], tol = TOLERANCE): { segments: Segment[]; failures: Failure[]; frames: number } {
  const targets = slideTargets(deck, slide);
  // A chart draws its own text (axis ticks, data labels, legend): a line wholly inside a chart's
  // frame belongs to the chart; one that crosses its edge is checked like any other, a stray.
  const charts = slide.elements.flatMap((e) => (e.kind === 'chart' ? [e] : []));
  const inChart = (l: PdfWordLine) => charts.some((c) => inside(l.box, c.frame, tol));
  const lines = allLines.filter((l) => !inChart(l));
  const { segments, readings, failures } = matchSlide(targets, lines);
  const n = slide.number;
  for (const c of charts) {
    const own = allLines.filter((l) => inside(l.box, c.frame, tol)).map((l) => norm(l.text)).join(' ');
    if (!own.includes(norm(c.title))) failures.push({ slide: n, kind: 'missing', text: c.title, frame: c.frame, message: `slide ${n}: the chart's title "${short(c.title, 60)}" is not drawn inside its frame` });
  }
  const pageFrame: Frame = { x: 0, y: 0, w: page.width, h: page.height };
  const banners = [deck.chrome.bannerTop, deck.chrome.bannerBottom];
  const claims = new Map(targets.map((t) => [t, claimed(t, segments.filter((s) => s.target === t))]));
  for (const seg of segments) {
    const t = seg.target;
    const say = (what: string) => `slide ${n}: "${short(seg.text, 60)}" at ${showBox(seg.box)} ${what}`;
    if (!inside(seg.box, t.frame, tol)) {
      const o = overhang(seg.box, t.frame);
      const sides = Object.entries(o)
        .filter(([, v]) => v > tol)
        .map(([k, v]) => `${fmt(v)} in ${k}`)
        .join(', ');
      failures.push({ slide: n, kind: 'outside-frame', text: seg.text, box: seg.box, frame: t.frame, message: say(`is outside its frame, ${t.label} at ${showFrame(t.frame)}: ${sides}`) });
    }
    if (!inside(seg.box, pageFrame, tol)) {
      failures.push({ slide: n, kind: 'outside-page', text: seg.text, box: seg.box, frame: pageFrame, message: say(`is outside the ${fmt(page.width)} x ${fmt(page.height)} in page`) });
    }
    if (t.kind !== 'banner') {
      for (const b of banners) {
        if (overlaps(seg.box, frameBox(b), tol)) {
          failures.push({ slide: n, kind: 'banner', text: seg.text, box: seg.box, frame: b, message: say(`(${t.label}) runs into the banner band at ${showFrame(b)}`) });
        }
      }
    }
    for (const other of targets) {
      if (other === t || other.kind === 'banner') continue;
      const area = claims.get(other)!;
      if (overlaps(seg.box, area, tol)) {
        failures.push({
          slide: n,
          kind: 'overlap',
          text: seg.text,
          box: seg.box,
          frame: other.frame,
          message: say(`(${t.label}) lies inside another text frame, ${other.label} at ${showFrame(other.frame)}`),
        });
      }
    }
  }
  for (const r of readings) {
    const missing = r.missing();
    if (missing) {
      failures.push({ slide: n, kind: 'missing', text: missing, frame: r.target.frame, message: `slide ${n}: text of ${r.target.label} not found in the PDF: "${short(missing, 80)}"` });
    }
  }
  const expected = deck.chrome.titleFrames[slide.master];
  const f = slide.title.frame;
  if (Math.abs(f.x - expected.x) > 1e-6 || Math.abs(f.y - expected.y) > 1e-6 || Math.abs(f.w - expected.w) > 1e-6 || Math.abs(f.h - expected.h) > 1e-6) {
    failures.push({
      slide: n,
      kind: 'title-frame',
      text: paragraphsText(slide.title),
      frame: f,
      message: `slide ${n}: layout placed the title at ${showFrame(f)}, but it is drawn in the ${slide.master} master's placeholder at ${showFrame(expected)}`,
    });
  }
  return { segments, failures, frames: targets.filter((t) => t.kind === 'title' || t.kind === 'text' || t.kind === 'cell').length };
}

/** The whole check: one PDF page per placed slide, every line inside its frame. */
export function checkDeck(deck: PlacedDeck, pdf: { pages: PdfPage[]; lines: PdfWordLine[] }, tol = TOLERANCE): CheckResult {
  const failures: Failure[] = [];
  const segments: Segment[] = [];
  let frames = 0;
  if (pdf.pages.length !== deck.slides.length) {
    failures.push({ slide: 0, kind: 'pages', text: '', message: `the PDF has ${pdf.pages.length} pages for ${deck.slides.length} slides` });
  }
  for (const slide of deck.slides) {
    const page = pdf.pages[slide.number - 1];
    if (!page) continue;
    const r = checkSlide(deck, slide, page, pdf.lines.filter((l) => l.page === slide.number), tol);
    segments.push(...r.segments);
    failures.push(...r.failures);
    frames += r.frames;
  }
  return { lines: pdf.lines.length, segments, slides: deck.slides.length, frames, failures };
}
