import type { Slide } from '../compose/ir.ts';
import type { LayoutContext } from './context.ts';
import { bodyRange } from './fit.ts';
import { balancedTop } from './grid.ts';
import { oversizeDiagnostic, type Culprit } from './oversize.ts';
import { paginate, tallest, type PagePolicy } from './paginate.ts';

/**
 * A list laid out in the slide's body under the fitting policy: its pages, the oversize
 * diagnostic of each page whose first item needed less than the floor, and the top at which the
 * tallest page sits balanced in the body (every page starts there, so continuations line up).
 */
export function bodyPages<T extends Culprit>(slide: Slide, items: T[], height: PagePolicy<T>['height'], ctx: LayoutContext) {
  const pages = paginate({ items, available: ctx.body.h, ...bodyRange(ctx), absoluteFloor: ctx.theme.fit.absoluteFloor, height });
  const diagnostics = pages.flatMap((p) => (p.oversize && p.items[0] ? [oversizeDiagnostic(slide, p.items[0], p.size, p.oversize.fits, ctx)] : []));
  return { pages, diagnostics, top: balancedTop(ctx.body, tallest(pages)) };
}
