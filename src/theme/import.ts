/**
 * Theme import: an organisation's PowerPoint template (.potx or .pptx) -> a briefdeck theme.
 *
 * From the template's theme part (the one its first slide master uses) come the twelve theme
 * colours and the heading and body fonts; from presentation.xml the slide size; from the slide
 * master its logo picture and its footer text. The theme colours are given the roles briefdeck's
 * layouts use (text on dk1/lt1, titles and covers in dk2, accent1 for accents); a role set on a
 * fill below its contrast minimum is moved to the nearest passing shade, with a warning giving
 * both. Fonts are mapped to the metric-compatible faces layout measures (Arial, Calibri), with a
 * warning when the template names another. Sizes and the fitting policy are the default theme's.
 *
 * The master's logo is saved beside the theme (NAME-logo.png) and the theme's `logo:` places it
 * where the master does: on a template of another slide size, at the same distance from the
 * slide's nearest edges. What a theme cannot hold is kept and said: the slide size and the
 * footer text are written as comments, and a logo in a format briefdeck does not draw (EMF, SVG)
 * is saved but not placed, with a warning.
 */
import { strFromU8, unzipSync } from 'fflate';
import { extname, join } from 'node:path';
import { stringify } from 'yaml';
import { error, warning, type Diagnostic, type Result } from '../diagnostics.ts';
import { childElements, parseXml, walkElements, type XmlElement } from '../package/xmlTree.ts';
import { EMU_PER_INCH, SLIDE } from '../units.ts';
import { CONTRAST_PAIRS, contrast, mix, nearestPassing, type ColorRole } from './contrast.ts';
import { Theme, type Theme as ThemeT } from './schema.ts';

export const SCHEME = ['dk1', 'lt1', 'dk2', 'lt2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6'] as const;
export type SchemeColor = (typeof SCHEME)[number];

export interface ImportedTemplate {
  colors: Record<SchemeColor, string>;
  fonts: { heading: string; body: string };
  /** Inches. */
  slide: { width: number; height: number };
  logo?: { bytes: Uint8Array; ext: string; frame: { x: number; y: number; w: number; h: number } };
  footer?: string;
}

export interface ThemeImport {
  /** The theme file's text (YAML with comments), valid against the theme schema. */
  yaml: string;
  theme: ThemeT;
  template: ImportedTemplate;
  /** The logo file to write beside the theme, if the master has one. */
  logo?: { name: string; bytes: Uint8Array };
}

const local = (el: XmlElement) => el.local;
const find = (root: XmlElement, name: string): XmlElement | undefined => {
  let hit: XmlElement | undefined;
  walkElements(root, (e) => {
    if (!hit && local(e) === name) hit = e;
  });
  return hit;
};
const child = (el: XmlElement | undefined, name: string) => (el ? childElements(el).find((c) => local(c) === name) : undefined);
const attr = (el: XmlElement | undefined, name: string) => (el ? Object.entries(el.attrs).find(([k]) => k === name || k.endsWith(`:${name}`))?.[1] : undefined);

/** A part's path from a relationship target, relative to the part that names it. */
function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function rels(files: Record<string, Uint8Array>, part: string): Map<string, { type: string; target: string }> {
  const i = part.lastIndexOf('/');
  const relsPath = `${part.slice(0, i)}/_rels/${part.slice(i + 1)}.rels`;
  const out = new Map<string, { type: string; target: string }>();
  const bytes = files[relsPath];
  if (!bytes) return out;
  walkElements(parseXml(strFromU8(bytes)).root, (e) => {
    if (local(e) === 'Relationship' && e.attrs.Id && e.attrs.Target) out.set(e.attrs.Id, { type: e.attrs.Type ?? '', target: resolvePart(part, e.attrs.Target) });
  });
  return out;
}

function schemeColor(el: XmlElement | undefined): string | undefined {
  const c = el && childElements(el)[0];
  if (!c) return undefined;
  const v = local(c) === 'srgbClr' ? c.attrs.val : local(c) === 'sysClr' ? c.attrs.lastClr : undefined;
  return v && /^[0-9A-Fa-f]{6}$/.test(v) ? v.toUpperCase() : undefined;
}

