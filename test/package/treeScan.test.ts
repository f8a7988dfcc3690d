/**
 * The verifier walks the tree the package stage fixed, instead of parsing the text written from
 * it again (src/package/verify.ts, rememberTreeScan). That is sound only if the walk and a
 * strict parse of the written text always agree: checked here on every XML part of every test
 * deck, as built, and on parts with the defects the verifier exists to catch.
 */
import { describe, expect, it } from 'vitest';
import { DECKS, buildDeck } from '../render/decks.ts';
import { scanTree, scanXml } from '../../src/package/verify.ts';
import { parseXml, serialiseXml } from '../../src/package/xmlTree.ts';
import { isXmlPart, readParts } from '../../src/package/zip.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scans = (xml: string) => {
  const doc = parseXml(xml);
  const written = serialiseXml(doc);
  return { tree: scanTree(doc.root, written), parsed: scanXml(written), again: serialiseXml(parseXml(written)) === written };
};

describe('the verifier scan of a fixed tree equals a strict parse of what is written from it', () => {
  it('on every XML part of every test deck', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefdeck-treescan-'));
    let checked = 0;
    for (const spec of DECKS) {
      const r = await buildDeck(spec, dir);
      expect(r.ok, spec.name).toBe(true);
      for (const [name, data] of readParts(r.pptx!)) {
        if (!isXmlPart(name) || typeof data !== 'string') continue;
        const { tree, parsed, again } = scans(data);
        expect(tree, `${spec.name} ${name}`).toEqual(parsed);
        expect(again, `${spec.name} ${name}: written text reads back the same`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  }, 300_000);

  it('on parts with the defects it looks for, and with namespaces declared and used in odd places', () => {
    const P = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';
    const R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
    const parts = [
      // Duplicate shape ids, a shape without a text body, a background without an effect list, a NaN, a stray pPr.
      `<p:sld ${P} ${R}><p:cSld><p:bg><p:bgPr/></p:bg><p:spTree><p:sp><p:nvSpPr><p:cNvPr id="2" name="a"/></p:nvSpPr></p:sp><p:sp><p:nvSpPr><p:cNvPr id="2" name="b"/></p:nvSpPr><p:txBody><a:p><a:r/><a:pPr/></a:p></p:txBody></p:sp><p:pic><p:blipFill><a:blip r:embed="rId7"/></p:blipFill><a:off x="NaN"/></p:pic></p:spTree></p:cSld></p:sld>`,
      // A prefix bound to the relationships namespace only on an inner element, and a default namespace.
      `<root xmlns="urn:x"><inner xmlns:q="http://schemas.openxmlformats.org/officeDocument/2006/relationships" q:id="rId3" other="Infinity"/></root>`,
      `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="JPG" ContentType="image/jpg"/><Override PartName="/ppt/x.xml" ContentType="a"/></Types>`,
      `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="../media/x.png" TargetMode="External"/></Relationships>`,
    ];
    for (const xml of parts) {
      const { tree, parsed } = scans(xml);
      expect(tree).toEqual(parsed);
      expect(tree.hits.length + tree.relRefs.size + tree.rels.length + tree.defaults.length).toBeGreaterThan(0);
    }
  });
});
