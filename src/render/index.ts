/**
 * The render stage: placed deck -> pptx bytes. The only module that imports pptxgenjs.
 * It decides nothing about layout: every frame, size and line pitch comes from the placed deck.
 */
import pptxgen from 'pptxgenjs';
import { DECORATIVE_PICTURE_NAME, UNDESCRIBED_PICTURE_NAME, type ChartElement, type Element, type FreeformElement, type ImageElement, type MasterName, Paragraph, PlacedDeck, PlacedSlide, TableElement, TextElement } from '../layout/placed.ts';
import { assertNever } from '../assertNever.ts';
import { spaceBeforePt } from '../layout/text.ts';
import { splitByLanguage } from '../scripts.ts';
import { face, hex, num, safeText } from './safe.ts';
import { pictureData, preparePictures } from './pictures.ts';
import { recallDeckParts, rememberDeckParts } from './slideParts.ts';
import { collectParts } from './zipParts.ts';
import { slideNumberXml, writable, writeSlideParts, type DeckXml } from './slideXml.ts';
import { strToU8, zipSync } from 'fflate';
import type { Parts } from '../package/zip.ts';

// pptxgenjs's ESM entry types its default export in a way TypeScript cannot `new` under every
// module resolution (TS2351); this is the one place that bridges it.
type Pres = InstanceType<typeof pptxgen>;
type Slide = ReturnType<Pres['addSlide']>;
const PptxGen = pptxgen as unknown as new () => Pres;

const MASTERS: readonly MasterName[] = ['TITLE', 'SECTION', 'CLOSING', 'CONTENT'];

const VALIGN = { top: 'top', middle: 'middle', bottom: 'bottom' } as const;
const ANCHOR = { top: 't', middle: 'ctr', bottom: 'b' } as const;

function box(f: { x: number; y: number; w: number; h: number }) {
  return { x: num(f.x, 'x'), y: num(f.y, 'y'), w: num(f.w, 'w'), h: num(f.h, 'h') };
}

/**
 * pptxgenjs text runs for placed paragraphs: paragraph options ride on each paragraph's first
 * run. Each run is cut where its script changes and tagged with that language (`lang`), so
 * renderers draw Hangul, Han and Cyrillic in a matching font.
 */
function runs(paragraphs: Paragraph[], el: Pick<TextElement, 'lineHeight' | 'align' | 'color' | 'size' | 'bold' | 'italic'> & { font?: string }, lang: string) {
  const out: Array<{ text: string; options: Record<string, unknown> }> = [];
  paragraphs.forEach((p, pi) => {
    const align = p.align ?? el.align;
    const pieces = p.runs.flatMap((r) => {
      const parts = splitByLanguage(r.text, lang);
      return (parts.length ? parts : [{ text: '', lang }]).map((part) => ({ ...r, text: part.text, lang: part.lang }));
    });
    pieces.forEach((r, ri) => {
      const options: Record<string, unknown> = {
        align,
        lineSpacing: num(el.lineHeight, 'lineHeight'),
        color: hex(r.color ?? el.color),
        fontSize: num(r.size ?? el.size, 'size'),
        bold: r.bold ?? el.bold ?? false,
        italic: r.italic ?? el.italic ?? false,
        lang: r.lang,
      };
      if (r.font && r.font !== el.font) options.fontFace = face(r.font);
      if (ri === 0) {
        if (p.bullet) {
          options.bullet = { indent: num(p.bullet.indent * 72, 'bullet indent') };
          if (p.bullet.level > 0) options.indentLevel = p.bullet.level;
        }
        const before = spaceBeforePt(p, pi);
        if (before) options.paraSpaceBefore = num(before, 'spaceBefore');
      }
      if (ri === pieces.length - 1 && pi < paragraphs.length - 1) options.breakLine = true;
      out.push({ text: safeText(r.text), options });
    });
  });
  return out;
}

function textOptions(el: TextElement) {
  return {
    ...box(el.frame),
    fontFace: face(el.font),
    fontSize: num(el.size, 'size'),
    color: hex(el.color),
    margin: num(el.inset * 72, 'inset'),
    valign: VALIGN[el.valign],
    align: el.align,
    fit: 'none' as const,
    ...(el.fill ? { fill: { color: hex(el.fill) } } : {}),
  };
}