/** Reads what a theme needs from a template's bytes; throws with a reason when it cannot. */
export function readTemplate(bytes: Uint8Array): ImportedTemplate {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch {
    throw new Error('it is not a zip package (a .potx or .pptx is one)');
  }
  const pres = 'ppt/presentation.xml';
  if (!files[pres]) throw new Error('it has no ppt/presentation.xml, so it is not a PowerPoint template or deck');
  const presXml = parseXml(strFromU8(files[pres])).root;
  const size = find(presXml, 'sldSz');
  const slide = { width: Number(attr(size, 'cx') ?? 12192000) / EMU_PER_INCH, height: Number(attr(size, 'cy') ?? 6858000) / EMU_PER_INCH };
  const presRels = rels(files, pres);
  const masterRel = [...presRels.values()].find((r) => r.type.endsWith('/slideMaster'));
  const master = masterRel?.target;
  const masterRels = master ? rels(files, master) : new Map();
  const themePart = [...masterRels.values()].find((r) => r.type.endsWith('/theme'))?.target ?? [...presRels.values()].find((r) => r.type.endsWith('/theme'))?.target;
  if (!themePart || !files[themePart]) throw new Error('it has no theme part (ppt/theme/theme1.xml)');
  const theme = parseXml(strFromU8(files[themePart])).root;
  const scheme = find(theme, 'clrScheme');
  const colors = {} as Record<SchemeColor, string>;
  for (const name of SCHEME) {
    const v = schemeColor(child(scheme, name));
    if (!v) throw new Error(`its theme has no usable ${name} colour`);
    colors[name] = v;
  }
  const fontScheme = find(theme, 'fontScheme');
  const face = (which: string) => attr(child(child(fontScheme, which), 'latin'), 'typeface') ?? '';
  const fonts = { heading: face('majorFont'), body: face('minorFont') };
  const out: ImportedTemplate = { colors, fonts, slide };
  if (master && files[master]) {
    const root = parseXml(strFromU8(files[master])).root;
    walkElements(root, (e) => {
      if (out.logo || local(e) !== 'pic') return;
      const embed = attr(find(e, 'blip'), 'embed');
      const target = embed ? masterRels.get(embed)?.target : undefined;
      const xfrm = find(e, 'xfrm');
      const off = child(xfrm, 'off'), ext = child(xfrm, 'ext');
      if (!target || !files[target] || !off || !ext) return;
      const inch = (v: string | undefined) => Math.round((Number(v ?? 0) / EMU_PER_INCH) * 1000) / 1000;
      out.logo = { bytes: files[target], ext: extname(target).toLowerCase() || '.png', frame: { x: inch(off.attrs.x), y: inch(off.attrs.y), w: inch(ext.attrs.cx), h: inch(ext.attrs.cy) } };
    });
    walkElements(root, (e) => {
      if (out.footer !== undefined || local(e) !== 'sp') return;
      if (attr(find(e, 'ph'), 'type') !== 'ftr') return;
      const texts: string[] = [];
      walkElements(e, (t) => {
        if (local(t) === 't') texts.push(t.children.map((c) => (c.kind === 'text' ? c.text : '')).join(''));
      });
      const text = texts.join('').trim();
      if (text) out.footer = text;
    });
  }
  return out;
}

/** Faces layout can measure, by the names templates use for them or for faces of the same metrics. */
const SAME_METRICS: Record<string, ThemeT['fonts']['heading']> = {
  arial: 'Arial',
  arimo: 'Arial',
  'liberation sans': 'Arial',
  calibri: 'Calibri',
  carlito: 'Calibri',
};
/** Faces near enough in width to one that ships, so text set in them fits as measured. */
const NEAR: Array<[RegExp, ThemeT['fonts']['heading']]> = [
  [/calibri|candara|corbel|aptos|segoe|open sans|source sans|lato|noto sans/i, 'Calibri'],
  [/helvetica|arial|verdana|tahoma|roboto|inter|franklin|univers/i, 'Arial'],
];

