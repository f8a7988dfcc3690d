import pptxgen from 'pptxgenjs';
import { describe, expect, it } from 'vitest';
import { listRepairTriggers, packageDeck } from '../../src/package/index.ts';
import { findRepairTriggers, fixRepairTriggers, normaliseGuids, renumberCharts } from '../../src/package/postprocess.ts';
import { readParts, type Parts } from '../../src/package/zip.ts';

const NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const slide = (tree: string, bg = ''): string =>
  `<p:sld ${NS}><p:cSld>${bg}<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${tree}</p:spTree></p:cSld></p:sld>`;
const sp = (id: number, nvPr: string, rest: string): string =>
  `<p:sp><p:nvSpPr><p:cNvPr id="${id}" name="S${id}"/><p:cNvSpPr/><p:nvPr>${nvPr}</p:nvPr></p:nvSpPr><p:spPr/>${rest}</p:sp>`;

/** Runs the fixers on one slide part; returns the fixed text and the warnings. */
function fixSlide(xml: string): { xml: string; warnings: string[] } {
  const parts: Parts = new Map([['ppt/slides/slide1.xml', xml]]);
  const warnings = fixRepairTriggers(parts).map((d) => `${d.code} ${d.message}`);
  expect(findRepairTriggers(parts)).toEqual([]);
  return { xml: parts.get('ppt/slides/slide1.xml') as string, warnings };
}

describe('content types', () => {
  const types = (body: string): Parts => new Map<string, string | Uint8Array>([
    ['[Content_Types].xml', `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">${body}</Types>`],
    ['ppt/slideMasters/slideMaster1.xml', '<x/>'],
  ]);

  it('removes Overrides for missing parts and keeps the rest', () => {
    const parts = types('<Override PartName="/ppt/slideMasters/slideMaster1.xml" ContentType="m"/><Override PartName="/ppt/slideMasters/slideMaster2.xml" ContentType="m"/>');
    expect(findRepairTriggers(parts).map((h) => h.trigger)).toEqual(['phantom-override']);
    fixRepairTriggers(parts);
    expect(parts.get('[Content_Types].xml')).toContain('slideMaster1.xml');
    expect(parts.get('[Content_Types].xml')).not.toContain('slideMaster2.xml');
  });

  it('matches part names case-insensitively, as OPC does', () => {
    const parts = types('<Override PartName="/PPT/slideMasters/SlideMaster1.xml" ContentType="m"/>');
    expect(findRepairTriggers(parts)).toEqual([]);
  });

  it('replaces image/jpg with image/jpeg', () => {
    const parts = types('<Default Extension="jpg" ContentType="image/jpg"/>');
    fixRepairTriggers(parts);
    expect(parts.get('[Content_Types].xml')).toContain('<Default Extension="jpg" ContentType="image/jpeg"/>');
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
    `<c:chartSpace xmlns:c="c"><c:chart><c:plotArea>${plot}<c:catAx><c:axId val="11"/></c:catAx><c:valAx><c:axId val="22"/></c:valAx></c:plotArea></c:chart></c:chartSpace>`]]);

  it('drops ids that name no axis, wherever they are', () => {
    for (const ids of ['<c:axId val="11"/><c:axId val="22"/><c:axId val="33"/>', '<c:axId val="11"/><c:axId val="33"/><c:axId val="22"/>']) {
      const parts = chart(`<c:lineChart><c:grouping val="standard"/>${ids}</c:lineChart>`);
      fixRepairTriggers(parts);
      expect(parts.get('ppt/charts/chart1.xml')).toContain('<c:grouping val="standard"/><c:axId val="11"/><c:axId val="22"/></c:lineChart>');
    }
  });

  it('leaves 3D charts (three axes allowed) alone and reports what it cannot fix', () => {
    const bar3d = chart('<c:bar3DChart><c:axId val="11"/><c:axId val="22"/><c:axId val="33"/></c:bar3DChart>');
    expect(findRepairTriggers(bar3d)).toEqual([]);
    const unfixable = chart('<c:barChart><c:axId val="11"/></c:barChart>');
    fixRepairTriggers(unfixable);
    expect(findRepairTriggers(unfixable)).toEqual([{ trigger: 'chart-axid-count', part: 'ppt/charts/chart1.xml', detail: '<c:barChart> has 1 <c:axId>, needs 2' }]);
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
    fixRepairTriggers(parts);
    const xml = [...parts].find(([n]) => /^ppt\/charts\/chart\d+\.xml$/.test(n))![1] as string;
    const axIds = (kind: string): string[] => [...new RegExp(`<c:${kind}>([\\s\\S]*?)</c:${kind}>`).exec(xml)![1]!.matchAll(/<c:axId val="(\d+)"/g)].map((m) => m[1]!);
    const [barCat, barVal] = axIds('barChart');
    const [lineCat, lineVal] = axIds('lineChart');
    expect(axIds('barChart')).toHaveLength(2);
    expect(axIds('lineChart')).toHaveLength(2);
    expect(new Set([barCat, barVal, lineCat, lineVal]).size).toBe(4);
    expect(findRepairTriggers(parts)).toEqual([]);
  });
});

