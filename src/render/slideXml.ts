/**
 * The four parts of a slide (the slide, its relationships, its notes page and theirs), written
 * here directly as the finished XML the package stage would have made of what pptxgenjs writes
 * for it: pptxgenjs's markup, with the package stage's fixes applied (a text body in every shape,
 * one paragraph-properties element per paragraph, unique shape ids) and in its serialiser's form
 * (empty elements closed with `/>`, only `&`, `<` and `>` escaped in text).
 *
 * Why: a cold build spent about 10 ms in pptxgenjs building these parts' strings, then the
 * package stage parsed, fixed and wrote back every one of them, and its verifier walked them:
 * together about 45 ms of a 300 ms cold build, for parts whose form depends on nothing but the
 * placed slide. The deck's other parts (masters, layouts, theme, presentation, content types,
 * and any slide with a picture or a chart, whose parts pptxgenjs numbers across the deck) are
 * still pptxgenjs's, fixed and verified as before.
 *
 * The parts are byte for byte those of the pptxgenjs path: test/render/slideXml.test.ts builds
 * every test deck and generated briefs both ways and compares them, so a difference in either
 * path shows there. A slide holding anything this writer does not reproduce exactly (a run whose
 * text holds a line break, a name with a tab or line end, a table with a row or column of no
 * size) is left to pptxgenjs: {@link writeSlideParts} returns nothing for it.
 */
import type { Element, FreeformElement, MasterName, Paragraph, PlacedSlide, ShapeElement, TableElement, TextElement } from '../layout/placed.ts';
import { spaceBeforePt } from '../layout/text.ts';
import { splitByLanguage } from '../scripts.ts';
import { escapeAttr, escapeText } from '../package/xmlTree.ts';
import { face, hex, num, safeText } from './safe.ts';

const EMU = 914400;
const ONEPT = 12700;
const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const GROUP = '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>';
/** The text body the package stage gives a shape pptxgenjs writes without one. */
const EMPTY_BODY = '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody>';
const BORDER_TAIL = '<a:round/><a:headEnd type="none" w="med" len="med"/><a:tailEnd type="none" w="med" len="med"/>';
/** pptxgenjs's id for a slide's number box, on every slide. */
const SLIDE_NUMBER_ID = 25;
const SLDNUMFLDID = '{F7021451-1387-4CA6-816F-3879F97B5CBC}';
const ANCHOR = { top: 't', middle: 'ctr', bottom: 'b' } as const;
const ALIGN = { left: 'l', center: 'ctr', right: 'r' } as const;

/** What a slide's parts take from the deck rather than from the slide. */
export interface DeckXml {
  lang: string;
  /** The title placeholder of each master: its index in the master, its name and frame, its face. */
  titles: Record<MasterName, { idx: number; name: string; frame: { x: number; y: number; w: number; h: number }; font: string; anchor: string; /** Points. */ inset: number }>;
  /** The slide number box pptxgenjs copies from the master onto each slide. */
  slideNumber: (master: MasterName) => string;
  /** slideLayoutN.xml of each master. */
  layout: Record<MasterName, number>;
}

const emu = (inches: number): number => Math.round(EMU * inches);
/** pptxgenjs reads a position or size below 100 as inches, and one at or above as EMU already. */
const pos = (n: number): number => (n < 100 ? emu(n) : n);
const pts = (pt: number): number => Math.round((Number(pt) || 0) * ONEPT);
const hundredths = (n: number): number => Math.round(n * 100);


/** Whether this writer reproduces pptxgenjs's parts for `s` exactly. */
export function writable(s: PlacedSlide): boolean {
  return textWritable(s.title) && s.elements.every(elementWritable);
}

function paragraphsWritable(ps: Paragraph[], lineHeight: number): boolean {
  // pptxgenjs makes a paragraph of each line of a run's text, and writes a body with no runs its own way.
  return lineHeight > 0 && ps.length > 0 && ps.every((p) => p.runs.length > 0 && p.runs.every((r) => !/[\r\n]/.test(r.text)));
}

function textWritable(el: TextElement): boolean {
  return paragraphsWritable(el.paragraphs, el.lineHeight);
}

