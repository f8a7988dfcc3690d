/**
 * A small mutable XML tree that the package fixes edit: parsed with saxes, a strict,
 * conforming XML 1.0 parser (the plain XML pptxgenjs writes by a faster subset reader that
 * gives the same tree, xmlSubset.ts), and written back with the minimal escaping that keeps every
 * decoded value. A part that is not well-formed, or not namespace-well-formed, does not
 * parse, so no fix ever rewrites a broken part; it goes to the verifier as it was.
 *
 * Why a tree and not a token stream: several fixes need what comes later in the part
 * (the last child of a shape, every axis a chart defines, the largest shape id), and the
 * trees of a 20-slide deck are a few thousand small objects.
 */
import { SaxesParser, type EventNameToHandler } from 'saxes';
import { parseXmlSubset, ROOT_SCOPE } from './xmlSubset.ts';

/** An element; `name` is the qualified name as written, `uri` its resolved namespace. */
export interface XmlElement {
  kind: 'element';
  name: string;
  /** Namespace URI ('' for none). */
  uri: string;
  local: string;
  /** Attributes by qualified name, in document order, values decoded (namespace declarations included). */
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Prefix -> namespace URI in scope here (own properties are this element's declarations). */
  scope: Scope;
}

/** Character data, decoded (CDATA sections become text: same information set). */
export interface XmlText {
  kind: 'text';
  text: string;
}

export interface XmlComment {
  kind: 'comment';
  text: string;
}

export interface XmlInstruction {
  kind: 'pi';
  target: string;
  body: string;
}

export type XmlNode = XmlElement | XmlText | XmlComment | XmlInstruction;

/** A parsed part: its XML declaration (if any), the top-level nodes and the root element among them. */
export interface XmlDocument {
  decl?: { version: string; encoding?: string; standalone?: string };
  children: XmlNode[];
  root: XmlElement;
}

type Scope = Record<string, string>;

type Options = { xmlns: false; position: false };
/** What parseXml listens to, by saxes event name. */
interface TreeHandlers {
  error: (e: Error) => void;
  xmldecl: EventNameToHandler<Options, 'xmldecl'>;
  doctype: EventNameToHandler<Options, 'doctype'>;
  text: EventNameToHandler<Options, 'text'>;
  cdata: EventNameToHandler<Options, 'cdata'>;
  comment: EventNameToHandler<Options, 'comment'>;
  processinginstruction: EventNameToHandler<Options, 'processinginstruction'>;
  opentag: EventNameToHandler<Options, 'opentag'>;
  closetag: EventNameToHandler<Options, 'closetag'>;
}
type Parser = SaxesParser<Options>;
const OPTIONS: Options = { xmlns: false, position: false };

/**
 * A saxes parser with parseXml's handlers in fields it is constructed with. saxes keeps each
 * handler that `on()` is given in a property added by computed name, and V8 turns an object that
 * gains eight properties that way into a dictionary: every read of the parser's own state in its
 * loop over the characters is then a hash lookup. With the nine handlers a tree needs, a deck's
 * parts parsed about five times slower (27 ms instead of 5 for 300 KB). Declared as fields, the
 * handlers leave the parser a fast object. The fields must be the properties saxes calls, which
 * are not part of its API: checked once against what `on()` sets, and `on()` is used if not.
 */
const FieldParser = class extends (SaxesParser as unknown as new (opt: Options) => object) {
  errorHandler: unknown = undefined;
  xmldeclHandler: unknown = undefined;
  doctypeHandler: unknown = undefined;
  textHandler: unknown = undefined;
  cdataHandler: unknown = undefined;
  commentHandler: unknown = undefined;
  piHandler: unknown = undefined;
  openTagHandler: unknown = undefined;
  closeTagHandler: unknown = undefined;
  constructor(h: TreeHandlers) {
    super(OPTIONS);
    this.errorHandler = h.error;
    this.xmldeclHandler = h.xmldecl;
    this.doctypeHandler = h.doctype;
    this.textHandler = h.text;
    this.cdataHandler = h.cdata;
    this.commentHandler = h.comment;
    this.piHandler = h.processinginstruction;
    this.openTagHandler = h.opentag;
    this.closeTagHandler = h.closetag;
  }
};

const EVENTS = ['error', 'xmldecl', 'doctype', 'text', 'cdata', 'comment', 'processinginstruction', 'opentag', 'closetag'] as const;
/** Whether FieldParser's fields are the properties saxes's `on()` sets for each event. */
const fieldsMatch = (() => {
  const marks = Object.fromEntries(EVENTS.map((e) => [e, () => e])) as unknown as TreeHandlers;
  const byOn = new SaxesParser(OPTIONS) as unknown as Record<string, unknown>;
  for (const e of EVENTS) (byOn as unknown as Parser).on(e, marks[e] as never);
  const byFields = new FieldParser(marks) as unknown as Record<string, unknown>;
  const handlerKeys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => EVENTS.some((e) => o[k] === marks[e])).sort();
  const keys = handlerKeys(byFields);
  return keys.length === EVENTS.length && keys.every((k) => byOn[k] === byFields[k]) && handlerKeys(byOn).join() === keys.join();
})();

