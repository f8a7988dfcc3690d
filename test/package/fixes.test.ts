import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pptxgen from 'pptxgenjs';
import { describe, expect, it } from 'vitest';
import { listRepairTriggers, packageDeck } from '../../src/package/index.ts';
import { fixParts } from '../../src/package/fixParts.ts';
import { fixPart, mayHoldNonFinite } from '../../src/package/fixes.ts';
import { findTriggers } from '../../src/package/verify.ts';
import { parseXml, serialiseXml } from '../../src/package/xmlTree.ts';
import { isXmlPart, partKey, readParts, type Parts } from '../../src/package/zip.ts';
import { renderParts } from '../../src/render/index.ts';
import { buildDeck, DECKS } from '../render/decks.ts';

const NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const slide = (tree: string, bg = ''): string =>
  `<p:sld ${NS}><p:cSld>${bg}<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${tree}</p:spTree></p:cSld></p:sld>`;
const sp = (id: number, nvPr: string, rest: string): string =>
  `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="S${id}"/><p:cNvSpPr/><p:nvPr>${nvPr}</p:nvPr></p:nvSpPr><p:spPr/>${rest}</p:sp>`;
const EMPTY_BODY = '<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="en-US"/></a:p></p:txBody>';
const TEXT = '<p:txBody><a:bodyPr/><a:p><a:r><a:t>x</a:t></a:r></a:p></p:txBody>';

/** Fixes `parts` in place, as the package stage does; returns the warnings. */
function fix(parts: Parts): string[] {
  return fixParts(parts, new Date(0)).map((d) => `${d.code} ${d.message}`);
}

/** Fixes one slide part; the verifier must find nothing left in it. */
function fixSlide(xml: string): { xml: string; warnings: string[] } {
  const parts: Parts = new Map([['ppt/slides/slide1.xml', xml]]);
  const warnings = fix(parts);
  expect(findTriggers(parts)).toEqual([]);
  return { xml: parts.get('ppt/slides/slide1.xml') as string, warnings };
}

describe('content types', () => {
  const types = (body: string): Parts => new Map<string, string | Uint8Array>([
    ['[Content_Types].xml', `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${body}</Types>`],
    ['ppt/slideMasters/slideMaster1.xml', '<x/>'],
  ]);

  it('removes Overrides for missing parts and keeps the rest', () => {
    const parts = types('<Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="m"/><Override PartName="/ppt/slideMasters/slideMaster2.xml" ContentType="m"/>');
    expect(findTriggers(parts).map((h) => h.trigger)).toEqual(['phantom-override']);
    fix(parts);
    expect(parts.get('[Content_Types].xml')).toContain('slideMaster1.xml');
    expect(parts.get('[Content_Types].xml')).not.toContain('slideMaster2.xml');
    expect(findTriggers(parts)).toEqual([]);
  });

  it('matches part names case-insensitively, as OPC does', () => {
    const parts = types('<Override PartName="/PPT/slideMasters/SlideMaster1.xml" ContentType="m"/>');
    fix(parts);
    expect(parts.get('[Content_Types].xml')).toContain('SlideMaster1.xml');
    expect(findTriggers(parts)).toEqual([]);
  });

  it('replaces image/jpg with image/jpeg', () => {
    const parts = types('<Default Extension="jpg" ContentType="image/jpg"/>');
    fix(parts);
    expect(parts.get('[Content_Types].xml')).toContain('<Default Extension="jpg" ContentType="image/jpeg"/>');
  });
});

describe('presentation.xml', () => {
  const presentation = (children: string): Parts => new Map([['ppt/presentation.xml',
    `<p:presentation xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ${NS}>${children}</p:presentation>`]]);

  it('puts notesMasterIdLst before sldIdLst, as CT_Presentation orders them', () => {
    const parts = presentation('<p:sldMasterIdLst/><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst><p:notesMasterIdLst><p:notesMasterId r:id="rId3"/></p:notesMasterIdLst><p:sldSz cx="1" cy="1"/><p:notesSz cx="1" cy="1"/><p:defaultTextStyle/>');
    expect(findTriggers(parts)).toEqual([{ trigger: 'presentation-element-order', part: 'ppt/presentation.xml', detail: '<p:notesMasterIdLst> after <p:sldIdLst>' }]);
    fix(parts);
    expect(parts.get('ppt/presentation.xml')).toContain('<p:sldMasterIdLst/><p:notesMasterIdLst><p:notesMasterId r:id="rId3"/></p:notesMasterIdLst><p:sldIdLst><p:sldId id="256" r:id="rId2"/></p:sldIdLst><p:sldSz');
    expect(findTriggers(parts)).toEqual([]);
  });

  it('does not guess a place for an element the schema does not have there', () => {
    const parts = presentation('<p:sldIdLst/><p:notesMasterIdLst/><p:unknown/><p:notesSz cx="1" cy="1"/>');
    fix(parts);
    expect(parts.get('ppt/presentation.xml')).toContain('<p:sldIdLst/><p:notesMasterIdLst/><p:unknown/>');
  });
});