/** The measurable face for a template's font, and a warning when it is not the same font. */
export function nearestFace(name: string): { face: ThemeT['fonts']['heading']; substituted: boolean } {
  const same = SAME_METRICS[name.trim().toLowerCase()];
  if (same) return { face: same, substituted: false };
  return { face: NEAR.find(([re]) => re.test(name))?.[1] ?? 'Arial', substituted: true };
}

/** The darker and lighter of two colours. */
const darkLight = (a: string, b: string) => (contrast(a, '000000') < contrast(b, '000000') ? [a, b] : [b, a]) as [string, string];

/**
 * Moves each text role that fails against a fill it is set on to the nearest shade that passes
 * all of its fills, warning for each failing pair. A role that is also a fill (accent) can move
 * after the text on it was checked, so the check runs again until nothing moves.
 */
function fixContrast(colors: ThemeT['colors'], diagnostics: Diagnostic[], original: Partial<Record<ColorRole, string>>, file: string, name: string): void {
  const roles = [...new Set(CONTRAST_PAIRS.map(([f]) => f))];
  const warned = new Set<string>();
  const stuck = new Set<ColorRole>();
  for (let pass = 0; pass < 4; pass++) {
    let moved = false;
    for (const fg of roles) {
      if (stuck.has(fg)) continue;
      const pairs = CONTRAST_PAIRS.filter(([f]) => f === fg);
      const failing = pairs.filter(([, bg, min]) => contrast(colors[fg], colors[bg]) < min);
      if (!failing.length) continue;
      const fixed = nearestPassing(colors[fg], pairs.map(([, bg, min]) => [colors[bg], min] as [string, number]));
      const reached = pairs.every(([, bg, min]) => contrast(fixed, colors[bg]) >= min);
      original[fg] ??= colors[fg];
      for (const [, bg, min, use] of failing) {
        const key = `${fg}/${bg}`;
        if (warned.has(key)) continue;
        warned.add(key);
        const outcome = reached
          ? `written as the nearest passing shade ${fixed} (${contrast(fixed, colors[bg]).toFixed(2)}:1)`
          : `no shade of it passes on every fill it is set on; written as ${fixed} (${contrast(fixed, colors[bg]).toFixed(2)}:1 here), the closest it gets`;
        diagnostics.push(
          warning('W_CONTRAST', `colors.${fg} ${colors[fg]} on colors.${bg} ${colors[bg]} is ${contrast(colors[fg], colors[bg]).toFixed(2)}:1, under ${min}:1 (${use}); ${outcome}`, {
            file,
            path: `colors.${fg}`,
            hint: reached ? `edit templates/themes/${name}.yaml to choose another ${fg} colour; it must reach ${min}:1 on ${bg}` : `edit templates/themes/${name}.yaml: choose ${fg} and ${bg} colours further apart`,
          }),
        );
      }
      if (!reached) stuck.add(fg);
      if (fixed !== colors[fg]) moved = true;
      colors[fg] = fixed;
    }
    if (!moved) return;
  }
}

/** The first of the template's six accents that passes on every fill an accent is set on, else the one that comes closest. */
function pickAccent(c: ImportedTemplate['colors'], fills: Pick<ThemeT['colors'], 'background' | 'panel' | 'cover'>): { key: SchemeColor; value: string } {
  const pairs = CONTRAST_PAIRS.filter(([f]) => f === 'accent');
  const score = (v: string) => Math.min(...pairs.map(([, bg, min]) => contrast(v, fills[bg as keyof typeof fills]) / min));
  const accents = (['accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6'] as const).map((key) => ({ key, value: c[key], score: score(c[key]) }));
  return accents.find((a) => a.score >= 1) ?? accents.reduce((a, b) => (b.score > a.score ? b : a));
}

/**
 * The theme for an imported template: roles from the theme colours, each text role checked
 * against its fill; base is the default theme (sizes, fit).
 */
