/**
 * A map: country outlines as native freeform shapes (one editable custGeom per country), the
 * brief's places as markers whose shape tells their role, route lines along the great circle
 * with their distance, and around them a scale bar, a north arrow, a legend and the Natural
 * Earth attribution. Labels are placed by a candidate search (src/map/labels.ts) so that no
 * label touches another label, a marker, the scale bar, the north arrow or the frame's edge.
 */
import { geoDistance, geoInterpolate } from 'd3-geo';
import type { FieldPath } from '../compose/ir.ts';
import { warning, type Diagnostic } from '../diagnostics.ts';
import type { LayoutContext } from '../layout/context.ts';
import { lineHeightPt } from '../layout/fit.ts';
import { frame, para, titleRule } from '../layout/grid.ts';
import { textWidthIn, type FontFace } from '../layout/measure.ts';
import { whereIs } from '../layout/oversize.ts';
import type { Element, Frame, FreeformElement, ShapeElement, TextElement } from '../layout/placed.ts';
import { placeBlock, textBlock } from '../layout/text.ts';
import { EARTH_RADIUS_KM, formatDistance, greatCircleKm, KM_PER_MILE } from '../map/distance.ts';
import { contains, hitsLines, leaderEnd, overlaps, placeLabels, type Box, type LabelRequest } from '../map/labels.ts';
import { countryOutlines, fitProjection, insideRing, projectRings, ringArea, ringScan, type Pt } from '../map/outlines.ts';
import { formatNumber } from '../numbers.ts';
import { mix, nearestPassing } from '../theme/contrast.ts';
import type { Theme } from '../theme/schema.ts';
import { ptToIn } from '../units.ts';
import type { KindModule, SlideReader } from './kind.ts';
import type { MarkupElement } from '../compose/markupTree.ts';
import { PLACE_ROLES } from '../load/schema.ts';

export type PlaceRole = (typeof PLACE_ROLES)[number];

export interface MapPlace {
  name: string;
  lat: number;
  lon: number;
  role: PlaceRole;
  origin?: FieldPath;
}

export interface MapRoute {
  from: string;
  to: string;
  label?: string;
  /** The distance as the source states it, in its words. */
  stated?: string;
  ref?: string;
}

export interface MapSlide {
  layout: 'map';
  places: MapPlace[];
  routes: MapRoute[];
}

/** Point budget of all outlines together: about 50 bytes of XML each, so a map stays far under 150 KB. */
export const MAP_POINT_BUDGET = 2500;
/**
 * Type sizes from the theme: nothing under the smallest size any slide text may take (the table
 * floor), place names a step above it so they read first.
 */
function mapSizes(t: Theme) {
  const small = t.fit.tableFloor;
  return { label: small + 2, route: small + 1, country: small, small };
}
const EDGE = 0.08;
const WATER_BLUE = '8DB6D9';
/** The credit Natural Earth asks for, with the projection, longest first. */
const ATTRIBUTIONS = ['Borders: Natural Earth (public domain) · Mercator, scale true at the centre · great-circle distances', 'Borders: Natural Earth (public domain) · Mercator', 'Natural Earth'];

const MARKER: Record<PlaceRole, { shape: ShapeElement['shape']; size: number; hollow?: boolean; muted?: boolean }> = {
  capital: { shape: 'star5', size: 0.24 },
  origin: { shape: 'ellipse', size: 0.17 },
  destination: { shape: 'diamond', size: 0.2 },
  waypoint: { shape: 'ellipse', size: 0.13, hollow: true },
  other: { shape: 'ellipse', size: 0.11, muted: true },
};

const ROLE_PRIORITY: Record<PlaceRole, number> = { capital: 0, origin: 1, destination: 1, waypoint: 2, other: 3 };

function num(r: SlideReader, el: MarkupElement, name: string, min: number, max: number): number {
  const raw = r.attr(el, name) ?? '';
  const v = Number(raw);
  if (raw === '' || !Number.isFinite(v) || v < min || v > max) r.badAttr(el, `${name}="${raw}" is not a number from ${min} to ${max}`);
  return v;
}

