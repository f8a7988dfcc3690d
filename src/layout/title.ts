/**
 * Title fitting: a title keeps at most `titleMaxLines` lines; it shrinks to the title floor,
 * and below it (to the absolute floor) only with a warning.
 */
import { warning, type Diagnostic } from '../diagnostics.ts';
import type { TemplateLoc } from '../compose/ir.ts';
import type { LayoutContext } from './context.ts';
import { fitParas, lineHeightPt, measureParas } from './fit.ts';
import type { Frame } from './placed.ts';

export interface TitleFit {
  size: number;
  lines: number;
  lineHeight: number;
  diagnostic?: Diagnostic;
}

/** The largest size at which `text` fits `f` in at most maxLines lines. */
export function fitTitle(
  text: string,
  f: Frame,
  inset: number,
  max: number,
  ctx: Pick<LayoutContext, 'theme' | 'locate'>,
  loc: TemplateLoc,
  maxLines = ctx.theme.fit.titleMaxLines,
): TitleFit {
  const t = ctx.theme;
  const fc = { theme: t, face: t.fonts.heading };
  const paras = [{ text, bold: true }];
  const ok = fitParas(fc, paras, f, inset, max, t.fit.titleFloor, maxLines);
  if (ok) return { size: ok.size, lineHeight: ok.lineHeight, lines: ok.lines[0] ?? 1 };
  const small = fitParas(fc, paras, f, inset, t.fit.titleFloor - 0.5, t.fit.absoluteFloor, maxLines);
  const size = small?.size ?? t.fit.absoluteFloor;
  const origin = ctx.locate?.(text);
  const where = origin ? { file: origin.file, line: origin.line, col: origin.col, path: origin.path } : { ...loc };
  const lines = measureParas(fc, paras, size, f.w, inset).lines[0] ?? 0;
  const diagnostic = small
    ? warning('W_TITLE_TOO_LONG', `title "${text.slice(0, 60)}${text.length > 60 ? '...' : ''}" needs more than ${maxLines} lines at ${t.fit.titleFloor} pt; set at ${size} pt`, {
        ...where,
        hint: 'a headline reads best as one short sentence; shorten it',
      })
    : warning('W_TITLE_TOO_LONG', `title "${text.slice(0, 60)}..." does not fit in ${maxLines} lines even at ${size} pt (${lines} lines)`, {
        ...where,
        hint: 'shorten the title',
      });
  return { size, lineHeight: lineHeightPt(t, size), lines, diagnostic };
}

/** "Title (cont. 2/3)" for continuation parts; the first part keeps the plain title. */
export function partTitle(title: string, index: number, count: number): string {
  return index === 0 || count === 1 ? title : `${title} (cont. ${index + 1}/${count})`;
}