export function themeFromTemplate(t: ImportedTemplate, name: string, base: ThemeT, file: string): { theme: ThemeT; diagnostics: Diagnostic[]; original: Partial<Record<ColorRole, string>> } {
  const c = t.colors;
  const diagnostics: Diagnostic[] = [];
  // dk1/lt1 are the text and background pair; a template that swaps them (a dark master) still reads.
  const [ink, paper] = darkLight(c.dk1, c.lt1);
  // accent1 unless it cannot be read where accents go; then the first accent that can.
  const accent = pickAccent(c, { background: paper, panel: c.lt2, cover: c.dk2 });
  if (accent.key !== 'accent1') {
    diagnostics.push(
      warning('W_ACCENT', `accent1 ${c.accent1} is too light or dark for the places briefdeck sets its accent (on the background, panels and covers); the theme's accent is ${accent.key} ${accent.value}`, {
        file,
        path: 'colors.accent',
        hint: `edit templates/themes/${name}.yaml to choose another accent`,
      }),
    );
  }
  const onAccent = contrast(paper, accent.value) >= contrast(ink, accent.value) ? paper : ink;
  const colors: ThemeT['colors'] = {
    background: paper,
    text: ink,
    muted: mix(ink, paper, 0.3),
    title: c.dk2,
    accent: accent.value,
    accentText: onAccent,
    panel: c.lt2,
    panelText: ink,
    rule: mix(c.lt2, ink, 0.15),
    cover: c.dk2,
    coverText: paper,
    coverMuted: mix(paper, c.dk2, 0.25),
    tableHeader: c.dk2,
    tableHeaderText: paper,
    tableStripe: mix(c.lt2, paper, 0.5),
  };
  const original: Partial<Record<ColorRole, string>> = {};
  fixContrast(colors, diagnostics, original, file, name);
  const fonts = {} as ThemeT['fonts'];
  for (const role of ['heading', 'body'] as const) {
    const given = t.fonts[role];
    const { face, substituted } = nearestFace(given || 'Calibri');
    fonts[role] = face;
    if (substituted) {
      diagnostics.push(
        warning('W_FONT_SUBSTITUTED', `the template's ${role} font "${given || '(none)'}" is not one briefdeck can measure; the theme uses ${face}, the nearest metric-compatible face it ships`, {
          file,
          path: `fonts.${role}`,
          hint: 'decks will be set in Arial or Calibri; text measured in another font could overflow its box',
        }),
      );
    }
  }
  if (Math.abs(t.slide.width - SLIDE.width) > 0.01 || Math.abs(t.slide.height - SLIDE.height) > 0.01) {
    diagnostics.push(
      warning('W_SLIDE_SIZE', `the template's slides are ${t.slide.width.toFixed(3)} x ${t.slide.height.toFixed(3)} in; briefdeck lays out ${SLIDE.width} x ${SLIDE.height} in (16:9) slides, so the size is recorded in the theme but not used`, {
        file,
        hint: 'a 16:9 template matches briefdeck decks',
      }),
    );
  }
  const theme = Theme.parse({ name, description: `Imported from ${file}.`, fonts, colors, sizes: base.sizes, fit: base.fit });
  return { theme, diagnostics, original };
}

/** Picture formats a theme's logo may be in (see loadTheme). */
const LOGO_EXTS: ReadonlySet<string> = new Set(['.png', '.jpg', '.jpeg', '.gif']);

/**
 * The master's logo frame on briefdeck's slide: on a template of the same size, where it is; on
 * another size, as far from the nearest left or right and top or bottom edge as on the master,
 * kept on the slide. Inches, to 1/1000.
 */
export function logoFrameOnSlide(f: { x: number; y: number; w: number; h: number }, from: { width: number; height: number }): { x: number; y: number; w: number; h: number } {
  const r = (v: number) => Math.round(v * 1000) / 1000;
  const w = Math.min(f.w, SLIDE.width);
  const h = Math.min(f.h, SLIDE.height);
  const along = (pos: number, size: number, fromSize: number, toSize: number) => {
    const p = pos + size / 2 > fromSize / 2 ? toSize - (fromSize - pos) : pos;
    return Math.min(Math.max(0, p), toSize - size);
  };
  return { x: r(along(f.x, w, from.width, SLIDE.width)), y: r(along(f.y, h, from.height, SLIDE.height)), w: r(w), h: r(h) };
}

