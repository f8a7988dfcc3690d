/**
 * The lead statement some slides open with (a bottom line, a problem): bold, in a panel with an
 * accent bar, above the slide's list or columns.
 */
import type { Theme } from '../theme/schema.ts';
import { lineHeightPt } from './fit.ts';
import { frame, para, rect, withRef } from './grid.ts';
import type { Element, Frame } from './placed.ts';
import { measureBlock, placeBlock, portionRuns, textBlock, type TextBlock } from './text.ts';

const INSET = 0.16;
const BAR = 0.08;
/** Space between the lead panel and what follows it. */
export const LEAD_GAP = 0.28;

export interface Lead {
  text: string;
  ref?: string;
  portion?: string;
}

function leadBlock(lead: Lead, size: number, t: Theme): TextBlock {
  return textBlock([para([...portionRuns(lead.portion), ...withRef(lead.text, lead.ref, t, size)])], { font: t.fonts.body, size, lineHeight: lineHeightPt(t, size), color: t.colors.title, bold: true, inset: INSET, valign: 'middle' });
}

/** Height of the lead panel at `size` across a body `width` wide. */
export function leadHeight(lead: Lead, size: number, width: number, t: Theme): number {
  return measureBlock(t, leadBlock(lead, size, t), width - BAR).height;
}

/** The panel, its accent bar and the lead text, at the top of `area`; returns them and the height used. */
export function leadPanel(lead: Lead, size: number, area: Pick<Frame, 'x' | 'y' | 'w'>, t: Theme): { elements: Element[]; height: number } {
  const h = leadHeight(lead, size, area.w, t);
  return {
    height: h,
    elements: [
      rect(frame(area.x, area.y, area.w, h), t.colors.panel),
      rect(frame(area.x, area.y, BAR, h), t.colors.accent),
      placeBlock(leadBlock(lead, size, t), frame(area.x + BAR, area.y, area.w - BAR, h)),
    ],
  };
}
