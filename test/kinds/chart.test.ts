/**
 * Native charts end to end: the chart fixture (one bar, one line, one pie chart) builds into
 * real chart parts with embedded workbooks, in the theme's palette, with titles, axis titles,
 * data labels, a source line and alt text that reads out the data; two builds in one process
 * give identical bytes (pptxgenjs numbers charts process-wide); every part is schema-valid; and
 * bad chart data is reported at file:line:col.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBrief, type BuildResult } from '../../src/build.ts';
import { chartAlt } from '../../src/kinds/chart.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';
import { FIXTURES, REPO, civicTheme } from '../support/helpers.ts';
import { validateDeck } from '../support/ooxmlSchema.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const FIXTURE = join(FIXTURES, 'briefs/visuals.yaml');
let dir: string;
let first: BuildResult;
let second: BuildResult;
let parts: Record<string, Uint8Array>;
const xml = (name: string) => strFromU8(parts[name]!);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefdeck-chart-'));
  const opts = { projectRoot: REPO, templatesDir: join(REPO, 'templates') };
  first = await buildBrief(FIXTURE, { ...opts, outDir: join(dir, 'a') });
  second = await buildBrief(FIXTURE, { ...opts, outDir: join(dir, 'b') });
  parts = unzipSync(first.pptx!);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the chart fixture', () => {
  it('has three chart parts, bar, line and pie, each with its embedded workbook', () => {
    expect(first.ok, JSON.stringify(first.diagnostics)).toBe(true);
    const charts = Object.keys(parts).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n)).sort();
    expect(charts).toEqual(['ppt/charts/chart1.xml', 'ppt/charts/chart2.xml', 'ppt/charts/chart3.xml']);
    expect(xml('ppt/charts/chart1.xml')).toContain('<c:barChart>');
    expect(xml('ppt/charts/chart2.xml')).toContain('<c:lineChart>');
    expect(xml('ppt/charts/chart3.xml')).toContain('<c:pieChart>');
    for (const n of [1, 2, 3]) {
      const rels = xml(`ppt/charts/_rels/chart${n}.xml.rels`);
      const target = /Target="\.\.\/embeddings\/([^"]+\.xlsx)"/.exec(rels)?.[1];
      expect(target, `chart${n} workbook`).toBeDefined();
      expect(parts[`ppt/embeddings/${target}`]!.length).toBeGreaterThan(1000);
    }
  });

  it('draws in the theme palette, with title, axis titles, data labels and a source line', () => {
    const theme = civicTheme();
    const bar = xml('ppt/charts/chart1.xml');
    expect(bar).toContain(`<a:srgbClr val="${theme.colors.accent}"/>`);
    expect(bar).toContain('Containers handled by terminal, 2029');
    expect(bar).toContain('Thousand containers');
    expect(bar).toContain('Terminal');
    expect(bar).toMatch(/<c:showVal val="1"\/>/);
    const line = xml('ppt/charts/chart2.xml');
    expect(line).toContain(`<a:srgbClr val="${theme.colors.title}"/>`);
    const slides = first.placed!.slides.filter((s) => s.elements.some((e) => e.kind === 'chart'));
    expect(slides.map((s) => s.title.paragraphs[0]!.runs[0]!.text)).toEqual([
      'The north terminal handles the most containers',
      'Ship calls rose for three years running',
      'Containers make up most of the cargo',
    ]);
    for (const s of slides) {
      const source = s.elements.find((e) => e.kind === 'text' && e.paragraphs[0]!.runs[0]!.text.startsWith('Source: '));
      expect(source, 'source line').toBeDefined();
    }
  });

  it('describes each chart by its data in the graphic frame', () => {
    const slideXml = Object.keys(parts).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).map(xml).join('');
    expect(slideXml).toContain('descr="Bar chart: North 40, East 25, South 18, West 9.5. Containers handled by terminal, 2029 (values in Thousand containers, by Terminal)."');
    expect(slideXml).toContain('descr="Line chart, Container ships: 2025 310, 2026 298, 2027 335, 2028 362, 2029 390; Bulk carriers: 2025 150');
    expect(slideXml).toContain('descr="Pie chart: Containers 55, Bulk 25, Liquid 15, Other 5. Cargo by kind, 2029."');
    expect((slideXml.match(/<p:graphicFrame>/g) ?? []).length).toBe(3);
  });

  it('is byte-identical across two builds in one process', () => {
    expect(second.ok).toBe(true);
    expect(Buffer.from(second.pptx!).equals(Buffer.from(first.pptx!))).toBe(true);
  });

  it('is valid against the ECMA-376 schemas, line chart included', async () => {
    const r = await validateDeck(first.pptx!);
    expect(r.invalid).toEqual([]);
    expect(r.parts).toBeGreaterThan(50);
    // The fixes the line chart needed: a grouping, no bar-only element, marker before labels.
    const line = xml('ppt/charts/chart2.xml');
    expect(line).toMatch(/<c:lineChart><c:grouping val="standard"\/>/);
    expect(line).not.toContain('invertIfNegative');
    expect((xml('ppt/charts/chart1.xml').match(/<c:axId /g) ?? []).length).toBe(4);
  });
});

describe('chart data in a brief', () => {
  const yaml = readFileSync(FIXTURE, 'utf8');
  const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

  it('reports a series whose length does not match the categories, at its line', () => {
    const bad = yaml.replace('values: [40, 25, 18, 9.5]', 'values: [40, 25, 18]');
    const r = parseBrief(bad, 'visuals.yaml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'E_SCHEMA', file: 'visuals.yaml', line: lineOf(bad, 'values: [40, 25, 18]'), path: 'charts[0].series[0].values' })]);
    expect(r.diagnostics[0]!.message).toContain('3 values for 4 categories');
  });

  it('reports a value that is not a number, and an empty series list', () => {
    const word = parseBrief(yaml.replace('values: [40, 25, 18, 9.5]', 'values: [40, forty, 18, 9.5]'), 'visuals.yaml');
    expect(word.diagnostics.map((d) => [d.code, d.path, d.col])).toEqual([['E_SCHEMA', 'charts[0].series[0].values[1]', expect.any(Number)]]);
    const empty = parseBrief(yaml.replace(/series:\n      - name: Thousand containers\n        values: \[40, 25, 18, 9\.5\]/, 'series: []'), 'visuals.yaml');
    expect(empty.diagnostics.map((d) => [d.code, d.path])).toEqual([['E_SCHEMA', 'charts[0].series']]);
  });

  it('refuses a negative pie slice', () => {
    const neg = parseBrief(yaml.replace('values: [55, 25, 15, 5]', 'values: [55, 25, -15, 5]'), 'visuals.yaml');
    expect(neg.diagnostics.map((d) => d.path)).toEqual(['charts[2].series[0].values[2]']);
  });
});

describe('chartAlt', () => {
  it('reads out every value of every series', () => {
    expect(chartAlt({ chart: 'bar', chartTitle: 'T', categories: ['A', 'B'], series: [{ name: 'S', values: [40, 1250.5] }] })).toBe('Bar chart: A 40, B 1,250.5. T.');
    expect(chartAlt({ chart: 'line', chartTitle: 'T', categories: ['A'], series: [{ name: 'X', values: [1] }, { name: 'Y', values: [2] }], yLabel: 'kt' })).toBe('Line chart, X: A 1; Y: A 2. T (values in kt).');
  });
});
