/**
 * Schema validation of decks against the ECMA-376 transitional schemas vendored in
 * schema/ooxml-xsd/, with libxml2 (xmllint-wasm: WebAssembly, no native build).
 *
 * Each XML part is mapped to its schema by its content type (which also fixes the root
 * element it must have), read as an mc:Ignorable-aware consumer would (ECMA-376 Part 3:
 * elements and attributes of ignorable namespaces dropped, mc:AlternateContent replaced by
 * the first Choice whose namespaces are understood, else its Fallback), and validated against
 * one wrapper schema (local/all-parts.xsd) that imports every namespace a part can be in.
 * Parts without markup compatibility constructs are validated byte for byte as the deck has
 * them, so libxml2 also checks their well-formedness independently of saxes.
 *
 * Compiling the schemas costs about half a second per xmllint run, so decks are validated in
 * batches, and results are kept by part content hash: identical parts (masters, themes,
 * layouts) across many decks validate once per process.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { validateXML, type XMLFileInfo } from 'xmllint-wasm';
import { REPO } from './helpers.ts';

/** What validation found in one deck. */
export interface DeckValidation {
  /** XML parts validated. */
  parts: number;
  /** Of those, parts with content not validated before in this process (the rest came from the cache). */
  newParts: number;
  /** Parts that failed, with libxml2's messages (or why they could not be validated). */
  invalid: Array<{ part: string; errors: string[] }>;
  /** `<p:sp>` elements without a `<p:txBody>` (the schema allows them; PowerPoint repairs them), as `part: shape name`. */
  shapesWithoutTxBody: string[];
}

const NS = {
  mc: 'http://schemas.openxmlformats.org/markup-compatibility/2006',
  pml: 'http://schemas.openxmlformats.org/presentationml/2006/main',
  dml: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  types: 'http://schemas.openxmlformats.org/package/2006/content-types',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  core: 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
  app: 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
} as const;

/** The namespaces the compiled schemas define: what a consumer of these schemas "understands". */
const UNDERSTOOD = new Set<string>([
  ...Object.values(NS),
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes',
  'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes',
  'http://schemas.openxmlformats.org/drawingml/2006/chartDrawing',
  'http://schemas.openxmlformats.org/drawingml/2006/diagram',
  'http://schemas.openxmlformats.org/drawingml/2006/picture',
  'http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas',
  'http://purl.org/dc/elements/1.1/',
  'http://purl.org/dc/terms/',
  'http://www.w3.org/2001/XMLSchema-instance',
  'http://www.w3.org/XML/1998/namespace',
]);

const PML_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.';
/** Content type -> the root element (namespace, local name) such a part has. */
const ROOTS = new Map<string, readonly [string, string]>([
  ['application/vnd.openxmlformats-package.relationships+xml', [NS.rels, 'Relationships']],
  ['application/vnd.openxmlformats-package.core-properties+xml', [NS.core, 'coreProperties']],
  ['application/vnd.openxmlformats-officedocument.extended-properties+xml', [NS.app, 'Properties']],
  ['application/vnd.openxmlformats-officedocument.theme+xml', [NS.dml, 'theme']],
  ['application/vnd.openxmlformats-officedocument.drawingml.chart+xml', [NS.chart, 'chartSpace']],
  [`${PML_TYPE}presentation.main+xml`, [NS.pml, 'presentation']],
  [`${PML_TYPE}slide+xml`, [NS.pml, 'sld']],
  [`${PML_TYPE}slideLayout+xml`, [NS.pml, 'sldLayout']],
  [`${PML_TYPE}slideMaster+xml`, [NS.pml, 'sldMaster']],
  [`${PML_TYPE}notesSlide+xml`, [NS.pml, 'notes']],
  [`${PML_TYPE}notesMaster+xml`, [NS.pml, 'notesMaster']],
  [`${PML_TYPE}handoutMaster+xml`, [NS.pml, 'handoutMaster']],
  [`${PML_TYPE}presProps+xml`, [NS.pml, 'presentationPr']],
  [`${PML_TYPE}viewProps+xml`, [NS.pml, 'viewPr']],
  [`${PML_TYPE}commentAuthors+xml`, [NS.pml, 'cmAuthorLst']],
  [`${PML_TYPE}comments+xml`, [NS.pml, 'cmLst']],
  [`${PML_TYPE}tags+xml`, [NS.pml, 'tagLst']],
  [`${PML_TYPE}tableStyles+xml`, [NS.dml, 'tblStyleLst']],
]);

const SCHEMA_DIR = join(REPO, 'schema/ooxml-xsd');

