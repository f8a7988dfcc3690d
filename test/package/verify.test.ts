import { beforeAll, describe, expect, it } from 'vitest';
import { packageDeck } from '../../src/package/index.ts';
import { verifyParts } from '../../src/package/verify.ts';
import { readParts, type Parts } from '../../src/package/zip.ts';
import { buildDeck } from './deck-fixture.ts';

let clean: Parts;
beforeAll(async () => {
  clean = readParts(packageDeck(await buildDeck(), { date: '2024-05-01', env: {} }).value!);
});

/** A copy of the clean deck with one part edited; `undefined` deletes the part. */
function edit(name: string, change: (xml: string) => string | Uint8Array | undefined): Parts {
  const parts: Parts = new Map(clean);
  const next = change(clean.get(name) as string);
  if (next === undefined) parts.delete(name);
  else parts.set(name, next);
  return parts;
}

function messages(parts: Parts): string[] {
  const out = verifyParts(parts);
  for (const d of out) expect(d).toMatchObject({ severity: 'error', code: 'E_PACKAGE' });
  return out.map((d) => d.message);
}

const SLIDE = 'ppt/slides/slide1.xml';

describe('verifyParts', () => {
  it('passes the packaged reference deck', () => {
    expect(messages(clean)).toEqual([]);
  });

  it('rejects a malformed XML part, naming it', () => {
    const out = messages(edit(SLIDE, (x) => x.replace('</p:cSld>', '')));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^ppt\/slides\/slide1\.xml: not well-formed XML: \d+:\d+: /);
  });

  it('rejects an XML-forbidden character in a slide', () => {
    const out = messages(edit(SLIDE, (x) => x.replace('Section 1', 'Section\u00011')));
    expect(out).toEqual([expect.stringMatching(/^ppt\/slides\/slide1\.xml: not well-formed XML: .*disallowed character/)]);
  });

  it('rejects an unbound namespace prefix', () => {
    const out = messages(edit(SLIDE, (x) => x.replace('<p:clrMapOvr>', '<p:clrMapOvr><q:x/>')));
    expect(out).toEqual([expect.stringMatching(/^ppt\/slides\/slide1\.xml: .*unbound namespace prefix: "q"/)]);
  });

  it('rejects an XML part that is not UTF-8', () => {
    const out = messages(edit(SLIDE, () => new Uint8Array([0x3c, 0x61, 0xff, 0x2f, 0x3e])));
    expect(out).toContain('ppt/slides/slide1.xml: not valid UTF-8 text');
  });

  it('rejects a dangling relationship', () => {
    const rels = 'ppt/slides/_rels/slide3.xml.rels';
    const out = messages(edit(rels, (x) => x.replace('../media/', '../missing/')));
    expect(out).toEqual([expect.stringMatching(/^ppt\/slides\/_rels\/slide3\.xml\.rels: relationship rId\d+ targets \.\.\/missing\/.*not in the package/)]);
  });

  it('resolves absolute and relative targets from the source folder', () => {
    // slide3 refers to its charts as /ppt/charts/chartN.xml and to media as ../media/...
    expect(clean.get('ppt/slides/_rels/slide3.xml.rels')).toMatch(/Target="\/ppt\/charts\/chart1\.xml"/);
    expect(clean.get('ppt/slides/_rels/slide3.xml.rels')).toMatch(/Target="\.\.\/media\//);
  });

  it('rejects a reference to a relationship the part does not have', () => {
    const out = messages(edit('ppt/slides/slide3.xml', (x) => x.replace('r:embed="rId3"', 'r:embed="rId99"')));
    expect(out).toEqual(['ppt/slides/slide3.xml: refers to relationship rId99, which its .rels does not define']);
  });

  it('rejects duplicate relationship ids', () => {
    const out = messages(edit('_rels/.rels', (x) => x.replace('Id="rId2"', 'Id="rId1"')));
    expect(out).toEqual(['_rels/.rels: duplicate relationship Id rId1']);
  });

  it('rejects an Override without a part', () => {
    const parts = edit('ppt/notesSlides/notesSlide2.xml', () => undefined);
    parts.delete('ppt/notesSlides/_rels/notesSlide2.xml.rels');
    const out = messages(parts);
    expect(out).toContain('[Content_Types].xml: repair trigger phantom-override: Override for /ppt/notesSlides/notesSlide2.xml, which is not in the package');
  });

  it('rejects a part without a content type', () => {
    const parts: Parts = new Map(clean);
    parts.set('ppt/media/extra.webp', new Uint8Array([1, 2, 3]));
    expect(messages(parts)).toEqual(['ppt/media/extra.webp: has no content type (no Override, no Default for its extension)']);
  });

  it('rejects duplicate shape ids within a slide', () => {
    const out = messages(edit('ppt/slides/slide2.xml', (x) => x.replace(/<p:cNvPr id="\d+" name="Shape 0"/, '<p:cNvPr id="3" name="Shape 0"')));
    expect(out).toEqual(['ppt/slides/slide2.xml: repair trigger duplicate-shape-id: <p:cNvPr id="3"> used by 2 shapes']);
  });

  it('rejects a non-finite value spelt with character references', () => {
    // The scan skips the values of a part whose text has none of the words: a reference can spell one.
    const out = messages(edit(SLIDE, (x) => x.replace('<a:off x="457200"', '<a:off x="&#78;aN"')));
    expect(out).toContain('ppt/slides/slide1.xml: repair trigger non-finite-attribute: <a:off> attribute x="NaN"');
  });

  it('rejects NaN, Infinity and undefined attribute values', () => {
    const out = messages(edit(SLIDE, (x) => x.replace('<a:off x="457200"', '<a:off x="NaN"').replace('lang="en-US"', 'lang="undefined"')));
    expect(out).toContain('ppt/slides/slide1.xml: repair trigger non-finite-attribute: <a:off> attribute x="NaN"');
    expect(out).toContain('ppt/slides/slide1.xml: repair trigger non-finite-attribute: <a:rPr> attribute lang="undefined"');
  });

  it('reports a background without an effect list', () => {
    const out = messages(edit(SLIDE, (x) => x.replace('<a:effectLst/></p:bgPr>', '</p:bgPr>')));
    expect(out).toEqual(['ppt/slides/slide1.xml: repair trigger bg-without-effect-list: <p:bgPr> without <a:effectLst/>']);
  });

  it('reports a shape without a text body, placeholder or not', () => {
    const bare = (x: string): string => x.replace(/<p:txBody>(?:(?!<\/p:txBody>)[\s\S])*<\/p:txBody>/, '');
    expect(messages(edit('ppt/slides/slide2.xml', bare))).toEqual(['ppt/slides/slide2.xml: repair trigger shape-without-txbody: <p:sp> without <p:txBody>']);
    const notes = 'ppt/notesSlides/notesSlide1.xml';
    expect(clean.get(notes)).toContain('<p:ph type="sldImg"/>');
    expect(messages(edit(notes, bare))).toEqual([`${notes}: repair trigger shape-without-txbody: <p:sp> without <p:txBody>`]);
  });

  it('reports paragraph properties that are not the first child of their paragraph', () => {
    const out = messages(edit(SLIDE, (x) => x.replace('</a:r><a:endParaRPr', '</a:r><a:pPr/><a:r><a:t>x</a:t></a:r><a:endParaRPr')));
    expect(out).toEqual(['ppt/slides/slide1.xml: repair trigger stray-paragraph-properties: <a:pPr> is child 3 of <a:p>, not the first']);
  });

  it('reports presentation.xml children out of schema order', () => {
    const swap = (x: string): string => x.replace(/(<p:notesMasterIdLst>.*?<\/p:notesMasterIdLst>)(<p:sldIdLst>.*?<\/p:sldIdLst>)/, '$2$1');
    expect(messages(edit('ppt/presentation.xml', swap))).toEqual(['ppt/presentation.xml: repair trigger presentation-element-order: <p:notesMasterIdLst> after <p:sldIdLst>']);
  });

  it('reports image/jpg and chart axis ids that do not name two axes', () => {
    expect(messages(edit('[Content_Types].xml', (x) => x.replace('ContentType="image/jpeg"', 'ContentType="image/jpg"'))))
      .toEqual(['[Content_Types].xml: repair trigger jpg-content-type: Default ContentType image/jpg']);
    const chart = 'ppt/charts/chart1.xml';
    const out = messages(edit(chart, (x) => x.replace(/(<c:axId val="\d+"\/>)(<\/c:barChart>)/, '$1<c:axId val="7"/>$2')));
    expect(out).toEqual([`${chart}: repair trigger chart-axid-count: <c:barChart> has 3 <c:axId> (7 name no axis), needs 2 defined axes`]);
  });

  it('judges markup by namespace, not by prefix', () => {
    const out = messages(edit(SLIDE, (x) => x.replace('<p:clrMapOvr>', '<p:clrMapOvr><q:sp xmlns:q="urn:not-pml"/>')));
    expect(out).toEqual([]);
  });

  it('prefixes part names of nested packages', () => {
    const out = verifyParts(edit(SLIDE, (x) => x.slice(0, -5)), 'ppt/embeddings/Book.xlsx!/');
    expect(out[0]?.message).toMatch(/^ppt\/embeddings\/Book\.xlsx!\/ppt\/slides\/slide1\.xml: /);
  });
});
