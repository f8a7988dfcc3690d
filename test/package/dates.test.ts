import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveDeckDate, setCoreDates, toDosDateTime, w3cdtf } from '../../src/package/dates.ts';
import { parseXml, serialiseXml } from '../../src/package/xmlTree.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('resolveDeckDate', () => {
  it('uses the as-of date at midnight UTC', () => {
    expect(resolveDeckDate('2024-05-01', {}).value?.toISOString()).toBe('2024-05-01T00:00:00.000Z');
  });

  it('without an as-of date, uses SOURCE_DATE_EPOCH, else the fixed epoch 1980-01-01', () => {
    expect(resolveDeckDate(undefined, {}).value?.toISOString()).toBe('1980-01-01T00:00:00.000Z');
    expect(resolveDeckDate(undefined, { SOURCE_DATE_EPOCH: '' }).value?.toISOString()).toBe('1980-01-01T00:00:00.000Z');
    expect(resolveDeckDate(undefined, { SOURCE_DATE_EPOCH: '1700000000' }).value?.toISOString()).toBe('2023-11-14T22:13:20.000Z');
  });

  it('prefers SOURCE_DATE_EPOCH and treats an empty one as unset', () => {
    expect(resolveDeckDate('2024-05-01', { SOURCE_DATE_EPOCH: '0' }).value?.toISOString()).toBe('1970-01-01T00:00:00.000Z');
    expect(resolveDeckDate('2024-05-01', { SOURCE_DATE_EPOCH: '' }).value?.toISOString()).toBe('2024-05-01T00:00:00.000Z');
  });

  it('rejects malformed values instead of falling back', () => {
    for (const bad of ['-1', '1.5', 'now', '99999999999999']) {
      const r = resolveDeckDate('2024-05-01', { SOURCE_DATE_EPOCH: bad });
      expect(r.value, bad).toBeUndefined();
      expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'E_PACKAGE' });
    }
    for (const bad of ['2024-5-1', '2024-02-30', '2023-02-29', 'May 1']) expect(resolveDeckDate(bad, {}).value, bad).toBeUndefined();
    expect(resolveDeckDate('2024-02-29', {}).value).toBeDefined();
  });
});

describe('toDosDateTime', () => {
  it('encodes the UTC wall clock with 2-second resolution', () => {
    expect(toDosDateTime(new Date('2024-05-01T23:59:59Z'))).toEqual({
      date: (44 << 9) | (5 << 5) | 1,
      time: (23 << 11) | (59 << 5) | 29,
    });
  });

  it('clamps to the DOS range 1980..2107', () => {
    expect(toDosDateTime(new Date(0))).toEqual({ date: (1 << 5) | 1, time: 0 });
    expect(toDosDateTime(new Date('2200-01-01T00:00:00Z')).date).toBe((127 << 9) | (12 << 5) | 31);
  });

  it('does not depend on the process time zone', () => {
    const script = "import { toDosDateTime } from './src/package/dates.ts'; console.log(JSON.stringify(toDosDateTime(new Date('2024-03-31T00:00:00Z'))))";
    const outputs = ['UTC', 'Asia/Seoul', 'America/Los_Angeles', 'Europe/Berlin'].map((TZ) =>
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, TZ }, encoding: 'utf8' }).trim());
    expect(new Set(outputs).size).toBe(1);
    expect(JSON.parse(outputs[0]!)).toEqual(toDosDateTime(new Date('2024-03-31T00:00:00Z')));
  }, 30_000);
});

describe('setCoreDates', () => {
  const core = (inner: string, ns = 'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'): string =>
    `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ${ns}>${inner}</cp:coreProperties>`;
  const when = new Date('2024-05-01T00:00:00.123Z');
  const set = (xml: string): string => {
    const doc = parseXml(xml);
    setCoreDates(doc, when);
    return serialiseXml(doc);
  };

  it('replaces both dates, without fractional seconds', () => {
    const out = set(core('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-28T05:34:17Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-28T05:34:17.456Z</dcterms:modified>'));
    expect(out).toBe(core('<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-05-01T00:00:00Z</dcterms:modified>'));
    expect(w3cdtf(when)).toBe('2024-05-01T00:00:00Z');
  });

  it('adds missing dates, declaring the namespaces they need', () => {
    expect(set(core(''))).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2024-05-01T00:00:00Z</dcterms:created><dcterms:modified');
    expect(set(core('', ''))).toContain('<dcterms:created xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="dcterms:W3CDTF">2024-05-01T00:00:00Z</dcterms:created>');
  });

  it('leaves a part that is not core properties alone', () => {
    const other = '<x:coreProperties xmlns:x="urn:x"/>';
    expect(set(other)).toBe(other);
  });
});
