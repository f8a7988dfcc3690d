/**
 * The faces an SVG slide names. The .pptx names Arial and Calibri; the SVG names the
 * metric-compatible open fonts layout measured with (Arimo, Carlito), which the preview serves
 * from the @fontsource packages, then the CJK faces layout falls back to.
 */
import type { FontFace, HanVariant } from '../layout/measure.ts';

/** The @fontsource family that stands in for each face. */
export const FAMILY: Record<FontFace, string> = { Arial: 'Arimo', Calibri: 'Carlito' };

/**
 * Ascent and descent in em (hhea, as LibreOffice reads them) of Arimo = Arial and Carlito =
 * Calibri. With an exact line pitch, LibreOffice gives a line's extra height to its ascent, so the
 * baseline sits one descent above the bottom of the line; test/svg/fonts.test.ts reads the shipped
 * font files to hold these figures.
 */
export const VERTICAL: Record<FontFace, { ascent: number; descent: number }> = {
  Arial: { ascent: 1854 / 2048, descent: 434 / 2048 },
  Calibri: { ascent: 1950 / 2048, descent: 550 / 2048 },
};

/** A CSS font-family list for a face: the face's stand-in, then the CJK faces layout falls back to. */
export function fontFamily(face: FontFace, han: HanVariant): string {
  const zh = han === 'tc' ? 'Noto Sans TC' : 'Noto Sans SC';
  return `'${FAMILY[face]}', 'Noto Sans KR', '${zh}', sans-serif`;
}
