/**
 * The SVG renderer: placed deck -> one SVG per slide, for the browser preview, the presenter
 * view and contact sheets. Like render/ (the .pptx), it decides nothing: frames, sizes and line
 * pitches come from the placed deck, and lines break where layout measured them (lines.ts).
 * Coordinates are points (the slide is 960 x 540), so type sizes are written as they are.
 *
 * Vertical placement follows LibreOffice's reading of the .pptx: a box's lines start at its
 * inset (or are centred or bottomed in it), each line is one exact pitch tall, and its baseline
 * sits one font descent above the line's bottom.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { assertNever } from '../assertNever.ts';
import type { FontFace } from '../layout/measure.ts';
import type { Chrome, Element, FreeformElement, Frame, ImageElement, Paragraph, PlacedDeck, PlacedSlide, Run, ShapeElement, TableElement, TextElement } from '../layout/placed.ts';
import { drawChart } from './chart.ts';
import { safeText } from '../render/safe.ts';
import { POINTS_PER_INCH, SLIDE } from '../units.ts';
import { fontFamily, VERTICAL } from './fonts.ts';
import { setHeightPt, setParagraphs, type LineWidth, type SetParagraph } from './lines.ts';

const PT = POINTS_PER_INCH;
/** The slide in points. */
export const SLIDE_PT = { width: SLIDE.width * PT, height: SLIDE.height * PT } as const;

/** Rounds points to 1/100 pt: stable output, far below what a screen shows. */
const n = (v: number) => String(Math.round(v * 100) / 100);

