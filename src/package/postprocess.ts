/**
 * Fixes for the constructs in pptxgenjs 4.0.1 output that make PowerPoint
 * offer to "repair" a deck, plus normalisation of its random GUIDs.
 *
 * Each trigger is a small detector + fixer pair working on part text with
 * regexes anchored on exact element forms. The regexes only ever match start
 * tags (quoted attribute values may contain `>`, text never contains `<`), so
 * slide text can never be rewritten. pptxgenjs writes no CDATA or comments in
 * the parts these touch. The verifier re-runs every detector afterwards.
 */
import { createHash } from 'node:crypto';
import { warning, type Diagnostic } from '../diagnostics.ts';
import { partKey, relsSource, resolveTarget, type Parts } from './zip.ts';

/** Identifiers of the known repair triggers. */
export type TriggerId =
  | 'phantom-override'
  | 'jpg-content-type'
  | 'bg-without-effect-list'
  | 'chart-axid-count'
  | 'duplicate-shape-id'
  | 'placeholder-without-txbody'
  | 'non-finite-attribute'
  | 'stray-paragraph-properties';

/** One occurrence of a repair trigger. */
export interface TriggerHit {
  trigger: TriggerId;
  /** Part name, e.g. `ppt/slides/slide3.xml`. */
  part: string;
  detail: string;
}

interface Context {
  part: string;
  /** Every part name in the package, normalised with {@link partKey}. */
  partKeys: ReadonlySet<string>;
}

interface Trigger {
  id: TriggerId;
  appliesTo(part: string): boolean;
  /** One description per occurrence; empty when the part is clean. */
  find(xml: string, ctx: Context): string[];
  /** `xml` with every occurrence fixed (unchanged where no safe fix exists). */
  fix(xml: string, ctx: Context): string;
  /** The fix drops information, so each occurrence is reported as a warning. */
  lossy?: boolean;
}

// ---------------------------------------------------------------- helpers

const ATTRS = String.raw`((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>`;

/** A start (or empty-element) tag of `name`; groups: 1 attributes, 2 `/` if empty. */
function tag(name: string): RegExp {
  return new RegExp(`<${name}${ATTRS}`, 'g');
}

/** Any start tag; groups: 1 name, 2 attributes, 3 `/` if empty. */
const ANY_TAG = new RegExp(`<([A-Za-z_][\\w:.-]*)${ATTRS}`, 'g');
const ATTR = /(\s+)([^\s=/>]+)(\s*=\s*)(?:"([^"]*)"|'([^']*)')/g;

function attr(attrs: string, name: string): string | undefined {
  for (const m of attrs.matchAll(ATTR)) if (m[2] === name) return m[4] ?? m[5];
  return undefined;
}

/** Parts with a shape tree (`p:cNvPr` ids, backgrounds, placeholders). */
export const DRAWING_PART = /^ppt\/(slides|slideLayouts|slideMasters|notesSlides|notesMasters|handoutMasters)\/[^/]+\.xml$/;
const CHART_PART = /^ppt\/charts\/[^/]+\.xml$/;
const CONTENT_TYPES = '[Content_Types].xml';

// ---------------------------------------------------------------- triggers

/** pptxgenjs adds a slideMaster Override per slide; only slideMaster1 exists. */
const phantomOverride: Trigger = {
  id: 'phantom-override',
  appliesTo: (p) => p === CONTENT_TYPES,
  find: (xml, ctx) => [...xml.matchAll(tag('Override'))]
    .map((m) => attr(m[1]!, 'PartName') ?? '')
    .filter((name) => !ctx.partKeys.has(partKey(name)))
    .map((name) => `Override for missing part ${name}`),
  fix: (xml, ctx) => xml.replace(tag('Override'), (all, attrs: string) =>
    ctx.partKeys.has(partKey(attr(attrs, 'PartName') ?? '')) ? all : ''),
};

