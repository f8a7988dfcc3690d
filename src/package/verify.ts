/**
 * Structural verification of a package before it is written: the checks that separate
 * "opens cleanly" from "PowerPoint offers to repair".
 *
 * It shares no code with the fixes it checks (fixes.ts, normalise.ts): it states each rule
 * again, as an expectation about the finished part rather than as an edit, so a mistake in a
 * fix shows up here instead of being repeated. It reads each part with its own
 * namespace-aware saxes pass, except a part the package stage has just parsed strictly, fixed
 * and written back: the rules then walk that fixed tree (rememberTreeScan), which spares a
 * second parse of every part of every deck, a third of the package stage in a batch of new
 * briefs. Parts the render stage wrote finished (render/slideXml.ts: slides and notes pages,
 * none of it pptxgenjs's) are not read at all, except their relationship parts, which the
 * cross-part checks need; test/render/slideXml.test.ts holds them. verifyDeck, for a deck read
 * back from disk, always parses every part. Only the zip helpers
 * (part names, relationship targets) are common ground.
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { error, type Diagnostic } from '../diagnostics.ts';
import { isXmlPart, partKey, relsSource, resolveTarget, type Parts } from './zip.ts';

/** Identifiers of the known defects that make PowerPoint repair a deck or break the schemas. */
export type TriggerId =
  | 'phantom-override'
  | 'jpg-content-type'
  | 'bg-without-effect-list'
  | 'chart-axid-count'
  | 'duplicate-shape-id'
  | 'shape-without-txbody'
  | 'non-finite-attribute'
  | 'stray-paragraph-properties'
  | 'presentation-element-order';

/** One occurrence of a known defect. */
export interface TriggerHit {
  trigger: TriggerId;
  /** Part name, e.g. `ppt/slides/slide3.xml`. */
  part: string;
  detail: string;
}

const NS = {
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pml: 'http://schemas.openxmlformats.org/presentationml/2006/main',
  dml: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
} as const;

/** What one XML part contributes to the cross-part checks, plus what is wrong inside it. */
export interface Scan {
  /** r:id / r:embed / r:link ... values the part uses. */
  relRefs: Set<string>;
  /** Relationship elements, for `.rels` parts. */
  rels: Array<{ id: string; target: string; external: boolean }>;
  /** Content types: Default extensions and Override part names. */
  defaults: string[];
  overrides: string[];
  /** Defects inside the part, and other faults (malformed XML), in document order. */
  hits: Array<{ trigger?: TriggerId; detail: string }>;
}

/**
 * Verifies `parts`; returns E_PACKAGE errors whose message starts with the part name. A
 * known defect reads `repair trigger <id>: <detail>`. `label` prefixes part names for
 * nested packages (embedded workbooks), e.g. `ppt/embeddings/Sheet1.xlsx!/`. The XML parts
 * named in `finished` other than relationship parts are taken as written.
 */
export function verifyParts(parts: Parts, label = '', finished?: ReadonlySet<string>): Diagnostic[] {
  return findings(parts, finished).map((f) =>
    error('E_PACKAGE', `${label}${f.part}: ${f.trigger ? `repair trigger ${f.trigger}: ` : ''}${f.detail}`));
}

/** The known defects in `parts` (a subset of what {@link verifyParts} reports); empty for a clean package. */
export function findTriggers(parts: Parts): TriggerHit[] {
  return findings(parts).flatMap((f) => (f.trigger ? [{ trigger: f.trigger, part: f.part, detail: f.detail }] : []));
}

interface Finding {
  part: string;
  trigger?: TriggerId;
  detail: string;
}

function findings(parts: Parts, finished?: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  const fail = (part: string, detail: string, trigger?: TriggerId): void => {
    out.push({ part, detail, ...(trigger ? { trigger } : {}) });
  };
  const scans = new Map<string, Scan>();
  for (const [name, data] of parts) {
    if (!isXmlPart(name)) continue;
    if (typeof data !== 'string') {
      fail(name, 'not valid UTF-8 text');
      continue;
    }
    if (finished?.has(name) && !name.endsWith('.rels')) continue;
    const scan = scanXmlOnce(name, data);
    for (const hit of scan.hits) fail(name, hit.detail, hit.trigger);
    scans.set(name, scan);
  }
  const keys = new Set([...parts.keys()].map(partKey));
  checkContentTypes(parts, keys, scans.get('[Content_Types].xml'), fail);
  checkRelationships(parts, keys, scans, fail);
  return out;
}

/**
 * The last scan of each part name, with the text it scanned. A scan is a pure function of the
 * part's name and text, and in watch mode most parts (theme, masters, layouts) come out the
 * same on every rebuild, so the strict parse runs only on parts whose text changed.
 */
