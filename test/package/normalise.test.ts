import { describe, expect, it } from 'vitest';
import { fixParts } from '../../src/package/fixParts.ts';
import { normaliseGuids } from '../../src/package/normalise.ts';
import { parseXml, serialiseXml } from '../../src/package/xmlTree.ts';
import type { Parts } from '../../src/package/zip.ts';

const CHART_NS = 'xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:c16="http://schemas.microsoft.com/office/drawing/2014/chart"';

/** A chart part with its GUIDs normalised. */
function normalised(xml: string): string {
  const doc = parseXml(xml);
  normaliseGuids('ppt/charts/chart1.xml', doc);
  return serialiseXml(doc);
}

describe('normaliseGuids', () => {
  it('replaces random GUIDs with stable ones, leaving fixed GUIDs alone', () => {
    const chart = `<c:chartSpace ${CHART_NS}><a:fld id="{0C7E1C5B-5E1F-4B0C-9C2A-0E5A4B3C2D1E}" type="YVALUE"/>`
      + '<c16:uniqueId val="{00000001-1A2B-4C3D-8E4F-5A6B7C8D9E0F}"/><c:ext uri="{C3380CC4-5D6E-409C-BE32-E72D297353CC}"/></c:chartSpace>';
    const out = normalised(chart);
    expect(out).toBe(normalised(chart));
    expect(out).not.toContain('0C7E1C5B');
    expect(out).not.toContain('00000001-1A2B');
    expect(out).toContain('uri="{C3380CC4-5D6E-409C-BE32-E72D297353CC}"');
    expect(out).toMatch(/<a:fld id="\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-8[0-9A-F]{3}-[0-9A-F]{12}\}"/);
  });

  it('touches only the attributes pptxgenjs randomises, by namespace', () => {
    const chart = '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:x="urn:other"><x:fld id="{0C7E1C5B-5E1F-4B0C-9C2A-0E5A4B3C2D1E}"/></c:chartSpace>';
    expect(normalised(chart)).toContain('{0C7E1C5B-5E1F-4B0C-9C2A-0E5A4B3C2D1E}');
  });
});

describe('chart renumbering', () => {
  it('renumbers charts from a second deck in the same process back to 1..n', () => {
    const types = 'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"';
    const rels = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';
    const parts: Parts = new Map<string, string | Uint8Array>([
      ['[Content_Types].xml', `<Types ${types}><Override PartName="/ppt/charts/chart3.xml" ContentType="c"/><Override PartName="/ppt/charts/chart12.xml" ContentType="c"/></Types>`],
      ['ppt/slides/_rels/slide1.xml.rels', `<Relationships ${rels}><Relationship Id="rId1" Target="/ppt/charts/chart3.xml"/><Relationship Id="rId2" Target="../charts/chart12.xml"/></Relationships>`],
      ['ppt/charts/chart3.xml', '<c n="3"/>'],
      ['ppt/charts/chart12.xml', '<c n="12"/>'],
      ['ppt/charts/_rels/chart3.xml.rels', `<Relationships ${rels}><Relationship Id="rId1" Target="../embeddings/Microsoft_Excel_Worksheet3.xlsx"/></Relationships>`],
      ['ppt/charts/_rels/chart12.xml.rels', `<Relationships ${rels}><Relationship Id="rId1" Target="../embeddings/Microsoft_Excel_Worksheet12.xlsx"/></Relationships>`],
      ['ppt/embeddings/Microsoft_Excel_Worksheet3.xlsx', new Uint8Array([1])],
      ['ppt/embeddings/Microsoft_Excel_Worksheet12.xlsx', new Uint8Array([2])],
    ]);
    fixParts(parts, new Date(0));
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
    expect(parts.get('[Content_Types].xml')).toBe(`<Types ${types}><Override PartName="/ppt/charts/chart1.xml" ContentType="c"/><Override PartName="/ppt/charts/chart2.xml" ContentType="c"/></Types>`);
    expect(parts.get('ppt/slides/_rels/slide1.xml.rels')).toContain('Target="/ppt/charts/chart1.xml"/><Relationship Id="rId2" Target="../charts/chart2.xml"/>');
    expect(parts.get('ppt/charts/_rels/chart2.xml.rels')).toContain('Target="../embeddings/Microsoft_Excel_Worksheet2.xlsx"');
    expect(parts.get('ppt/embeddings/Microsoft_Excel_Worksheet2.xlsx')).toEqual(new Uint8Array([2]));
    expect(parts.get('ppt/charts/chart2.xml')).toBe('<c n="12"/>');
  });
});