function addTable(slide: Slide, el: TableElement, lang: string): void {
  const cell = (paragraphs: Paragraph[], header: boolean, stripe: boolean) => ({
    text: runs(paragraphs, { ...el, color: header ? el.headerColor : el.color, align: 'left' }, lang),
    options: {
      color: hex(header ? el.headerColor : el.color),
      fill: { color: hex(header ? el.headerFill : stripe && el.stripeFill ? el.stripeFill : el.bodyFill) },
      lineSpacing: num(el.lineHeight, 'lineHeight'),
      valign: 'top' as const,
    },
  });
  const rows = [el.header.map((h) => cell(h, true, false)), ...el.rows.map((r, i) => r.map((c) => cell(c, false, i % 2 === 1)))];
  slide.addTable(rows, {
    ...box(el.frame),
    colW: el.colW.map((w) => num(w, 'colW')),
    rowH: el.rowH.map((h) => num(h, 'rowH')),
    fontFace: face(el.font),
    fontSize: num(el.size, 'size'),
    // Below 1, pptxgenjs reads table margins as inches.
    margin: num(el.inset, 'inset'),
    border: { type: 'solid', pt: 0.75, color: hex(el.borderColor) },
    autoPage: false,
  });
}

/**
 * A custGeom shape. pptxgenjs writes one path as wide and tall as the frame and reads each point
 * below 100 as inches (at or above as EMU), so points go in as inches from the frame's corner;
 * a slide is 13.3 in wide, so no point is mistaken for EMU.
 */
function addFreeform(slide: Slide, el: FreeformElement): void {
  const points: Array<Record<string, unknown>> = [];
  for (const path of el.paths) {
    path.forEach(([x, y], i) => points.push({ x: num(x, 'path x'), y: num(y, 'path y'), ...(i === 0 ? { moveTo: true } : {}) }));
    if (el.closed) points.push({ close: true });
  }
  const line = el.line
    ? { color: hex(el.line.color), width: num(el.line.width, 'line width'), dashType: el.line.dash === 'dash' ? ('dash' as const) : ('solid' as const), ...(el.arrow ? { endArrowType: 'triangle' as const } : {}) }
    : { type: 'none' as const };
  slide.addShape('custGeom' as never, {
    ...box(el.frame),
    points,
    ...(el.fill && el.closed ? { fill: { color: hex(el.fill) } } : {}),
    line,
    objectName: safeText(el.name),
  } as never);
}

/**
 * A native chart. Its part's quirks (the orphan third axis id, the process-wide chart counter
 * in part names, workbook timestamps) are fixed in the package stage, on parsed XML.
 */
function addChart(slide: Slide, el: ChartElement): void {
  const text = { fontFace: face(el.font), fontSize: num(el.size, 'chart size'), color: hex(el.color) };
  const data = el.series.map((s) => ({ name: safeText(s.name), labels: el.categories.map(safeText), values: s.values.map((v) => num(v, 'chart value')) }));
  const pie = el.chart === 'pie';
  const axisTitle = { fontFace: text.fontFace, fontSize: text.fontSize, color: text.color };
  slide.addChart(el.chart as never, data, {
    ...box(el.frame),
    altText: safeText(el.alt),
    title: safeText(el.title),
    showTitle: true,
    titleFontFace: text.fontFace,
    titleFontSize: num(el.titleSize, 'chart title size'),
    titleColor: text.color,
    chartColors: el.colors.map(hex),
    showLegend: pie || el.series.length > 1,
    legendPos: 'b',
    legendFontFace: text.fontFace,
    legendFontSize: text.fontSize,
    legendColor: text.color,
    showValue: true,
    dataLabelFontFace: text.fontFace,
    dataLabelFontSize: text.fontSize,
    dataLabelColor: text.color,
    // Outside the slices and bars, in the text colour: readable on every palette colour.
    dataLabelPosition: pie || el.chart === 'bar' ? 'outEnd' : 't',
    dataLabelFormatCode: '#,##0.##',
    ...(pie
      ? { showPercent: false, showLabel: false, firstSliceAng: 0 }
      : {
          barDir: 'col',
          barGapWidthPct: 60,
          catAxisLabelFontFace: text.fontFace,
          catAxisLabelFontSize: text.fontSize,
          catAxisLabelColor: text.color,
          valAxisLabelFontFace: text.fontFace,
          valAxisLabelFontSize: text.fontSize,
          valAxisLabelColor: text.color,
          valAxisLabelFormatCode: '#,##0.##',
          valGridLine: { color: hex(el.gridColor), size: 0.5 },
          catGridLine: { style: 'none' },
          ...(el.xLabel ? { showCatAxisTitle: true, catAxisTitle: safeText(el.xLabel), catAxisTitleFontFace: axisTitle.fontFace, catAxisTitleFontSize: axisTitle.fontSize, catAxisTitleColor: axisTitle.color } : {}),
          ...(el.yLabel ? { showValAxisTitle: true, valAxisTitle: safeText(el.yLabel), valAxisTitleFontFace: axisTitle.fontFace, valAxisTitleFontSize: axisTitle.fontSize, valAxisTitleColor: axisTitle.color } : {}),
          lineSize: 2.5,
          lineDataSymbol: 'circle',
          lineDataSymbolSize: 8,
        }),
  } as never);
}