interface Palette {
  water: string;
  land: string;
  home: string;
  border: string;
  marker: string;
  text: string;
  muted: string;
  paper: string;
  /** Country names: a quiet shade that still reads at 4.5:1 on land, the home countries and water. */
  countryName: string;
}

function palette(t: Theme): Palette {
  const c = t.colors;
  const pal: Palette = {
    // Water is blue on every theme, as readers expect of a map; land takes the theme's panel.
    water: mix(c.background, WATER_BLUE, 0.4),
    land: c.panel,
    home: mix(c.panel, c.muted, 0.2),
    border: mix(c.panel, c.muted, 0.5),
    marker: c.accent,
    text: c.text,
    muted: c.muted,
    paper: c.background,
    countryName: '',
  };
  const quiet = mix(c.muted, pal.home, 0.25);
  pal.countryName = nearestPassing(quiet, [pal.land, pal.home, pal.water].map((fill) => [fill, 4.5] as const));
  return pal;
}

function box2frame(b: Box, M: Frame): Frame {
  return frame(M.x + b.x, M.y + b.y, b.w, b.h);
}

/** A one- or two-line label's text box: measured width plus spare, no inset. */
function labelSize(lines: Array<{ text: string; bold?: boolean }>, face: FontFace, size: number, theme: Theme): { w: number; h: number } {
  const w = Math.max(...lines.map((l) => textWidthIn(l.text, { face, sizePt: size, bold: l.bold })));
  // 8% spare width: PowerPoint's and LibreOffice's advances can differ slightly from fontkit's.
  return { w: w * 1.08 + 0.04, h: ptToIn(lines.length * lineHeightPt(theme, size)) + 0.02 };
}

function labelElement(lines: Array<{ text: string; bold?: boolean }>, f: Frame, size: number, color: string, theme: Theme, align: TextElement['align'] = 'left'): TextElement {
  const block = textBlock(
    lines.map((l) => para([{ text: l.text, bold: l.bold }])),
    // Map lettering is a label, not body text: it is set small by design (lint's body-size rule skips it).
    { font: theme.fonts.body, size, lineHeight: lineHeightPt(theme, size), color, inset: 0, align, valign: 'middle', role: 'label' },
  );
  return placeBlock(block, f);
}

/** A geometry's rings as one freeform shape framed by their bounding box. */
function freeform(name: string, rings: Pt[][], M: Frame, style: Pick<FreeformElement, 'closed' | 'fill' | 'line' | 'arrow'>): FreeformElement {
  const xs = rings.flatMap((r) => r.map((p) => p[0]));
  const ys = rings.flatMap((r) => r.map((p) => p[1]));
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  const w = Math.max(0.01, Math.max(...xs) - x0);
  const h = Math.max(0.01, Math.max(...ys) - y0);
  const paths = rings.map((r) => r.map(([x, y]) => [Math.round((x - x0) * 1e4) / 1e4, Math.round((y - y0) * 1e4) / 1e4] as [number, number]));
  return { kind: 'freeform', name, frame: { x: M.x + x0, y: M.y + y0, w, h }, paths, ...style };
}

/** 1, 2 or 5 times a power of ten, at most `v`. */
export function niceBelow(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  return [5, 2, 1].map((m) => m * p).find((n) => n <= v) ?? p;
}