/** The theme as YAML, with what the template had that a theme cannot hold in comments. */
function themeYaml(theme: ThemeT, t: ImportedTemplate, file: string, logoName: string | undefined, original: Partial<Record<ColorRole, string>>): string {
  const lines = [
    `# Imported by \`briefdeck theme import\` from ${file}.`,
    `# Theme colours: ${SCHEME.map((k) => `${k} ${t.colors[k]}`).join(', ')}.`,
    `# Template fonts: heading "${t.fonts.heading}", body "${t.fonts.body}".`,
    `# Slide size: ${t.slide.width.toFixed(3)} x ${t.slide.height.toFixed(3)} in (not used: decks are ${SLIDE.width} x ${SLIDE.height} in).`,
  ];
  if (t.logo && logoName) lines.push(`# Master logo: ${logoName}, at x ${t.logo.frame.x} y ${t.logo.frame.y} in, ${t.logo.frame.w} x ${t.logo.frame.h} in on the template's slide${theme.logo ? '' : ' (not placed: briefdeck draws PNG, JPEG and GIF logos)'}.`);
  if (t.footer) lines.push(`# Master footer text: ${JSON.stringify(t.footer)} (not used: the footer is the deck title and date).`);
  for (const [role, was] of Object.entries(original)) lines.push(`# colors.${role} was ${was} in the template's roles; moved to pass the contrast check.`);
  // Only the schema's own fields, in its order; the transform's defaults are written out as they apply.
  const doc = { name: theme.name, description: theme.description, fonts: { heading: theme.fonts.heading, body: theme.fonts.body }, colors: theme.colors, sizes: theme.sizes, fit: theme.fit, ...(theme.logo ? { logo: theme.logo } : {}) };
  return `${lines.join('\n')}\n${stringify(doc, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' })}`;
}

/**
 * Imports a template. `file` is how the template is named in diagnostics; `base` supplies
 * sizes and fit. Never throws: an unreadable template is an E_THEME_IMPORT error.
 */
export function importTheme(bytes: Uint8Array, file: string, name: string, base: ThemeT): Result<ThemeImport> {
  let template: ImportedTemplate;
  try {
    template = readTemplate(bytes);
  } catch (e) {
    return { diagnostics: [error('E_THEME_IMPORT', `cannot import a theme from this file: ${(e as Error).message}`, { file, hint: 'give a PowerPoint template (.potx) or deck (.pptx) saved by PowerPoint or LibreOffice' })] };
  }
  const { theme: colored, diagnostics, original } = themeFromTemplate(template, name, base, file);
  const logoName = template.logo ? `${name}-logo${template.logo.ext}` : undefined;
  let theme = colored;
  if (template.logo && logoName) {
    if (LOGO_EXTS.has(template.logo.ext)) theme = { ...theme, logo: { path: logoName, ...logoFrameOnSlide(template.logo.frame, template.slide) } };
    else {
      diagnostics.push(
        warning('W_LOGO_NOT_PLACED', `the master's logo was saved as templates/themes/${logoName}, but briefdeck draws only PNG, JPEG and GIF logos, so the theme does not place it`, {
          file,
          hint: `save the logo as PNG beside the theme and add logo: { path, x, y, w, h } to it (on the master it is at x ${template.logo.frame.x}, y ${template.logo.frame.y}, ${template.logo.frame.w} x ${template.logo.frame.h} in)`,
        }),
      );
    }
  }
  const yaml = themeYaml(theme, template, file, logoName, original);
  return { value: { yaml, theme, template, ...(template.logo && logoName ? { logo: { name: logoName, bytes: template.logo.bytes } } : {}) }, diagnostics };
}

/** Where an imported theme is written. */
export function themePaths(templatesDir: string, name: string): { theme: string; dir: string } {
  const dir = join(templatesDir, 'themes');
  return { theme: join(dir, `${name}.yaml`), dir };
}