let schemaFiles: { main: XMLFileInfo; preload: XMLFileInfo[] } | undefined;
function schemas(): { main: XMLFileInfo; preload: XMLFileInfo[] } {
  if (!schemaFiles) {
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.xsd') ? [join(dir, f)] : []));
    // Paths as the imports see them: every schemaLocation is relative to its own file.
    const files = walk(SCHEMA_DIR).map((f) => ({ fileName: `ooxml-xsd/${relative(SCHEMA_DIR, f)}`, contents: readFileSync(f, 'utf8') }));
    const main = files.find((f) => f.fileName === 'ooxml-xsd/local/all-parts.xsd');
    if (!main) throw new Error(`${SCHEMA_DIR}/local/all-parts.xsd is missing`);
    schemaFiles = { main, preload: files.filter((f) => f !== main) };
  }
  return schemaFiles;
}

/** One part's text as validated, and what was learnt from reading it; kept by content hash. */
interface Prepared {
  /** The text libxml2 validates: the part itself, or its markup-compatibility reading. */
  text: string;
  /** sha1 of `text`: the key of its verdict. */
  hash: string;
  /** `{namespace}local` of the root element, '' if the part does not parse. */
  root: string;
  /** Names of shapes without a text body. */
  bareShapes: string[];
  /** Problems found before validation (not well-formed, mc:MustUnderstand not understood). */
  errors: string[];
}

const prepared = new Map<string, Prepared>();
/** libxml2's errors by content hash of the validated text; empty when valid. */
const verdicts = new Map<string, string[]>();
/** Counters for the tests' printed figures. */
export const schemaStats = { xmllintRuns: 0, partsSentToXmllint: 0 };

/** Validates one deck; see {@link validateDecks}. */
export async function validateDeck(bytes: Uint8Array): Promise<DeckValidation> {
  return (await validateDecks([bytes]))[0]!;
}

/**
 * Validates every XML part of every deck, sending xmllint only the parts not seen before in
 * this process, in as few runs as fit. A part whose content type has no schema here counts
 * as invalid, so nothing goes unvalidated silently.
 */
export async function validateDecks(decks: readonly Uint8Array[]): Promise<DeckValidation[]> {
  const read = decks.map(readDeck);
  const pending = new Map<string, string>();
  const fresh = read.map((deck) => {
    let n = 0;
    for (const part of deck) {
      if (!part.hash || verdicts.has(part.hash) || pending.has(part.hash)) continue;
      pending.set(part.hash, part.prepared.text);
      n++;
    }
    return n;
  });
  if (pending.size > 0) await runXmllint(pending);
  return read.map((deck, i) => {
    const result: DeckValidation = { parts: deck.length, newParts: fresh[i]!, invalid: [], shapesWithoutTxBody: [] };
    for (const part of deck) {
      const errors = [...part.problems, ...part.prepared.errors, ...(part.hash ? verdicts.get(part.hash) ?? [] : [])];
      if (errors.length) result.invalid.push({ part: part.name, errors });
      result.shapesWithoutTxBody.push(...part.prepared.bareShapes.map((s) => `${part.name}: ${s}`));
    }
    return result;
  });
}

interface ReadPart {
  name: string;
  hash: string;
  prepared: Prepared;
  /** Mismatches with the content type, or no schema for it. */
  problems: string[];
}

function readDeck(bytes: Uint8Array): ReadPart[] {
  const files = unzipSync(bytes);
  const xmlNames = Object.keys(files).filter((n) => /\.(xml|rels)$/i.test(n));
  const types = contentTypes(files['[Content_Types].xml'] ? strFromU8(files['[Content_Types].xml']) : '');
  return xmlNames.map((name) => {
    const text = strFromU8(files[name]!);
    const hash = createHash('sha1').update(text).digest('hex');
    let prep = prepared.get(hash);
    if (!prep) {
      prep = prepare(text);
      prepared.set(hash, prep);
    }
    const problems: string[] = [];
    const type = name === '[Content_Types].xml' ? 'content types' : types(name);
    const want = name === '[Content_Types].xml' ? ([NS.types, 'Types'] as const) : ROOTS.get(type ?? '');
    if (!want) problems.push(`no schema for content type ${type ?? '(none)'}`);
    else if (prep.root && prep.root !== `{${want[0]}}${want[1]}`) problems.push(`root element ${prep.root}, but content type ${type} needs {${want[0]}}${want[1]}`);
    return { name, hash: prep.errors.length ? '' : prep.hash, prepared: prep, problems };
  });
}