/** The point halfway along a polyline, by length. */
function midpoint(line: Pt[]): Pt {
  const seg = line.slice(1).map((p, i) => Math.hypot(p[0] - line[i]![0], p[1] - line[i]![1]));
  let half = seg.reduce((a, b) => a + b, 0) / 2;
  for (let i = 0; i < seg.length; i++) {
    if (half <= seg[i]!) {
      const t = seg[i]! === 0 ? 0 : half / seg[i]!;
      const a = line[i]!;
      const b = line[i + 1]!;
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    half -= seg[i]!;
  }
  return line[line.length - 1]!;
}

export const map: KindModule<MapSlide> = {
  vocabulary: {
    children: ['place', 'route'],
    elements: {
      place: { attrs: ['!name', '!lat', '!lon', 'role'], text: false },
      route: { attrs: ['!from', '!to', 'label', 'stated', 'ref'], text: false },
    },
  },

  read(r, slide) {
    const places = r.all('place').map((el) => {
      const role = (r.attr(el, 'role') ?? 'other') as PlaceRole;
      if (!PLACE_ROLES.includes(role)) r.badAttr(el, `role="${role}" is not one of ${PLACE_ROLES.join(', ')}`);
      return { name: r.attr(el, 'name') ?? '', lat: num(r, el, 'lat', -85, 85), lon: num(r, el, 'lon', -180, 180), role, origin: r.attrOrigin(el, 'name') };
    });
    if (places.length === 0) r.fail(slide, 'a map slide needs at least one <place>');
    const names = new Set(places.map((p) => p.name));
    const routes = r.all('route').map((el) => {
      const route = { from: r.attr(el, 'from') ?? '', to: r.attr(el, 'to') ?? '', label: r.attr(el, 'label'), stated: r.attr(el, 'stated'), ref: r.attr(el, 'ref') };
      for (const end of [route.from, route.to]) if (!names.has(end)) r.badAttr(el, `the route names "${end}", which is no <place> on this slide`);
      return route;
    });
    return { places, routes };
  },

  layout(slide, ctx) {
    return layoutMap(slide, ctx);
  },
};

function layoutMap(slide: MapSlide & { title: string; notes: string; loc: { file: string; line: number; col: number } }, ctx: LayoutContext) {
  const t = ctx.theme;
  const pal = palette(t);
  const B = ctx.body;
  const { label: LABEL_PT, route: ROUTE_PT, country: COUNTRY_PT, small: SMALL_PT } = mapSizes(t);
  const CAPTION_H = ptToIn(lineHeightPt(t, SMALL_PT)) + 0.12;
  const M = frame(B.x, B.y, B.w, B.h - CAPTION_H);
  const diagnostics: Diagnostic[] = [];
  const projection = fitProjection(slide.places, { w: M.w, h: M.h, margin: 0.24, minSpanDeg: 1 });
  const geo = countryOutlines(projection, MAP_POINT_BUDGET);
  const at = (p: MapPlace): Pt => projection([p.lon, p.lat]) as Pt;
  const byName = new Map(slide.places.map((p) => [p.name, p]));

  const elements: Element[] = [titleRule(t, B), { kind: 'shape', shape: 'rect', frame: M, fill: pal.water, line: { color: pal.border, width: 0.75 } }];
  const homes = new Set<string>();
  for (const c of geo.countries) if (slide.places.some((p) => c.rings.some((ring) => insideRing(at(p), ring)))) homes.add(c.name);
  for (const c of geo.countries) elements.push(freeform(c.name, c.rings, M, { closed: true, fill: homes.has(c.name) ? pal.home : pal.land, line: { color: pal.border, width: 0.75 } }));

  // Routes along the great circle, sampled finely enough to look smooth.
  const routeLines: Pt[][] = [];
  const routeInfo = slide.routes.map((r) => {
    const a = byName.get(r.from)!;
    const b = byName.get(r.to)!;
    const interp = geoInterpolate([a.lon, a.lat], [b.lon, b.lat]);
    const line = projectRings(projection, { type: 'LineString', coordinates: Array.from({ length: 33 }, (_, i) => interp(i / 32)) });
    const km = greatCircleKm(a, b);
    return { r, line: line.flat(), km };
  });
  for (const { r, line } of routeInfo) {
    if (line.length < 2) continue;
    routeLines.push(line);
    // An arrowhead says "travels to": only where the brief calls the end a destination.
    const arrow = byName.get(r.to)!.role === 'destination';
    elements.push(freeform(`Route: ${r.from} to ${r.to}`, [line], M, { closed: false, line: { color: pal.marker, width: 2.25, dash: 'dash' }, arrow }));
  }

  // Fixed furniture: scale bar bottom left, north arrow top right, each on a paper box.
  const kmPerIn = (geoDistance(projection.invert!([M.w / 2 - 0.5, M.h / 2])!, projection.invert!([M.w / 2 + 0.5, M.h / 2])!) * EARTH_RADIUS_KM) || 1;
  const kmBar = niceBelow(kmPerIn * 1.4);
  const miBar = niceBelow((kmPerIn / KM_PER_MILE) * 1.4);
  const kmLen = kmBar / kmPerIn;
  const miLen = (miBar * KM_PER_MILE) / kmPerIn;
  const smallH = ptToIn(lineHeightPt(t, SMALL_PT));
  const kmText = `${formatNumber(kmBar)} km`;
  const miText = `${formatNumber(miBar)} mi`;
  const tw = Math.max(textWidthIn(kmText, { face: t.fonts.body, sizePt: SMALL_PT }), textWidthIn(miText, { face: t.fonts.body, sizePt: SMALL_PT })) * 1.08 + 0.04;
  const scaleBox: Box = { x: EDGE, y: M.h - EDGE - (2 * smallH + 0.16), w: Math.max(kmLen, miLen) + tw + 0.24, h: 2 * smallH + 0.16 };
  const northBox: Box = { x: M.w - EDGE - 0.46, y: EDGE, w: 0.46, h: 0.62 };
  const furniture: Element[] = [];
  furniture.push({ kind: 'shape', shape: 'rect', frame: box2frame(scaleBox, M), fill: pal.paper, line: { color: pal.border, width: 0.5 } });
  [
    { len: kmLen, text: kmText, row: 0 },
    { len: miLen, text: miText, row: 1 },
  ].forEach(({ len, text, row }) => {
    const y = scaleBox.y + 0.08 + row * smallH;
    furniture.push({ kind: 'shape', shape: 'rect', frame: box2frame({ x: scaleBox.x + 0.1, y: y + smallH / 2 - 0.03, w: len, h: 0.06 }, M), fill: pal.text });
    furniture.push(labelElement([{ text }], box2frame({ x: scaleBox.x + 0.14 + len, y, w: tw, h: smallH }, M), SMALL_PT, pal.text, t));
  });
  // Mercator keeps north straight up everywhere, so the arrow never turns.
  furniture.push({ kind: 'shape', shape: 'rect', frame: box2frame(northBox, M), fill: pal.paper, line: { color: pal.border, width: 0.5 } });
  furniture.push({ kind: 'shape', shape: 'triangle', frame: box2frame({ x: northBox.x + 0.14, y: northBox.y + 0.06, w: 0.18, h: 0.24 }, M), fill: pal.text });
  furniture.push(labelElement([{ text: 'N', bold: true }], box2frame({ x: northBox.x, y: northBox.y + 0.32, w: northBox.w, h: 0.26 }, M), SMALL_PT, pal.text, t, 'center'));

  // Markers.
  const markerBoxes: Box[] = [];
  const markers: Element[] = [];
  for (const p of slide.places) {
    const [x, y] = at(p);
    const m = MARKER[p.role];
    const b: Box = { x: x - m.size / 2, y: y - m.size / 2, w: m.size, h: m.size };
    markerBoxes.push(b);
    const fill = m.hollow ? pal.paper : m.muted ? pal.muted : pal.marker;
    markers.push({ kind: 'shape', shape: m.shape, frame: box2frame(b, M), fill, line: { color: m.hollow ? pal.marker : pal.paper, width: m.hollow ? 2 : 1 } });
  }

  // Labels: places, then routes, in one search.
  const face = t.fonts.body;
  const requests: LabelRequest[] = [];
  const labelLines = new Map<string, { lines: Array<{ text: string; bold?: boolean }>; size: number }>();
  slide.places.forEach((p, i) => {
    const lines = [{ text: p.name, bold: p.role !== 'other' && p.role !== 'waypoint' }];
    const s = labelSize(lines, face, LABEL_PT, t);
    requests.push({ id: `p${i}`, ...s, anchor: at(p), r: MARKER[p.role].size / 2, priority: ROLE_PRIORITY[p.role] });
    labelLines.set(`p${i}`, { lines, size: LABEL_PT });
  });
  routeInfo.forEach(({ r, line, km }, i) => {
    if (line.length < 2) return;
    const lines = [{ text: r.label ?? `${r.from} to ${r.to}`, bold: true }, { text: `${formatDistance(km)}, great circle` }];
    const s = labelSize(lines, face, ROUTE_PT, t);
    requests.push({ id: `r${i}`, ...s, anchor: midpoint(line), r: 0.06, priority: 5 });
    labelLines.set(`r${i}`, { lines, size: ROUTE_PT });
  });
  const bounds: Box = { x: EDGE, y: EDGE, w: M.w - 2 * EDGE, h: M.h - 2 * EDGE };
  const placement = placeLabels(requests, { bounds, obstacles: [...markerBoxes, scaleBox, northBox], lines: routeLines });
  const labels: Element[] = [];
  const leaders: Element[] = [];
  const taken: Box[] = [...markerBoxes, scaleBox, northBox];
  for (const req of requests) {
    const c = placement.placed.get(req.id);
    const spec = labelLines.get(req.id)!;
    if (!c) continue;
    taken.push(c.box);
    labels.push(labelElement(spec.lines, box2frame(c.box, M), spec.size, pal.text, t));
    if (c.leader) {
      leaders.push(freeform(`Leader: ${spec.lines[0]!.text}`, [[req.anchor, leaderEnd(req.anchor, c.box)]], M, { closed: false, line: { color: pal.muted, width: 0.75 } }));
    }
  }
  for (const id of placement.dropped) {
    const p = id.startsWith('p') ? slide.places[Number(id.slice(1))] : undefined;
    const what = p ? `the label of "${p.name}"` : `the label of route ${Number(id.slice(1)) + 1}`;
    diagnostics.push(
      warning('W_MAP_LABEL', `on "${slide.title}", ${what} has no room clear of the other labels and markers, so it is left off`, {
        ...whereIs(p ? { text: p.name, origin: p.origin } : undefined, slide, ctx),
        hint: 'drop a place that is very close to another, or give the map fewer places',
      }),
    );
  }

  // Country names where a name fits inside the country and clear of everything placed.
  const countryLabels: Element[] = [];
  for (const c of [...geo.countries].sort((a, b) => maxArea(b) - maxArea(a))) {
    const ring = c.rings.reduce((a, b) => (ringArea(b) > ringArea(a) ? b : a));
    // One line if it fits, else two ("NORTH / KOREA"), broken at the space nearest the middle.
    for (const lines of countryNameLines(c.name.toUpperCase())) {
      const s = labelSize(lines, face, COUNTRY_PT, t);
      if (ringArea(ring) < s.w * s.h * 3) continue;
      const spot = countrySpot(ring, s, bounds, taken, routeLines);
      if (!spot) continue;
      taken.push(spot);
      countryLabels.push(labelElement(lines, box2frame(spot, M), COUNTRY_PT, pal.countryName, t, 'center'));
      break;
    }
  }

  // Caption row under the map: legend left, attribution right.
  const roles = PLACE_ROLES.filter((role) => slide.places.some((p) => p.role === role));
  const caption: Element[] = [];
  const capY = M.y + M.h + 0.06;
  const capH = CAPTION_H - 0.06;
  let x = M.x;
  for (const role of roles) {
    const m = MARKER[role];
    const size = Math.min(m.size, 0.18);
    caption.push({ kind: 'shape', shape: m.shape, frame: frame(x, capY + (capH - size) / 2, size, size), fill: m.hollow ? pal.paper : m.muted ? pal.muted : pal.marker, line: { color: m.hollow ? pal.marker : pal.paper, width: m.hollow ? 1.5 : 0.75 } });
    const word = role[0]!.toUpperCase() + role.slice(1);
    const w = textWidthIn(word, { face, sizePt: SMALL_PT }) * 1.08 + 0.04;
    caption.push(labelElement([{ text: word }], frame(x + size + 0.06, capY, w, capH), SMALL_PT, pal.muted, t));
    x += size + 0.06 + w + 0.22;
  }
  // The attribution takes the rest of the row; a crowded legend leaves it the short form.
  const room = M.w - (x - M.x);
  const attribution = ATTRIBUTIONS.find((a) => textWidthIn(a, { face, sizePt: SMALL_PT }) * 1.08 + 0.04 <= room) ?? ATTRIBUTIONS.at(-1)!;
  const aw = Math.min(room, textWidthIn(attribution, { face, sizePt: SMALL_PT }) * 1.08 + 0.04);
  caption.push(labelElement([{ text: attribution }], frame(M.x + M.w - aw, capY, aw, capH), SMALL_PT, pal.muted, t, 'right'));

  elements.push(...countryLabels, ...leaders, ...markers, ...labels, ...furniture, ...caption);

  const distances = routeInfo.map(({ r, km }) => `${r.from} to ${r.to}: ${formatDistance(km)} great-circle${r.stated ? `; the source states ${r.stated}` : ''}${r.ref ? ` ${r.ref}` : ''}.`);
  const notes = [slide.notes, ...distances].filter((s) => s.trim() !== '').join('\n');
  return { parts: [{ master: 'CONTENT' as const, elements, notes }], diagnostics };
}

/** A country name on one line, and where it has spaces, on two lines broken nearest the middle. */
export function countryNameLines(name: string): Array<Array<{ text: string }>> {
  const out = [[{ text: name }]];
  const spaces = [...name.matchAll(/ /g)].map((m) => m.index!);
  if (spaces.length === 0) return out;
  const at = spaces.reduce((a, b) => (Math.abs(b - name.length / 2) < Math.abs(a - name.length / 2) ? b : a));
  out.push([{ text: name.slice(0, at) }, { text: name.slice(at + 1) }]);
  return out;
}

function maxArea(c: { rings: Pt[][] }): number {
  return Math.max(...c.rings.map(ringArea));
}

/** A box for a country's name: inside its largest ring and the frame, clear of `taken`; nearest the ring's centre first. */
function countrySpot(ring: Pt[], s: { w: number; h: number }, bounds: Box, taken: readonly Box[], lines: readonly Pt[][]): Box | undefined {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const [x, y] of ring) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  // Spots on a 0.1 in grid, nearest the centre first (the sort is stable: ties keep grid order).
  const spots: Array<{ x: number; y: number; d: number }> = [];
  for (let y = y0 + s.h / 2; y <= y1 - s.h / 2; y += 0.1) for (let x = x0 + s.w / 2; x <= x1 - s.w / 2; x += 0.1) spots.push({ x, y, d: Math.hypot(x - cx, y - cy) });
  spots.sort((a, b) => a.d - b.d);
  const scan = ringScan(ring);
  const inside = (b: Box): boolean => {
    for (let i = 0; i <= 4; i++) for (let j = 0; j <= 2; j++) if (!scan(b.x + (b.w * i) / 4, b.y + (b.h * j) / 2)) return false;
    return true;
  };
  for (const { x, y } of spots) {
    const b: Box = { x: x - s.w / 2, y: y - s.h / 2, w: s.w, h: s.h };
    if (contains(bounds, b) && !taken.some((o) => overlaps(o, b, 0.06)) && inside(b) && !hitsLines(b, lines)) return b;
  }
  return undefined;
}