describe('backgrounds', () => {
  it('adds an effect list after the fill', () => {
    const { xml } = fixSlide(slide('', '<p:bg><p:bgPr><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill></p:bgPr></p:bg>'));
    expect(xml).toContain('<p:bgPr><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill><a:effectLst/></p:bgPr>');
  });

  it('puts it before an extension list and leaves complete backgrounds alone', () => {
    const { xml } = fixSlide(slide('', '<p:bg><p:bgPr><a:noFill/><p:extLst/></p:bgPr></p:bg>'));
    expect(xml).toContain('<p:bgPr><a:noFill/><a:effectLst/><p:extLst/></p:bgPr>');
    const done = slide('', '<p:bg><p:bgPr><a:noFill/><a:effectDag/></p:bgPr></p:bg>');
    expect(fixSlide(done).xml).toBe(done);
  });
});

describe('chart axis ids', () => {
  const chart = (plot: string): Parts => new Map([['ppt/charts/chart1.xml',
    `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:plotArea>${plot}<c:catAx><c:axId val="11"/></c:catAx><c:valAx><c:axId val="22"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`]]);

  it('drops ids that name no axis, wherever they are', () => {
    for (const ids of ['<c:axId val="11"/><c:axId val="22"/><c:axId val="33"/>', '<c:axId val="11"/><c:axId val="33"/><c:axId val="22"/>']) {
      const parts = chart(`<c:lineChart><c:grouping val="standard"/>${ids}</c:lineChart>`);
      expect(findTriggers(parts).map((h) => h.detail)).toEqual(['<c:lineChart> has 3 <c:axId> (33 name no axis), needs 2 defined axes']);
      fix(parts);
      expect(parts.get('ppt/charts/chart1.xml')).toContain('<c:grouping val="standard"/><c:axId val="11"/><c:axId val="22"/></c:lineChart>');
      expect(findTriggers(parts)).toEqual([]);
    }
  });

  it('leaves 3D charts (three axes allowed) alone and reports what it cannot fix', () => {
    const bar3d = chart('<c:bar3DChart><c:axId val="11"/><c:axId val="22"/><c:axId val="33"/></c:bar3DChart>');
    expect(findTriggers(bar3d)).toEqual([]);
    const unfixable = chart('<c:barChart><c:axId val="11"/></c:barChart>');
    fix(unfixable);
    expect(findTriggers(unfixable)).toEqual([{ trigger: 'chart-axid-count', part: 'ppt/charts/chart1.xml', detail: '<c:barChart> has 1 <c:axId>, needs 2 defined axes' }]);
  });
});

describe('combo charts', () => {
  it('keeps each chart type on its own (secondary) axes', async () => {
    const pres = new (pptxgen as any)();
    const labels = ['a', 'b', 'c'];
    pres.addSlide().addChart([
      { type: pres.ChartType.bar, data: [{ name: 'B', labels, values: [1, 2, 3] }], options: { barDir: 'col' } },
      { type: pres.ChartType.line, data: [{ name: 'L', labels, values: [10, 20, 15] }], options: { secondaryValAxis: true, secondaryCatAxis: true } },
    ], { x: 1, y: 1, w: 6, h: 4, valAxes: [{}, {}], catAxes: [{}, { catAxisHidden: true }] });
    const parts = readParts(new Uint8Array(await pres.write({ outputType: 'nodebuffer' })));
    fix(parts);
    const xml = [...parts].find(([n]) => /^ppt\/charts\/chart\d+\.xml$/.test(n))![1] as string;
    const axIds = (kind: string): string[] => [...new RegExp(`<c:${kind}>([\\s\\S]*?)</c:${kind}>`).exec(xml)![1]!.matchAll(/<c:axId val="(\d+)"/g)].map((m) => m[1]!);
    const [barCat, barVal] = axIds('barChart');
    const [lineCat, lineVal] = axIds('lineChart');
    expect(axIds('barChart')).toHaveLength(2);
    expect(axIds('lineChart')).toHaveLength(2);
    expect(new Set([barCat, barVal, lineCat, lineVal]).size).toBe(4);
    expect(findTriggers(parts)).toEqual([]);
  });
});