function addElement(slide: Slide, el: Element, lang: string, pictures: ReadonlyMap<ImageElement, string>): void {
  switch (el.kind) {
    case 'text':
      slide.addText(runs(el.paragraphs, el, lang), textOptions(el));
      return;
    case 'shape': {
      const line = el.line ? { color: hex(el.line.color), width: num(el.line.width, 'line width'), dashType: el.line.dash === 'dash' ? ('dash' as const) : ('solid' as const) } : undefined;
      slide.addShape(el.shape, {
        ...box(el.frame),
        ...(el.fill ? { fill: { color: hex(el.fill) } } : {}),
        ...(line ? { line } : { line: { type: 'none' as const } }),
        ...(el.flipV ? { flipV: true } : {}),
      });
      return;
    }
    case 'table':
      addTable(slide, el, lang);
      return;
    case 'freeform':
      addFreeform(slide, el);
      return;
    case 'chart':
      addChart(slide, el);
      return;
    case 'image': {
      // Embedded from prepared bytes (see pictures.ts), so no file path reaches the deck;
      // altText always set, as pptxgenjs would otherwise write a name into descr.
      const data = pictures.get(el);
      if (!data) throw new Error(`render: picture ${el.path} was not prepared`);
      const alt = el.decorative ? '' : safeText(el.alt);
      const objectName = el.decorative ? DECORATIVE_PICTURE_NAME : alt.trim() === '' ? UNDESCRIBED_PICTURE_NAME : undefined;
      slide.addImage({ data, ...box(el.frame), altText: alt, ...(objectName ? { objectName } : {}) });
      return;
    }
    default:
      assertNever(el, 'placed element');
  }
}

/**
 * The logo as a picture on each master layout gives it a frame (every master it clears), marked
 * decorative: it repeats on every slide and says nothing a slide needs.
 */
function logoObjects(name: MasterName, deck: PlacedDeck, logo: string | undefined) {
  const f = deck.chrome.logo?.frames[name];
  if (!f || !logo) return [];
  return [{ image: { ...box(f), data: logo, altText: '', objectName: DECORATIVE_PICTURE_NAME } }];
}

/** The logo's picture data, sized for the largest frame it is drawn in. */
async function logoData(deck: PlacedDeck): Promise<string | undefined> {
  const l = deck.chrome.logo;
  const frames = Object.values(l?.frames ?? {});
  if (!l || frames.length === 0) return undefined;
  const frame = frames.reduce((a, b) => (b.w * b.h > a.w * a.h ? b : a));
  return pictureData({ kind: 'image', frame, path: l.path, alt: '', decorative: true });
}

/** The title placeholder's inset, in points. */
const TITLE_MARGIN_PT = 3.6;

