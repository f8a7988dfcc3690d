/**
 * Theme import from a template built in the test (test/theme/template.ts, a fictional house
 * style): colours given roles and checked for contrast (the nearest passing shade replaces a
 * failing one), fonts mapped to a measurable face with a warning, the slide size and footer
 * kept, the logo placed where the master places it; then `briefdeck theme import` writes the
 * theme and the shipped brief builds in it, the logo on its masters and in the SVG.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { CONTRAST_PAIRS, contrast, mix, nearestPassing } from '../../src/theme/contrast.ts';
import { buildBrief } from '../../src/build.ts';
import { renderDeckSvg } from '../../src/svg/render.ts';
import { importTheme, logoFrameOnSlide, nearestFace } from '../../src/theme/import.ts';
import { loadTheme } from '../../src/theme/loadTheme.ts';
import { EMU_PER_INCH } from '../../src/units.ts';
import { unzipSync as unzipRaw } from 'fflate';
import { captureOut, civicTheme, SHIPPED_BRIEF, unzipParts } from '../support/helpers.ts';
import { buildTemplate, logoPng, NORTHWIND } from './template.ts';

vi.setConfig({ testTimeout: 60_000 });

const dir = mkdtempSync(join(tmpdir(), 'briefdeck-theme-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importTheme', () => {
  const r = importTheme(buildTemplate(), 'northwind.potx', 'northwind', civicTheme());
  const t = r.value!.theme;
  const codes = r.diagnostics.map((d) => d.code);

  it('gives the theme colours their roles', () => {
    expect(t.colors.background).toBe('FFFFFF');
    expect(t.colors.text).toBe('000000');
    expect(t.colors.title).toBe('0E2841');
    expect(t.colors.cover).toBe('0E2841');
    expect(t.colors.panel).toBe('E7ECF2');
    expect(r.value!.template.colors).toEqual(NORTHWIND.colors);
  });

  it('takes the first accent readable where accents go, and moves failing roles to the nearest passing shade', () => {
    // accent1 F2B705 (amber) is 1.8:1 on white: no accent role could use it.
    const accent = r.diagnostics.find((d) => d.code === 'W_ACCENT')!;
    expect(accent.message).toMatch(/^accent1 F2B705 is too light or dark .*the theme's accent is accent\d [0-9A-F]{6}$/);
    const chosen = /accent\d ([0-9A-F]{6})$/.exec(accent.message)![1]!;
    // No accent passes every fill as it is; the chosen one is moved to the nearest shade that does.
    const c = t.colors;
    const fills: Array<[string, number]> = [[c.background, 4.5], [c.panel, 3], [c.cover, 3]];
    expect(c.accent).toBe(nearestPassing(chosen, fills));
    expect(c.accent).not.toBe(chosen);
    const w = r.diagnostics.filter((d) => d.code === 'W_CONTRAST' && d.path === 'colors.accent');
    expect(w.length).toBeGreaterThan(0);
    expect(w[0]!.message).toContain(`written as the nearest passing shade ${c.accent}`);
    for (const [fg, bg, min] of CONTRAST_PAIRS) expect(contrast(c[fg], c[bg]), `${fg} on ${bg}`).toBeGreaterThanOrEqual(min);
    expect(r.value!.yaml).toContain(`# colors.accent was ${chosen}`);
  });

  it('says so when no shade can pass every fill, and keeps the closest', () => {
    // On this navy, an accent bright enough for the cover is too light for white.
    const hard = importTheme(buildTemplate({ ...NORTHWIND, colors: { ...NORTHWIND.colors, dk2: '1B3A5C' } }), 'hard.potx', 'hard', civicTheme());
    const w = hard.diagnostics.filter((d) => d.code === 'W_CONTRAST' && d.path === 'colors.accent');
    expect(w.some((d) => d.message.includes('no shade of it passes on every fill it is set on'))).toBe(true);
    const c = hard.value!.theme.colors;
    expect(Math.min(contrast(c.accent, c.background) / 4.5, contrast(c.accent, c.cover) / 3)).toBeGreaterThan(0.9);
  });

  it('maps fonts to measurable faces, warning for one that is not the same font', () => {
    expect(t.fonts).toEqual({ heading: 'Calibri', body: 'Calibri' });
    const w = r.diagnostics.filter((d) => d.code === 'W_FONT_SUBSTITUTED');
    expect(w.map((d) => d.path)).toEqual(['fonts.heading']);
    expect(w[0]!.message).toContain('"Segoe UI Semibold"');
    expect(nearestFace('Arial')).toEqual({ face: 'Arial', substituted: false });
    expect(nearestFace('Helvetica Neue')).toEqual({ face: 'Arial', substituted: true });
    expect(nearestFace('Georgia')).toEqual({ face: 'Arial', substituted: true });
  });

  it('keeps the slide size and the footer, says they are not applied, and places the logo where the master does', () => {
    expect(r.value!.template.slide).toEqual({ width: 10, height: 7.5 });
    expect(codes).toContain('W_SLIDE_SIZE');
    expect(r.value!.logo!.name).toBe('northwind-logo.png');
    expect(Buffer.from(r.value!.logo!.bytes).equals(Buffer.from(logoPng()))).toBe(true);
    expect(r.value!.template.logo!.frame).toEqual({ x: 9.45, y: 0.4, w: 0.5, h: 0.25 });
    // 0.55 in from the right edge of the 10 in slide, so 0.55 in from the right of the 13.333 in one.
    expect(t.logo).toEqual({ path: 'northwind-logo.png', x: 12.783, y: 0.4, w: 0.5, h: 0.25 });
    expect(codes).not.toContain('W_LOGO_NOT_PLACED');
    expect(r.value!.yaml).toContain('logo:\n  path: "northwind-logo.png"\n  x: 12.783\n  y: 0.4\n  w: 0.5\n  h: 0.25\n');
    expect(r.value!.yaml).toContain('# Master footer text: "Northwind Traders · Internal"');
    expect(r.value!.yaml).toContain('# Slide size: 10.000 x 7.500 in');
  });

  it('keeps a logo as far from its nearest edges on a slide of another size, and on the slide', () => {
    const from = { width: 10, height: 7.5 };
    expect(logoFrameOnSlide({ x: 0.2, y: 0.3, w: 1, h: 0.5 }, from)).toEqual({ x: 0.2, y: 0.3, w: 1, h: 0.5 });
    expect(logoFrameOnSlide({ x: 8.75, y: 6.5, w: 1, h: 0.5 }, from)).toEqual({ x: 12.083, y: 6.5, w: 1, h: 0.5 });
    expect(logoFrameOnSlide({ x: 2, y: 1, w: 1, h: 0.5 }, { width: 13.333, height: 7.5 })).toEqual({ x: 2, y: 1, w: 1, h: 0.5 });
    expect(logoFrameOnSlide({ x: -1, y: 9, w: 20, h: 0.5 }, from)).toEqual({ x: 0, y: 7, w: 13.333, h: 0.5 });
  });

  it('is an error naming the file for what is not a template', () => {
    const bad = importTheme(new TextEncoder().encode('not a zip'), 'notes.txt', 'x', civicTheme());
    expect(bad.value).toBeUndefined();
    expect(bad.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'E_THEME_IMPORT', file: 'notes.txt' })]);
  });
});

describe('nearestPassing', () => {
  it('is the least move that passes', () => {
    expect(nearestPassing('767676', [['FFFFFF', 4.5]])).toBe('767676');
    const c = nearestPassing('999999', [['FFFFFF', 4.5]]);
    expect(contrast(c, 'FFFFFF')).toBeGreaterThanOrEqual(4.5);
    // One step less toward black does not pass.
    const k = [...Array(100).keys()].find((i) => mix('999999', '000000', (i + 1) / 100) === c)! + 1;
    expect(contrast(mix('999999', '000000', (k - 1) / 100), 'FFFFFF')).toBeLessThan(4.5);
  });
});

describe('briefdeck theme import', () => {
  const potx = join(dir, 'northwind.potx');
  writeFileSync(potx, buildTemplate());

  it('writes templates/themes/NAME.yaml (valid like any theme) and the logo, and the shipped brief builds in it', async () => {
    const out = captureOut();
    expect(await main(['theme', 'import', potx, '--name', 'northwind'], out, { cwd: dir }), out.err.join('\n')).toBe(0);
    const themes = join(dir, 'templates', 'themes');
    expect(existsSync(join(themes, 'northwind.yaml'))).toBe(true);
    expect(readFileSync(join(themes, 'northwind-logo.png')).equals(Buffer.from(logoPng()))).toBe(true);
    expect(out.err.join('\n')).toMatch(/northwind\.potx: warning\[W_ACCENT\]: colors\.accent: accent1 F2B705/);
    expect(out.err.join('\n')).toMatch(/northwind\.potx: warning\[W_CONTRAST\]: colors\.accent: colors\.accent [0-9A-F]{6} on/);
    const loaded = loadTheme(themes, 'northwind');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.value!.colors.title).toBe('0E2841');

    mkdirSync(join(dir, 'briefs'));
    copyFileSync(SHIPPED_BRIEF, join(dir, 'briefs', 'kim-putin-2023.yaml'));
    // The project had no templates/: the import gave it a copy of the bundled ones, with the theme.
    expect(existsSync(join(dir, 'templates', 'briefing', 'deck.hbs'))).toBe(true);
    const build = captureOut();
    expect(await main(['build', '--theme', 'northwind'], build, { cwd: dir }), build.err.join('\n')).toBe(0);
    const parts = unzipParts(readFileSync(join(dir, 'out', 'kim-putin-2023.pptx')));
    const slides = [...parts.entries()].filter(([k]) => /^ppt\/slides\/slide\d+\.xml$/.test(k)).map(([, v]) => v).join('');
    expect(slides).toContain(`val="${loaded.value!.colors.accent}"`);
    expect(slides).toContain('typeface="Calibri"');
    // Covers and titles in the template's dk2.
    const layouts = [...parts.entries()].filter(([k]) => k.startsWith('ppt/slideLayouts/')).map(([, v]) => v).join('');
    expect(layouts).toContain('0E2841');
    expect(slides).toContain('0E2841');
    expect(build.err.join('\n')).not.toContain('W_LOGO');

    // The logo: a picture on the content master's layout, at the theme's frame, of the logo's bytes.
    const emu = (v: number) => Math.round(v * EMU_PER_INCH);
    const content = [...parts.entries()].find(([k, v]) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(k) && v.includes('<p:cSld name="CONTENT"'))!;
    const pic = /<p:pic>[\s\S]*?<\/p:pic>/.exec(content[1])![0];
    expect(pic).toMatch(new RegExp(`<a:off x="${emu(12.783)}" y="${emu(0.4)}"/>\\s*<a:ext cx="${emu(0.5)}" cy="${emu(0.25)}"/>`));
    const rid = /r:embed="(rId\d+)"/.exec(pic)![1]!;
    const rels = parts.get(content[0].replace('slideLayouts/', 'slideLayouts/_rels/') + '.rels')!;
    const media = new RegExp(`Id="${rid}"[^>]*Target="\\.\\./(media/[^"]+)"`).exec(rels)![1]!;
    const zipped = unzipRaw(readFileSync(join(dir, 'out', 'kim-putin-2023.pptx')));
    expect(Buffer.from(zipped[`ppt/${media}`]!).equals(Buffer.from(logoPng()))).toBe(true);
    // In the right margin it is clear on every master (test/theme/coverLogo.test.ts), so every
    // master layout has it; slides do not draw it one by one.
    const layoutPics = [...parts.entries()].filter(([k, v]) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(k) && v.includes('<p:pic>'));
    expect(layoutPics).toHaveLength(4);
    for (const [k, v] of parts) if (/^ppt\/slides\/[^/]+\.xml$/.test(k)) expect(v, k).not.toContain('<p:pic>');

    // The SVG preview draws it at the same frame on every slide.
    const built = await buildBrief(join(dir, 'briefs', 'kim-putin-2023.yaml'), { theme: 'northwind', templatesDir: join(dir, 'templates'), outDir: join(dir, 'svg-out'), projectRoot: dir });
    expect(built.ok).toBe(true);
    const svgs = renderDeckSvg(built.placed!);
    const href = `data:image/png;base64,${Buffer.from(logoPng()).toString('base64')}`;
    built.placed!.slides.forEach((s, i) => {
      const has = svgs[i]!.includes(`<g class="logo" data-el="logo" data-frame="12.783 0.4 0.5 0.25" aria-hidden="true"><image x="920.38" y="28.8" width="36" height="18" preserveAspectRatio="none" href="${href}"/></g>`);
      expect(has, `slide ${s.number} (${s.master})`).toBe(true);
    });
    expect(built.placed!.slides.some((s) => s.master === 'CONTENT')).toBe(true);
  });

  it('leaves off, with a warning at the theme, a logo that would overlap the banner or the title', async () => {
    // The master's logo at its top right, 8.75 in from the left and 0.25 in down, 1 x 0.5 in: in the banner and the title band.
    writeFileSync(join(dir, 'corner.potx'), buildTemplate({ ...NORTHWIND, logo: { x: 8001000, y: 228600, cx: 914400, cy: 457200 } }));
    expect(await main(['theme', 'import', join(dir, 'corner.potx'), '--name', 'corner'], captureOut(), { cwd: dir })).toBe(0);
    const built = await buildBrief(join(dir, 'briefs', 'kim-putin-2023.yaml'), { theme: 'corner', templatesDir: join(dir, 'templates'), outDir: join(dir, 'corner-out'), projectRoot: dir });
    expect(built.ok).toBe(true);
    const w = built.diagnostics.filter((d) => d.code === 'W_LOGO_OVERLAP');
    expect(w).toHaveLength(1);
    const yaml = readFileSync(join(dir, 'templates', 'themes', 'corner.yaml'), 'utf8').split('\n');
    expect(w[0]).toMatchObject({ severity: 'warning', file: join(dir, 'templates', 'themes', 'corner.yaml'), line: yaml.indexOf('  path: "corner-logo.png"') + 1, col: 9, path: 'logo' });
    expect(w[0]!.message).toBe('the logo (x 12.083, y 0.25, 1 x 0.5 in) would overlap the top marking banner, the slide title on content slides; the top marking banner on title and section slides; the top marking banner, the closing title on closing slides, so it is not drawn');
    expect(w[0]!.hint).toContain('the right margin');
    expect(built.placed!.chrome.logo).toBeUndefined();
    const parts = unzipParts(built.pptx!);
    for (const [k, v] of parts) if (k.endsWith('.xml')) expect(v, k).not.toContain('<p:pic>');
    expect(renderDeckSvg(built.placed!).join('')).not.toContain('data-el="logo"');
  });

  it.each([
    ['a missing picture', { path: 'gone.png' }, 'E_READ', /^logo "gone\.png": cannot read the logo: there is no such file$/],
    ['a picture outside the templates folder', { path: '../../northwind.potx' }, 'E_OUTSIDE', /^logo "\.\.\/\.\.\/northwind\.potx": the logo resolves to a file outside the templates folder/],
    ['a file that is not a picture', { path: 'northwind.yaml' }, 'E_IMAGE_TYPE', /^logo "northwind\.yaml" is not a PNG, JPEG or GIF image$/],
  ])('a theme logo that is %s is an error at the theme\'s logo.path, with a hint', (_what, logo, code, message) => {
    const themes = join(dir, 'templates', 'themes');
    const text = readFileSync(join(themes, 'northwind.yaml'), 'utf8').replace('path: "northwind-logo.png"', `path: "${logo.path}"`);
    writeFileSync(join(themes, 'badlogo.yaml'), text);
    const r = loadTheme(themes, 'badlogo');
    expect(r.value).toBeUndefined();
    const line = text.split('\n').findIndex((l) => l.startsWith('  path: ')) + 1;
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code, line, col: 9, path: 'logo.path', hint: expect.stringMatching(/\S/) })]);
    expect(r.diagnostics[0]!.message).toMatch(message);
    expect(r.diagnostics[0]!.file).toMatch(/templates\/themes\/badlogo\.yaml$/);
  });

  it('a logo frame off the slide is a schema error at the theme', () => {
    const themes = join(dir, 'templates', 'themes');
    writeFileSync(join(themes, 'offslide.yaml'), readFileSync(join(themes, 'northwind.yaml'), 'utf8').replace('x: 12.783', 'x: 13'));
    const r = loadTheme(themes, 'offslide');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics[0]!.message).toContain("the logo's frame must lie on the slide (13.333 x 7.5 in)");
    expect(r.diagnostics[0]!.line).toBeGreaterThan(1);
  });

  it('does not replace a theme without --force', async () => {
    const out = captureOut();
    expect(await main(['theme', 'import', potx, '--name', 'northwind'], out, { cwd: dir })).toBe(1);
    expect(out.err.join('\n')).toMatch(/northwind\.yaml: error\[E_THEME_EXISTS\]/);
    expect(await main(['theme', 'import', potx, '--name', 'northwind', '--force'], captureOut(), { cwd: dir })).toBe(0);
  });

  it.each([
    [['theme', 'import', 'x.potx'], '--name NAME is required'],
    [['theme', 'import', 'x.potx', '--name', 'Bad Name'], 'is not a theme name'],
    [['theme', 'export'], 'unknown subcommand "export"'],
    [['theme'], 'name a subcommand'],
  ])('%j is a usage error', async (argv, msg) => {
    const out = captureOut();
    expect(await main(argv, out, { cwd: dir })).toBe(2);
    expect(out.err.join('\n')).toContain(msg);
  });

  it('a file that is not a template is an error with its name (exit 1), and writes nothing', async () => {
    const txt = join(dir, 'notes.txt');
    writeFileSync(txt, 'hello');
    const out = captureOut();
    expect(await main(['theme', 'import', txt, '--name', 'notes'], out, { cwd: dir })).toBe(1);
    expect(out.err.join('\n')).toMatch(/notes\.txt: error\[E_THEME_IMPORT\]: cannot import a theme from this file: it is not a zip package/);
    expect(existsSync(join(dir, 'templates', 'themes', 'notes.yaml'))).toBe(false);
  });
});
