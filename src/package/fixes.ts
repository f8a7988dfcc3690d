/**
 * Fixes, on parsed parts, for what pptxgenjs 4.0.1 writes that makes PowerPoint offer to
 * "repair" a deck or breaks the ECMA-376 schemas (see shared/pptxgenjs-notes.md). Each fix
 * picks its elements by namespace and local name, so no text, attribute value or comment
 * can be mistaken for markup. The verifier (verify.ts) checks the result with its own parse
 * and its own rules.
 */
import { warning, type Diagnostic } from '../diagnostics.ts';
import { DECORATIVE_PICTURE_NAME, UNDESCRIBED_PICTURE_NAME } from '../layout/placed.ts';
import { childElements, createElement, isElement, walkElements, type XmlDocument, type XmlElement } from './xmlTree.ts';
import { partKey } from './zip.ts';

const PML = 'http://schemas.openxmlformats.org/presentationml/2006/main';
const DML = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const CHART = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const DECORATIVE_NS = 'http://schemas.microsoft.com/office/drawing/2017/decorative';
const CONTENT_TYPES = 'http://schemas.openxmlformats.org/package/2006/content-types';

/** Root elements of the parts that hold a shape tree. */
const DRAWING_ROOTS = new Set(['sld', 'sldLayout', 'sldMaster', 'notes', 'notesMaster', 'handoutMaster']);

interface FixContext {
  part: string;
  /** Every part name in the package, normalised with {@link partKey}. */
  partKeys: ReadonlySet<string>;
  warnings: Diagnostic[];
}

/**
 * Fixes every known defect in one parsed part, in place, choosing the fixes by its root
 * element. `partKeys` are the package's part names normalised with {@link partKey}; only
 * the content types part depends on them. Returns warnings for fixes that lose information
 * (a non-finite attribute means an upstream bug); the expected pptxgenjs defects are fixed
 * silently. `raw`, the text `doc` was read from, spares the walk for non-finite values a part
 * whose text cannot hold one.
 */
export function fixPart(part: string, doc: XmlDocument, partKeys: ReadonlySet<string>, raw?: string): Diagnostic[] {
  const ctx: FixContext = { part, partKeys, warnings: [] };
  const root = doc.root;
  if (raw === undefined || mayHoldNonFinite(raw)) fixNonFiniteAttributes(root, ctx);
  if (root.uri === CONTENT_TYPES && root.local === 'Types') fixContentTypes(root, ctx);
  else if (root.uri === PML && root.local === 'presentation') orderPresentation(root);
  else if (root.uri === PML && DRAWING_ROOTS.has(root.local)) fixDrawing(root);
  else if (root.uri === CHART && root.local === 'chartSpace') {
    fixChartAxes(root);
    fixLineCharts(root);
  }
  return ctx.warnings;
}

// ---------------------------------------------------------------- every part

const NON_FINITE = /^\s*(NaN|[-+]?Infinity|undefined)\s*$/;
/**
 * Whether a part's text, `raw`, can hold an attribute value NON_FINITE matches: only if it has one
 * of the words, or a character reference that could spell one. Most parts have neither, and are
 * spared the walk over every attribute of every element (a quarter of the fixes' time).
 */
export function mayHoldNonFinite(raw: string): boolean {
  return /NaN|Infinity|undefined|&#/.test(raw);
}

/** Required attributes of common elements: a neutral "0" keeps the element valid; others are dropped. */
const REQUIRED_ATTRS = new Set(['x', 'y', 'cx', 'cy', 'w', 'h', 'id', 'val', 'pos', 'l', 't', 'r', 'b']);

/** `NaN`/`Infinity`/`undefined` leak from JS arithmetic into attributes (#1440); PowerPoint rejects them. */
function fixNonFiniteAttributes(root: XmlElement, ctx: FixContext): void {
  walkElements(root, (el) => {
    for (const key in el.attrs) {
      const value = el.attrs[key]!;
      if (!NON_FINITE.test(value)) continue;
      if (REQUIRED_ATTRS.has(key)) el.attrs[key] = '0';
      else delete el.attrs[key];
      ctx.warnings.push(warning('W_PACKAGE_VALUE', `${ctx.part}: <${el.name}> attribute ${key}="${value}" replaced`, {
        hint: 'a computed size or position was not a number; fix the layout/render value',
      }));
    }
  });
}

// ---------------------------------------------------------------- [Content_Types].xml

/**
 * pptxgenjs adds a slideMaster Override per slide though only slideMaster1 exists (#1444),
 * and declares `image/jpg`, which is not a registered MIME type.
 */
