/**
 * A fast reading of the plain XML that pptxgenjs writes, into the tree xmlTree.ts defines: an
 * optional XML declaration, elements with ASCII names, attributes in double or single quotes,
 * character data with the five predefined entities and character references, and whitespace
 * around the root, with line ends normalised as XML says. Anything else (a comment, a processing
 * instruction, CDATA, a DOCTYPE, a name beyond ASCII, an invalid character, a reference that is
 * not one of those, a repeated attribute, an unbound prefix, a mismatched end tag: anything at
 * all it does not read with certainty) makes it give up and return undefined, and parseXml hands
 * the part to saxes, which either reads it (the same tree) or says what is wrong with it.
 *
 * Why by hand, beside saxes: saxes is a conforming parser that steps through the text one
 * character at a time in JavaScript, which a cold process runs in V8's interpreter: 35-40 ms
 * for the 420 KB of XML in the shipped brief's deck, a tenth of a cold build. Here the scanning
 * is done by regular expressions and indexOf, which run as compiled code from the first call:
 * about half that cold, and a little faster warm. Every part of every test deck must give the
 * very tree saxes gives (test/package/xmlSubset.test.ts), and every malformed input must be
 * given up on, so saxes stays the one judge of what is well-formed.
 */
import type { XmlDocument, XmlElement, XmlNode } from './xmlTree.ts';

type Scope = Record<string, string>;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** The prefixes bound before any declaration. Not frozen: a read-only inherited property would make assigning a shadowing one throw. */
export const ROOT_SCOPE: Scope = Object.assign(Object.create(null) as Scope, { xml: XML_NS, '': '' });