/** The objects of master `name`, in pptxgenjs's defineSlideMaster form. */
function masterObjects(name: MasterName, deck: PlacedDeck, logo: string | undefined): Array<Record<string, unknown>> {
  const c = deck.chrome;
  const m = deck.meta.marking;
  const bannerAlign = m.system === 'tlp' ? 'right' : 'center';
  const cover = name !== 'CONTENT';
  const banner = (f: typeof c.bannerTop) => [
    { rect: { ...box(f), fill: { color: hex(m.fill) }, line: { type: 'none' } } },
    {
      text: {
        text: safeText(m.text),
        options: { ...box(f), align: bannerAlign, valign: 'middle', color: hex(m.color), fontSize: num(c.bannerSize, 'banner size'), bold: true, fontFace: face(c.bannerFont), margin: 7.2 },
      },
    },
  ];
  return [
    ...banner(c.bannerTop),
    ...banner(c.bannerBottom),
    ...logoObjects(name, deck, logo),
    {
      text: {
        text: safeText(c.footerText),
        options: { ...box(c.footerFrame), fontFace: face(c.footerFont), fontSize: num(c.footerSize, 'footer size'), color: hex(cover ? c.coverFooterColor : c.footerColor), valign: 'middle', margin: 3.6 },
      },
    },
    { placeholder: { options: { name: 'title', type: 'title', ...box(c.titleFrames[name]), fontFace: face(c.headingFont), margin: TITLE_MARGIN_PT }, text: '' } },
  ];
}

/** The slide number box of master `name`'s slides, in pptxgenjs's form. */
function slideNumberOptions(name: MasterName, deck: PlacedDeck) {
  const c = deck.chrome;
  const cover = name !== 'CONTENT';
  return { ...box(c.slideNumberFrame), fontFace: face(c.footerFont), fontSize: num(c.footerSize, 'footer size'), color: hex(cover ? c.coverFooterColor : c.footerColor), align: 'right' as const };
}

function defineMasters(pres: Pres, deck: PlacedDeck, logo: string | undefined): void {
  for (const name of MASTERS) {
    pres.defineSlideMaster({
      title: name,
      background: { color: hex(name !== 'CONTENT' ? deck.chrome.titleBackground : deck.chrome.background) },
      objects: masterObjects(name, deck, logo),
      slideNumber: slideNumberOptions(name, deck),
    } as Parameters<Pres['defineSlideMaster']>[0]);
  }
}

/**
 * What slideXml.ts needs of the deck's masters, as pptxgenjs derives it from the definitions
 * above: a master's title placeholder is indexed 100 plus its place among the master's objects
 * and named by how many shapes and text boxes come before it; its text box anchor is the one
 * pptxgenjs shares between the titles of a master's slides, the last slide's (see slideParts.ts);
 * master n (in MASTERS' order) is slideLayout n + 2, after pptxgenjs's default layout.
 */
function deckXml(deck: PlacedDeck, logo: string | undefined): DeckXml {
  const titles = {} as DeckXml['titles'];
  const layout = {} as DeckXml['layout'];
  const numbers = new Map<MasterName, string>();
  MASTERS.forEach((name, i) => {
    const objects = masterObjects(name, deck, logo);
    const at = objects.findIndex((o) => 'placeholder' in o);
    const before = objects.slice(0, at).filter((o) => 'rect' in o || 'text' in o).length;
    const last = deck.slides.filter((s) => s.master === name).at(-1);
    titles[name] = {
      idx: 100 + at,
      name: `Text ${before}`,
      frame: deck.chrome.titleFrames[name],
      font: deck.chrome.headingFont,
      anchor: ANCHOR[last?.title.valign ?? 'middle'],
      inset: TITLE_MARGIN_PT,
    };
    layout[name] = i + 2;
    const o = slideNumberOptions(name, deck);
    numbers.set(name, slideNumberXml(o, o.fontFace, o.fontSize, o.color));
  });
  return { lang: deck.meta.language, titles, layout, slideNumber: (m) => numbers.get(m)! };
}

/** A slide on its master with its title: all of a slide that pptxgenjs shares with the others (see slideParts.ts). */
function addTitledSlide(pres: Pres, s: PlacedSlide, lang: string): Slide {
  const slide = pres.addSlide({ masterName: s.master });
  // The title goes into the master's title placeholder: PowerPoint's outline, accessibility
  // checker and screen readers find it there.
  slide.addText(runs(s.title.paragraphs, s.title, lang), { placeholder: 'title', fontFace: face(s.title.font), valign: VALIGN[s.title.valign], fit: 'none' } as never);
  return slide;
}