/** For the tests: whether parseXml runs on the fast parser (false: saxes changed, and on() is used). */
export const FAST_TREE_PARSER = fieldsMatch;

function treeParser(h: TreeHandlers): Parser {
  if (fieldsMatch) return new FieldParser(h) as unknown as Parser;
  const parser = new SaxesParser(OPTIONS);
  for (const e of EVENTS) parser.on(e, h[e] as never);
  return parser;
}

/**
 * Parses `xml`; throws when it is not well-formed or uses an unbound prefix. A DOCTYPE is
 * refused too: OPC forbids DTDs in parts (ECMA-376 Part 2, 8.1.4), and an entity defined
 * there could not be written back. The plain XML pptxgenjs writes is read by xmlSubset.ts,
 * faster; whatever that does not read with certainty goes to saxes.
 */
export function parseXml(xml: string): XmlDocument {
  return parseXmlSubset(xml) ?? parseXmlWithSaxes(xml);
}

/** parseXml by saxes alone: the reference the subset reader is tested against. */
export function parseXmlWithSaxes(xml: string): XmlDocument {
  const top: XmlNode[] = [];
  const stack: XmlElement[] = [];
  let doc: Partial<XmlDocument> = {};
  let failure: Error | undefined;
  const add = (node: XmlNode): void => {
    (stack.length ? stack[stack.length - 1]!.children : top).push(node);
  };
  const parser = treeParser({
    error: (e) => {
      failure ??= e;
    },
    xmldecl: (d) => {
      doc.decl = { version: d.version ?? '1.0', ...(d.encoding ? { encoding: d.encoding } : {}), ...(d.standalone ? { standalone: d.standalone } : {}) };
    },
    doctype: () => {
      failure ??= new Error('DOCTYPE in a package part');
    },
    text: (text) => add({ kind: 'text', text }),
    cdata: (text) => add({ kind: 'text', text }),
    comment: (text) => add({ kind: 'comment', text }),
    processinginstruction: (pi) => add({ kind: 'pi', target: pi.target, body: pi.body }),
    opentag: (tag) => {
      const attrs = tag.attributes as Record<string, string>;
      const outer = stack.length ? stack[stack.length - 1]!.scope : ROOT_SCOPE;
      let scope = outer;
      for (const key in attrs) {
        if (key !== 'xmlns' && !key.startsWith('xmlns:')) continue;
        if (scope === outer) scope = Object.create(outer) as Scope;
        scope[key === 'xmlns' ? '' : key.slice(6)] = attrs[key]!;
      }
      const colon = tag.name.indexOf(':');
      const uri = scope[colon < 0 ? '' : tag.name.slice(0, colon)];
      if (uri === undefined) failure ??= new Error(`unbound namespace prefix in <${tag.name}>`);
      const el: XmlElement = { kind: 'element', name: tag.name, uri: uri ?? '', local: colon < 0 ? tag.name : tag.name.slice(colon + 1), attrs, children: [], scope };
      add(el);
      if (!stack.length) doc.root = el;
      stack.push(el);
    },
    closetag: () => {
      stack.pop();
    },
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    failure ??= e instanceof Error ? e : new Error(String(e));
  }
  if (failure) throw failure;
  if (!doc.root) throw new Error('no root element');
  doc.children = top;
  return doc as XmlDocument;
}

const TEXT_SPECIAL = /[&<>\r]/;
const ATTR_SPECIAL = /[&<"\t\n\r]/;
/** Text as serialiseXml writes it (render/slideXml.ts writes parts in the same form). */
export const escapeText = (s: string): string =>
  TEXT_SPECIAL.test(s) ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;') : s;
// Tabs and line ends are escaped because a parser normalises raw ones in attribute values to spaces.
export const escapeAttr = (s: string): string =>
  ATTR_SPECIAL.test(s)
    ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;')
    : s;

/** Writes `doc` back to text that parses to the same tree. */
export function serialiseXml(doc: XmlDocument): string {
  let out = '';
  if (doc.decl) {
    const d = doc.decl;
    out += `<?xml version="${d.version}"${d.encoding ? ` encoding="${d.encoding}"` : ''}${d.standalone ? ` standalone="${d.standalone}"` : ''}?>`;
  }
  const write = (node: XmlNode): void => {
    switch (node.kind) {
      case 'text':
        out += escapeText(node.text);
        return;
      case 'comment':
        out += `<!--${node.text}-->`;
        return;
      case 'pi':
        out += `<?${node.target}${node.body ? ` ${node.body}` : ''}?>`;
        return;
      case 'element': {
        out += `<${node.name}`;
        for (const key in node.attrs) out += ` ${key}="${escapeAttr(node.attrs[key]!)}"`;
        if (node.children.length === 0) {
          out += '/>';
          return;
        }
        out += '>';
        const children = node.children;
        for (let i = 0; i < children.length; i++) write(children[i]!);
        out += `</${node.name}>`;
        return;
      }
    }
  };
  for (const node of doc.children) write(node);
  return out;
}

/**
 * Calls `visit` on `root` and every element below it, parents before children. The package stage
 * walks every element of a deck this way, mostly in a cold process, where V8's interpreter makes
 * an iterator result object for each step of a for-of: indexed loops make none (about 1 MB less
 * garbage per walk of the shipped brief's deck), here and in the tree's other walks.
 */
export function walkElements(root: XmlElement, visit: (el: XmlElement) => void): void {
  visit(root);
  const children = root.children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.kind === 'element') walkElements(child, visit);
  }
}