/** Part name -> content type, by Override, else by Default for the extension (case-insensitive, as OPC compares). */
function contentTypes(xml: string): (name: string) => string | undefined {
  const overrides = new Map<string, string>();
  const defaults = new Map<string, string>();
  const parser = new SaxesParser({ xmlns: true });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (tag.uri !== NS.types) return;
    const get = (a: string): string => tag.attributes[a]?.value ?? '';
    if (tag.local === 'Override') overrides.set(get('PartName').replace(/^\//, '').toLowerCase(), get('ContentType'));
    if (tag.local === 'Default') defaults.set(get('Extension').toLowerCase(), get('ContentType'));
  });
  if (xml) parser.write(xml).close();
  return (name) => overrides.get(name.toLowerCase()) ?? defaults.get(/\.([^./]+)$/.exec(name)?.[1]?.toLowerCase() ?? '');
}

/** An element open during the markup-compatibility reading. */
interface Frame {
  /** This element is written out (not dropped, not unwrapped). */
  emit: boolean;
  /** Dropping this element and everything in it. */
  skip: boolean;
  /** Namespace URIs declared ignorable here or above. */
  ignorable: ReadonlySet<string>;
  /** Elements (`{uri}local`) whose content is processed when the element itself is ignored. */
  processContent: ReadonlySet<string>;
  /** Namespace declarations of unwrapped elements, still owed to the next written element below. */
  owed: Readonly<Record<string, string>>;
  /** mc:AlternateContent: a branch has been taken. */
  chosen: boolean;
  uri: string;
  local: string;
  name: string;
}

const NO_NAMES: ReadonlySet<string> = new Set();

/** Finds `<p:sp>` elements without a `<p:txBody>` child among the elements it is shown. */
class ShapeCheck {
  readonly bare: string[] = [];
  private depth = 0;
  private readonly shapes: Array<{ depth: number; hasTxBody: boolean; name: string }> = [];

  open(tag: SaxesTagNS): void {
    this.depth++;
    const sp = this.shapes[this.shapes.length - 1];
    if (tag.uri !== NS.pml) return;
    if (tag.local === 'sp') this.shapes.push({ depth: this.depth, hasTxBody: false, name: '' });
    else if (sp && tag.local === 'txBody' && sp.depth === this.depth - 1) sp.hasTxBody = true;
    else if (sp && tag.local === 'cNvPr' && !sp.name) sp.name = `"${tag.attributes.name?.value ?? ''}" (id ${tag.attributes.id?.value ?? '?'})`;
  }

  close(): void {
    const sp = this.shapes[this.shapes.length - 1];
    if (sp?.depth === this.depth) {
      this.shapes.pop();
      if (!sp.hasTxBody) this.bare.push(sp.name || '(unnamed)');
    }
    this.depth--;
  }
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
const escapeAttr = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

/**
 * Reads a part once: its root element, its shapes without a text body, and, if it uses
 * markup compatibility, the text an mc:Ignorable-aware consumer would see.
 */
function prepare(text: string): Prepared {
  const errors: string[] = [];
  const shapes = new ShapeCheck();
  let root = '';
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (e) => {
    if (errors.length === 0) errors.push(`not well-formed: ${e.message}`);
  });
  const mce = text.includes(NS.mc) ? new CompatibilityReader(parser, shapes, errors) : undefined;
  parser.on('opentag', (tag: SaxesTagNS) => {
    root ||= `{${tag.uri}}${tag.local}`;
    if (mce) mce.open(tag);
    else shapes.open(tag);
  });
  parser.on('closetag', () => {
    if (mce) mce.close();
    else shapes.close();
  });
  if (mce) parser.on('text', (t) => mce.text(t));
  try {
    parser.write(text).close();
  } catch (e) {
    if (errors.length === 0) errors.push(`not well-formed: ${(e as Error).message}`);
  }
  const validated = mce ? `<?xml version="1.0" encoding="UTF-8"?>${mce.out}` : text;
  return { text: validated, hash: createHash('sha1').update(validated).digest('hex'), root, bareShapes: shapes.bare, errors };
}

/** ECMA-376 Part 3 processing of a part that uses markup compatibility, writing what remains. */
class CompatibilityReader {
  out = '';
  private readonly stack: Frame[] = [];

  constructor(private readonly parser: SaxesParser<{ xmlns: true }>, private readonly shapes: ShapeCheck, private readonly errors: string[]) {}

  /** Namespace URIs of space-separated prefixes; saxes resolves against this tag's declarations, then its ancestors'. */
  private resolve(prefixes: string | undefined): string[] {
    return (prefixes ?? '').split(/\s+/).filter(Boolean).map((p) => this.parser.resolve(p) ?? `unbound:${p}`);
  }