describe('shape ids', () => {
  it('keeps the first id and gives later duplicates fresh ones', () => {
    const { xml } = fixSlide(slide(sp(2, '', TEXT) + sp(5, '', TEXT) + sp(2, '', TEXT) + sp(5, '', TEXT)));
    expect([...xml.matchAll(/<p:cNvPr id="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2', '5', '6', '7']);
  });
});

describe('text bodies', () => {
  it('gives every bare shape the empty text body PowerPoint writes, after spPr (and style)', () => {
    const { xml } = fixSlide(slide(sp(2, '', '') + sp(3, '<p:ph type="title"/>', '<p:style/>') + sp(4, '', '<p:extLst/>')));
    expect(xml).toContain(`<p:cNvPr id="2" name="S2"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr/>${EMPTY_BODY}</p:sp>`);
    expect(xml).toContain(`<p:spPr/><p:style/>${EMPTY_BODY}</p:sp>`);
    expect(xml).toContain(`<p:spPr/>${EMPTY_BODY}<p:extLst/></p:sp>`);
  });

  it('gives notes slide-image placeholders one too, and leaves shapes with text alone', () => {
    const { xml } = fixSlide(slide(sp(2, '<p:ph type="sldImg"/>', '') + sp(3, '', TEXT)));
    expect(xml).toContain(`<p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/>${EMPTY_BODY}</p:sp>`);
    expect(xml).toContain(`<p:spPr/>${TEXT}</p:sp>`);
  });

  it('declares the DrawingML namespace where the part has not', () => {
    const parts: Parts = new Map([['ppt/slides/slide1.xml', `<p:sld xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree>${sp(2, '', '')}</p:spTree></p:cSld></p:sld>`]]);
    fix(parts);
    expect(parts.get('ppt/slides/slide1.xml')).toContain('<a:bodyPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"/>');
    expect(findTriggers(parts)).toEqual([]);
  });
});

describe('non-finite attribute values', () => {
  it('drops optional ones, zeroes required ones and warns for each', () => {
    const input = slide(sp(2, '', '<p:txBody><a:bodyPr/><a:p><a:pPr marL="NaN" indent="Infinity"/><a:r><a:t>x="NaN" stays</a:t></a:r></a:p></p:txBody>')
      .replace('<p:spPr/>', '<p:spPr><a:xfrm><a:off x="NaN" y="1"/><a:ext cx="undefined" cy="1"/></a:xfrm></p:spPr>'));
    const { xml, warnings } = fixSlide(input);
    expect(xml).toContain('<a:pPr/>');
    expect(xml).toContain('<a:off x="0" y="1"/><a:ext cx="0" cy="1"/>');
    expect(xml).toContain('<a:t>x="NaN" stays</a:t>');
    expect(warnings).toHaveLength(4);
    expect(warnings[0]).toBe('W_PACKAGE_VALUE ppt/slides/slide1.xml: <a:off> attribute x="NaN" replaced');
  });

  it('finds a value spelt with character references, and never skips a part that holds one', () => {
    const input = slide(sp(2, '', TEXT).replace('<p:spPr/>', '<p:spPr><a:xfrm><a:off x="&#78;a&#x4E;" y="1"/><a:ext cx="1" cy=" -Infinity "/></a:xfrm></p:spPr>'));
    const { xml, warnings } = fixSlide(input);
    expect(xml).toContain('<a:off x="0" y="1"/><a:ext cx="1" cy="0"/>');
    expect(warnings).toHaveLength(2);
    for (const value of ['NaN', '+Infinity', 'undefined', '&#x4e;aN', '&#73;nfinity']) expect(mayHoldNonFinite(`<a x="${value}"/>`), value).toBe(true);
    expect(mayHoldNonFinite(slide(sp(2, '', TEXT)))).toBe(false);
  });

  it('gives every part of real decks the same result whether or not it was spared the walk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-fixes-'));
    let spared = 0;
    for (const spec of DECKS.filter((d) => ['kim-putin-2023', 'visuals', 'secret-portions'].includes(d.name))) {
      const r = await buildDeck(spec, dir);
      expect(r.ok, spec.name).toBe(true);
      const keys = new Set([...(await renderParts(r.placed!)).keys()].map(partKey));
      for (const [name, data] of await renderParts(r.placed!)) {
        if (!isXmlPart(name) || typeof data !== 'string') continue;
        const walked = parseXml(data), maybeSpared = parseXml(data);
        const warnings = fixPart(name, walked, keys);
        expect(fixPart(name, maybeSpared, keys, data), name).toEqual(warnings);
        expect(serialiseXml(maybeSpared), name).toBe(serialiseXml(walked));
        if (!mayHoldNonFinite(data)) spared++;
      }
    }
    expect(spared).toBeGreaterThan(100);
  }, 120_000);

  it('fixes the NaN pptxgenjs writes for a NaN table cell margin', async () => {
    const pres = new (pptxgen as any)();
    pres.addSlide().addTable([[{ text: 'a', options: { margin: [NaN, 1, 1, 1] } }]], { x: 1, y: 1, w: 2 });
    const raw = new Uint8Array(await pres.write({ outputType: 'nodebuffer' }));
    expect(listRepairTriggers(raw).map((h) => h.detail)).toContain('<a:tcPr> attribute marT="NaN"');
    const result = packageDeck(raw, { date: '2024-05-01', env: {} });
    expect(result.value).toBeDefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['W_PACKAGE_VALUE']);
    expect(listRepairTriggers(result.value!)).toEqual([]);
    // A rebuild of the same output is served from the memos: same bytes, and the warning again.
    const again = packageDeck(raw, { date: '2024-05-01', env: {} });
    expect(again.diagnostics).toEqual(result.diagnostics);
    expect(Buffer.from(again.value!).equals(Buffer.from(result.value!))).toBe(true);
  });
});

