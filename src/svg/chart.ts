/**
 * A chart drawn in SVG, as the .pptx's native chart shows it: a clustered column chart, a line
 * chart with round markers, or a pie with its first slice at twelve o'clock; the title above,
 * values on the bars, points and slices, a legend below when there are several series (always
 * for a pie), value gridlines in the theme's rule colour. The scale is computed here, rounded
 * to 1, 2, 2.5 or 5 times a power of ten, so the gridlines may fall where PowerPoint puts them
 * or a step apart: the preview shows the data and its proportions, not PowerPoint's exact axis.
 */
import type { ChartElement, Frame } from '../layout/placed.ts';
import { textWidthIn } from '../layout/measure.ts';
import { formatNumber } from '../numbers.ts';
import { POINTS_PER_INCH } from '../units.ts';
import { fontFamily, VERTICAL } from './fonts.ts';

const PT = POINTS_PER_INCH;
const n = (v: number) => String(Math.round(v * 100) / 100);
const colour = (hex: string) => `#${/^[0-9A-Fa-f]{6}$/.test(hex) ? hex : '000000'}`;

/** As the chart's number format '#,##0.##' writes a value. */
export function chartNumber(v: number): string {
  return formatNumber(v, 2);
}

/** Gridline values from the data's least to its greatest (zero always inside), about five steps. */
export function niceScale(values: readonly number[]): number[] {
  const lo = Math.min(0, ...values), hi = Math.max(0, ...values);
  const span = hi - lo || 1;
  const raw = span / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const first = Math.floor(lo / step) * step, last = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= last + step / 1e6; v += step) ticks.push(Math.round(v / step) * step);
  if (ticks.length < 2) ticks.push(first + step);
  return ticks;
}

interface Style {
  family: string;
  size: number;
  color: string;
}

function label(text: string, x: number, y: number, anchor: 'start' | 'middle' | 'end', s: Style, extra = ''): string {
  const safe = text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
  return `<text x="${n(x)}" y="${n(y)}" text-anchor="${anchor}" font-family="${s.family}" font-size="${n(s.size)}" fill="${colour(s.color)}"${extra}>${safe}</text>`;
}

/** The chart's SVG body, inside its frame (points); `han` picks the Chinese fallback face. */
export function drawChart(el: ChartElement, xml: (s: string) => string, han: 'sc' | 'tc'): string {
  const f: Frame = el.frame;
  const X = f.x * PT, Y = f.y * PT, W = f.w * PT, H = f.h * PT;
  const family = fontFamily(el.font, han);
  const s: Style = { family, size: el.size, color: el.color };
  const v = VERTICAL[el.font];
  const lineH = (v.ascent + v.descent) * el.size;
  const width = (t: string, size = el.size) => textWidthIn(t, { face: el.font, sizePt: size }) * PT;
  const out: string[] = [];
  const pad = el.size * 0.5;
  let top = Y + pad, bottom = Y + H - pad;
  if (el.title) {
    out.push(label(el.title, X + W / 2, top + v.ascent * el.titleSize, 'middle', { ...s, size: el.titleSize }, ' font-weight="700"'));
    top += (v.ascent + v.descent) * el.titleSize + pad;
  }
  const pie = el.chart === 'pie';
  const legend = pie ? el.categories : el.series.length > 1 ? el.series.map((x) => x.name) : [];
  if (legend.length) {
    const sw = el.size * 0.7, gap = el.size;
    const widths = legend.map((t) => sw + el.size * 0.3 + width(t));
    let x = X + (W - (widths.reduce((a, b) => a + b, 0) + gap * (legend.length - 1))) / 2;
    const base = bottom - v.descent * el.size;
    legend.forEach((t, i) => {
      out.push(`<rect x="${n(x)}" y="${n(base - sw)}" width="${n(sw)}" height="${n(sw)}" fill="${colour(el.colors[i % el.colors.length]!)}"/>`);
      out.push(label(t, x + sw + el.size * 0.3, base, 'start', s));
      x += widths[i]! + gap;
    });
    bottom -= lineH + pad;
  }
  if (pie) out.push(drawPie(el, { x: X, y: top, w: W, h: bottom - top }, s, lineH));
  else out.push(drawAxes(el, { x: X + pad, y: top, w: W - 2 * pad, h: bottom - top }, s, lineH, width));
  return `<g class="chart" role="img" aria-label="${xml(el.alt)}"><title>${xml(el.alt)}</title>${out.join('')}</g>`;
}

interface Box { x: number; y: number; w: number; h: number }

