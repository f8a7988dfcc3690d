/**
 * The package stage reads pptxgenjs's XML with a fast subset reader (src/package/xmlSubset.ts)
 * and hands everything else to saxes. That is sound only if the subset reader gives exactly the
 * tree saxes gives whenever it reads a text at all, and gives up on every text that is not
 * well-formed. Checked here on every XML part of every test deck, raw from pptxgenjs and as
 * packaged, on a table of edge cases, and on thousands of random corruptions of real parts.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderParts } from '../../src/render/index.ts';
import { parseXmlSubset } from '../../src/package/xmlSubset.ts';
import { parseXml, parseXmlWithSaxes, type XmlDocument, type XmlNode } from '../../src/package/xmlTree.ts';
import { isXmlPart, readParts } from '../../src/package/zip.ts';
import { DECKS, buildDeck } from '../render/decks.ts';

/** A tree as plain data: each element's scope as every prefix it resolves and the ones it declares, and whether attrs has a prototype. */
function plain(node: XmlNode): unknown {
  if (node.kind !== 'element') return node;
  const resolved: Record<string, string> = {};
  for (const p in node.scope) resolved[p] = node.scope[p]!;
  return {
    name: node.name,
    uri: node.uri,
    local: node.local,
    attrs: Object.entries(node.attrs),
    attrsPrototype: Object.getPrototypeOf(node.attrs),
    declares: Object.keys(node.scope),
    resolved,
    children: node.children.map(plain),
  };
}
const plainDoc = (doc: XmlDocument) => ({ decl: doc.decl, children: doc.children.map(plain), rootIndex: doc.children.indexOf(doc.root) });

/** What saxes makes of `xml`: its tree, or that it refuses it. */
function bySaxes(xml: string): unknown {
  try {
    return plainDoc(parseXmlWithSaxes(xml));
  } catch {
    return 'refused';
  }
}