/** `image/jpg` is not a registered MIME type; PowerPoint wants `image/jpeg`. */
const jpgContentType: Trigger = {
  id: 'jpg-content-type',
  appliesTo: (p) => p === CONTENT_TYPES,
  find: (xml) => [...xml.matchAll(/\sContentType\s*=\s*["']image\/jpg["']/gi)].map(() => 'ContentType image/jpg'),
  fix: (xml) => xml.replace(/(\sContentType\s*=\s*["'])image\/jpg(["'])/gi, '$1image/jpeg$2'),
};

const BG_PR = /(<p:bgPr(?:\s[^>]*)?>)([\s\S]*?)(<\/p:bgPr>)/g;
const hasEffect = (body: string): boolean => /<a:effect(Lst|Dag)[\s/>]/.test(body);

/** CT_BackgroundProperties is a fill followed by a required effect list/DAG. */
const bgWithoutEffectList: Trigger = {
  id: 'bg-without-effect-list',
  appliesTo: (p) => DRAWING_PART.test(p),
  find: (xml) => [...xml.matchAll(BG_PR)].filter((m) => !hasEffect(m[2]!)).map(() => '<p:bgPr> without <a:effectLst/>'),
  fix: (xml) => xml.replace(BG_PR, (all, open: string, body: string, close: string) => {
    if (hasEffect(body)) return all;
    // The effect list goes after the fill and before any extension list.
    const ext = body.indexOf('<p:extLst');
    return ext < 0 ? `${open}${body}<a:effectLst/>${close}` : `${open}${body.slice(0, ext)}<a:effectLst/>${body.slice(ext)}${close}`;
  }),
};

const BAR_LINE = /<c:(barChart|lineChart)>([\s\S]*?)<\/c:\1>/g;
const AX_ID = /<c:axId\s+val\s*=\s*["'](\d+)["']\s*\/>/g;

function definedAxes(xml: string): Set<string> {
  const ids = new Set<string>();
  for (const m of xml.matchAll(/<c:(catAx|valAx|dateAx|serAx)>\s*<c:axId\s+val\s*=\s*["'](\d+)["']/g)) ids.add(m[2]!);
  return ids;
}

/** CT_BarChart/CT_LineChart take exactly two axId; pptxgenjs adds a third id no axis defines. */
const chartAxIdCount: Trigger = {
  id: 'chart-axid-count',
  appliesTo: (p) => CHART_PART.test(p),
  find: (xml) => [...xml.matchAll(BAR_LINE)]
    .map((m) => [m[1], [...m[2]!.matchAll(AX_ID)].length] as const)
    .filter(([, n]) => n !== 2)
    .map(([kind, n]) => `<c:${kind}> has ${n} <c:axId>, needs 2`),
  fix: (xml) => {
    const axes = definedAxes(xml);
    return xml.replace(BAR_LINE, (all, kind: string, body: string) => {
      // Keep the first two ids that name a defined axis; orphans go.
      const keep = [...body.matchAll(AX_ID)].map((m) => m[1]!).filter((id) => axes.has(id)).slice(0, 2);
      if (keep.length !== 2) return all; // no safe fix; the verifier reports it
      let i = 0;
      const fixed = body.replace(AX_ID, () => (i < 2 ? `<c:axId val="${keep[i++]}"/>` : ''));
      return `<c:${kind}>${fixed}</c:${kind}>`;
    });
  },
};

/** Shape ids must be unique per part; pptxgenjs gives a table and the next shape the same id. */
const duplicateShapeId: Trigger = {
  id: 'duplicate-shape-id',
  appliesTo: (p) => DRAWING_PART.test(p),
  find: (xml) => {
    const seen = new Set<string>();
    const hits: string[] = [];
    for (const m of xml.matchAll(tag('p:cNvPr'))) {
      const id = attr(m[1]!, 'id') ?? '';
      if (seen.has(id)) hits.push(`duplicate <p:cNvPr id="${id}">`);
      seen.add(id);
    }
    return hits;
  },
  fix: (xml) => {
    const ids = [...xml.matchAll(tag('p:cNvPr'))].map((m) => Number(attr(m[1]!, 'id')));
    let next = Math.max(0, ...ids.filter(Number.isSafeInteger)) + 1;
    const seen = new Set<string>();
    // The first shape keeps its id; later duplicates get fresh ones. Nothing
    // pptxgenjs writes refers to shape ids (no connectors or animations).
    return xml.replace(tag('p:cNvPr'), (all, attrs: string) => {
      const id = attr(attrs, 'id') ?? '';
      if (!seen.has(id)) {
        seen.add(id);
        return all;
      }
      const fresh = String(next++);
      seen.add(fresh);
      return all.replace(/(\sid\s*=\s*)(["'])[^"']*\2/, `$1"${fresh}"`);
    });
  },
};

const SP = /(<p:sp(?:\s[^>]*)?>)([\s\S]*?)(<\/p:sp>)/g;
const EMPTY_TX_BODY = '<p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody>';
const PH = /<p:nvPr(?:\s[^>]*)?>(?:(?!<\/p:nvPr>)[\s\S])*?<p:ph(\s[^>]*)?\/?>/;
/** A placeholder without a text body; slide-image placeholders are exempt: PowerPoint itself writes them bare. */
function isBarePlaceholder(body: string): boolean {
  const ph = PH.exec(body);
  return !!ph && !/\stype\s*=\s*["']sldImg["']/.test(ph[1] ?? '') && !/<p:txBody[\s>]/.test(body);
}

/** A placeholder shape without a text body (pptxgenjs #1441). */
const placeholderWithoutTxBody: Trigger = {
  id: 'placeholder-without-txbody',
  appliesTo: (p) => DRAWING_PART.test(p),
  find: (xml) => [...xml.matchAll(SP)].filter((m) => isBarePlaceholder(m[2]!)).map(() => 'placeholder <p:sp> without <p:txBody>'),
  fix: (xml) => xml.replace(SP, (all, open: string, body: string, close: string) => {
    if (!isBarePlaceholder(body)) return all;
    // CT_Shape order: nvSpPr, spPr, style?, txBody?, extLst?
    const anchor = /<\/p:style>|<p:style\s*\/>|<\/p:spPr>|<p:spPr\s*\/>/g;
    let end = -1;
    for (const m of body.matchAll(anchor)) end = m.index + m[0].length;
    if (end < 0) return all;
    return `${open}${body.slice(0, end)}${EMPTY_TX_BODY}${body.slice(end)}${close}`;
  }),
};

/** An attribute value that leaked from JS arithmetic or a missing option. */
export const NON_FINITE = /^\s*(NaN|[-+]?Infinity|undefined)\s*$/;
/** Required attributes of common elements: a neutral "0" keeps the element valid; others are dropped. */
const REQUIRED_ATTRS = new Set(['x', 'y', 'cx', 'cy', 'w', 'h', 'id', 'val', 'pos', 'l', 't', 'r', 'b']);

/** `NaN`/`Infinity`/`undefined` leak from JS arithmetic into attributes; PowerPoint rejects them. */
const nonFiniteAttribute: Trigger = {
  id: 'non-finite-attribute',
  lossy: true,
  appliesTo: () => true,
  find: (xml) => {
    const hits: string[] = [];
    for (const m of xml.matchAll(ANY_TAG)) {
      for (const a of m[2]!.matchAll(ATTR)) {
        const value = a[4] ?? a[5] ?? '';
        if (NON_FINITE.test(value)) hits.push(`<${m[1]}> attribute ${a[2]}="${value}"`);
      }
    }
    return hits;
  },
  fix: (xml) => xml.replace(ANY_TAG, (all, name: string, attrs: string, empty: string) => {
    if (!/NaN|Infinity|undefined/.test(attrs)) return all;
    const fixed = attrs.replace(ATTR, (a, ws: string, key: string, eq: string, dq?: string, sq?: string) => {
      if (!NON_FINITE.test(dq ?? sq ?? '')) return a;
      return REQUIRED_ATTRS.has(key) ? `${ws}${key}${eq}"0"` : '';
    });
    return `<${name}${fixed}${empty}>`;
  }),
};

// A paragraph's <a:pPr> must be its first child. pptxgenjs writes one per run, so a
// multi-run paragraph carries stray ones mid-paragraph: invalid to the schema, and LibreOffice
// applies the last (losing the bullet). The first one holds the paragraph's real properties.
const PARAGRAPH = /(<a:p(?:\s[^>]*)?>)([\s\S]*?)(<\/a:p>)/g;
const PPR = /<a:pPr(?:\s[^>]*)?(?:\/>|>[\s\S]*?<\/a:pPr>)/g;

function strayProps(body: string): number {
  const all = [...body.matchAll(PPR)];
  return all.length - (all[0]?.index === 0 ? 1 : 0);
}

const strayParagraphProperties: Trigger = {
  id: 'stray-paragraph-properties',
  appliesTo: (p) => DRAWING_PART.test(p),
  find: (xml) =>
    [...xml.matchAll(PARAGRAPH)].flatMap((m) => {
      const n = strayProps(m[2]!);
      return n > 0 ? [`${n} <a:pPr> after the start of a paragraph`] : [];
    }),
  fix: (xml) =>
    xml.replace(PARAGRAPH, (all, open: string, body: string, close: string) => {
      if (strayProps(body) === 0) return all;
      let first = true;
      const kept = body.replace(PPR, (ppr: string, offset: number) => {
        if (first && offset === 0) {
          first = false;
          return ppr;
        }
        return '';
      });
      return open + kept + close;
    }),
};

const TRIGGERS: readonly Trigger[] = [
  strayParagraphProperties,
  phantomOverride,
  jpgContentType,
  bgWithoutEffectList,
  chartAxIdCount,
  duplicateShapeId,
  placeholderWithoutTxBody,
  nonFiniteAttribute,
];

// ---------------------------------------------------------------- entry points

function textParts(parts: Parts): Array<[string, string]> {
  return [...parts].filter((e): e is [string, string] => typeof e[1] === 'string');
}

/** Every known repair trigger in `parts`; empty for a clean package. */
export function findRepairTriggers(parts: Parts): TriggerHit[] {
  const partKeys = new Set([...parts.keys()].map(partKey));
  const hits: TriggerHit[] = [];
  for (const [part, xml] of textParts(parts)) {
    for (const t of TRIGGERS) {
      if (!t.appliesTo(part)) continue;
      for (const detail of t.find(xml, { part, partKeys })) hits.push({ trigger: t.id, part, detail });
    }
  }
  return hits;
}

/**
 * Fixes every known repair trigger in place. Returns warnings for fixes that
 * lose information (a non-finite attribute means an upstream bug); the
 * expected pptxgenjs defects are fixed silently.
 */
export function fixRepairTriggers(parts: Parts): Diagnostic[] {
  const partKeys = new Set([...parts.keys()].map(partKey));
  const diagnostics: Diagnostic[] = [];
  for (const [part, original] of textParts(parts)) {
    let xml = original;
    for (const t of TRIGGERS) {
      if (!t.appliesTo(part)) continue;
      const found = t.find(xml, { part, partKeys });
      if (found.length === 0) continue;
      xml = t.fix(xml, { part, partKeys });
      if (t.lossy) {
        for (const detail of found) {
          diagnostics.push(warning('W_PACKAGE_VALUE', `${part}: ${detail} replaced`, {
            hint: 'a computed size or position was not a number; fix the layout/render value',
          }));
        }
      }
    }
    if (xml !== original) parts.set(part, xml);
  }
  return diagnostics;
}

/**
 * Replaces the GUIDs pptxgenjs draws from Math.random (chart label field ids,
 * series unique ids, section ids) with ones derived from the part name and
 * position, so the output is reproducible. Fixed GUIDs (extension URIs) are
 * left alone because only these attributes are touched.
 */
export function normaliseGuids(parts: Parts): void {
  const GUID = String.raw`\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}`;
  const RANDOM = new RegExp(`(<(?:a:fld|c16:uniqueId|p14:section)\\s[^>]*?\\b(?:id|val)\\s*=\\s*")${GUID}(")`, 'g');
  for (const [part, xml] of textParts(parts)) {
    if (!CHART_PART.test(part) && part !== 'ppt/presentation.xml') continue;
    let n = 0;
    const fixed = xml.replace(RANDOM, (_all, open: string, close: string) => `${open}${stableGuid(`${part}#${n++}`)}${close}`);
    if (fixed !== xml) parts.set(part, fixed);
  }
}

function stableGuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex').toUpperCase();
  // Shaped like a v4 GUID (version nibble 4, variant 8) so no consumer balks.
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}}`;
}

/**
 * pptxgenjs numbers charts and their workbooks from a module-wide counter, so
 * the second deck built in one process (watch mode, tests) has chart3.xml
 * where the first had chart1.xml. Renumbers them 1..n in their original order
 * and rewrites every PartName and relationship Target that names them.
 */
export function renumberCharts(parts: Parts): void {
  const rename = new Map<string, string>(); // old part name -> new part name
  const families = [['ppt/charts/', 'chart', '.xml'], ['ppt/embeddings/', 'Microsoft_Excel_Worksheet', '.xlsx']];
  for (const [dir, stem, ext] of families as Array<[string, string, string]>) {
    const re = new RegExp(`^${dir}${stem}(\\d+)\\${ext}$`);
    const numbers = [...parts.keys()].map((k) => re.exec(k)?.[1]).filter((n) => n !== undefined).map(Number);
    numbers.sort((a, b) => a - b).forEach((n, i) => {
      if (n !== i + 1) rename.set(`${dir}${stem}${n}${ext}`, `${dir}${stem}${i + 1}${ext}`);
    });
  }
  if (rename.size === 0) return;
  const relsOf = (part: string): string => part.replace(/([^/]+)$/, '_rels/$1.rels');
  for (const [from, to] of [...rename]) if (parts.has(relsOf(from))) rename.set(relsOf(from), relsOf(to));

  const renamed: Parts = new Map();
  for (const [name, data] of parts) {
    let value = data;
    if (typeof data === 'string' && name === CONTENT_TYPES) {
      value = data.replace(/(\sPartName\s*=\s*")([^"]*)(")/g, (all, open: string, ref: string, close: string) => {
        const to = rename.get(ref.replace(/^\//, ''));
        return to ? `${open}/${to}${close}` : all;
      });
    } else if (typeof data === 'string' && relsSource(name) !== undefined) {
      const source = relsSource(name)!;
      value = data.replace(/(\sTarget\s*=\s*")([^"]*)(")/g, (all, open: string, ref: string, close: string) => {
        const to = rename.get(resolveTarget(source, ref));
        return to ? `${open}${ref.replace(/[^/]*$/, to.slice(to.lastIndexOf('/') + 1))}${close}` : all;
      });
    }
    renamed.set(rename.get(name) ?? name, value);
  }
  parts.clear();
  for (const [name, data] of renamed) parts.set(name, data);
}