const lastScan = new Map<string, { xml: string; scan: Scan }>();

function scanXmlOnce(name: string, xml: string): Scan {
  const entry = lastScan.get(name);
  if (entry?.xml === xml) return entry.scan;
  return remember(name, xml, scanXml(xml));
}

function remember(name: string, xml: string, scan: Scan): Scan {
  if (lastScan.size >= 1024) lastScan.clear();
  lastScan.set(name, { xml, scan });
  return scan;
}

/** An open element during the scan, with what its rules need to know about its children. */
interface Open {
  uri: string;
  local: string;
  name: string;
  /** Element children seen so far. */
  children: number;
  /** Shape: has a text body; background properties: has an effect list or DAG. */
  has: boolean;
  /** Position in CT_Presentation's sequence of the last child (p:presentation). */
  lastRank: number;
  /** Axis ids of a bar or line chart (made when its first one is seen). */
  axIds: string[] | undefined;
}

/** CT_Presentation's child sequence (ECMA-376 Part 1, 19.2.1.26). */
const PRESENTATION_SEQUENCE = [
  'sldMasterIdLst', 'notesMasterIdLst', 'handoutMasterIdLst', 'sldIdLst', 'sldSz', 'notesSz', 'smartTags', 'embeddedFontLst',
  'custShowLst', 'photoAlbum', 'custDataLst', 'kinsoku', 'defaultTextStyle', 'modifyVerifier', 'extLst',
];
const AXIS_ELEMENTS = ['catAx', 'valAx', 'dateAx', 'serAx'];
const NOT_A_NUMBER = /^\s*(NaN|[-+]?Infinity|undefined)\s*$/;
const CONTENT_TYPES_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';

/**
 * An element as the scan sees it: saxes's namespace-aware tag, or the same read off a parsed
 * tree. Read through functions rather than built as an object per element, so that a walk of a
 * tree allocates nothing for attributes the rules never look at.
 */
interface ScanTag {
  uri: string;
  local: string;
  name: string;
}
interface ScanSource<T> {
  /** The value of the attribute with qualified name `attr`, '' if none. */
  get(tag: T, attr: string): string;
  /**
   * Calls `visit` with every attribute's qualified name, namespace URI and value; with
   * `prefixed`, at least with every attribute whose name has a prefix (the others are in no
   * namespace, and only their values matter).
   */
  each(tag: T, visit: (name: string, uri: string, value: string) => void, prefixed: boolean): void;
}

/**
 * Whether the text of a part can hold an attribute value NOT_A_NUMBER matches: only with one of
 * its words in it, or a character reference that could spell one. Most parts have neither, and
 * their scan then looks at no value but the relationship references.
 */
function mayHoldNotANumber(xml: string): boolean {
  return /NaN|Infinity|undefined|&#/.test(xml);
}

