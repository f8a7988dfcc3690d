import type { FieldPath, Slide } from '../compose/ir.ts';
import { error, warning, type Diagnostic } from '../diagnostics.ts';
import type { LayoutContext } from './context.ts';

/** The text a layout warning is about, and the brief field it came from. */
export interface Culprit {
  text: string;
  origin?: FieldPath;
}

/** Where a diagnostic about `culprit` points: its brief field when known, else the template's slide. */
export function whereIs(culprit: Culprit | undefined, slide: Pick<Slide, 'loc'>, ctx: Pick<LayoutContext, 'locate'>) {
  const origin = culprit?.origin && ctx.locate?.(culprit.origin);
  return origin ? { file: origin.file, line: origin.line, col: origin.col, path: origin.path } : { file: slide.loc.file, line: slide.loc.line, col: slide.loc.col };
}

/**
 * The diagnostic for one item too large for an empty slide at the floor: a warning naming the
 * brief field when it could be set at or above the absolute floor, an error when not even that.
 */
export function oversizeDiagnostic(slide: Slide, culprit: Culprit, size: number, fits: boolean, ctx: LayoutContext, floor = ctx.theme.fit.bodyFloor): Diagnostic {
  const where = whereIs(culprit, slide, ctx);
  const text = culprit.text;
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
