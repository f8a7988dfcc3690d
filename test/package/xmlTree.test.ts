import { describe, expect, it } from 'vitest';
import { bindPrefix, createElement, FAST_TREE_PARSER, parseXml, serialiseXml } from '../../src/package/xmlTree.ts';

const roundTrip = (xml: string): string => serialiseXml(parseXml(xml));

describe('parseXml and serialiseXml', () => {
  it('keep the declaration, top-level nodes, attribute order, comments and instructions', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a z="1" y="2"><!-- c --><?pi body?><b/>t</a>\n';
    expect(roundTrip(xml)).toBe(xml);
  });

  it('write back every decoded value so that it parses to the same value', () => {
    const xml = '<a v="&lt;&amp;&quot;&#9;&#10;&#13;&apos;>">x &amp; &lt;y&gt; &#13;<![CDATA[<z>]]></a>';
    const out = roundTrip(xml);
    expect(out).toBe('<a v="&lt;&amp;&quot;&#9;&#10;&#13;\'>">x &amp; &lt;y&gt; &#13;&lt;z&gt;</a>');
    const again = parseXml(out).root;
    expect(again.attrs.v).toBe('<&"\t\n\r\'>');
    expect(again.children).toEqual([{ kind: 'text', text: 'x & <y> \r<z>' }]);
  });

  it('resolve namespaces, default and prefixed, with inner redeclarations', () => {
    const root = parseXml('<r xmlns="urn:d" xmlns:p="urn:p"><p:x><y xmlns="urn:e"/></p:x></r>').root;
    const x = root.children[0]!;
    if (x.kind !== 'element') throw new Error('not an element');
    expect([root.uri, x.uri, x.local]).toEqual(['urn:d', 'urn:p', 'x']);
    expect(x.children[0]).toMatchObject({ uri: 'urn:e', local: 'y' });
  });

  it('run on the parser whose handlers are fields, the properties saxes calls (else on() is used, about five times slower)', () => {
    expect(FAST_TREE_PARSER).toBe(true);
  });

  it('refuse malformed XML, unbound prefixes and DOCTYPEs, so no fix rewrites them', () => {
    expect(() => parseXml('<a><b></a>')).toThrow();
    expect(() => parseXml('<a>\u0001</a>')).toThrow();
    expect(() => parseXml('<q:a/>')).toThrow(/unbound namespace prefix/);
    expect(() => parseXml('<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>')).toThrow();
    expect(() => parseXml('')).toThrow();
  });
});

describe('createElement and bindPrefix', () => {
  it('reuse a prefix in scope, or declare one that does not clash', () => {
    const root = parseXml('<p:r xmlns:p="urn:p" xmlns:a="urn:other"/>').root;
    expect(createElement(root, 'urn:p', 'x', 'q').name).toBe('p:x');
    const declared = createElement(root, 'urn:a', 'y', 'a');
    expect(declared.name).toBe('a1:y');
    expect(declared.attrs).toEqual({ 'xmlns:a1': 'urn:a' });
    expect(createElement(declared, 'urn:a', 'z', 'a').name).toBe('a1:z');
    expect(bindPrefix(root, 'urn:p', 'x')).toBe('p');
  });
});