/** The scan's rules, fed element by element (by a parse, or by a walk of a parsed tree). */
function scanner<T extends ScanTag>(source: ScanSource<T>, xml: string) {
  const values = mayHoldNotANumber(xml);
  const scan: Scan = { relRefs: new Set(), rels: [], defaults: [], overrides: [], hits: [] };
  const hit = (detail: string, trigger?: TriggerId): void => {
    scan.hits.push({ detail, ...(trigger ? { trigger } : {}) });
  };
  const shapeIds = new Map<string, number>();
  const axes = new Set<string>();
  const plots: Array<{ name: string; ids: string[] }> = [];
  const open: Open[] = [];
  // The element whose attributes `attribute` is given (one function for all, not one per element).
  let opening: T | undefined;
  const attribute = (name: string, uri: string, value: string): void => {
    if (values && NOT_A_NUMBER.test(value)) hit(`<${opening!.name}> attribute ${name}="${value}"`, 'non-finite-attribute');
    if (uri === NS.rel && value !== '') scan.relRefs.add(value);
  };
  return {
    open(node: T): void {
      const parent = open[open.length - 1];
      const el: Open = { uri: node.uri, local: node.local, name: node.name, children: 0, has: false, lastRank: -1, axIds: undefined };
      opening = node;
      source.each(node, attribute, !values);
      if (parent) {
        parent.children++;
        childRules(parent, el, node, source, hit, axes);
      }
      if (node.uri === NS.pml && node.local === 'cNvPr') {
        const id = source.get(node, 'id');
        shapeIds.set(id, (shapeIds.get(id) ?? 0) + 1);
      }
      if (node.local === 'Relationship') scan.rels.push({ id: source.get(node, 'Id'), target: source.get(node, 'Target'), external: source.get(node, 'TargetMode') === 'External' });
      if (node.uri === CONTENT_TYPES_NS && (node.local === 'Default' || node.local === 'Override')) {
        if (node.local === 'Default') scan.defaults.push(source.get(node, 'Extension').toLowerCase());
        else scan.overrides.push(source.get(node, 'PartName'));
        if (source.get(node, 'ContentType').trim().toLowerCase() === 'image/jpg') hit(`${node.local} ContentType image/jpg`, 'jpg-content-type');
      }
      open.push(el);
    },
    close(): void {
      const el = open.pop();
      if (!el) return;
      if (el.uri === NS.pml && el.local === 'sp' && !el.has) hit('<p:sp> without <p:txBody>', 'shape-without-txbody');
      if (el.uri === NS.pml && el.local === 'bgPr' && !el.has) hit('<p:bgPr> without <a:effectLst/>', 'bg-without-effect-list');
      if (el.uri === NS.chart && (el.local === 'barChart' || el.local === 'lineChart')) plots.push({ name: el.name, ids: el.axIds ?? [] });
    },
    /** The scan, once every element is in; a fault (malformed XML) is then the only finding. */
    finish(fault?: string): Scan {
      if (fault) {
        // What was found before the fault may be an artefact of it; the fault is the finding.
        scan.hits = [{ detail: `not well-formed XML: ${fault}` }];
        return scan;
      }
      for (const [id, n] of shapeIds) if (n > 1) hit(`<p:cNvPr id="${id}"> used by ${n} shapes`, 'duplicate-shape-id');
      for (const plot of plots) {
        const orphans = plot.ids.filter((id) => !axes.has(id));
        if (plot.ids.length !== 2 || orphans.length > 0) {
          hit(`<${plot.name}> has ${plot.ids.length} <c:axId>${orphans.length ? ` (${orphans.join(', ')} name no axis)` : ''}, needs 2 defined axes`, 'chart-axid-count');
        }
      }
      return scan;
    },
  };
}

/** Attributes as saxes's namespace-aware parse gives them: by qualified name, each with its URI. */
const SAXES_SOURCE: ScanSource<SaxesTagNS> = {
  get: (tag, attr) => tag.attributes[attr]?.value ?? '',
  each: (tag, visit) => {
    for (const key in tag.attributes) {
      const a = tag.attributes[key]!;
      visit(a.name, a.uri, a.value);
    }
  },
};

/** The scan of a part's text, by a namespace-aware strict parse of its own. */
export function scanXml(xml: string): Scan {
  const s = scanner(SAXES_SOURCE, xml);
  const parser = new SaxesParser({ xmlns: true, position: true });
  let firstError: string | undefined;
  parser.on('error', (e) => {
    firstError ??= e.message;
  });
  parser.on('opentag', (node: SaxesTagNS) => s.open(node));
  parser.on('closetag', () => s.close());
  try {
    parser.write(xml).close();
  } catch (e) {
    // saxes throws when no error handler swallowed the fault; keep the first message either way.
    firstError ??= e instanceof Error ? e.message : String(e);
  }
  return s.finish(firstError);
}

/** A parsed element, as xmlTree.ts builds them (its qualified names, attributes and prefix scope). */
export interface TreeElement {
  kind: 'element';
  name: string;
  uri: string;
  local: string;
  attrs: Record<string, string>;
  children: ReadonlyArray<{ kind: string }>;
  scope: Record<string, string>;
}

const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/**
 * The scan of a part the package stage has just parsed, fixed and written back from this tree:
 * the same rules, fed by a walk of the tree instead of a second parse of the text it wrote
 * (a strict parse of the raw part built the tree, and test/package/treeScan.test.ts checks,
 * for every part of every test deck, that the walk and a parse of the written text give the
 * same scan). Recorded for `name` and `xml`, so verifying that text does not parse it again.
 */
export function rememberTreeScan(name: string, xml: string, root: TreeElement): Scan {
  return remember(name, xml, scanTree(root, xml));
}

/** Hands back a scan rememberTreeScan returned, for the same name and text (the fixes' memo keeps it). */
export function rememberScan(name: string, xml: string, scan: Scan): void {
  remember(name, xml, scan);
}

/** An attribute's namespace URI, by its qualified name, where `el` is. */
function attributeUri(el: TreeElement, name: string): string {
  const colon = name.indexOf(':');
  if (colon < 0) return name === 'xmlns' ? XMLNS_NS : '';
  const prefix = name.slice(0, colon);
  return prefix === 'xmlns' ? XMLNS_NS : (el.scope[prefix] ?? '');
}