/** A qualified name in ASCII: a subset of XML's Name production, with at most one colon, not at either end. */
const NAME = '[A-Za-z_][A-Za-z0-9._-]*(?::[A-Za-z_][A-Za-z0-9._-]*)?';
const S = '[ \\t\\n]';
const DECL = new RegExp(
  `<\\?xml${S}+version${S}*=${S}*(?:"1\\.0"|'1\\.0')(?:${S}+encoding${S}*=${S}*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)'))?(?:${S}+standalone${S}*=${S}*(?:"(yes|no)"|'(yes|no)'))?${S}*\\?>`,
  'y',
);
const OPEN = new RegExp(`<(${NAME})`, 'y');
const ATTRIBUTE = new RegExp(`${S}+(${NAME})${S}*=${S}*(?:"([^"<]*)"|'([^'<]*)')`, 'y');
const TAG_END = new RegExp(`${S}*(/?)>`, 'y');
const CLOSE = new RegExp(`</(${NAME})${S}*>`, 'y');
const WHITESPACE = /^[ \t\n]*$/;
/** A character XML does not allow (no carriage return is left once line ends are normalised). */
const NOT_CHAR = /[^\t\n\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const REFERENCE = /&(?:(lt|gt|amp|quot|apos)|#([0-9]{1,7})|#x([0-9a-fA-F]{1,6}));/g;
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Thrown inside, caught at the top: this input is for saxes. */
const GIVE_UP = Symbol('give up');

const isXmlChar = (n: number) => n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);

/** Character data or an attribute value with its references replaced; gives up on anything doubtful. */
function decode(raw: string): string {
  if (NOT_CHAR.test(raw)) throw GIVE_UP;
  if (!raw.includes('&')) return raw;
  let references = 0;
  const text = raw.replace(REFERENCE, (_, name: string | undefined, dec: string | undefined, hex: string | undefined) => {
    references++;
    if (name) return PREDEFINED[name]!;
    const code = dec ? Number(dec) : parseInt(hex!, 16);
    if (!isXmlChar(code)) throw GIVE_UP;
    return String.fromCodePoint(code);
  });
  // An ampersand that began no reference is not well-formed.
  let ampersands = 0;
  for (let i = raw.indexOf('&'); i >= 0; i = raw.indexOf('&', i + 1)) ampersands++;
  if (ampersands !== references) throw GIVE_UP;
  return text;
}

/** The tree of `xml` if it keeps to the subset this reads, else undefined (then ask saxes). */
export function parseXmlSubset(xml: string): XmlDocument | undefined {
  try {
    return read(xml);
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

function read(text: string): XmlDocument {
  // End-of-line handling (XML 1.0, 2.11) comes before all else: CR LF and a lone CR read as LF,
  // in character data and attribute values alike (a reference &#13; is decoded later, and stays).
  const xml = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  const top: XmlNode[] = [];
  const stack: XmlElement[] = [];
  const doc: Partial<XmlDocument> = {};
  let pos = 0;
  if (xml.startsWith('<?xml')) {
    DECL.lastIndex = 0;
    const m = DECL.exec(xml);
    if (!m) throw GIVE_UP;
    const encoding = m[1] ?? m[2];
    const standalone = m[3] ?? m[4];
    doc.decl = { version: '1.0', ...(encoding ? { encoding } : {}), ...(standalone ? { standalone } : {}) };
    pos = DECL.lastIndex;
  }
  let parent: XmlElement | undefined;
  while (pos < xml.length) {
    const lt = xml.indexOf('<', pos);
    const end = lt < 0 ? xml.length : lt;
    if (end > pos) {
      const raw = xml.slice(pos, end);
      if (raw.includes(']]>')) throw GIVE_UP;
      // Outside the root only whitespace may stand; saxes reports it as text all the same.
      if (!parent && !WHITESPACE.test(raw)) throw GIVE_UP;
      (parent ? parent.children : top).push({ kind: 'text', text: decode(raw) });
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 0x2f /* / */) {
      CLOSE.lastIndex = lt;
      const m = CLOSE.exec(xml);
      if (!m || !parent || m[1] !== parent.name) throw GIVE_UP;
      stack.pop();
      parent = stack[stack.length - 1];
      pos = CLOSE.lastIndex;
      continue;
    }
    OPEN.lastIndex = lt;
    const m = OPEN.exec(xml);
    // A comment, a processing instruction, CDATA, a DOCTYPE, a name beyond ASCII, a second root.
    if (!m || (!parent && doc.root)) throw GIVE_UP;
    const name = m[1]!;
    // Without a prototype, as saxes makes them.
    const attrs = Object.create(null) as Record<string, string>;
    const outer = parent ? parent.scope : ROOT_SCOPE;
    let scope = outer;
    let at = OPEN.lastIndex;
    for (;;) {
      ATTRIBUTE.lastIndex = at;
      const a = ATTRIBUTE.exec(xml);
      if (!a) break;
      const key = a[1]!;
      if (attrs[key] !== undefined) throw GIVE_UP;
      let raw = a[2] ?? a[3]!;
      // Attribute-value normalisation: a literal tab or line end reads as a space.
      if (raw.includes('\t') || raw.includes('\n')) raw = raw.replace(/[\t\n]/g, ' ');
      const value = decode(raw);
      attrs[key] = value;
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        if (scope === outer) scope = Object.create(outer) as Scope;
        scope[key === 'xmlns' ? '' : key.slice(6)] = value;
      }
      at = ATTRIBUTE.lastIndex;
    }
    TAG_END.lastIndex = at;
    const close = TAG_END.exec(xml);
    if (!close) throw GIVE_UP;
    pos = TAG_END.lastIndex;
    const colon = name.indexOf(':');
    const uri = scope[colon < 0 ? '' : name.slice(0, colon)];
    if (uri === undefined) throw GIVE_UP;
    const el: XmlElement = { kind: 'element', name, uri, local: colon < 0 ? name : name.slice(colon + 1), attrs, children: [], scope };
    (parent ? parent.children : top).push(el);
    if (!parent) doc.root = el;
    if (close[1] !== '/') {
      stack.push(el);
      parent = el;
    }
  }
  if (stack.length || !doc.root) throw GIVE_UP;
  doc.children = top;
  return doc as XmlDocument;
}
