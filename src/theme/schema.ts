/**
 * The theme schema: colours, fonts, type sizes and the fitting policy.
 * A theme file is YAML validated with this schema, with the same diagnostics as a brief.
 */
import { z } from 'zod';
import { SLIDE } from '../units.ts';

const Hex = z
  .string()
  .regex(/^[0-9A-Fa-f]{6}$/, 'expected a colour as six hex digits, e.g. 0B2545')
  .transform((s) => s.toUpperCase());

/**
 * Only faces whose metrics briefdeck ships (through metric-compatible open fonts) are allowed,
 * because layout must measure text with the font PowerPoint will use.
 */
export const FONT_FACES = ['Arial', 'Calibri'] as const;
const Face = z.enum(FONT_FACES);

const Pt = z.number().finite().min(6).max(96);

/** Inches on the 13.333 x 7.5 in slide. */
const Inch = z.number().finite().min(0);

/**
 * A picture drawn on every content slide (the house logo), in a frame on the slide; the picture
 * keeps its aspect inside the frame. `path` is relative to the theme file and must be inside
 * the templates folder, like the theme itself.
 */
export const Logo = z
  .strictObject({
    path: z.string().min(1).describe('The picture (PNG, JPEG or GIF), relative to the theme file.'),
    x: Inch.describe('Left edge, inches from the slide\'s left.'),
    y: Inch.describe('Top edge, inches from the slide\'s top.'),
    w: Inch.gt(0).describe('Width in inches.'),
    h: Inch.gt(0).describe('Height in inches.'),
  })
  .refine((l) => l.x + l.w <= SLIDE.width + 0.001 && l.y + l.h <= SLIDE.height + 0.001, {
    message: `the logo's frame must lie on the slide (${SLIDE.width} x ${SLIDE.height} in): x + w and y + h at most the slide's width and height`,
  });

export const Theme = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  fonts: z.strictObject({
    heading: Face.describe('Face for titles.'),
    body: Face.describe('Face for body text, tables and notes.'),
    han: z
      .enum(['sc', 'tc'])
      .optional()
      .describe('Chinese characters in simplified (sc) or traditional (tc) forms; default from the brief\'s language (zh-TW, zh-HK and zh-Hant are traditional).'),
  }),
  colors: z.strictObject({
    background: Hex.describe('Content slide background.'),
    text: Hex.describe('Body text.'),
    muted: Hex.describe('Secondary text: refs, captions, footers.'),
    title: Hex.describe('Slide titles.'),
    accent: Hex.describe('Rules, markers, highlights.'),
    accentText: Hex.describe('Text on an accent fill.'),
    panel: Hex.describe('Card and column panels.'),
    panelText: Hex.describe('Text on panels.'),
    rule: Hex.describe('Hairlines and table borders.'),
    cover: Hex.describe('Background of the title, section and closing slides.'),
    coverText: Hex.describe('Text on the cover background.'),
    coverMuted: Hex.describe('Secondary text on the cover background.'),
    tableHeader: Hex,
    tableHeaderText: Hex,
    tableStripe: Hex,
  }),
  sizes: z.strictObject({
    title: Pt.describe('Slide title size before shrinking.'),
    coverTitle: Pt,
    body: Pt.describe('Body text size: long content shrinks from it to the body floor, short content grows from it up to bodyMax.'),
    bodyMax: Pt.optional().describe('The largest short body content grows to (default: body, no growing).'),
    table: Pt.describe('Table and source-list size every slide of a deck may keep: a table or list grows past it (up to tableMax) only as far as all of its kind in the deck can, and shrinks below it alone.'),
    tableMax: Pt.optional().describe('The largest a table or source list grows to when it fits (default: body).'),
    ref: Pt.describe('Source references and captions.'),
    // Banner and footer bands are 0.32 in and 0.3 in tall: their type must fit them.
    footer: Pt.max(14),
    banner: Pt.max(16),
  }),
  fit: z
    .strictObject({
      titleFloor: Pt.describe('Titles shrink no further than this.'),
      bodyFloor: Pt.describe('Body text shrinks no further than this, then splits onto continuation slides.'),
      tableFloor: Pt.describe('Table text shrinks no further than this, then splits.'),
      absoluteFloor: Pt.describe('A single item too large for a slide is set down to this, with a warning.'),
      titleMaxLines: z.number().int().min(1).max(3),
      /** Fraction of a box's width kept free, because PowerPoint's line breaks differ slightly. */
      widthReserve: z.number().min(0.05).max(0.3),
      /** Lines of height kept free at the bottom of every text box. */
      heightReserveLines: z.number().min(0.5).max(2),
      lineSpacing: z.number().min(1).max(2).describe('Line pitch as a multiple of the type size.'),
    })
    .refine((f) => f.absoluteFloor <= f.tableFloor && f.tableFloor <= f.bodyFloor && f.bodyFloor <= f.titleFloor, {
      message: 'floors must satisfy absoluteFloor <= tableFloor <= bodyFloor <= titleFloor',
    }),
  logo: Logo.optional(),
})
  .refine((th) => (th.sizes.bodyMax ?? th.sizes.body) >= th.sizes.body && (th.sizes.tableMax ?? th.sizes.table) >= th.sizes.table, {
    message: 'a ceiling is at least the size it grows from: bodyMax >= body, tableMax >= table',
    path: ['sizes'],
  })
  .refine((th) => th.sizes.body >= th.fit.bodyFloor && th.sizes.table >= th.fit.tableFloor && th.sizes.title >= th.fit.titleFloor && th.sizes.coverTitle >= th.fit.titleFloor, {
    message: 'each size must be at least its floor: body >= bodyFloor, table >= tableFloor, title and coverTitle >= titleFloor',
    path: ['sizes'],
  })
  // A theme written before the ceilings existed keeps its sizes: body text does not grow, tables reach body size.
  .transform((th) => ({ ...th, sizes: { ...th.sizes, bodyMax: th.sizes.bodyMax ?? th.sizes.body, tableMax: th.sizes.tableMax ?? Math.max(th.sizes.body, th.sizes.table) } }));

/** The logo's picture as loadTheme found it: checked, inside the templates folder. */
export interface LogoImage {
  /** Absolute path, resolved. */
  abs: string;
  widthPx: number;
  heightPx: number;
  /** Where the logo is in the theme file, for diagnostics about its place. */
  at: { file: string; line?: number; col?: number; path: string };
}

export type Theme = z.output<typeof Theme> & { logoImage?: LogoImage };