/** The element children of `el`. */
export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === 'element');
}

/** True when `el` is `local` in namespace `uri`. */
export function isElement(el: XmlNode, uri: string, local: string): el is XmlElement {
  return el.kind === 'element' && el.local === local && el.uri === uri;
}

/**
 * A prefix bound to `uri` where `el` is, declaring one on `el` when there is none:
 * `preferred`, or `preferred` plus a number if that is taken. Never the default namespace,
 * so the prefix serves attributes too.
 */
export function bindPrefix(el: XmlElement, uri: string, preferred: string): string {
  for (const p in el.scope) if (p !== '' && el.scope[p] === uri) return p;
  let prefix = preferred;
  for (let n = 1; el.scope[prefix] !== undefined; n++) prefix = `${preferred}${n}`;
  el.attrs[`xmlns:${prefix}`] = uri;
  el.scope = Object.assign(Object.create(el.scope) as Scope, { [prefix]: uri });
  return prefix;
}

/**
 * A new element in namespace `uri`, to be placed under `parent` (build subtrees top down, so
 * each child sees its parent's scope), named with a prefix from {@link bindPrefix}.
 */
export function createElement(parent: XmlElement, uri: string, local: string, preferred: string, attrs: Record<string, string> = {}): XmlElement {
  const el: XmlElement = { kind: 'element', name: local, uri, local, attrs: {}, children: [], scope: parent.scope };
  el.name = `${bindPrefix(el, uri, preferred)}:${local}`;
  Object.assign(el.attrs, attrs);
  return el;
}
