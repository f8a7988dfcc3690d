/**
 * The map kind end to end: the shipped brief's map and the eight-place fixture are built, and
 * their map slides checked as placed (every label inside the map, clear of the frame's edge,
 * of every other label and of every marker), as written (one custGeom per country, named,
 * schema-valid, under 150 KB for the map), and for the brief's diagnostics (routes naming
 * unknown places, stated distances far off the great circle).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBrief, buildLoaded, type BuildResult } from '../../src/build.ts';
import type { Frame, PlacedSlide, ShapeElement, TextElement } from '../../src/layout/placed.ts';
import { lintBrief } from '../../src/lint/index.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';
import { overlaps } from '../../src/map/labels.ts';
import { countryNameLines } from '../../src/kinds/map.ts';
import { FIXTURES, REPO, SHIPPED_BRIEF } from '../support/helpers.ts';
import { validateDecks } from '../support/ooxmlSchema.ts';
import { convertToPdf, findTools } from '../../src/convert/libreoffice.ts';
import { pdfWordLines, renderGate } from '../render/pdf.ts';
import { describeWithTools } from '../support/toolGate.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const CLUSTER = join(FIXTURES, 'briefs/map-cluster.yaml');
const MARKERS = new Set<ShapeElement['shape']>(['star5', 'ellipse', 'diamond']);
let dir: string;
let shipped: BuildResult;
let cluster: BuildResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefdeck-map-'));
  const opts = { outDir: dir, projectRoot: REPO, templatesDir: join(REPO, 'templates') };
  shipped = await buildBrief(SHIPPED_BRIEF, opts);
  cluster = await buildBrief(CLUSTER, opts);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function mapSlide(r: BuildResult): PlacedSlide {
  const s = r.placed!.slides.find((sl) => sl.elements.some((e) => e.kind === 'freeform'));
  if (!s) throw new Error('no map slide');
  return s;
}

/** The map frame is the water: the largest filled rectangle on the slide. */
function mapFrame(s: PlacedSlide): Frame {
  const rects = s.elements.filter((e): e is ShapeElement => e.kind === 'shape' && e.shape === 'rect');
  return rects.reduce((a, b) => (b.frame.w * b.frame.h > a.frame.w * a.frame.h ? b : a)).frame;
}

const inside = (f: Frame, M: Frame, edge: number) => f.x >= M.x + edge - 1e-6 && f.y >= M.y + edge - 1e-6 && f.x + f.w <= M.x + M.w - edge + 1e-6 && f.y + f.h <= M.y + M.h - edge + 1e-6;
const within = (f: Frame, M: Frame) => f.x >= M.x && f.y >= M.y && f.x + f.w <= M.x + M.w && f.y + f.h <= M.y + M.h;
const text = (e: TextElement) => e.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join(' / ');

function checkLabels(s: PlacedSlide, names: string[]) {
  const M = mapFrame(s);
  const labels = s.elements.filter((e): e is TextElement => e.kind === 'text' && within(e.frame, M));
  const markers = s.elements.filter((e): e is ShapeElement => e.kind === 'shape' && MARKERS.has(e.shape) && within(e.frame, M));
  const panels = s.elements.filter((e): e is ShapeElement => e.kind === 'shape' && e.shape === 'rect' && within(e.frame, M) && e.frame.w < M.w / 2);
  for (const n of names) expect(labels.map(text), `label of ${n}`).toContain(n);
  expect(markers.length).toBe(names.length);
  // The scale bar and north arrow sit on panels; labels keep off those panels and off each other.
  const placeLabels = labels.filter((l) => !panels.some((p) => within(l.frame, p.frame)));
  for (const l of placeLabels) {
    expect(inside(l.frame, M, 0.05), `${text(l)} clear of the map's edge`).toBe(true);
    for (const m of markers) expect(overlaps(l.frame, m.frame), `${text(l)} over a marker`).toBe(false);
    for (const p of panels) expect(overlaps(l.frame, p.frame), `${text(l)} over the scale bar or north arrow`).toBe(false);
    for (const o of placeLabels) if (o !== l) expect(overlaps(l.frame, o.frame), `${text(l)} overlaps ${text(o)}`).toBe(false);
  }
  return { M, labels: placeLabels, markers };
}