function elementWritable(el: Element): boolean {
  switch (el.kind) {
    case 'text':
      return textWritable(el);
    case 'shape':
      return true;
    case 'freeform':
      // A name pptxgenjs would replace (empty), or whose white space a parser would turn into spaces.
      return safeText(el.name) !== '' && !/[\t\n\r]/.test(el.name) && el.paths.every((p) => p.every(([x, y]) => Math.abs(x) < 100 && Math.abs(y) < 100));
    case 'table':
      return (
        el.header.length > 0 && el.colW.length === el.header.length && el.rowH.length === el.rows.length + 1 &&
        el.rowH.every((h) => h > 0) && el.colW.every((w) => w > 0) && el.size > 0 &&
        [el.header, ...el.rows].every((row) => row.length === el.header.length && row.every((c) => paragraphsWritable(c, el.lineHeight)))
      );
    default:
      return false;
  }
}

interface RunStyle {
  /** The face a run's own face is compared with (the element's), and the face it gets without one (the element's, or for a title its placeholder's). */
  base: string;
  font: string;
  size: number;
  color: string;
  bold?: boolean;
  italic?: boolean;
  lineHeight: number;
  align: 'left' | 'center' | 'right';
}

function pPr(p: Paragraph, index: number, align: string, lineHeight: number): string {
  let out = `<a:pPr algn="${ALIGN[(p.align ?? align) as keyof typeof ALIGN]}"`;
  let bullet = '<a:buNone/>';
  if (p.bullet) {
    if (p.bullet.level > 0) out += ` lvl="${p.bullet.level}"`;
    const marL = pts(num(p.bullet.indent * 72, 'bullet indent'));
    out += ` marL="${p.bullet.level > 0 ? marL + marL * p.bullet.level : marL}" indent="-${marL}"`;
    bullet = '<a:buSzPct val="100000"/><a:buChar char="\u2022"/>';
  } else {
    out += ' indent="0" marL="0"';
  }
  out += `><a:lnSpc><a:spcPts val="${hundredths(num(lineHeight, 'lineHeight'))}"/></a:lnSpc>`;
  const before = spaceBeforePt(p, index);
  if (before) {
    const b = num(before, 'spaceBefore');
    if (b > 0) out += `<a:spcBef><a:spcPts val="${hundredths(b)}"/></a:spcBef>`;
  }
  return out + bullet + '</a:pPr>';
}

/** A body's paragraphs, as pptxgenjs writes the runs render/index.ts gives it; `end` closes each paragraph. */
function paragraphsXml(ps: Paragraph[], style: RunStyle, lang: string, end: string): string {
  let out = '';
  ps.forEach((p, pi) => {
    out += '<a:p>' + pPr(p, pi, style.align, style.lineHeight);
    for (const r of p.runs) {
      const pieces = splitByLanguage(r.text, lang);
      for (const piece of pieces) {
        const text = safeText(piece.text);
        if (text === '') continue;
        const bold = r.bold ?? style.bold ?? false;
        const italic = r.italic ?? style.italic ?? false;
        const font = r.font && r.font !== style.base ? face(r.font) : style.font;
        out += `<a:r><a:rPr lang="${escapeAttr(piece.lang || 'en-US')}"${piece.lang ? ' altLang="en-US"' : ''} sz="${hundredths(num(r.size ?? style.size, 'size'))}"${bold ? ' b="1"' : ''}${italic ? ' i="1"' : ''} dirty="0"><a:solidFill><a:srgbClr val="${hex(r.color ?? style.color)}"/></a:solidFill><a:latin typeface="${font}" pitchFamily="34" charset="0"/><a:ea typeface="${font}" pitchFamily="34" charset="-122"/><a:cs typeface="${font}" pitchFamily="34" charset="-120"/></a:rPr><a:t>${escapeText(text)}</a:t></a:r>`;
      }
    }
    out += end + '</a:p>';
  });
  return out;
}

function xfrm(f: { x: number; y: number; w: number; h: number }, attrs = ''): string {
  return `<a:xfrm${attrs}><a:off x="${pos(num(f.x, 'x'))}" y="${pos(num(f.y, 'y'))}"/><a:ext cx="${pos(num(f.w, 'w'))}" cy="${pos(num(f.h, 'h'))}"/></a:xfrm>`;
}