/** A small deterministic generator (mulberry32), so a failure names a reproducible case. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const corpus: Array<{ where: string; xml: string }> = [];

describe('the XML subset reader', () => {
  it('reads every XML part of every test deck, raw from pptxgenjs and as packaged, into the tree saxes makes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-xmlsubset-'));
    for (const spec of DECKS) {
      const r = await buildDeck(spec, dir);
      expect(r.ok, spec.name).toBe(true);
      const raw = await renderParts(r.placed!);
      for (const [stage, parts] of [['raw', raw], ['packaged', readParts(r.pptx!)]] as const) {
        for (const [name, data] of parts) {
          if (!isXmlPart(name) || typeof data !== 'string') continue;
          const where = `${spec.name} ${stage} ${name}`;
          const fast = parseXmlSubset(data);
          expect(fast, `${where}: read by the subset`).toBeDefined();
          expect(plainDoc(fast!), where).toEqual(bySaxes(data));
          corpus.push({ where, xml: data });
        }
      }
    }
    expect(corpus.length).toBeGreaterThan(1000);
  }, 300_000);

  const within = [
    ['declaration, single quotes, whitespace around the root', "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<a b='1' c = \"2\" >x</a >\n"],
    ['the five entities and character references', '<a v="&lt;&gt;&amp;&quot;&apos;&#9;&#10;&#13;&#x1F600;">&lt;&amp;&gt;&#65;&#x42;&#x10FFFF;</a>'],
    ['literal tabs and line ends in an attribute read as spaces', '<a v="x\ty\nz\r\nw\rv"/>'],
    ['CR LF and a lone CR in text read as LF', '<?xml version="1.0"?>\r\n<a>x\r\ny\rz&#13;</a>\r\n'],
    ['an attribute named __proto__', '<a __proto__="x"/>'],
    ['a > in text and in an attribute', '<a v=">">1 > 0</a>'],
    ['namespaces declared, redeclared and undeclared', '<r xmlns="urn:d" xmlns:p="urn:p"><p:x xmlns:p="urn:q"><y xmlns=""/></p:x></r>'],
    ['astral characters, and characters just inside the ranges', '<a t="\u{1F600}">\uD7FF\uE000\uFFFD\u{10000}</a>'],
    ['empty and self-closing elements', '<a><b></b><c/><d\n/></a>'],
  ] as const;
  it.each(within)('reads %s as saxes does', (_, xml) => {
    const fast = parseXmlSubset(xml);
    expect(fast).toBeDefined();
    expect(plainDoc(fast!)).toEqual(bySaxes(xml));
  });

  const outside = [
    ['a comment', '<a><!-- c --></a>'],
    ['a processing instruction', '<a><?pi x?></a>'],
    ['CDATA', '<a><![CDATA[<x>]]></a>'],
    ['a name beyond ASCII', '<é/>'],
    ['a byte order mark', '\uFEFF<a/>'],
    ['an XML 1.1 declaration', '<?xml version="1.1"?><a/>'],
    ['a name with two colons', '<a:b:c xmlns:a="urn:a"/>'],
  ] as const;
  it.each(outside)('leaves %s to saxes, which reads it', (_, xml) => {
    expect(parseXmlSubset(xml)).toBeUndefined();
    expect(bySaxes(xml)).not.toBe('refused');
    expect(plainDoc(parseXml(xml))).toEqual(bySaxes(xml));
  });

  const malformed = [
    ['a mismatched end tag', '<a><b></a>'],
    ['an end tag naming another element', '<a><b></c></a>'],
    ['an unclosed element', '<a><b/>'],
    ['an end tag with no start', '<a/></b>'],
    ['two roots', '<a/><b/>'],
    ['text outside the root', 'x<a/>'],
    ['no root', '   '],
    ['nothing', ''],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['a bare ampersand', '<a>fish & chips</a>'],
    ['a bare ampersand in an attribute', '<a v="a&b"/>'],
    ['a reference to an invalid character', '<a>&#0;</a>'],
    ['a reference beyond Unicode', '<a>&#x110000;</a>'],
    ['a control character', '<a>\u0001</a>'],
    ['a lone surrogate', '<a>\uD800</a>'],
    ['a noncharacter', '<a>\uFFFE</a>'],
    ['a repeated attribute', '<a v="1" v="2"/>'],
    ['attributes with no space between', '<a v="1"w="2"/>'],
    ['an unquoted attribute', '<a v=1/>'],
    ['a < in an attribute', '<a v="<"/>'],
    [']]> in text', '<a>]]></a>'],
    ['an unbound prefix', '<q:a/>'],
    ['a DOCTYPE', '<!DOCTYPE a><a/>'],
    ['a declaration not at the start', ' <?xml version="1.0"?><a/>'],
  ] as const;
  it.each(malformed)('gives up on %s, which saxes refuses', (_, xml) => {
    expect(parseXmlSubset(xml)).toBeUndefined();
    expect(bySaxes(xml)).toBe('refused');
    expect(() => parseXml(xml)).toThrow();
  });

  it('never reads a corrupted part differently from saxes, nor reads one saxes refuses', () => {
    expect(corpus.length).toBeGreaterThan(0);
    const next = random(20261202);
    const pieces = ['<', '>', '/', '&', ';', '"', "'", '=', ' ', '\r', '\t', ':', 'a', '&amp;', '&#', '<!--', ']]>', '\u0001', '\uD800', 'é', '</a:b>', 'xmlns:q="urn:q"', 'q:'];
    let read = 0;
    let refused = 0;
    for (let n = 0; n < 4000; n++) {
      const { where, xml } = corpus[Math.floor(next() * corpus.length)]!;
      let text = xml;
      for (let k = 1 + Math.floor(next() * 3); k > 0; k--) {
        const at = Math.floor(next() * text.length);
        const op = next();
        if (op < 0.35) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(next() * 4));
        else if (op < 0.8) text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at);
        else text = text.slice(0, at) + text.charAt(at + 1) + text.charAt(at) + text.slice(at + 2);
      }
      const fast = parseXmlSubset(text);
      if (!fast) continue;
      const reference = bySaxes(text);
      if (reference === 'refused') refused++;
      expect(reference, `case ${n}, from ${where}: the subset read a text saxes refuses`).not.toBe('refused');
      expect(plainDoc(fast), `case ${n}, from ${where}`).toEqual(reference);
      read++;
    }
    expect(refused).toBe(0);
    // Most corruptions break the XML, but enough keep it well-formed for the comparison to mean something.
    expect(read).toBeGreaterThan(200);
  });
});