  open(tag: SaxesTagNS): void {
    const parent = this.stack[this.stack.length - 1];
    const mcAttr = (local: string): string | undefined => Object.values(tag.attributes).find((a) => a.uri === NS.mc && a.local === local)?.value;
    let ignorable = parent?.ignorable ?? NO_NAMES;
    let processContent = parent?.processContent ?? NO_NAMES;
    const ignored = this.resolve(mcAttr('Ignorable'));
    if (ignored.length) ignorable = new Set([...ignorable, ...ignored]);
    const processed = (mcAttr('ProcessContent') ?? '').split(/\s+/).filter(Boolean);
    if (processed.length) {
      processContent = new Set([...processContent, ...processed.map((q) => {
        const [prefix, local] = q.includes(':') ? q.split(':') : ['', q];
        return `{${this.parser.resolve(prefix!) ?? ''}}${local}`;
      })]);
    }
    for (const uri of this.resolve(mcAttr('MustUnderstand'))) {
      if (!UNDERSTOOD.has(uri)) this.errors.push(`mc:MustUnderstand names ${uri}, which these schemas do not define`);
    }
    const frame: Frame = { emit: false, skip: parent?.skip ?? false, ignorable, processContent, owed: {}, chosen: false, uri: tag.uri, local: tag.local, name: tag.name };
    const unwrap = (): void => {
      const own = Object.entries(tag.attributes).filter(([, a]) => a.prefix === 'xmlns' || a.name === 'xmlns');
      frame.owed = { ...parent?.owed, ...Object.fromEntries(own.map(([k, a]) => [k, a.value])) };
    };
    if (!frame.skip) {
      const inAlternate = parent?.uri === NS.mc && parent.local === 'AlternateContent';
      if (tag.uri === NS.mc && tag.local === 'AlternateContent') {
        unwrap();
      } else if (tag.uri === NS.mc && inAlternate && (tag.local === 'Choice' || tag.local === 'Fallback')) {
        const understood = tag.local === 'Fallback' || this.resolve(tag.attributes.Requires?.value).every((u) => UNDERSTOOD.has(u));
        if (parent.chosen || !understood) {
          frame.skip = true;
        } else {
          parent.chosen = true;
          unwrap();
        }
      } else if (!UNDERSTOOD.has(tag.uri) && ignorable.has(tag.uri)) {
        if (processContent.has(`{${tag.uri}}${tag.local}`)) unwrap();
        else frame.skip = true;
      } else {
        frame.emit = true;
      }
    }
    if (frame.emit) {
      const attrs: Record<string, string> = { ...parent?.owed };
      for (const [k, a] of Object.entries(tag.attributes)) {
        const dropped = a.uri === NS.mc || (a.uri !== '' && a.prefix !== 'xmlns' && !UNDERSTOOD.has(a.uri) && ignorable.has(a.uri));
        if (!dropped) attrs[k] = a.value;
      }
      this.out += `<${tag.name}${Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('')}>`;
      this.shapes.open(tag);
    }
    this.stack.push(frame);
  }

  text(t: string): void {
    const top = this.stack[this.stack.length - 1];
    if (top && !top.skip) this.out += escapeText(t);
  }

  close(): void {
    const frame = this.stack.pop()!;
    if (!frame.emit) return;
    this.out += `</${frame.name}>`;
    this.shapes.close();
  }
}

/**
 * Files per xmllint run. xmllint-wasm passes every file name as an argument on a small
 * WebAssembly stack: long hash names overflowed it at 3,000 files, and with short names a run
 * of 3,000 deck parts never returned (2,600 did). Half of that leaves a margin; each run
 * costs about 0.7 s of CPU to compile the schemas.
 */
const FILES_PER_RUN = 1500;

/** Validates `texts` (by content hash) in as few xmllint runs as fit; records each one's errors in {@link verdicts}. */
async function runXmllint(texts: Map<string, string>): Promise<void> {
  const { main, preload } = schemas();
  const all = [...texts];
  for (let start = 0; start < all.length; start += FILES_PER_RUN) {
    const chunk = all.slice(start, start + FILES_PER_RUN);
    // Short names keep the argument list small; the index maps libxml2's messages back.
    const xml = chunk.map(([, contents], i) => ({ fileName: `${i.toString(36)}.xml`, contents }));
    schemaStats.xmllintRuns += 1;
    schemaStats.partsSentToXmllint += xml.length;
    const result = await validateXML({ xml, schema: [main], preload, maxMemoryPages: 16384 });
    const errors = chunk.map((): string[] => []);
    let placed = 0;
    for (const e of result.errors) {
      const i = e.loc ? parseInt(e.loc.fileName.replace(/\.xml$/, ''), 36) : NaN;
      if (!errors[i]) continue;
      errors[i]!.push(e.message.replace(/^.*?Schemas validity error : /, ''));
      placed++;
    }
    if (!result.valid && placed === 0) throw new Error(`xmllint failed without naming a part:\n${result.rawOutput.slice(0, 2000)}`);
    chunk.forEach(([hash], i) => verdicts.set(hash, errors[i]!));
  }
}
