import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { listRepairTriggers, packageDeck, verifyDeck } from '../../src/package/index.ts';
import { readParts, type Parts } from '../../src/package/zip.ts';
import { buildDeck, packagedDigest } from './deck-fixture.ts';

const FIXTURE = fileURLToPath(new URL('./deck-fixture.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function pack(raw: Uint8Array, env: NodeJS.ProcessEnv = {}): Uint8Array {
  const result = packageDeck(raw, { date: '2024-05-01', env });
  expect(result.diagnostics).toEqual([]);
  return result.value!;
}

const text = (parts: Parts, name: string): string => {
  const value = parts.get(name);
  if (typeof value !== 'string') throw new Error(`${name} is not a text part`);
  return value;
};

/** Central-directory entries of a zip: name, method, DOS time/date, sizes. */
function entries(zip: Uint8Array): Array<{ name: string; method: number; time: number; date: number; csize: number; usize: number }> {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  let at = view.getUint32(eocd + 16, true);
  const out = [];
  for (let i = view.getUint16(eocd + 10, true); i > 0; i--) {
    const n = view.getUint16(at + 28, true);
    out.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + n)),
      method: view.getUint16(at + 10, true),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
      csize: view.getUint32(at + 20, true),
      usize: view.getUint32(at + 24, true),
    });
    at += 46 + n + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return out;
}