function drawPie(el: ChartElement, b: Box, s: Style, lineH: number): string {
  const values = (el.series[0]?.values ?? []).map((x) => Math.max(0, x));
  const total = values.reduce((a, c) => a + c, 0);
  // Room around the disc for the labels outside it.
  const r = Math.max(1, Math.min(b.w / 2 - 3 * lineH, b.h / 2 - 1.5 * lineH));
  const cx = b.x + b.w / 2, cy = b.y + b.h / 2;
  const out: string[] = [];
  if (total <= 0) return '';
  let a0 = 0;
  values.forEach((val, i) => {
    const a1 = a0 + (val / total) * 2 * Math.PI;
    const pt = (a: number, rr: number) => [cx + rr * Math.sin(a), cy - rr * Math.cos(a)] as const;
    const fill = colour(el.colors[i % el.colors.length]!);
    if (val === total) out.push(`<circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${fill}" stroke="#FFFFFF" stroke-width="0.75"/>`);
    else if (val > 0) {
      const [x0, y0] = pt(a0, r), [x1, y1] = pt(a1, r);
      out.push(`<path d="M${n(cx)} ${n(cy)}L${n(x0)} ${n(y0)}A${n(r)} ${n(r)} 0 ${a1 - a0 > Math.PI ? 1 : 0} 1 ${n(x1)} ${n(y1)}Z" fill="${fill}" stroke="#FFFFFF" stroke-width="0.75"/>`);
    }
    const mid = (a0 + a1) / 2;
    const [lx, ly] = pt(mid, r + lineH * 0.8);
    const anchor = Math.abs(Math.sin(mid)) < 0.2 ? 'middle' : Math.sin(mid) > 0 ? 'start' : 'end';
    if (val > 0) out.push(label(chartNumber(val), lx, ly + lineH * 0.35, anchor, s));
    a0 = a1;
  });
  return out.join('');
}

function drawAxes(el: ChartElement, b: Box, s: Style, lineH: number, width: (t: string) => number): string {
  const out: string[] = [];
  const all = el.series.flatMap((x) => x.values);
  const ticks = niceScale(all);
  const lo = ticks[0]!, hi = ticks.at(-1)!;
  let left = b.x, bottom = b.y + b.h;
  const top = b.y + lineH / 2;
  if (el.yLabel) {
    const cx = left + lineH / 2, cy = (top + bottom) / 2;
    out.push(label(el.yLabel, cx, cy, 'middle', s, ` transform="rotate(-90 ${n(cx)} ${n(cy)})" dominant-baseline="central"`));
    left += lineH * 1.3;
  }
  if (el.xLabel) {
    out.push(label(el.xLabel, (left + b.x + b.w) / 2, bottom - lineH * 0.25, 'middle', s));
    bottom -= lineH * 1.3;
  }
  bottom -= lineH * 1.2; // category labels
  left += Math.max(...ticks.map((t) => width(chartNumber(t)))) + s.size * 0.5;
  const right = b.x + b.w;
  const yOf = (val: number) => bottom - ((val - lo) / (hi - lo)) * (bottom - top);
  for (const t of ticks) {
    const y = yOf(t);
    out.push(`<line x1="${n(left)}" y1="${n(y)}" x2="${n(right)}" y2="${n(y)}" stroke="${colour(el.gridColor)}" stroke-width="0.5"/>`);
    out.push(label(chartNumber(t), left - s.size * 0.4, y + lineH * 0.3, 'end', s));
  }
  const nc = Math.max(1, el.categories.length);
  const band = (right - left) / nc;
  el.categories.forEach((c, i) => out.push(label(c, left + band * (i + 0.5), bottom + lineH, 'middle', s)));
  const zero = yOf(Math.max(lo, Math.min(hi, 0)));
  if (el.chart === 'bar') {
    // PowerPoint's gap width: the space between clusters is 60% of one bar.
    const bw = band / (el.series.length + 0.6);
    el.series.forEach((ser, si) => {
      ser.values.forEach((val, ci) => {
        const x = left + band * ci + bw * 0.3 + bw * si;
        const y = yOf(val);
        out.push(`<rect x="${n(x)}" y="${n(Math.min(y, zero))}" width="${n(bw)}" height="${n(Math.abs(zero - y))}" fill="${colour(el.colors[si % el.colors.length]!)}"/>`);
        out.push(label(chartNumber(val), x + bw / 2, val >= 0 ? y - lineH * 0.25 : y + lineH * 0.85, 'middle', s));
      });
    });
  } else {
    el.series.forEach((ser, si) => {
      const c = colour(el.colors[si % el.colors.length]!);
      const pts = ser.values.map((val, ci) => [left + band * (ci + 0.5), yOf(val)] as const);
      out.push(`<polyline points="${pts.map(([x, y]) => `${n(x)},${n(y)}`).join(' ')}" fill="none" stroke="${c}" stroke-width="2.5" stroke-linejoin="round"/>`);
      pts.forEach(([x, y], ci) => {
        out.push(`<circle cx="${n(x)}" cy="${n(y)}" r="4" fill="${c}"/>`);
        out.push(label(chartNumber(ser.values[ci]!), x, y - lineH * 0.55, 'middle', s));
      });
    });
  }
  out.push(`<line x1="${n(left)}" y1="${n(zero)}" x2="${n(right)}" y2="${n(zero)}" stroke="${colour(el.gridColor)}" stroke-width="0.75"/>`);
  return out.join('');
}