function addSlide(pres: Pres, s: PlacedSlide, lang: string, pictures: ReadonlyMap<ImageElement, string>): void {
  const slide = addTitledSlide(pres, s, lang);
  for (const el of s.elements) addElement(slide, el, lang, pictures);
  if (s.notes.trim() !== '') slide.addNotes(safeText(s.notes));
}

/** Options of {@link renderParts}. */
export interface RenderOptions {
  /** Have pptxgenjs write every slide, as before slideXml.ts (the tests compare the two). */
  pptxgenjsSlides?: boolean;
}

const finished = new WeakMap<Parts, ReadonlySet<string>>();

/**
 * The parts of `parts` (as renderParts gave them) that slideXml.ts wrote finished: the package
 * stage has nothing to fix in them.
 */
export function finishedParts(parts: Parts): ReadonlySet<string> {
  return finished.get(parts) ?? new Set();
}

/**
 * Renders a placed deck to its package parts (not yet packaged: see the package stage), as the
 * .pptx pptxgenjs writes would unzip to (see zipParts.ts). The parts still hold pptxgenjs's
 * random GUIDs and wall-clock dates; packaging makes them reproducible.
 */
export async function renderParts(deck: PlacedDeck, opts: RenderOptions = {}): Promise<Parts> {
  const pres = new PptxGen();
  pres.layout = 'LAYOUT_WIDE';
  pres.title = safeText(deck.meta.title);
  pres.author = safeText(deck.meta.author);
  if (deck.meta.subject) pres.subject = safeText(deck.meta.subject);
  // pptxgenjs's default heading face is "Calibri Light", which no shipped font measures.
  pres.theme = { headFontFace: face(deck.chrome.headingFont), bodyFontFace: face(deck.chrome.bodyFont) };
  const logo = await logoData(deck);
  defineMasters(pres, deck, logo);
  const pictures = await preparePictures(deck.slides.flatMap((s) => s.elements.filter((e): e is ImageElement => e.kind === 'image')));
  const lang = deck.meta.language;
  // A slide written before as it is now goes to pptxgenjs with its title alone, and gets its
  // parts back after. pptxgenjs lets the title placeholders of one master share state, so a
  // title is what every slide must still give it (see slideParts.ts).
  // The slides slideXml.ts writes go to pptxgenjs with their titles alone too, and their parts
  // replace what it wrote for them; pptxgenjs still writes the rest of the package.
  const kept = opts.pptxgenjsSlides ? [] : recallDeckParts(deck);
  const mine = opts.pptxgenjsSlides ? undefined : deckXml(deck, logo);
  const written = deck.slides.map((s, i) => (mine && !kept[i] && writable(s) ? writeSlideParts(s, i, mine) : undefined));
  deck.slides.forEach((s, i) => (kept[i] || written[i] ? addTitledSlide(pres, s, lang) : addSlide(pres, s, lang, pictures)));
  const parts = await collectParts(() => pres.write({ outputType: 'nodebuffer' }));
  const direct = new Set<string>();
  const put = (texts: ReadonlyArray<readonly [string, string]>, isFinished: boolean) => {
    for (const [name, text] of texts) {
      parts.set(name, text);
      if (isFinished) direct.add(name);
    }
  };
  for (const k of kept) if (k) put(k.parts, k.finished);
  for (const w of written) if (w) put(w, true);
  if (!opts.pptxgenjsSlides) rememberDeckParts(deck, parts, kept, written);
  finished.set(parts, direct);
  return parts;
}

/** renderParts as .pptx bytes (entries stored, not deflated): the unpackaged deck as one file. */
export async function renderPptx(deck: PlacedDeck): Promise<Uint8Array> {
  const parts = await renderParts(deck);
  return zipSync(Object.fromEntries([...parts].map(([name, data]) => [name, typeof data === 'string' ? strToU8(data) : data])), { level: 0 });
}
