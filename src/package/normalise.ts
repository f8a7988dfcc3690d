/**
 * What makes pptxgenjs output differ between two builds of the same brief, made the same:
 * chart part numbers from a module-wide counter, and GUIDs drawn from Math.random. (The
 * dates are set in dates.ts.)
 *
 * pptxgenjs also draws chart colours from Math.random, when a chart has more series or data
 * points than `chartColors` has colours. That cannot be normalised afterwards (the intended
 * colour is not in the output) and briefdeck renders no charts; a chart kind must pass as
 * many colours as it has series.
 */
import { createHash } from 'node:crypto';
import { walkElements, type XmlDocument } from './xmlTree.ts';
import { relsSource, resolveTarget } from './zip.ts';

const DML = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const C16 = 'http://schemas.microsoft.com/office/drawing/2014/chart';
const P14 = 'http://schemas.microsoft.com/office/powerpoint/2010/main';
const CONTENT_TYPES = 'http://schemas.openxmlformats.org/package/2006/content-types';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The attributes pptxgenjs fills with `getUuid()`: data label fields, series ids, sections. */
const RANDOM_GUID_ATTRS: ReadonlyArray<{ uri: string; local: string; attr: string }> = [
  { uri: DML, local: 'fld', attr: 'id' },
  { uri: C16, local: 'uniqueId', attr: 'val' },
  { uri: P14, local: 'section', attr: 'id' },
];
const GUID = /^\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}$/;
const CHART_PART = /^ppt\/charts\/[^/]+\.xml$/;

/**
 * Replaces the random GUIDs of a chart part or ppt/presentation.xml with ones derived from
 * the part name and their order, so the output is reproducible. Only the attributes
 * pptxgenjs randomises are touched: fixed GUIDs (extension URIs, the slide number field of
 * notes pages) stay as they are.
 */
export function normaliseGuids(part: string, doc: XmlDocument): void {
  if (!CHART_PART.test(part) && part !== 'ppt/presentation.xml') return;
  let n = 0;
  walkElements(doc.root, (el) => {
    for (const { uri, local, attr } of RANDOM_GUID_ATTRS) {
      const value = el.attrs[attr];
      if (el.local !== local || el.uri !== uri || value === undefined || !GUID.test(value)) continue;
      el.attrs[attr] = stableGuid(`${part}#${n++}`);
    }
  });
}

function stableGuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex').toUpperCase();
  // Shaped like a v4 GUID (version nibble 4, variant 8) so no consumer balks.
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}}`;
}

/**
 * pptxgenjs numbers charts and their workbooks from a module-wide counter, so the second
 * deck built in one process (watch mode, tests) has chart3.xml where the first had
 * chart1.xml. Returns the renames (old part name -> new) that number them 1..n in their
 * original order, their relationship parts included; empty when they already are.
 */
export function chartRenames(names: Iterable<string>): Map<string, string> {
  const all = [...names];
  const rename = new Map<string, string>();
  const families = [['ppt/charts/', 'chart', '.xml'], ['ppt/embeddings/', 'Microsoft_Excel_Worksheet', '.xlsx']] as const;
  for (const [dir, stem, ext] of families) {
    const re = new RegExp(`^${dir}${stem}(\\d+)\\${ext}$`);
    const numbers = all.map((k) => re.exec(k)?.[1]).filter((n) => n !== undefined).map(Number);
    numbers.sort((a, b) => a - b).forEach((n, i) => {
      if (n !== i + 1) rename.set(`${dir}${stem}${n}${ext}`, `${dir}${stem}${i + 1}${ext}`);
    });
  }
  const present = new Set(all);
  const relsOf = (part: string): string => part.replace(/([^/]+)$/, '_rels/$1.rels');
  for (const [from, to] of [...rename]) if (present.has(relsOf(from))) rename.set(relsOf(from), relsOf(to));
  return rename;
}

/** Renames the keys of `map` by `rename`, keeping their order. */
export function renameKeys<T>(map: Map<string, T>, rename: ReadonlyMap<string, string>): void {
  if (rename.size === 0) return;
  const entries = [...map];
  map.clear();
  for (const [name, value] of entries) map.set(rename.get(name) ?? name, value);
}

/** Rewrites every content-type PartName and relationship Target in part `name` that names a renamed part. */
export function retarget(name: string, doc: XmlDocument, rename: ReadonlyMap<string, string>): void {
  if (rename.size === 0) return;
  const source = relsSource(name);
  walkElements(doc.root, (el) => {
    if (el.uri === CONTENT_TYPES && el.local === 'Override' && el.attrs.PartName !== undefined) {
      const to = rename.get(el.attrs.PartName.replace(/^\//, ''));
      if (to) el.attrs.PartName = `/${to}`;
    } else if (source !== undefined && el.uri === RELATIONSHIPS && el.local === 'Relationship' && el.attrs.Target !== undefined && el.attrs.TargetMode !== 'External') {
      const to = rename.get(resolveTarget(source, el.attrs.Target));
      // Same folder, new file name: keeps the target's relative or absolute form.
      if (to) el.attrs.Target = el.attrs.Target.replace(/[^/]*$/, to.slice(to.lastIndexOf('/') + 1));
    }
  });
}