const TREE_SOURCE: ScanSource<TreeElement> = {
  get: (el, attr) => (Object.hasOwn(el.attrs, attr) ? el.attrs[attr]! : ''),
  each: (el, visit, prefixed) => {
    for (const name in el.attrs) if (!prefixed || name.includes(':')) visit(name, attributeUri(el, name), el.attrs[name]!);
  },
};

/** The scan of a tree (see rememberTreeScan), written as `xml`. */
export function scanTree(root: TreeElement, xml: string): Scan {
  const s = scanner(TREE_SOURCE, xml);
  const visit = (el: TreeElement): void => {
    s.open(el);
    // Indexed: a for-of makes an iterator result per child in the interpreter (xmlTree.ts's walkElements).
    const children = el.children;
    for (let i = 0; i < children.length; i++) if (children[i]!.kind === 'element') visit(children[i] as TreeElement);
    s.close();
  };
  visit(root);
  return s.finish();
}

/** The rules about which children an element has, checked as each child opens. */
function childRules<T>(parent: Open, child: Open, node: T, source: ScanSource<T>, hit: (detail: string, trigger?: TriggerId) => void, axes: Set<string>): void {
  if (parent.uri === NS.pml) {
    if (parent.local === 'sp' && child.uri === NS.pml && child.local === 'txBody') parent.has = true;
    else if (parent.local === 'bgPr' && child.uri === NS.dml && (child.local === 'effectLst' || child.local === 'effectDag')) parent.has = true;
    else if (parent.local === 'presentation' && child.uri === NS.pml) {
      const rank = PRESENTATION_SEQUENCE.indexOf(child.local);
      if (rank >= 0 && rank < parent.lastRank) hit(`<${child.name}> after <p:${PRESENTATION_SEQUENCE[parent.lastRank]}>`, 'presentation-element-order');
      parent.lastRank = Math.max(parent.lastRank, rank);
    }
  } else if (parent.uri === NS.dml && parent.local === 'p' && child.uri === NS.dml && child.local === 'pPr' && parent.children > 1) {
    hit(`<${child.name}> is child ${parent.children} of <${parent.name}>, not the first`, 'stray-paragraph-properties');
  } else if (parent.uri === NS.chart && child.uri === NS.chart && child.local === 'axId') {
    if (parent.local === 'barChart' || parent.local === 'lineChart') (parent.axIds ??= []).push(source.get(node, 'val'));
    else if (AXIS_ELEMENTS.includes(parent.local)) axes.add(source.get(node, 'val'));
  }
}

function checkContentTypes(parts: Parts, keys: ReadonlySet<string>, types: Scan | undefined, fail: (part: string, detail: string, trigger?: TriggerId) => void): void {
  if (!parts.has('[Content_Types].xml')) return fail('[Content_Types].xml', 'missing');
  if (!types) return; // unreadable; already reported
  const overrides = new Set<string>();
  for (const name of types.overrides) {
    const key = partKey(name);
    if (overrides.has(key)) fail('[Content_Types].xml', `duplicate Override for ${name}`);
    overrides.add(key);
    if (!keys.has(key)) fail('[Content_Types].xml', `Override for ${name}, which is not in the package`, 'phantom-override');
  }
  const defaults = new Set(types.defaults);
  for (const name of parts.keys()) {
    if (name === '[Content_Types].xml' || overrides.has(partKey(name))) continue;
    const ext = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase();
    if (!ext || !defaults.has(ext)) fail(name, 'has no content type (no Override, no Default for its extension)');
  }
}

function checkRelationships(parts: Parts, keys: ReadonlySet<string>, scans: Map<string, Scan>, fail: (part: string, detail: string) => void): void {
  if (!parts.has('_rels/.rels')) fail('_rels/.rels', 'missing');
  const relIds = new Map<string, Set<string>>();
  for (const [name, scan] of scans) {
    const source = relsSource(name);
    if (source === undefined) continue;
    const ids = new Set<string>();
    for (const rel of scan.rels) {
      if (ids.has(rel.id)) fail(name, `duplicate relationship Id ${rel.id}`);
      ids.add(rel.id);
      if (rel.external) continue;
      const target = resolveTarget(source, rel.target);
      if (!keys.has(partKey(target))) fail(name, `relationship ${rel.id} targets ${rel.target}, which is not in the package`);
    }
    relIds.set(source, ids);
  }
  for (const [name, scan] of scans) {
    const ids = relIds.get(name) ?? new Set<string>();
    for (const ref of scan.relRefs) if (!ids.has(ref)) fail(name, `refers to relationship ${ref}, which its .rels does not define`);
  }
}
