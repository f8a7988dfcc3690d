// TEMPORARY until the run-aware wrap lands in measure.ts; deleted on merge.
import { lineCount, textWidthIn, type FontSpec } from './measure.ts';
export type { FontFace } from './measure.ts';
export interface MeasureRun { text: string; font: FontSpec }
export function lineCountRuns(runs: readonly MeasureRun[], widthIn: number): number {
  const first = runs.find((r) => r.text.trim() !== '') ?? runs[0];
  if (!first) return 1;
  const base = { ...first.font, bold: false };
  const extra = runs.reduce((s, r) => s + Math.max(0, textWidthIn(r.text, r.font) - textWidthIn(r.text, { ...base })), 0);
  return lineCount(runs.map((r) => r.text).join(''), base, Math.max(0.1, widthIn - extra));
}