function fixContentTypes(types: XmlElement, ctx: FixContext): void {
  types.children = types.children.filter((child) =>
    !isElement(child, CONTENT_TYPES, 'Override') || ctx.partKeys.has(partKey(child.attrs.PartName ?? '')));
  for (const child of childElements(types)) {
    if (child.attrs.ContentType?.trim().toLowerCase() === 'image/jpg') child.attrs.ContentType = 'image/jpeg';
  }
}

// ---------------------------------------------------------------- ppt/presentation.xml

/** CT_Presentation's sequence; pptxgenjs writes notesMasterIdLst after sldIdLst. */
const PRESENTATION_ORDER = [
  'sldMasterIdLst', 'notesMasterIdLst', 'handoutMasterIdLst', 'sldIdLst', 'sldSz', 'notesSz', 'smartTags', 'embeddedFontLst',
  'custShowLst', 'photoAlbum', 'custDataLst', 'kinsoku', 'defaultTextStyle', 'modifyVerifier', 'extLst',
];

function orderPresentation(presentation: XmlElement): void {
  const children = childElements(presentation);
  const rank = (el: XmlElement): number => (el.uri === PML ? PRESENTATION_ORDER.indexOf(el.local) : -1);
  // An element the schema does not list here has no right place; the schema check reports it.
  if (children.some((el) => rank(el) < 0)) return;
  const sorted = [...children].sort((a, b) => rank(a) - rank(b));
  // Element-only content: white space between the children carries nothing.
  if (sorted.some((el, i) => el !== children[i])) presentation.children = sorted;
}

// ---------------------------------------------------------------- slides, layouts, masters, notes

function fixDrawing(root: XmlElement): void {
  const shapeIds: XmlElement[] = [];
  walkElements(root, (el) => {
    if (el.uri === PML) {
      if (el.local === 'sp') addTextBody(el);
      else if (el.local === 'bgPr') addEffectList(el);
      else if (el.local === 'cNvPr') shapeIds.push(el);
      else if (el.local === 'pic') markDecorative(el);
    } else if (el.uri === DML && el.local === 'p') {
      dropStrayParagraphProperties(el);
    }
  });
  uniqueShapeIds(shapeIds);
}

/**
 * A picture render named as decorative gets PowerPoint's "Mark as decorative" flag (Office's
 * decorative extension, which screen readers honour) and no description: pptxgenjs would put a
 * file name there. A picture named as having no alt text loses that description too.
 */
function markDecorative(pic: XmlElement): void {
  const nv = childElements(pic).find((c) => isElement(c, PML, 'nvPicPr'));
  const cNvPr = nv && childElements(nv).find((c) => isElement(c, PML, 'cNvPr'));
  if (!cNvPr || (cNvPr.attrs.name !== DECORATIVE_PICTURE_NAME && cNvPr.attrs.name !== UNDESCRIBED_PICTURE_NAME)) return;
  delete cNvPr.attrs.descr;
  // A picture with no alt text that is not decorative keeps no description (lint says so), and no flag.
  if (cNvPr.attrs.name === UNDESCRIBED_PICTURE_NAME) return;
  if (childElements(cNvPr).some((c) => isElement(c, DML, 'extLst'))) return;
  const extLst = createElement(cNvPr, DML, 'extLst', 'a');
  const ext = createElement(extLst, DML, 'ext', 'a', { uri: '{C183D7F6-B498-43B3-948B-1728B52AA6E4}' });
  ext.children.push(createElement(ext, DECORATIVE_NS, 'decorative', 'adec', { val: '1' }));
  extLst.children.push(ext);
  cNvPr.children.push(extLst);
}

/**
 * Every shape gets a text body (#1441), in the form PowerPoint writes when it repairs one.
 * Slide-image placeholders of notes pages too: PowerPoint writes those bare, but the body
 * is valid there (pptxgenjs's own notes master has one), and one rule for every shape is
 * one the verifier and the schema tests can hold without exceptions.
 */
function addTextBody(sp: XmlElement): void {
  if (sp.children.some((c) => isElement(c, PML, 'txBody'))) return;
  const body = createElement(sp, PML, 'txBody', 'p');
  const a = (parent: XmlElement, local: string, attrs?: Record<string, string>): XmlElement => createElement(parent, DML, local, 'a', attrs);
  const para = a(body, 'p');
  para.children.push(a(para, 'endParaRPr', { lang: 'en-US' }));
  body.children.push(a(body, 'bodyPr'), a(body, 'lstStyle'), para);
  // CT_Shape: nvSpPr, spPr, style?, txBody?, extLst?
  insertBefore(sp, body, (c) => isElement(c, PML, 'extLst'));
}

/** CT_BackgroundProperties: a fill, then the effect list PowerPoint insists on (#1442), then extLst. */
function addEffectList(bgPr: XmlElement): void {
  if (childElements(bgPr).some((c) => c.uri === DML && (c.local === 'effectLst' || c.local === 'effectDag'))) return;
  insertBefore(bgPr, createElement(bgPr, DML, 'effectLst', 'a'), (c) => isElement(c, PML, 'extLst'));
}