describe('the shipped map', () => {
  it('builds without warnings and names both cities', () => {
    expect(shipped.ok).toBe(true);
    expect(shipped.diagnostics).toEqual([]);
    const { labels } = checkLabels(mapSlide(shipped), ['Pyongyang', 'Vladivostok']);
    expect(labels.map(text)).toContain('Pyongyang to Vladivostok / 685 km (425 mi), great circle');
    expect(labels.map(text)).toEqual(expect.arrayContaining(['CHINA', 'RUSSIA', 'JAPAN', 'NORTH / KOREA']));
  });

  it('draws each country as a named custGeom freeform, not a picture', () => {
    const n = shipped.placed!.slides.indexOf(mapSlide(shipped)) + 1;
    const xml = strFromU8(unzipSync(shipped.pptx!)[`ppt/slides/slide${n}.xml`]!);
    const geoms = xml.match(/<a:custGeom>/g) ?? [];
    const freeforms = mapSlide(shipped).elements.filter((e) => e.kind === 'freeform');
    expect(geoms.length).toBe(freeforms.length);
    expect(geoms.length).toBeGreaterThanOrEqual(6);
    for (const name of ['North Korea', 'Russia', 'China', 'Route: Pyongyang to Vladivostok']) expect(xml).toContain(`name="${name}"`);
    expect(xml).not.toContain('<p:pic>');
    expect(mapSlide(shipped).notes).toContain('Pyongyang to Vladivostok: 685 km (425 mi) great-circle; the source states about 425 miles (680 kilometers)');
  });

  it('adds less than 150 KB to the deck', async () => {
    const yaml = readFileSync(SHIPPED_BRIEF, 'utf8');
    const without = parseBrief(yaml.slice(0, yaml.indexOf('\nmap:\n')), 'kim.yaml');
    const r = await buildLoaded(without.value!, { projectRoot: REPO, templatesDir: join(REPO, 'templates') });
    expect(r.ok).toBe(true);
    const added = shipped.pptx!.length - r.pptx!.length;
    console.log(`map: ${added} bytes added to the shipped deck`);
    expect(added).toBeGreaterThan(5_000);
    expect(added).toBeLessThan(150 * 1024);
  });

  it('is valid against the ECMA-376 schemas, as is the eight-place map', async () => {
    const [a, b] = await validateDecks([shipped.pptx!, cluster.pptx!]);
    expect(a!.invalid).toEqual([]);
    expect(b!.invalid).toEqual([]);
    expect(a!.shapesWithoutTxBody).toEqual([]);
  });
});

describe('eight close places', () => {
  it('labels every place, with no label over another label, a marker or the edge', () => {
    expect(cluster.ok).toBe(true);
    expect(cluster.diagnostics).toEqual([]);
    checkLabels(mapSlide(cluster), ['Brussels', 'Vilvoorde', 'Mechelen', 'Leuven', 'Aalst', 'Halle', 'Zaventem', 'Wavre']);
  });

  it('puts an arrowhead only on a route to a destination', () => {
    const route = mapSlide(cluster).elements.find((e) => e.kind === 'freeform' && e.name.startsWith('Route:'));
    expect(route).toMatchObject({ arrow: true });
    const toOther = mapSlide(shipped).elements.find((e) => e.kind === 'freeform' && e.name.startsWith('Route:'));
    expect(toOther).toMatchObject({ arrow: false });
  });
});

describe('country names', () => {
  it('try one line, then two broken at the space nearest the middle', () => {
    expect(countryNameLines('CHINA')).toEqual([[{ text: 'CHINA' }]]);
    expect(countryNameLines('CENTRAL AFRICAN REP.')[1]).toEqual([{ text: 'CENTRAL' }, { text: 'AFRICAN REP.' }]);
    expect(countryNameLines('NORTH KOREA')[1]).toEqual([{ text: 'NORTH' }, { text: 'KOREA' }]);
  });
});

