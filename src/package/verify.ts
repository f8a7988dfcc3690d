/**
 * Structural verification of a package before it is written: the checks that
 * separate "opens cleanly" from "PowerPoint offers to repair".
 */
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { error, type Diagnostic } from '../diagnostics.ts';
import { DRAWING_PART, findRepairTriggers, NON_FINITE } from './postprocess.ts';
import { isXmlPart, partKey, relsSource, resolveTarget, type Parts } from './zip.ts';

const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** What one XML part contributes to the cross-part checks. */
interface Scan {
  /** r:id / r:embed / r:link ... values the part uses. */
  relRefs: Set<string>;
  /** Relationship elements, for `.rels` parts. */
  rels: Array<{ id: string; target: string; external: boolean }>;
  defaults: string[];
  overrides: string[];
}

/**
 * Verifies `parts`; returns E_PACKAGE errors whose message starts with the
 * part name. `label` prefixes part names for nested packages (embedded
 * workbooks), e.g. `ppt/embeddings/Sheet1.xlsx!/`.
 */
export function verifyParts(parts: Parts, label = ''): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fail = (part: string, message: string): void => {
    out.push(error('E_PACKAGE', `${label}${part}: ${message}`));
  };
  const scans = new Map<string, Scan>();
  for (const [name, data] of parts) {
    if (!isXmlPart(name)) continue;
    if (typeof data !== 'string') fail(name, 'not valid UTF-8 text');
    else scans.set(name, scanXmlOnce(name, data, fail));
  }
  const keys = new Set([...parts.keys()].map(partKey));
  checkContentTypes(parts, keys, scans.get('[Content_Types].xml'), fail);
  checkRelationships(parts, keys, scans, fail);
  for (const hit of findRepairTriggers(parts)) {
    // The parser-based checks above already report these two, exactly.
    if (hit.trigger === 'duplicate-shape-id' || hit.trigger === 'non-finite-attribute') continue;
    fail(hit.part, `repair trigger ${hit.trigger}: ${hit.detail}`);
  }
  return out;
}

/**
 * The last scan of each part name, with the text it scanned. A scan is a pure function of the
 * part's name and text, and in watch mode most parts (theme, masters, layouts) come out the
 * same on every rebuild, so the strict parse runs only on parts whose text changed.
 */
const lastScan = new Map<string, { xml: string; scan: Scan; failures: string[] }>();

function scanXmlOnce(name: string, xml: string, fail: (part: string, message: string) => void): Scan {
  let entry = lastScan.get(name);
  if (entry?.xml !== xml) {
    const failures: string[] = [];
    entry = { xml, scan: scanXml(name, xml, (_part, message) => failures.push(message)), failures };
    if (lastScan.size >= 1024) lastScan.clear();
    lastScan.set(name, entry);
  }
  for (const message of entry.failures) fail(name, message);
  return entry.scan;
}

function scanXml(name: string, xml: string, fail: (part: string, message: string) => void): Scan {
  const scan: Scan = { relRefs: new Set(), rels: [], defaults: [], overrides: [] };
  const shapeIds = new Map<string, number>();
  const checkIds = DRAWING_PART.test(name);
  const parser = new SaxesParser({ xmlns: true, position: true });
  let firstError: string | undefined;
  parser.on('error', (e) => {
    firstError ??= e.message;
  });
  parser.on('opentag', (node: SaxesTagNS) => {
    for (const a of Object.values(node.attributes)) {
      if (NON_FINITE.test(a.value)) fail(name, `<${node.name}> attribute ${a.name}="${a.value}"`);
      if (a.uri === REL_NS && a.value !== '') scan.relRefs.add(a.value);
    }
    const get = (n: string): string => node.attributes[n]?.value ?? '';
    if (checkIds && node.name === 'p:cNvPr') shapeIds.set(get('id'), (shapeIds.get(get('id')) ?? 0) + 1);
    if (node.local === 'Relationship') {
      scan.rels.push({ id: get('Id'), target: get('Target'), external: get('TargetMode') === 'External' });
    }
    if (node.local === 'Default') scan.defaults.push(get('Extension').toLowerCase());
    if (node.local === 'Override') scan.overrides.push(get('PartName'));
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    // saxes throws when no error handler swallowed the fault; keep the first message either way.
    firstError ??= e instanceof Error ? e.message : String(e);
  }
  if (firstError) fail(name, `not well-formed XML: ${firstError}`);
  for (const [id, n] of shapeIds) if (n > 1) fail(name, `<p:cNvPr id="${id}"> used by ${n} shapes`);
  return scan;
}

function checkContentTypes(parts: Parts, keys: ReadonlySet<string>, types: Scan | undefined, fail: (part: string, message: string) => void): void {
  if (!parts.has('[Content_Types].xml')) return fail('[Content_Types].xml', 'missing');
  if (!types) return; // unreadable; already reported
  const overrides = new Set<string>();
  for (const name of types.overrides) {
    const key = partKey(name);
    if (overrides.has(key)) fail('[Content_Types].xml', `duplicate Override for ${name}`);
    overrides.add(key);
    if (!keys.has(key)) fail('[Content_Types].xml', `Override for ${name}, which is not in the package`);
  }
  const defaults = new Set(types.defaults);
  for (const name of parts.keys()) {
    if (name === '[Content_Types].xml' || overrides.has(partKey(name))) continue;
    const ext = /\.([^./]+)$/.exec(name)?.[1]?.toLowerCase();
    if (!ext || !defaults.has(ext)) fail(name, 'has no content type (no Override, no Default for its extension)');
  }
}

function checkRelationships(parts: Parts, keys: ReadonlySet<string>, scans: Map<string, Scan>, fail: (part: string, message: string) => void): void {
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
