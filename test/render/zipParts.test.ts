/**
 * The render stage takes pptxgenjs's parts as it hands them to JSZip (src/render/zipParts.ts).
 * They must be exactly what unzipping the .pptx JSZip would have made gives: the same part
 * names, the same text, the same bytes, for text, pictures and a chart with its workbook.
 */
import { describe, expect, it } from 'vitest';
import pptxgen from 'pptxgenjs';
import JSZip from 'jszip';
import { collectParts } from '../../src/render/zipParts.ts';
import { readParts, type Parts } from '../../src/package/zip.ts';

// pptxgenjs ships CJS and ESM builds whose default export differs in shape under some loaders.
const PptxGen = ((pptxgen as unknown as { default?: typeof pptxgen }).default ?? pptxgen) as typeof pptxgen;

/** A 4x4 PNG, red. */
const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGP4z8CAFWEXHbQSACj/P8Fu7N9hAAAAAElFTkSuQmCC';

function presentation(): pptxgen {
  const pres = new PptxGen();
  pres.layout = 'LAYOUT_WIDE';
  const slide = pres.addSlide();
  slide.addText('Kim Jong Un — 김정은, Владивосток', { x: 1, y: 1, w: 6, h: 1 });
  slide.addImage({ data: PNG, x: 1, y: 2.5, w: 1, h: 1 });
  slide.addChart(pres.ChartType.bar, [{ name: 'Shells', labels: ['2022', '2023'], values: [1, 2] }], { x: 3, y: 2.5, w: 5, h: 3 });
  slide.addNotes('Notes with “quotes” & <angle brackets>');
  return pres;
}

/**
 * What differs between two writes of equal presentations: the timestamps pptxgenjs and JSZip
 * take from the clock, and pptxgenjs's chart counter, which runs on across presentations (the
 * package stage renumbers charts).
 */
const undated = (text: string) => unnumbered(text.replace(/<dcterms:(created|modified)[^>]*>[^<]*</g, '<dcterms:$1><'));
const unnumbered = (text: string) => text.replace(/chart\d+\.xml/g, 'chartN.xml').replace(/Microsoft_Excel_Worksheet\d+\.xlsx/g, 'Microsoft_Excel_WorksheetN.xlsx');

/** Parts with every nested package opened, so two zips of the same parts compare equal. */
async function comparable(parts: Parts): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [name, data] of parts) {
    if (/\.xlsx$/.test(name)) {
      const inner = await JSZip.loadAsync(data as Uint8Array);
      for (const [n, f] of Object.entries(inner.files)) if (!f.dir) out[`${unnumbered(name)}!/${n}`] = undated(await f.async('string'));
    } else out[unnumbered(name)] = typeof data === 'string' ? undated(data) : `bytes:${Buffer.from(data).toString('base64')}`;
  }
  return out;
}

describe('collectParts', () => {
  it('gives exactly the parts that unzipping the .pptx JSZip would have made gives', async () => {
    const pres = presentation();
    const collected = await collectParts(() => pres.write({ outputType: 'nodebuffer' }));
    // The same presentation written again, outside collection: a real zip from JSZip.
    const zipped = readParts(new Uint8Array((await presentation().write({ outputType: 'nodebuffer' })) as ArrayBuffer));
    expect([...collected.keys()].map(unnumbered).sort()).toEqual([...zipped.keys()].map(unnumbered).sort());
    expect(await comparable(collected)).toEqual(await comparable(zipped));
    // Text parts are text, pictures and workbooks are bytes, as readParts gives them.
    expect(typeof collected.get('ppt/slides/slide1.xml')).toBe('string');
    expect(collected.get('ppt/slides/slide1.xml')).toContain('김정은');
    expect([...collected].filter(([n, d]) => /^ppt\/(media|embeddings)\//.test(n) && d instanceof Uint8Array).length).toBe(2);
  });

  it('leaves other uses of JSZip as they were: outside collection, and zips of other types within it', async () => {
    const zip = new JSZip();
    zip.file('a.txt', 'hello');
    const within = await collectParts(async () => {
      const b64 = await zip.generateAsync({ type: 'base64' });
      expect((await JSZip.loadAsync(b64, { base64: true }).then((z) => z.file('a.txt')!.async('string')))).toBe('hello');
      return new JSZip().file('x.xml', '<x/>').generateAsync({ type: 'nodebuffer' });
    });
    expect(within.get('x.xml')).toBe('<x/>');
    const outside = await new JSZip().file('y.xml', '<y/>').generateAsync({ type: 'nodebuffer' });
    expect(Buffer.isBuffer(outside)).toBe(true);
    expect(readParts(new Uint8Array(outside)).get('y.xml')).toBe('<y/>');
  });

  it('falls back to the real zip for text JSZip would not write as it is (a lone surrogate)', async () => {
    const zip = () => new JSZip().file('bad.xml', '<x>\ud800</x>').file('good.xml', '<y/>');
    const parts = await collectParts(() => zip().generateAsync({ type: 'nodebuffer' }));
    // As readParts gives it from JSZip's bytes (which write U+FFFD for it), not the string given.
    expect(parts).toEqual(readParts(new Uint8Array(await zip().generateAsync({ type: 'nodebuffer' }))));
    expect(parts.get('bad.xml')).toBe('<x>\ufffd</x>');
  });
});
