/**
 * A chart: a native, editable PowerPoint bar, line or pie chart (a chart part with its embedded
 * workbook, so "Edit Data" works), in the theme's colours and faces, with its title, axis
 * titles, data labels, a source line under it and alt text that reads out the data.
 */
import type { FieldPath } from '../compose/ir.ts';
import type { MarkupElement } from '../compose/markupTree.ts';
import { lineHeightPt } from '../layout/fit.ts';
import { frame, para, refRuns, titleRule } from '../layout/grid.ts';
import type { ChartElement, Element } from '../layout/placed.ts';
import { measureBlock, placeBlock, textBlock } from '../layout/text.ts';
import { CHART_TYPES, type ChartType } from '../load/schema.ts';
import type { Theme } from '../theme/schema.ts';
import type { KindModule, SlideReader } from './kind.ts';
import { mix } from '../theme/contrast.ts';
import { formatNumber } from '../numbers.ts';

export interface ChartSlide {
  layout: 'chart';
  chart: ChartType;
  chartTitle: string;
  categories: string[];
  series: Array<{ name: string; values: number[] }>;
  xLabel?: string;
  yLabel?: string;
  source?: string;
  ref?: string;
  origin?: FieldPath;
}

const SOURCE_GAP = 0.1;

/** "40", "1,250", "2.5": how values read in alt text. */
export function formatValue(v: number): string {
  return formatNumber(v, 2);
}

/** "Bar chart: A 40, B 25." or, with several series, "Line chart, Exports: 2021 10, 2022 12; Imports: ...". */
export function chartAlt(c: Pick<ChartSlide, 'chart' | 'chartTitle' | 'categories' | 'series' | 'xLabel' | 'yLabel'>): string {
  const kind = `${c.chart[0]!.toUpperCase()}${c.chart.slice(1)} chart`;
  const points = (values: number[]) => c.categories.map((cat, i) => `${cat} ${formatValue(values[i]!)}`).join(', ');
  const data = c.series.length === 1 ? `${kind}: ${points(c.series[0]!.values)}` : `${kind}, ${c.series.map((s) => `${s.name}: ${points(s.values)}`).join('; ')}`;
  const axes = [c.yLabel && `values in ${c.yLabel}`, c.xLabel && `by ${c.xLabel}`].filter(Boolean).join(', ');
  return `${data}. ${c.chartTitle}${axes ? ` (${axes})` : ''}.`;
}

/** The theme's colours as a series palette: accent first, then title, then lighter tints. */
export function chartPalette(t: Theme, n: number): string[] {
  const c = t.colors;
  const base = [c.accent, c.title, c.muted, mix(c.accent, c.background, 0.45), mix(c.title, c.background, 0.45), mix(c.muted, c.background, 0.45)];
  return Array.from({ length: n }, (_, i) => base[i % base.length]!);
}

function numbers(r: SlideReader, el: MarkupElement): number[] {
  return r.children(el).map((v) => {
    const raw = r.text(v);
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n)) r.fail(v, `"${raw}" is not a number`, 'chart values are plain numbers, such as 40 or 2.5');
    return n;
  });
}

export const chart: KindModule<ChartSlide> = {
  vocabulary: {
    children: ['chart'],
    elements: {
      chart: { attrs: ['!type', '!title', 'xlabel', 'ylabel', 'source', 'ref'], children: ['category', 'series'], text: false },
      category: { attrs: [], text: true },
      series: { attrs: ['!name'], children: ['value'], text: false },
      value: { attrs: [], text: true },
    },
  },

  read(r, slide) {
    const el = r.first('chart');
    if (!el) r.fail(slide, 'a chart slide needs a <chart> element');
    const type = (r.attr(el, 'type') ?? '') as ChartType;
    if (el && !CHART_TYPES.includes(type)) r.badAttr(el, `type="${type}" is not one of ${CHART_TYPES.join(', ')}`);
    const kids = el ? r.children(el) : [];
    const categories = kids.filter((k) => k.name === 'category').map((k) => r.text(k));
    const series = kids.filter((k) => k.name === 'series').map((k) => ({ name: r.attr(k, 'name') ?? '', values: numbers(r, k) }));
    if (el && (categories.length === 0 || series.length === 0)) r.fail(el, 'a chart needs at least one <category> and one <series>');
    for (const [i, s] of series.entries()) {
      if (el && s.values.length !== categories.length) r.fail(el, `series ${i + 1} ("${s.name}") has ${s.values.length} values for ${categories.length} categories`);
    }
    return {
      chart: type,
      chartTitle: r.attr(el, 'title') ?? '',
      categories,
      series,
      xLabel: r.attr(el, 'xlabel'),
      yLabel: r.attr(el, 'ylabel'),
      source: r.attr(el, 'source'),
      ref: r.attr(el, 'ref'),
      origin: r.attrOrigin(el, 'title'),
    };
  },

  layout(slide, ctx) {
    const t = ctx.theme;
    const B = ctx.body;
    const size = t.fit.tableFloor + 2;
    const elements: Element[] = [titleRule(t, B)];
    let chartH = B.h;
    if (slide.source || slide.ref) {
      const runs = [{ text: `Source: ${slide.source ?? 'as cited'}` }, ...refRuns(slide.ref, t, t.sizes.ref)];
      const block = textBlock([para(runs)], { font: t.fonts.body, size: t.sizes.ref, lineHeight: lineHeightPt(t, t.sizes.ref), color: t.colors.muted, role: 'reference' });
      const h = measureBlock(t, block, B.w).height;
      chartH = B.h - h - SOURCE_GAP;
      elements.push(placeBlock(block, frame(B.x, B.y + chartH + SOURCE_GAP, B.w, h)));
    }
    const el: ChartElement = {
      kind: 'chart',
      frame: frame(B.x, B.y, B.w, chartH),
      chart: slide.chart,
      title: slide.chartTitle,
      categories: slide.categories,
      series: slide.series,
      xLabel: slide.xLabel,
      yLabel: slide.yLabel,
      colors: chartPalette(t, slide.chart === 'pie' ? slide.categories.length : slide.series.length),
      font: t.fonts.body,
      size,
      titleSize: size + 4,
      color: t.colors.text,
      gridColor: t.colors.rule,
      alt: chartAlt(slide),
    };
    elements.splice(1, 0, el);
    return { parts: [{ master: 'CONTENT', elements, notes: slide.notes }], diagnostics: [] };
  },
};
