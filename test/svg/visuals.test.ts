/**
 * The SVG slides of the placed element types beyond text, tables and preset shapes: native
 * charts drawn from their data (bars and points where the values put them, every value written,
 * the alt text as the chart's title), freeform paths (a map's outlines and routes) and pictures
 * (cropped for `fit: cover`, SVG figures embedded as SVG), on the chart fixture and the shipped
 * brief's map.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBrief } from '../../src/build.ts';
import type { ChartElement, FreeformElement, PlacedDeck, PlacedSlide } from '../../src/layout/placed.ts';
import { chartNumber, niceScale } from '../../src/svg/chart.ts';
import { renderSlideSvg } from '../../src/svg/render.ts';
import { FIXTURES, REPO, SHIPPED_BRIEF } from '../support/helpers.ts';
import { parseSlideSvg } from './parse.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let visuals: PlacedDeck;
let shipped: PlacedDeck;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefdeck-svg-visuals-'));
  const opts = { projectRoot: REPO, templatesDir: join(REPO, 'templates'), outDir: dir, checkOnly: true };
  const a = await buildBrief(join(FIXTURES, 'briefs/visuals.yaml'), opts);
  const b = await buildBrief(SHIPPED_BRIEF, opts);
  expect(a.ok && b.ok, JSON.stringify([...a.diagnostics, ...b.diagnostics])).toBe(true);
  visuals = a.placed!;
  shipped = b.placed!;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The SVG of the element `i` of a slide, cut out of the slide's SVG by its data-el group. */
