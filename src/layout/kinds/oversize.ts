import type { Slide } from '../../compose/ir.ts';
import { error, warning, type Diagnostic } from '../../diagnostics.ts';
import type { LayoutContext } from '../context.ts';

/**
 * The diagnostic for one item too large for an empty slide at the floor: a warning naming the
 * brief field when it could be set at or above the absolute floor, an error when not even that.
 */
export function oversizeDiagnostic(slide: Slide, text: string, size: number, fits: boolean, ctx: LayoutContext, floor = ctx.theme.fit.bodyFloor): Diagnostic {
  const origin = ctx.locate?.(text);
  const where = origin ? { file: origin.file, line: origin.line, col: origin.col, path: origin.path } : { file: slide.loc.file, line: slide.loc.line, col: slide.loc.col };
  const snippet = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  if (fits) {
    return warning('W_TEXT_TOO_LONG', `on "${slide.title}", "${snippet}" is too long for one slide at the ${floor} pt floor; set at ${size} pt`, {
      ...where,
      hint: 'shorten it or split it into several items; small type is hard to read in a meeting',
    });
  }
  return error('E_TEXT_TOO_LONG', `on "${slide.title}", "${snippet}" does not fit on a slide even at ${ctx.theme.fit.absoluteFloor} pt`, {
    ...where,
    hint: 'split it into several items; no single item can be longer than one slide',
  });
}