function solidFill(color: string): string {
  return `<a:solidFill><a:srgbClr val="${hex(color)}"/></a:solidFill>`;
}

function lineXml(line: { color: string; width: number; dash?: 'solid' | 'dash' } | undefined, arrow = false): string {
  if (!line) return '<a:ln/>';
  const width = num(line.width, 'line width') || 1;
  return `<a:ln w="${pts(width)}">${solidFill(line.color)}<a:prstDash val="${line.dash === 'dash' ? 'dash' : 'solid'}"/>${arrow ? '<a:tailEnd type="triangle"/>' : ''}</a:ln>`;
}

/**
 * A text box's body. `endSize` is the size pptxgenjs closes each paragraph with: the element's,
 * or for a title (given no size of its own) the first run's.
 */
function textBody(el: TextElement, font: string, lang: string, anchor: string, inset: number, endSize: number): string {
  const style: RunStyle = { base: face(el.font), font, size: el.size, color: el.color, bold: el.bold, italic: el.italic, lineHeight: el.lineHeight, align: el.align };
  const end = `<a:endParaRPr lang="en-US" sz="${hundredths(num(endSize, 'size'))}" dirty="0"/>`;
  return `<p:txBody><a:bodyPr wrap="square" lIns="${inset}" tIns="${inset}" rIns="${inset}" bIns="${inset}" rtlCol="0" anchor="${anchor}"/><a:lstStyle/>${paragraphsXml(el.paragraphs, style, lang, end)}</p:txBody>`;
}

function spStart(id: number, name: string, nvPr = '<p:nvPr/>'): string {
  return `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="${escapeAttr(name)}"/><p:cNvSpPr/>${nvPr}</p:nvSpPr><p:spPr>`;
}

function textXml(el: TextElement, id: number, name: string, lang: string): string {
  const font = face(el.font);
  const body = textBody(el, font, lang, ANCHOR[el.valign], pts(num(el.inset * 72, 'inset')), el.size);
  return `${spStart(id, name)}${xfrm(el.frame)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>${el.fill ? solidFill(el.fill) : '<a:noFill/>'}<a:ln/></p:spPr>${body}</p:sp>`;
}

function shapeXml(el: ShapeElement, id: number, name: string): string {
  return `${spStart(id, name)}${xfrm(el.frame, el.flipV ? ' flipV="1"' : '')}<a:prstGeom prst="${el.shape}"><a:avLst/></a:prstGeom>${el.fill ? solidFill(el.fill) : '<a:noFill/>'}${lineXml(el.line)}</p:spPr>${EMPTY_BODY}</p:sp>`;
}

function freeformXml(el: FreeformElement, id: number, name: string): string {
  const cx = pos(num(el.frame.w, 'w'));
  const cy = pos(num(el.frame.h, 'h'));
  let path = '';
  for (const p of el.paths) {
    p.forEach(([x, y], i) => {
      const pt = `<a:pt x="${pos(num(x, 'path x'))}" y="${pos(num(y, 'path y'))}"/>`;
      path += i === 0 ? `<a:moveTo>${pt}</a:moveTo>` : `<a:lnTo>${pt}</a:lnTo>`;
    });
    if (el.closed) path += '<a:close/>';
  }
  const fill = el.fill && el.closed ? solidFill(el.fill) : '<a:noFill/>';
  return `${spStart(id, name)}${xfrm(el.frame)}<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="l" t="t" r="r" b="b"/><a:pathLst><a:path w="${cx}" h="${cy}">${path}</a:path></a:pathLst></a:custGeom>${fill}${lineXml(el.line, el.arrow)}</p:spPr>${EMPTY_BODY}</p:sp>`;
}