/** Text as it may enter XML: forbidden characters removed, markup characters escaped. */
export function xmlText(s: string): string {
  return safeText(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const colour = (hex: string) => `#${/^[0-9A-Fa-f]{6}$/.test(hex) ? hex : '000000'}`;

interface Ctx {
  measure: Chrome['measure'];
  lineWidth: LineWidth;
}

export interface SvgOptions {
  /** Where lines break (see LineWidth); default 'deck', as the .pptx is drawn. */
  lineWidth?: LineWidth;
}

/** Style of one piece of a line: what its run sets, else what its box sets. */
interface BoxStyle {
  font: FontFace;
  size: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
}

function runStyle(r: Run, box: BoxStyle): Required<BoxStyle> {
  return { font: r.font ?? box.font, size: r.size ?? box.size, color: r.color ?? box.color, bold: r.bold ?? box.bold ?? false, italic: r.italic ?? box.italic ?? false };
}

function tspan(text: string, s: Required<BoxStyle>, box: BoxStyle, ctx: Ctx): string {
  const attrs: string[] = [];
  if (s.font !== box.font) attrs.push(`font-family="${fontFamily(s.font, ctx.measure.han)}"`);
  if (s.size !== box.size) attrs.push(`font-size="${n(s.size)}"`);
  if (s.color !== box.color) attrs.push(`fill="${colour(s.color)}"`);
  if (s.bold !== (box.bold ?? false)) attrs.push(`font-weight="${s.bold ? 700 : 400}"`);
  if (s.italic !== (box.italic ?? false)) attrs.push(`font-style="${s.italic ? 'italic' : 'normal'}"`);
  return `<tspan${attrs.length ? ` ${attrs.join(' ')}` : ''}>${xmlText(text)}</tspan>`;
}

function textAttrs(box: BoxStyle, ctx: Ctx): string {
  return `font-family="${fontFamily(box.font, ctx.measure.han)}" font-size="${n(box.size)}" fill="${colour(box.color)}" font-weight="${box.bold ? 700 : 400}" font-style="${box.italic ? 'italic' : 'normal'}"`;
}

interface TextBox extends BoxStyle {
  frame: Frame;
  inset: number;
  lineHeight: number;
  align: 'left' | 'center' | 'right';
  valign: 'top' | 'middle' | 'bottom';
}

/** The lines of set paragraphs in a box, each a <text class="ln"> at its measured baseline. */
function drawLines(set: SetParagraph[], box: TextBox, ctx: Ctx): string {
  const f = box.frame;
  const left = (f.x + box.inset) * PT, innerW = (f.w - 2 * box.inset) * PT;
  const innerTop = (f.y + box.inset) * PT, innerH = (f.h - 2 * box.inset) * PT;
  const content = setHeightPt(set, box.lineHeight);
  let y = box.valign === 'top' ? innerTop : box.valign === 'middle' ? innerTop + (innerH - content) / 2 : innerTop + innerH - content;
  const out: string[] = [];
  set.forEach((sp, pi) => {
    const p = sp.paragraph;
    const align = p.align ?? box.align;
    y += sp.spaceBefore;
    sp.lines.forEach((line, li) => {
      const styles = line.pieces.map((pc) => runStyle(pc.run, box));
      const descent = Math.max(...(styles.length ? styles : [runStyle({ text: '' }, box)]).map((s) => VERTICAL[s.font].descent * s.size));
      const baseline = y + box.lineHeight - descent;
      if (li === 0 && p.bullet) {
        const bx = left + p.bullet.indent * p.bullet.level * PT;
        const first = styles[0] ?? runStyle({ text: '' }, box);
        out.push(`<text class="bu" x="${n(bx)}" y="${n(baseline)}" ${textAttrs(first, ctx)}>•</text>`);
      }
      const textLeft = left + sp.indent * PT;
      const [x, anchor] = align === 'center' ? [textLeft + (innerW - sp.indent * PT) / 2, 'middle'] : align === 'right' ? [left + innerW, 'end'] : [textLeft, 'start'];
      const body = line.pieces.map((pc, i) => tspan(pc.text, styles[i]!, box, ctx)).join('');
      out.push(`<text class="ln" data-p="${pi}" data-l="${li}" x="${n(x)}" y="${n(baseline)}" text-anchor="${anchor}" xml:space="preserve" ${textAttrs(box, ctx)}>${body}</text>`);
      y += box.lineHeight;
    });
  });
  return out.join('');
}

function frameAttrs(f: Frame): string {
  return `x="${n(f.x * PT)}" y="${n(f.y * PT)}" width="${n(f.w * PT)}" height="${n(f.h * PT)}"`;
}

/** A frame as data-frame (inches, as placed), so tests and the page can find what was placed where. */
function dataFrame(f: Frame): string {
  return `data-frame="${[f.x, f.y, f.w, f.h].map((v) => Math.round(v * 10000) / 10000).join(' ')}"`;
}

function drawText(el: TextElement, id: string, ctx: Ctx): string {
  const set = setParagraphs(el, el.frame.w, ctx.measure, ctx.lineWidth);
  const fill = el.fill ? `<rect ${frameAttrs(el.frame)} fill="${colour(el.fill)}"/>` : '';
  return `<g class="el" data-el="${id}" data-kind="text" ${dataFrame(el.frame)}>${fill}${drawLines(set, el, ctx)}</g>`;
}

/** A stroke as SVG attributes: colour, width in points, and PowerPoint's dash (4 on, 3 off, in widths). */
function strokeAttrs(line: ShapeElement['line']): string {
  return line
    ? `stroke="${colour(line.color)}" stroke-width="${n(line.width)}"${line.dash === 'dash' ? ` stroke-dasharray="${n(4 * line.width)} ${n(3 * line.width)}"` : ''}`
    : 'stroke="none"';
}

/**
 * A freeform: its rings (closed and filled) or lines (open), from the frame's corner, and the
 * arrowhead an open line may end in, drawn as a triangle (PowerPoint's medium one: three line
 * widths long and wide) along the last segment.
 */
function drawFreeform(el: FreeformElement, id: string): string {
  const f = el.frame;
  const at = ([px, py]: [number, number]) => [(f.x + px) * PT, (f.y + py) * PT] as const;
  const d = el.paths
    .filter((p) => p.length > 0)
    .map((p) => p.map((q, i) => { const [x, y] = at(q); return `${i ? 'L' : 'M'}${n(x)} ${n(y)}`; }).join('') + (el.closed ? 'Z' : ''))
    .join('');
  const fill = el.closed && el.fill ? `fill="${colour(el.fill)}"` : 'fill="none"';
  let head = '';
  const last = el.paths.at(-1);
  if (el.arrow && !el.closed && el.line && last && last.length >= 2) {
    const [x1, y1] = at(last.at(-1)!), [x0, y0] = at(last.at(-2)!);
    const len = Math.hypot(x1 - x0, y1 - y0) || 1;
    const ux = (x1 - x0) / len, uy = (y1 - y0) / len, s = 3 * el.line.width;
    const pts = [[x1, y1], [x1 - s * ux + (s / 2) * uy, y1 - s * uy - (s / 2) * ux], [x1 - s * ux - (s / 2) * uy, y1 - s * uy + (s / 2) * ux]];
    head = `<polygon points="${pts.map(([a, b]) => `${n(a!)},${n(b!)}`).join(' ')}" fill="${colour(el.line.color)}"/>`;
  }
  return `<g class="el" data-el="${id}" data-kind="freeform" ${dataFrame(f)}><path d="${d}" ${fill} ${strokeAttrs(el.line)} stroke-linejoin="round"><title>${xmlText(el.name)}</title></path>${head}</g>`;
}

function drawShape(el: ShapeElement, id: string): string {
  const f = el.frame;
  const [x, y, w, h] = [f.x * PT, f.y * PT, f.w * PT, f.h * PT];
  const fill = el.fill ? `fill="${colour(el.fill)}"` : 'fill="none"';
  const stroke = strokeAttrs(el.line);
  const poly = (pts: Array<[number, number]>) => `<polygon points="${pts.map(([a, b]) => `${n(a)},${n(b)}`).join(' ')}" ${fill} ${stroke}/>`;
  let body: string;
  switch (el.shape) {
    case 'rect':
      body = `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" ${fill} ${stroke}/>`;
      break;
    case 'roundRect': {
      // PowerPoint's roundRect default: corners of a sixth of the shorter side.
      const r = Math.min(w, h) * 0.16667;
      body = `<rect x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" rx="${n(r)}" ${fill} ${stroke}/>`;
      break;
    }
    case 'ellipse':
      body = `<ellipse cx="${n(x + w / 2)}" cy="${n(y + h / 2)}" rx="${n(w / 2)}" ry="${n(h / 2)}" ${fill} ${stroke}/>`;
      break;
    case 'line':
      body = el.flipV
        ? `<line x1="${n(x)}" y1="${n(y + h)}" x2="${n(x + w)}" y2="${n(y)}" ${stroke}/>`
        : `<line x1="${n(x)}" y1="${n(y)}" x2="${n(x + w)}" y2="${n(y + h)}" ${stroke}/>`;
      break;
    case 'triangle':
      body = poly([[x + w / 2, y], [x + w, y + h], [x, y + h]]);
      break;
    case 'diamond':
      body = poly([[x + w / 2, y], [x + w, y + h / 2], [x + w / 2, y + h], [x, y + h / 2]]);
      break;
    case 'star5': {
      // PowerPoint's preset (adj 19098, hf 105146, vf 110557): the points lie on an ellipse a
      // little larger than the frame, centred below its middle, so the tips touch its sides.
      const rx = (w / 2) * 1.05146, ry = (h / 2) * 1.10557, cy = y + ry, inner = 0.19098 / 0.5;
      const pts: Array<[number, number]> = [];
      for (let k = 0; k < 10; k++) {
        const a = -Math.PI / 2 + (k * Math.PI) / 5, r = k % 2 ? inner : 1;
        pts.push([x + w / 2 + rx * r * Math.cos(a), cy + ry * r * Math.sin(a)]);
      }
      body = poly(pts);
      break;
    }
    default:
      assertNever(el.shape, 'shape');
  }
  return `<g class="el" data-el="${id}" data-kind="shape" ${dataFrame(f)}>${body}</g>`;
}

function drawTable(el: TableElement, id: string, ctx: Ctx): string {
  const out: string[] = [];
  const rows: Array<{ cells: Paragraph[][]; header: boolean; stripe: boolean }> = [
    { cells: el.header, header: true, stripe: false },
    ...el.rows.map((cells, i) => ({ cells, header: false, stripe: i % 2 === 1 })),
  ];
  let y = el.frame.y;
  rows.forEach((row, ri) => {
    const h = el.rowH[ri] ?? 0;
    let x = el.frame.x;
    row.cells.forEach((cell, ci) => {
      const w = el.colW[ci] ?? 0;
      const frame = { x, y, w, h };
      const fill = row.header ? el.headerFill : row.stripe && el.stripeFill ? el.stripeFill : el.bodyFill;
      out.push(`<rect ${frameAttrs(frame)} fill="${colour(fill)}" stroke="${colour(el.borderColor)}" stroke-width="0.75"/>`);
      const box: TextBox = { frame, font: el.font, size: el.size, color: row.header ? el.headerColor : el.color, inset: el.inset, lineHeight: el.lineHeight, align: 'left', valign: 'top' };
      out.push(`<g class="cell" data-row="${ri}" data-col="${ci}">${drawLines(setParagraphs({ paragraphs: cell, font: el.font, size: el.size, inset: el.inset }, w, ctx.measure, ctx.lineWidth), box, ctx)}</g>`);
      x += w;
    });
    y += h;
  });
  return `<g class="el" data-el="${id}" data-kind="table" ${dataFrame(el.frame)}>${out.join('')}</g>`;
}

const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.svg': 'image/svg+xml' };

/** Image bytes as a data: URL, so the SVG stands alone (the page's CSP allows data: images only). */
function imageHref(path: string): string {
  const mime = MIME[extname(path).toLowerCase()] ?? 'image/png';
  return `data:${mime};base64,${readFileSync(path).toString('base64')}`;
}

/**
 * A picture in its frame: a contain frame already has the picture's proportions; a cover frame
 * shows its middle, cropped as the .pptx's picture is. A decorative one is hidden from screen
 * readers, as the deck marks it.
 */
function drawImage(el: ImageElement, id: string): string {
  const fit = el.fit === 'cover' ? 'xMidYMid slice' : 'none';
  const label = el.decorative ? ' aria-hidden="true"' : '';
  const title = el.decorative || !el.alt ? '' : `<title>${xmlText(el.alt)}</title>`;
  return `<g class="el" data-el="${id}" data-kind="image" ${dataFrame(el.frame)}${label}><image ${frameAttrs(el.frame)} preserveAspectRatio="${fit}" href="${imageHref(el.path)}">${title}</image></g>`;
}

function drawElement(el: Element, id: string, ctx: Ctx): string {
  switch (el.kind) {
    case 'text':
      return drawText(el, id, ctx);
    case 'shape':
      return drawShape(el, id);
    case 'table':
      return drawTable(el, id, ctx);
    case 'image':
      return drawImage(el, id);
    case 'freeform':
      return drawFreeform(el, id);
    case 'chart':
      return `<g class="el" data-el="${id}" data-kind="chart" ${dataFrame(el.frame)}>${drawChart(el, xmlText, ctx.measure.han)}</g>`;
    default:
      return assertNever(el, 'placed element');
  }
}

/** One line of chrome text (banner, footer, slide number), centred vertically in its band. */
function bandText(text: string, f: Frame, style: BoxStyle, align: TextBox['align'], inset: { x: number; y: number }, ctx: Ctx): string {
  const v = VERTICAL[style.font];
  // No pitch is written for these, so LibreOffice sets the line at the font's own height.
  const lineH = (v.ascent + v.descent) * style.size;
  const baseline = f.y * PT + (f.h * PT - lineH) / 2 + v.ascent * style.size;
  const [x, anchor] = align === 'center' ? [(f.x + f.w / 2) * PT, 'middle'] : align === 'right' ? [(f.x + f.w - inset.x) * PT, 'end'] : [(f.x + inset.x) * PT, 'start'];
  return `<text x="${n(x)}" y="${n(baseline)}" text-anchor="${anchor}" xml:space="preserve" ${textAttrs(style, ctx)}>${xmlText(text)}</text>`;
}

function drawChrome(deck: PlacedDeck, s: PlacedSlide, ctx: Ctx): { under: string; over: string } {
  const c = deck.chrome;
  const m = deck.meta.marking;
  const cover = s.master !== 'CONTENT';
  const bg = `<rect class="bg" x="0" y="0" width="${n(SLIDE_PT.width)}" height="${n(SLIDE_PT.height)}" fill="${colour(cover ? c.titleBackground : c.background)}"/>`;
  const bannerStyle: BoxStyle = { font: c.bannerFont as FontFace, size: c.bannerSize, color: m.color, bold: true };
  const banner = (f: Frame, where: string) =>
    `<g class="banner" data-el="banner-${where}" ${dataFrame(f)}><rect ${frameAttrs(f)} fill="${colour(m.fill)}"/>${bandText(m.text, f, bannerStyle, m.system === 'tlp' ? 'right' : 'center', { x: 0.1, y: 0.1 }, ctx)}</g>`;
  const footerStyle: BoxStyle = { font: c.footerFont as FontFace, size: c.footerSize, color: cover ? c.coverFooterColor : c.footerColor };
  const footer = `<g class="footer" data-el="footer" ${dataFrame(c.footerFrame)}>${bandText(c.footerText, c.footerFrame, footerStyle, 'left', { x: 0.05, y: 0.05 }, ctx)}</g>`;
  const number = `<g class="slide-number" data-el="slide-number" ${dataFrame(c.slideNumberFrame)}>${bandText(String(s.number), c.slideNumberFrame, footerStyle, 'right', { x: 0.1, y: 0.05 }, ctx)}</g>`;
  // The theme's logo where the .pptx's master for this slide has it, under the slide's own
  // elements as master pictures are; decorative there too.
  const f = c.logo?.frames[s.master];
  const logo = f && c.logo ? `<g class="logo" data-el="logo" ${dataFrame(f)} aria-hidden="true"><image ${frameAttrs(f)} preserveAspectRatio="none" href="${imageHref(c.logo.path)}"/></g>` : '';
  return { under: bg + footer + number + logo, over: banner(c.bannerTop, 'top') + banner(c.bannerBottom, 'bottom') };
}

/**
 * One slide as a standalone SVG document (points; 960 x 540). Elements carry data-el ("title",
 * "e0", "e1", … in placed order) and data-frame (the placed frame in inches); each text line
 * is a <text class="ln">.
 */
export function renderSlideSvg(deck: PlacedDeck, s: PlacedSlide, opts: SvgOptions = {}): string {
  const ctx: Ctx = { measure: deck.chrome.measure, lineWidth: opts.lineWidth ?? 'deck' };
  const chrome = drawChrome(deck, s, ctx);
  const body = [drawText(s.title, 'title', ctx), ...s.elements.map((el, i) => drawElement(el, `e${i}`, ctx))].join('');
  const label = `Slide ${s.number}: ${s.title.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join(' ')}`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="slide" data-slide="${s.number}" viewBox="0 0 ${n(SLIDE_PT.width)} ${n(SLIDE_PT.height)}" width="${n(SLIDE_PT.width)}" height="${n(SLIDE_PT.height)}" role="img" aria-label="${xmlText(label)}">` +
    chrome.under +
    body +
    chrome.over +
    '</svg>'
  );
}

/** Every slide of the deck as SVG, in order. */
export function renderDeckSvg(deck: PlacedDeck, opts: SvgOptions = {}): string[] {
  return deck.slides.map((s) => renderSlideSvg(deck, s, opts));
}