describe('packageDeck on a real pptxgenjs deck', () => {
  let raw: Uint8Array;
  let packaged: Uint8Array;
  let parts: Parts;
  beforeAll(async () => {
    raw = await buildDeck();
    packaged = pack(raw);
    parts = readParts(packaged);
  });

  it('starts from a deck that has the known triggers', () => {
    const found = new Set(listRepairTriggers(raw).map((h) => h.trigger));
    expect([...found].sort()).toEqual([
      'bg-without-effect-list', 'chart-axid-count', 'duplicate-shape-id', 'jpg-content-type', 'phantom-override', 'presentation-element-order', 'shape-without-txbody',
    ]);
    expect(verifyDeck(raw).length).toBeGreaterThan(0);
  });

  it('leaves no known repair trigger and passes the verifier', () => {
    expect(listRepairTriggers(packaged)).toEqual([]);
    expect(verifyDeck(packaged)).toEqual([]);
  });

  it('drops phantom slideMaster overrides and uses image/jpeg', () => {
    const types = text(parts, '[Content_Types].xml');
    expect(types).toContain('/ppt/slideMasters/slideMaster1.xml');
    expect(types).not.toMatch(/slideMaster[2-9]\.xml/);
    expect(types).not.toContain('image/jpg"');
    expect(types).toContain('<Default Extension="jpg" ContentType="image/jpeg"/>');
    expect([...parts.keys()].some((n) => n.endsWith('.jpg'))).toBe(true);
  });

  it('follows every background fill with an effect list', () => {
    const slide1 = text(parts, 'ppt/slides/slide1.xml');
    expect(slide1).toContain('<p:bgPr><a:solidFill><a:srgbClr val="1F3864"/></a:solidFill><a:effectLst/></p:bgPr>');
  });

  it('gives bar and line charts exactly two axis ids, both defined axes', () => {
    for (const name of ['ppt/charts/chart1.xml', 'ppt/charts/chart2.xml']) {
      const xml = text(parts, name);
      const block = /<c:(barChart|lineChart)>([\s\S]*?)<\/c:\1>/.exec(xml)![2]!;
      const ids = [...block.matchAll(/<c:axId val="(\d+)"\/>/g)].map((m) => m[1]);
      expect(ids).toHaveLength(2);
      for (const id of ids) expect(xml).toMatch(new RegExp(`<c:(catAx|valAx)>\\s*<c:axId val="${id}"/>`));
    }
  });

  it('makes shape ids unique on the table slide', () => {
    const ids = [...text(parts, 'ppt/slides/slide2.xml').matchAll(/<p:cNvPr id="(\d+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('writes no NaN, Infinity or undefined attribute', () => {
    for (const [name, value] of parts) {
      if (typeof value === 'string') expect(value, name).not.toMatch(/="(NaN|-?Infinity|undefined)"/);
    }
  });

  it('sets the deck date in core.xml, in every entry and in embedded workbooks', () => {
    const core = text(parts, 'docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-01T00:00:00Z</dcterms:modified>');
    const dos = { date: (44 << 9) | (5 << 5) | 1, time: 0 };
    for (const e of entries(packaged)) expect({ date: e.date, time: e.time }, e.name).toEqual(dos);
    const workbook = parts.get('ppt/embeddings/Microsoft_Excel_Worksheet1.xlsx') as Uint8Array;
    for (const e of entries(workbook)) expect({ date: e.date, time: e.time }, e.name).toEqual(dos);
    const inner = new TextDecoder().decode(unzipSync(workbook)['docProps/core.xml']);
    expect(inner).toContain('>2024-05-01T00:00:00Z</dcterms:created>');
  });

  it('writes entries in canonical order, deflated, without folder entries', () => {
    const list = entries(packaged);
    expect(list[0]!.name).toBe('[Content_Types].xml');
    expect(list[1]!.name).toBe('_rels/.rels');
    const rest = list.slice(2).map((e) => e.name);
    expect(rest).toEqual([...rest].sort());
    expect(list.every((e) => e.method === 8)).toBe(true);
    expect(list.some((e) => e.name.endsWith('/'))).toBe(false);
    // XML only: the embedded workbooks are zips already and barely shrink.
    const xml = list.filter((e) => /\.(xml|rels)$/.test(e.name));
    const csize = xml.reduce((s, e) => s + e.csize, 0);
    const usize = xml.reduce((s, e) => s + e.usize, 0);
    expect(csize).toBeLessThan(usize / 3);
    expect(packaged.length).toBeLessThan(raw.length / 2);
  });

  it('is byte-identical for two separately generated decks', async () => {
    const again = pack(await buildDeck());
    expect(Buffer.from(again).equals(Buffer.from(packaged))).toBe(true);
  });

  it('is byte-identical across processes and time zones', async () => {
    const here = await packagedDigest();
    for (const TZ of ['UTC', 'Asia/Seoul', 'America/Sao_Paulo', 'Pacific/Kiritimati']) {
      const child = execFileSync(process.execPath, ['--import', 'tsx', FIXTURE], {
        cwd: ROOT,
        env: { ...process.env, TZ, SOURCE_DATE_EPOCH: '' },
        encoding: 'utf8',
      }).trim();
      expect(child, TZ).toBe(here);
    }
  }, 60_000);

  it('prefers SOURCE_DATE_EPOCH over the brief date', () => {
    const value = packageDeck(raw, { date: '2024-05-01', env: { SOURCE_DATE_EPOCH: '1700000001' } }).value!;
    const core = text(readParts(value), 'docProps/core.xml');
    expect(core).toContain('>2023-11-14T22:13:21Z</dcterms:created>');
    // DOS time has 2-second resolution: 22:13:21 is stored as 22:13:20.
    expect(entries(value)[0]).toMatchObject({ date: (43 << 9) | (11 << 5) | 14, time: (22 << 11) | (13 << 5) | 10 });
  });

  it('rejects a malformed SOURCE_DATE_EPOCH, a bad date and non-zip input', () => {
    const bad = packageDeck(raw, { date: '2024-05-01', env: { SOURCE_DATE_EPOCH: '17e8' } });
    expect(bad.value).toBeUndefined();
    expect(bad.diagnostics[0]).toMatchObject({ severity: 'error', code: 'E_PACKAGE' });
    expect(packageDeck(raw, { date: '2024-02-30', env: {} }).value).toBeUndefined();
    const notZip = packageDeck(new TextEncoder().encode('not a zip'), { date: '2024-05-01', env: {} });
    expect(notZip.diagnostics[0]?.message).toMatch(/^deck: not a readable zip/);
  });

  it('returns errors and no bytes when verification fails', () => {
    const broken = unzipSync(raw);
    broken['ppt/slides/slide1.xml'] = new TextEncoder().encode('<p:sld>');
    const result = packageDeck(zipSync(broken), { date: '2024-05-01', env: {} });
    expect(result.value).toBeUndefined();
    expect(result.diagnostics.map((d) => d.message).join('\n')).toMatch(/^ppt\/slides\/slide1\.xml: not well-formed XML/m);
  });

  it('packages a 20-slide deck with no repair trigger (size and time printed; time against its budget: npm run bench -- decks)', async () => {
    const big = await buildDeck(6, 2); // 6 x 3 + 2 = 20 slides
    const runs: number[] = [];
    let out: Uint8Array = new Uint8Array();
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      out = pack(big);
      runs.push(performance.now() - t0);
    }
    const median = [...runs].sort((a, b) => a - b)[2]!;
    console.log(`20-slide deck: pptxgenjs ${big.length} B -> packaged ${out.length} B ` +
      `(${((1 - out.length / big.length) * 100).toFixed(1)}% smaller); package time median ${median.toFixed(0)} ms, first ${runs[0]!.toFixed(0)} ms`);
    expect(listRepairTriggers(out)).toEqual([]);
  }, 60_000);
});