function insertBefore(parent: XmlElement, el: XmlElement, before: (child: XmlElement) => boolean): void {
  const at = parent.children.findIndex((c) => c.kind === 'element' && before(c));
  if (at < 0) parent.children.push(el);
  else parent.children.splice(at, 0, el);
}

/**
 * A paragraph's `<a:pPr>` must be its first child. pptxgenjs writes one per run, so a
 * multi-run paragraph carries stray ones mid-paragraph: invalid to the schema, and
 * LibreOffice applies the last (losing the bullet). The leading one holds the paragraph's
 * real properties; the others go, and every run stays.
 */
function dropStrayParagraphProperties(p: XmlElement): void {
  const first = p.children.find((c) => c.kind === 'element');
  p.children = p.children.filter((c) => c === first || !isElement(c, DML, 'pPr'));
}

/**
 * Shape ids must be unique per part; pptxgenjs gives a table and the next shape the same id
 * (#1532). The first shape keeps its id, later duplicates get fresh ones above every id in
 * the part. Nothing pptxgenjs writes refers to shape ids (no connectors or animations).
 */
function uniqueShapeIds(cNvPrs: XmlElement[]): void {
  const numeric = cNvPrs.map((el) => Number(el.attrs.id)).filter(Number.isSafeInteger);
  let next = Math.max(0, ...numeric) + 1;
  const seen = new Set<string>();
  for (const el of cNvPrs) {
    if (seen.has(el.attrs.id ?? '')) el.attrs.id = String(next++);
    seen.add(el.attrs.id ?? '');
  }
}

// ---------------------------------------------------------------- charts

const AXES = new Set(['catAx', 'valAx', 'dateAx', 'serAx']);
const TWO_AXIS_PLOTS = new Set(['barChart', 'lineChart']);

/**
 * CT_BarChart and CT_LineChart take exactly two axis ids; pptxgenjs adds a third that no
 * axis defines (#1534). Keeps the first two distinct ids that name a defined axis; with
 * fewer than two there is no safe fix, and the verifier reports the chart.
 */
function fixChartAxes(chartSpace: XmlElement): void {
  const defined = new Set<string>();
  const plots: XmlElement[] = [];
  walkElements(chartSpace, (el) => {
    if (el.uri !== CHART) return;
    if (AXES.has(el.local)) {
      const id = childElements(el).find((c) => isElement(c, CHART, 'axId'))?.attrs.val;
      if (id !== undefined) defined.add(id);
    } else if (TWO_AXIS_PLOTS.has(el.local)) {
      plots.push(el);
    }
  });
  for (const plot of plots) {
    const keep = new Map<string, XmlElement>();
    for (const el of childElements(plot)) {
      const id = el.attrs.val ?? '';
      if (isElement(el, CHART, 'axId') && defined.has(id) && !keep.has(id) && keep.size < 2) keep.set(id, el);
    }
    if (keep.size !== 2) continue;
    const kept = new Set(keep.values());
    plot.children = plot.children.filter((c) => !isElement(c, CHART, 'axId') || kept.has(c));
  }
}

/**
 * pptxgenjs's line charts break CT_LineChart three ways: no `<c:grouping>` (required first;
 * it writes one only for bar charts), an `<c:invertIfNegative>` in every series (a bar-series
 * element), and `<c:marker>` after the data labels. A plain line chart is grouping "standard",
 * which is what PowerPoint assumes when it repairs the file; inverting negative fills means
 * nothing for a line, so it goes; series children are put in CT_LineSer's order.
 */
const LINE_SER_ORDER = ['idx', 'order', 'tx', 'spPr', 'marker', 'dPt', 'dLbls', 'trendline', 'errBars', 'cat', 'val', 'smooth', 'extLst'];

function fixLineCharts(chartSpace: XmlElement): void {
  walkElements(chartSpace, (el) => {
    if (!isElement(el, CHART, 'lineChart')) return;
    if (!childElements(el).some((c) => isElement(c, CHART, 'grouping'))) el.children.unshift(createElement(el, CHART, 'grouping', 'c', { val: 'standard' }));
    for (const ser of childElements(el).filter((c) => isElement(c, CHART, 'ser'))) {
      const rank = (c: XmlElement) => (c.uri === CHART && LINE_SER_ORDER.includes(c.local) ? LINE_SER_ORDER.indexOf(c.local) : LINE_SER_ORDER.length);
      // Whitespace between series children is insignificant; elements keep their order within a rank.
      ser.children = childElements(ser)
        .filter((c) => !isElement(c, CHART, 'invertIfNegative'))
        .map((c, i) => ({ c, i }))
        .sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i)
        .map(({ c }) => c);
    }
  });
}