function tableXml(el: TableElement, id: number, name: string, lang: string): string {
  const font = face(el.font);
  const size = hundredths(num(el.size, 'size'));
  // pptxgenjs reads a table margin below 1 as inches, and one at or above as points.
  const inset = num(el.inset, 'inset');
  const margin = inset >= 1 ? pts(inset) : emu(inset);
  const border = (side: string) =>
    `<a:${side} w="${pts(0.75)}" cap="flat" cmpd="sng" algn="ctr">${solidFill(el.borderColor)}<a:prstDash val="solid"/>${BORDER_TAIL}</a:${side}>`;
  const borders = border('lnL') + border('lnR') + border('lnT') + border('lnB');
  const end = `<a:endParaRPr lang="en-US" sz="${size}" dirty="0"><a:latin typeface="${font}" charset="0"/><a:ea typeface="${font}" charset="0"/><a:cs typeface="${font}" charset="0"/></a:endParaRPr>`;
  const cell = (ps: Paragraph[], header: boolean, stripe: boolean): string => {
    const color = header ? el.headerColor : el.color;
    const fill = header ? el.headerFill : stripe && el.stripeFill ? el.stripeFill : el.bodyFill;
    const style: RunStyle = { base: font, font, size: el.size, color, lineHeight: el.lineHeight, align: 'left' };
    return `<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>${paragraphsXml(ps, style, lang, end)}</a:txBody><a:tcPr marL="${margin}" marR="${margin}" marT="${margin}" marB="${margin}" anchor="t">${borders}${solidFill(fill)}  </a:tcPr> </a:tc>`;
  };
  let out = `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="${id}" name="${escapeAttr(name)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr>  <p:nvPr><p:extLst><p:ext uri="{D42A27DB-BD31-4B8C-83A1-F6EECF244321}"><p14:modId xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" val="1579011935"/></p:ext></p:extLst></p:nvPr></p:nvGraphicFramePr>`;
  const f = el.frame;
  out += `<p:xfrm><a:off x="${pos(num(f.x, 'x'))}" y="${pos(num(f.y, 'y'))}"/><a:ext cx="${pos(num(f.w, 'w'))}" cy="${pos(num(f.h, 'h')) || EMU}"/></p:xfrm>`;
  out += '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr/><a:tblGrid>';
  for (const w of el.colW) out += `<a:gridCol w="${emu(num(w, 'colW'))}"/>`;
  out += '</a:tblGrid>';
  const rows = [el.header.map((h) => cell(h, true, false)), ...el.rows.map((r, i) => r.map((c) => cell(c, false, i % 2 === 1)))];
  rows.forEach((cells, i) => {
    out += `<a:tr h="${emu(num(el.rowH[i]!, 'rowH'))}">${cells.join('')}</a:tr>`;
  });
  return out + '      </a:tbl>    </a:graphicData>  </a:graphic></p:graphicFrame>';
}

/**
 * Shape ids as pptxgenjs gives them (the group 1, a shape its place plus 2, a table its count
 * times the slide's number plus 1, the number box 25), then made unique as the package stage
 * does: in document order, a repeated id becomes the next above every id of the slide.
 */
function shapeIds(s: PlacedSlide, slideNum: number): number[] {
  let tables = 0;
  const ids = [1, 2, ...s.elements.map((el, i) => (el.kind === 'table' ? ++tables * slideNum + 1 : i + 3)), SLIDE_NUMBER_ID];
  let next = Math.max(...ids) + 1;
  const seen = new Set<number>();
  return ids.map((id) => {
    const out = seen.has(id) ? next++ : id;
    seen.add(out);
    return out;
  });
}

/** The slide's part. */
function slideXml(s: PlacedSlide, index: number, deck: DeckXml): string {
  const n = index + 1;
  const ids = shapeIds(s, n);
  const t = deck.titles[s.master];
  const titleFont = face(t.font);
  let out = `${DECL}<p:sld ${NS}><p:cSld name="Slide ${n}"><p:spTree>${GROUP}`;
  out += `${spStart(ids[1]!, t.name, `<p:nvPr><p:ph idx="${t.idx}" type="title" hasCustomPrompt="1"/></p:nvPr>`)}${xfrm(t.frame)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln/></p:spPr>`;
  const first = s.title.paragraphs[0]!.runs[0]!;
  out += textBody(s.title, titleFont, deck.lang, t.anchor, pts(t.inset), first.size ?? s.title.size) + '</p:sp>';
  // pptxgenjs names an unnamed object by how many shapes and text boxes (or tables) came before it.
  let shapes = 1;
  let tables = 0;
  s.elements.forEach((el, i) => {
    const id = ids[i + 2]!;
    switch (el.kind) {
      case 'text':
        out += textXml(el, id, `Text ${shapes++}`, deck.lang);
        break;
      case 'shape':
        out += shapeXml(el, id, `Shape ${shapes++}`);
        break;
      case 'freeform':
        shapes++;
        out += freeformXml(el, id, safeText(el.name));
        break;
      case 'table':
        out += tableXml(el, id, `Table ${tables++}`, deck.lang);
        break;
      default:
        throw new Error(`render: a ${el.kind} slide is pptxgenjs's to write`);
    }
  });
  return out + deck.slideNumber(s.master).replace('{ID}', String(ids[ids.length - 1])).replace('{N}', String(n)) + '</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>';
}