describe('markup, not text', () => {
  it('is not fooled by markup-like text, > in attribute values or comments, and is idempotent', () => {
    const tricky = sp(2, '', '<p:txBody><a:bodyPr/><a:p><a:r><a:t>&lt;a:pPr/&gt; &lt;p:cNvPr id="2"/&gt; a &gt; b</a:t></a:r></a:p></p:txBody>')
      .replace('name="S2"', 'name="a > b" descr=\'id="9"\'');
    const input = slide(sp(2, '', TEXT) + '<!-- <p:sp> <a:pPr/> -->' + tricky);
    const once = fixSlide(input).xml;
    expect(once).toContain('<p:cNvPr id="3" name="a > b" descr="id=&quot;9&quot;"/>');
    expect(once).toContain('<a:t>&lt;a:pPr/&gt; &lt;p:cNvPr id="2"/&gt; a &gt; b</a:t>');
    expect(once).toContain('<!-- <p:sp> <a:pPr/> -->');
    expect(fixSlide(once).xml).toBe(once);
  });
});

describe('stray paragraph properties', () => {
  it('keeps only the leading <a:pPr> of a multi-run paragraph', () => {
    const xml =
      `<p:sld ${NS}><a:p><a:pPr algn="l" marL="292608" indent="-292608"><a:buChar char="&#x2022;"/></a:pPr><a:r><a:t>Lead</a:t></a:r>` +
      '<a:pPr algn="l" indent="0" marL="0"><a:buNone/></a:pPr><a:r><a:t> [1]</a:t></a:r></a:p>' +
      '<a:p><a:r><a:t>no props</a:t></a:r><a:pPr/></a:p></p:sld>';
    const parts: Parts = new Map([['ppt/slides/slide1.xml', xml]]);
    expect(findTriggers(parts).map((h) => h.trigger)).toEqual(['stray-paragraph-properties', 'stray-paragraph-properties']);
    fix(parts);
    const fixed = parts.get('ppt/slides/slide1.xml') as string;
    expect(fixed).toContain('<a:buChar char="\u2022"/>');
    expect(fixed).not.toContain('<a:buNone/>');
    expect(fixed).not.toContain('<a:pPr/>');
    expect(fixed.match(/<a:pPr/g)).toHaveLength(1);
    expect(fixed).toContain('<a:r><a:t>Lead</a:t></a:r><a:r><a:t> [1]</a:t></a:r></a:p><a:p><a:r><a:t>no props</a:t></a:r></a:p>');
    expect(findTriggers(parts)).toEqual([]);
  });

  // The regex fixer read a self-closed <a:pPr .../> as running to the next </a:pPr>: it kept
  // that span whole when it came first (stray properties stayed, unseen by its verifier) and
  // deleted it, runs included, when it came later.
  it('keeps every run around self-closed <a:pPr .../> elements, first or later', () => {
    const body = (p: string): string => slide(sp(2, '', `<p:txBody><a:bodyPr/>${p}</p:txBody>`));
    const first = fixSlide(body('<a:p><a:pPr algn="l"/><a:r><a:t>one</a:t></a:r><a:r><a:t>two</a:t></a:r>'
      + '<a:pPr algn="r"><a:buNone/></a:pPr><a:r><a:t>three</a:t></a:r><a:br/><a:r><a:t>four</a:t></a:r></a:p>')).xml;
    expect(first).toContain('<a:p><a:pPr algn="l"/><a:r><a:t>one</a:t></a:r><a:r><a:t>two</a:t></a:r><a:r><a:t>three</a:t></a:r><a:br/><a:r><a:t>four</a:t></a:r></a:p>');
    const later = fixSlide(body('<a:p><a:pPr marL="1"><a:buNone/></a:pPr><a:r><a:t>one</a:t></a:r><a:pPr algn="l"/><a:r><a:t>two</a:t></a:r>'
      + '<a:pPr algn="r"><a:buNone/></a:pPr><a:r><a:t>three</a:t></a:r></a:p>')).xml;
    expect(later).toContain('<a:p><a:pPr marL="1"><a:buNone/></a:pPr><a:r><a:t>one</a:t></a:r><a:r><a:t>two</a:t></a:r><a:r><a:t>three</a:t></a:r></a:p>');
  });
});