function elementSvg(deck: PlacedDeck, s: PlacedSlide, i: number): string {
  const svg = renderSlideSvg(deck, s);
  const start = svg.indexOf(`<g class="el" data-el="e${i}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  // Element groups do not nest one another: the next one (or the chrome) ends this one.
  const next = svg.slice(start + 1).search(/<g class="(el|banner)"/);
  return svg.slice(start, next < 0 ? undefined : start + 1 + next);
}

function elementsOf<K extends string>(deck: PlacedDeck, kind: K) {
  return deck.slides.flatMap((s) => s.elements.map((e, i) => ({ s, e, i })).filter((x) => x.e.kind === kind));
}

const attr = (tag: string, name: string) => Number(new RegExp(`\\b${name}="([-\\d.]+)"`).exec(tag)?.[1]);

describe('charts', () => {
  it('the scale starts at zero and covers the data in round steps', () => {
    expect(niceScale([40, 25, 18, 9.5])).toEqual([0, 10, 20, 30, 40]);
    expect(niceScale([310, 298, 335, 390])).toEqual([0, 100, 200, 300, 400]);
    expect(niceScale([-3, 7])).toEqual([-4, -2, 0, 2, 4, 6, 8]);
    expect(chartNumber(1234.567)).toBe('1,234.57');
  });

  it('draws each chart of the fixture from its data, with its title, values and alt text', () => {
    const charts = elementsOf(visuals, 'chart');
    expect(charts.map((c) => (c.e as ChartElement).chart).sort()).toEqual(['bar', 'line', 'pie']);
    for (const { s, e, i } of charts) {
      const el = e as ChartElement;
      const svg = elementSvg(visuals, s, i);
      expect(parseSlideSvg(renderSlideSvg(visuals, s)).elements[i + 1]).toMatchObject({ id: `e${i}`, kind: 'chart' });
      expect(svg).toContain(`<title>${el.alt}</title>`);
      const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      expect(texts).toContain(el.title);
      for (const v of el.series.flatMap((x) => x.values)) expect(texts).toContain(chartNumber(v));
      if (el.chart !== 'pie') for (const c of el.categories) expect(texts).toContain(c);
    }
  });

  it('sets bar heights in proportion to the values, in the series colour', () => {
    const { s, e, i } = elementsOf(visuals, 'chart').find((c) => (c.e as ChartElement).chart === 'bar')!;
    const el = e as ChartElement;
    const bars = [...elementSvg(visuals, s, i).matchAll(/<rect [^>]*fill="#([0-9A-Fa-f]{6})"[^>]*\/>/g)].filter((m) => m[1] === el.colors[0]).map((m) => m[0]);
    expect(bars).toHaveLength(el.series[0]!.values.length);
    const heights = bars.map((b) => attr(b, 'height'));
    el.series[0]!.values.forEach((v, k) => expect(heights[k]! / heights[0]!).toBeCloseTo(v / el.series[0]!.values[0]!, 2));
    // All inside the chart's frame.
    for (const b of bars) {
      expect(attr(b, 'y')).toBeGreaterThanOrEqual(el.frame.y * 72);
      expect(attr(b, 'y') + attr(b, 'height')).toBeLessThanOrEqual((el.frame.y + el.frame.h) * 72 + 0.01);
    }
  });

  it('draws a pie as one slice per category, the slices making the whole circle', () => {
    const { s, e, i } = elementsOf(visuals, 'chart').find((c) => (c.e as ChartElement).chart === 'pie')!;
    const el = e as ChartElement;
    const slices = [...elementSvg(visuals, s, i).matchAll(/<path d="M([-\d.]+) ([-\d.]+)L([-\d.]+) ([-\d.]+)A[^"]* ([-\d.]+) ([-\d.]+)Z"/g)];
    expect(slices).toHaveLength(el.categories.length);
    const [cx, cy] = [Number(slices[0]![1]), Number(slices[0]![2])];
    const angle = (x: string, y: string) => Math.atan2(Number(x) - cx, cy - Number(y));
    const total = el.series[0]!.values.reduce((a, b) => a + b, 0);
    // The first slice starts at twelve o'clock; each spans its share of the circle.
    expect(angle(slices[0]![3]!, slices[0]![4]!)).toBeCloseTo(0, 3);
    slices.forEach((m, k) => {
      let span = angle(m[5]!, m[6]!) - angle(m[3]!, m[4]!);
      if (span <= 0) span += 2 * Math.PI;
      expect(span / (2 * Math.PI)).toBeCloseTo(el.series[0]!.values[k]! / total, 3);
    });
  });
});

describe('freeforms and pictures', () => {
  it('draws each freeform of the map with all its rings or lines, at its frame', () => {
    const forms = elementsOf(shipped, 'freeform');
    expect(forms.length).toBeGreaterThan(1);
    for (const { s, e, i } of forms) {
      const el = e as FreeformElement;
      const svg = elementSvg(shipped, s, i);
      const d = /<path d="([^"]*)"/.exec(svg)![1]!;
      expect(d.match(/M/g)).toHaveLength(el.paths.filter((p) => p.length).length);
      expect((d.match(/Z/g) ?? []).length).toBe(el.closed ? el.paths.filter((p) => p.length).length : 0);
      // The first point is the frame's corner plus the path's own offset.
      const [x, y] = /^M([-\d.]+) ([-\d.]+)/.exec(d)!.slice(1).map(Number);
      expect(x).toBeCloseTo((el.frame.x + el.paths[0]![0]![0]) * 72, 1);
      expect(y).toBeCloseTo((el.frame.y + el.paths[0]![0]![1]) * 72, 1);
      expect(svg).toContain(el.closed && el.fill ? `fill="#${el.fill}"` : 'fill="none"');
      if (el.arrow) expect(svg).toMatch(/<polygon /);
    }
  });

  it('crops a cover picture to its frame, and embeds an SVG figure as SVG', () => {
    const pics = elementsOf(visuals, 'image').map(({ s, e, i }) => ({ e, svg: elementSvg(visuals, s, i) }));
    const cover = pics.find((p) => p.e.kind === 'image' && p.e.fit === 'cover')!;
    expect(cover.svg).toContain('preserveAspectRatio="xMidYMid slice"');
    expect(cover.svg).toContain('href="data:image/jpeg;base64,');
    const plan = pics.find((p) => p.e.kind === 'image' && p.e.path.endsWith('.svg'))!;
    expect(plan.svg).toContain('href="data:image/svg+xml;base64,');
  });
});