function notesXml(s: PlacedSlide, n: number): string {
  const text = s.notes.trim() === '' ? '' : escapeText(safeText(s.notes));
  const t = text === '' ? '<a:t/>' : `<a:t>${text}</a:t>`;
  return `${DECL}<p:notes ${NS}><p:cSld><p:spTree>${GROUP}<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/>${EMPTY_BODY}</p:sp><p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US" dirty="0"/>${t}</a:r><a:endParaRPr lang="en-US" dirty="0"/></a:p></p:txBody></p:sp><p:sp><p:nvSpPr><p:cNvPr id="4" name="Slide Number Placeholder 3"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldNum" sz="quarter" idx="10"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:fld id="${SLDNUMFLDID}" type="slidenum"><a:rPr lang="en-US"/><a:t>${n}</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp></p:spTree><p:extLst><p:ext uri="{BB962C8B-B14F-4D97-AF65-F5344CB8AC3E}"><p14:creationId xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main" val="1024086991"/></p:ext></p:extLst></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>`;
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The four parts of slide `index` (0-based), by part name, finished. */
export function writeSlideParts(s: PlacedSlide, index: number, deck: DeckXml): Array<readonly [string, string]> {
  const n = index + 1;
  return [
    [`ppt/slides/slide${n}.xml`, slideXml(s, index, deck)],
    [`ppt/slides/_rels/slide${n}.xml.rels`, `${DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/slideLayout" Target="../slideLayouts/slideLayout${deck.layout[s.master]}.xml"/><Relationship Id="rId2" Type="${REL}/notesSlide" Target="../notesSlides/notesSlide${n}.xml"/></Relationships>`],
    [`ppt/notesSlides/notesSlide${n}.xml`, notesXml(s, n)],
    [`ppt/notesSlides/_rels/notesSlide${n}.xml.rels`, `${DECL}\t\t<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\n\t\t\t<Relationship Id="rId1" Type="${REL}/notesMaster" Target="../notesMasters/notesMaster1.xml"/>\n\t\t\t<Relationship Id="rId2" Type="${REL}/slide" Target="../slides/slide${n}.xml"/>\n\t\t</Relationships>`],
  ];
}

/** The slide number box of a master's slides, `{ID}` standing for its shape id and `{N}` for the number. */
export function slideNumberXml(f: { x: number; y: number; w: number; h: number }, font: string, size: number, color: string): string {
  return `<p:sp> <p:nvSpPr>  <p:cNvPr id="{ID}" name="Slide Number Placeholder 0"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>  <p:nvPr><p:ph type="sldNum" sz="quarter" idx="4294967295"/></p:nvPr> </p:nvSpPr> <p:spPr>${xfrm(f)} <a:prstGeom prst="rect"><a:avLst/></a:prstGeom> <a:extLst><a:ext uri="{C572A759-6A51-4108-AA02-DFA0A04FC94B}"><ma14:wrappingTextBoxFlag val="0" xmlns:ma14="http://schemas.microsoft.com/office/mac/drawingml/2011/main"/></a:ext></a:extLst></p:spPr><p:txBody><a:bodyPr/>  <a:lstStyle><a:lvl1pPr><a:defRPr sz="${hundredths(size)}">${solidFill(color)}<a:latin typeface="${font}"/><a:ea typeface="${font}"/><a:cs typeface="${font}"/></a:defRPr></a:lvl1pPr></a:lstStyle><a:p><a:pPr algn="r"/><a:fld id="${SLDNUMFLDID}" type="slidenum"><a:rPr b="0" lang="en-US"/><a:t>{N}</a:t></a:fld><a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>`;
}