describe('map data in a brief', () => {
  const yaml = readFileSync(CLUSTER, 'utf8');

  it('reports a route to a place the map does not have, at file:line:col', () => {
    const bad = yaml.replace('to: Zaventem', 'to: Antwerp');
    const r = parseBrief(bad, 'cluster.yaml');
    expect(r.value).toBeUndefined();
    const line = bad.split('\n').findIndex((l) => l.includes('to: Antwerp')) + 1;
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'E_SCHEMA', file: 'cluster.yaml', line, path: 'map.routes[0].to' })]);
    expect(r.diagnostics[0]!.message).toContain('"Antwerp" is not one of the map\'s places');
  });

  it('reports a latitude off the map', () => {
    const r = parseBrief(yaml.replace('lat: 50.8467', 'lat: 95'), 'cluster.yaml');
    expect(r.diagnostics.map((d) => [d.code, d.path])).toEqual([['E_SCHEMA', 'map.places[0].lat']]);
  });

  it('lint warns when a stated distance is more than 10% off the great circle', () => {
    const ok = parseBrief(yaml, 'cluster.yaml');
    expect(lintBrief(ok.value!).filter((d) => d.code.startsWith('W_DISTANCE'))).toEqual([]);
    const far = yaml.replace('stated_distance: about 17 km', 'stated_distance: about 25 km');
    const d = lintBrief(parseBrief(far, 'cluster.yaml').value!);
    const line = far.split('\n').findIndex((l) => l.includes('about 25 km')) + 1;
    expect(d).toEqual([expect.objectContaining({ severity: 'warning', code: 'W_DISTANCE_MISMATCH', line, path: 'map.routes[0].stated_distance' })]);
    expect(d[0]!.message).toContain('Mechelen to Zaventem');
    const words = lintBrief(parseBrief(yaml.replace('about 17 km', 'a short drive'), 'cluster.yaml').value!);
    expect(words.map((x) => x.code)).toEqual(['W_DISTANCE_UNREADABLE']);
  });
});

const tools = findTools();
describeWithTools('the maps as LibreOffice draws them', renderGate(tools), () => {
  /** Every word pdftotext finds inside the map frame on the map's page, with its box in inches. */
  async function mapWords(r: BuildResult) {
    const pdf = await convertToPdf(r.out!, dir, tools);
    const { lines } = await pdfWordLines(pdf, tools);
    const s = mapSlide(r);
    const M = mapFrame(s);
    return lines
      .filter((l) => l.page === s.number)
      .flatMap((l) => l.words)
      .filter((w) => w.box.x0 >= M.x && w.box.x1 <= M.x + M.w && w.box.y0 >= M.y && w.box.y1 <= M.y + M.h);
  }

  const shrink = 0.01;
  const clash = (a: { x0: number; y0: number; x1: number; y1: number }, b: typeof a) =>
    a.x0 + shrink < b.x1 - shrink && b.x0 + shrink < a.x1 - shrink && a.y0 + shrink < b.y1 - shrink && b.y0 + shrink < a.y1 - shrink;

  it.each([
    ['the shipped map', () => shipped, ['Pyongyang', 'Vladivostok']],
    ['eight close places', () => cluster, ['Brussels', 'Vilvoorde', 'Mechelen', 'Leuven', 'Aalst', 'Halle', 'Zaventem', 'Wavre']],
  ] as const)('%s: every name is drawn and no two words on the map overlap', async (_name, get, names) => {
    const words = await mapWords(get());
    for (const n of names) expect(words.map((w) => w.text), n).toContain(n);
    const overlapping = words.flatMap((a, i) => words.slice(i + 1).filter((b) => clash(a.box, b.box)).map((b) => `${a.text} / ${b.text}`));
    expect(overlapping).toEqual([]);
    expect(words.length).toBeGreaterThan(names.length + 4);
  });
});
