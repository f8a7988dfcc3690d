/**
 * Units live here. The IR and the placed deck are in inches (what pptxgenjs expects);
 * type sizes are in points.
 */
export const POINTS_PER_INCH = 72;
export const EMU_PER_INCH = 914400;

/** PowerPoint's default 16:9 slide (pptxgenjs LAYOUT_WIDE). */
export const SLIDE = { width: 13.333, height: 7.5 } as const;

export function ptToIn(pt: number): number {
  return pt / POINTS_PER_INCH;
}

export function inToPt(inches: number): number {
  return inches * POINTS_PER_INCH;
}

/** Rounds inches to 1/1000 in, so output is stable and free of float noise. */
export function roundIn(inches: number): number {
  return Math.round(inches * 1000) / 1000;
}