describe('shape ids', () => {
  it('keeps the first id and gives later duplicates fresh ones', () => {
    const { xml } = fixSlide(slide(sp(2, '', '') + sp(5, '', '') + sp(2, '', '') + sp(5, '', '')));
    expect([...xml.matchAll(/<p:cNvPr id="(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2', '5', '6', '7']);
  });
});

describe('placeholders', () => {
  it('gives a bare placeholder an empty text body after spPr (and style)', () => {
    const { xml } = fixSlide(slide(sp(2, '<p:ph type="body" idx="1"/>', '') + sp(3, '<p:ph type="title"/>', '<p:style/>')));
    expect(xml).toContain('<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>');
    expect(xml).toContain('<p:spPr/><p:style/><p:txBody><a:bodyPr/><a:lstStyle/><a:p/></p:txBody></p:sp>');
  });

  it('leaves ordinary shapes and slide-image placeholders (PowerPoint writes them bare) alone', () => {
    const input = slide(sp(2, '', '') + sp(3, '<p:ph type="sldImg"/>', ''));
    expect(fixSlide(input).xml).toBe(input);
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

  it('fixes the NaN pptxgenjs writes for a NaN table cell margin', async () => {
    const pres = new (pptxgen as any)();
    pres.addSlide().addTable([[{ text: 'a', options: { margin: [NaN, 1, 1, 1] } }]], { x: 1, y: 1, w: 2 });
    const raw = new Uint8Array(await pres.write({ outputType: 'nodebuffer' }));
    expect(listRepairTriggers(raw).map((h) => h.detail)).toContain('<a:tcPr> attribute marT="NaN"');
    const result = packageDeck(raw, { date: '2024-05-01', env: {} });
    expect(result.value).toBeDefined();
    expect(result.diagnostics.map((d) => d.code)).toEqual(['W_PACKAGE_VALUE']);
    expect(listRepairTriggers(result.value!)).toEqual([]);
  });
});

describe('lexing', () => {
  it('is not fooled by > inside attribute values and is idempotent', () => {
    const input = slide(sp(2, '', '') + sp(2, '', '').replace('name="S2"', 'name="a > b" descr=\'id="9"\''));
    const once = fixSlide(input).xml;
    expect(once).toContain('<p:cNvPr id="3" name="a > b" descr=\'id="9"\'/>');
    expect(fixSlide(once).xml).toBe(once);
  });
});

describe('determinism normalisers', () => {
  it('replaces random GUIDs with stable ones, leaving fixed GUIDs alone', () => {
    const chart = '<c:chartSpace xmlns:c="c" xmlns:c16="c16" xmlns:a="a"><a:fld id="{0C7E1C5B-5E1F-4B0C-9C2A-0E5A4B3C2D1E}" type="YVALUE"/>'
      + '<c16:uniqueId val="{00000001-1A2B-4C3D-8E4F-5A6B7C8D9E0F}"/><c:ext uri="{C3380CC4-5D6E-409C-BE32-E72D297353CC}"/></c:chartSpace>';
    const run = (): string => {
      const parts: Parts = new Map([['ppt/charts/chart1.xml', chart]]);
      normaliseGuids(parts);
      return parts.get('ppt/charts/chart1.xml') as string;
    };
    const out = run();
    expect(out).toBe(run());
    expect(out).not.toContain('0C7E1C5B');
    expect(out).not.toContain('00000001-1A2B');
    expect(out).toContain('uri="{C3380CC4-5D6E-409C-BE32-E72D297353CC}"');
    expect(out).toMatch(/<a:fld id="\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-8[0-9A-F]{3}-[0-9A-F]{12}\}"/);
  });

  it('renumbers charts from a second deck in the same process back to 1..n', () => {
    const parts: Parts = new Map<string, string | Uint8Array>([
      ['[Content_Types].xml', '<Types><Override PartName="/ppt/charts/chart3.xml" ContentType="c"/><Override PartName="/ppt/charts/chart12.xml" ContentType="c"/></Types>'],
      ['ppt/slides/_rels/slide1.xml.rels', '<Relationships><Relationship Id="rId1" Target="/ppt/charts/chart3.xml"/><Relationship Id="rId2" Target="../charts/chart12.xml"/></Relationships>'],
      ['ppt/charts/chart3.xml', '<c/>'],
      ['ppt/charts/chart12.xml', '<c/>'],
      ['ppt/charts/_rels/chart3.xml.rels', '<Relationships><Relationship Id="rId1" Target="../embeddings/Microsoft_Excel_Worksheet3.xlsx"/></Relationships>'],
      ['ppt/charts/_rels/chart12.xml.rels', '<Relationships><Relationship Id="rId1" Target="../embeddings/Microsoft_Excel_Worksheet12.xlsx"/></Relationships>'],
      ['ppt/embeddings/Microsoft_Excel_Worksheet3.xlsx', new Uint8Array([1])],
      ['ppt/embeddings/Microsoft_Excel_Worksheet12.xlsx', new Uint8Array([2])],
    ]);
    renumberCharts(parts);
    expect([...parts.keys()].sort()).toEqual([
      '[Content_Types].xml',
      'ppt/charts/_rels/chart1.xml.rels',
      'ppt/charts/_rels/chart2.xml.rels',
      'ppt/charts/chart1.xml',
      'ppt/charts/chart2.xml',
      'ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx',
      'ppt/embeddings/Microsoft_Excel_Worksheet2.xlsx',
      'ppt/slides/_rels/slide1.xml.rels',
    ]);
    expect(parts.get('[Content_Types].xml')).toBe('<Types><Override PartName="/ppt/charts/chart1.xml" ContentType="c"/><Override PartName="/ppt/charts/chart2.xml" ContentType="c"/></Types>');
    expect(parts.get('ppt/slides/_rels/slide1.xml.rels')).toContain('Target="/ppt/charts/chart1.xml"/><Relationship Id="rId2" Target="../charts/chart2.xml"/>');
    expect(parts.get('ppt/charts/_rels/chart2.xml.rels')).toContain('Target="../embeddings/Microsoft_Excel_Worksheet2.xlsx"');
    expect(parts.get('ppt/embeddings/Microsoft_Excel_Worksheet2.xlsx')).toEqual(new Uint8Array([2]));
  });
});

describe('listRepairTriggers', () => {
  it('accepts bytes or parts and is empty for a clean package', () => {
    expect(listRepairTriggers(new Map())).toEqual([]);
  });
});

describe('stray paragraph properties', () => {
  it('keeps only the leading <a:pPr> of a multi-run paragraph', () => {
    const xml =
      '<p:sld><a:p><a:pPr algn="l" marL="292608" indent="-292608"><a:buChar char="&#x2022;"/></a:pPr><a:r><a:t>Lead</a:t></a:r>' +
      '<a:pPr algn="l" indent="0" marL="0"><a:buNone/></a:pPr><a:r><a:t> [1]</a:t></a:r></a:p>' +
      '<a:p><a:r><a:t>no props</a:t></a:r><a:pPr/></a:p></p:sld>';
    const parts: Parts = new Map([['ppt/slides/slide1.xml', xml]]);
    expect(findRepairTriggers(parts).map((h) => h.trigger)).toEqual(['stray-paragraph-properties', 'stray-paragraph-properties']);
    fixRepairTriggers(parts);
    const fixed = parts.get('ppt/slides/slide1.xml') as string;
    expect(fixed).toContain('<a:buChar char="&#x2022;"/>');
    expect(fixed).not.toContain('<a:buNone/>');
    expect(fixed).not.toContain('<a:pPr/>');
    expect(fixed.match(/<a:pPr/g)).toHaveLength(1);
    expect(findRepairTriggers(parts)).toEqual([]);
  });
});
