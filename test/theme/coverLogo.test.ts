/**
 * The theme's logo on the cover-style masters (title, section, closing): drawn in the theme's
 * frame where it is clear of what those slides show, left off a master with W_LOGO_OVERLAP where
 * it is not; and wherever the .pptx's master layout has it, the SVG preview draws it in the
 * same frame on that master's slides, and nowhere else.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildBrief, type BuildResult } from '../../src/build.ts';
import { COVER_ZONES } from '../../src/layout/cover.ts';
import type { Frame, MasterName } from '../../src/layout/placed.ts';
import { renderDeckSvg } from '../../src/svg/render.ts';
import { EMU_PER_INCH } from '../../src/units.ts';
import { REPO, SHIPPED_BRIEF, unzipParts } from '../support/helpers.ts';
import { logoPng } from './template.ts';

vi.setConfig({ testTimeout: 60_000 });

const dir = mkdtempSync(join(tmpdir(), 'briefdeck-cover-logo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const templates = join(dir, 'templates');
cpSync(join(REPO, 'templates'), templates, { recursive: true });
// 40 x 20 px: a 2:1 picture, so a 2:1 frame is filled exactly.
writeFileSync(join(templates, 'themes', 'house-logo.png'), logoPng());
const civic = readFileSync(join(templates, 'themes', 'civic.yaml'), 'utf8');

/** The shipped brief built in civic with a logo in frame `f`. */
async function buildWithLogo(name: string, f: Frame): Promise<BuildResult> {
  writeFileSync(join(templates, 'themes', `${name}.yaml`), `${civic.replace(/^name: .*$/m, `name: ${name}`)}\nlogo: { path: house-logo.png, x: ${f.x}, y: ${f.y}, w: ${f.w}, h: ${f.h} }\n`);
  const built = await buildBrief(SHIPPED_BRIEF, { theme: name, templatesDir: templates, outDir: join(dir, `${name}-out`), projectRoot: dir });
  expect(built.ok, JSON.stringify(built.diagnostics)).toBe(true);
  return built;
}

/** Each master layout's logo picture frame in inches (undefined: no picture there). */
function layoutLogos(pptx: Uint8Array): Record<MasterName, Frame | undefined> {
  const out: Partial<Record<MasterName, Frame | undefined>> = {};
  const inches = (v: string) => Math.round((Number(v) / EMU_PER_INCH) * 1000) / 1000;
  for (const [k, v] of unzipParts(pptx)) {
    if (!/^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(k)) continue;
    const name = /<p:cSld name="([A-Z]+)"/.exec(v)![1] as MasterName;
    const pic = /<p:pic>[\s\S]*?<\/p:pic>/.exec(v)?.[0];
    // pptxgenjs's own default layout, which no slide uses, carries nothing of the theme.
    if ((name as string) === 'DEFAULT') {
      expect(pic).toBeUndefined();
      continue;
    }
    const m = pic && /<a:off x="(\d+)" y="(\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(pic);
    out[name] = m ? { x: inches(m[1]!), y: inches(m[2]!), w: inches(m[3]!), h: inches(m[4]!) } : undefined;
  }
  expect(Object.keys(out).sort()).toEqual(['CLOSING', 'CONTENT', 'SECTION', 'TITLE']);
  return out as Record<MasterName, Frame | undefined>;
}

/** The logo's frame in a slide's SVG, from its data-frame and, in points, its <image>. */
function svgLogo(svg: string): Frame | undefined {
  const m = /<g class="logo" data-el="logo" data-frame="([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)" aria-hidden="true"><image x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  if (!m) return undefined;
  const [x, y, w, h, px, py, pw, ph] = m.slice(1).map(Number) as [number, number, number, number, number, number, number, number];
  // The drawn image is the data-frame, to the SVG's 1/100 pt.
  for (const [inch, pt] of [[x, px], [y, py], [w, pw], [h, ph]] as const) expect(Math.abs(inch * 72 - pt)).toBeLessThan(0.006);
  return { x, y, w, h };
}

/** Every slide's SVG draws the logo exactly where its master layout in the .pptx has it. */
function expectSvgMatchesPptx(built: BuildResult): Record<MasterName, Frame | undefined> {
  const layouts = layoutLogos(built.pptx!);
  const svgs = renderDeckSvg(built.placed!);
  built.placed!.slides.forEach((s, i) => expect(svgLogo(svgs[i]!), `slide ${s.number} (${s.master})`).toEqual(layouts[s.master]));
  // No slide draws it itself.
  for (const [k, v] of unzipParts(built.pptx!)) if (/^ppt\/slides\/slide\d+\.xml$/.test(k)) expect(v, k).not.toContain('<p:pic>');
  return layouts;
}

const overlapWarnings = (built: Pick<BuildResult, 'diagnostics'>) => built.diagnostics.filter((d) => d.code === 'W_LOGO_OVERLAP');

describe('the theme logo on cover slides', () => {
  it('is on every master, title and closing included, when it sits in the right margin', async () => {
    const f = { x: 12.783, y: 0.4, w: 0.5, h: 0.25 };
    const built = await buildWithLogo('margin', f);
    expect(built.diagnostics.filter((d) => d.code.startsWith('W_LOGO'))).toEqual([]);
    const layouts = expectSvgMatchesPptx(built);
    expect(layouts).toEqual({ CONTENT: f, TITLE: f, SECTION: f, CLOSING: f });
    const masters = new Set(built.placed!.slides.map((s) => s.master));
    expect([...masters].sort()).toEqual(['CLOSING', 'CONTENT', 'SECTION', 'TITLE']);
  });

  it('is on the title slide above the cover title where it would cover a content title, and left off the closing slide it would cover, with a warning', async () => {
    // Top right, 0.5 in down: over a content slide's title, above the title slide's (which starts at 1.45 in).
    const f = { x: 11.433, y: 0.5, w: 1.2, h: 0.6 };
    const built = await buildWithLogo('corner', f);
    const layouts = expectSvgMatchesPptx(built);
    expect(layouts).toEqual({ CONTENT: undefined, TITLE: f, SECTION: f, CLOSING: undefined });
    const w = overlapWarnings(built);
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toBe('the logo (x 11.433, y 0.5, 1.2 x 0.6 in) would overlap the slide title on content slides; the closing title on closing slides, so it is left off there (it is drawn on title and section slides)');
    expect(w[0]).toMatchObject({ severity: 'warning', file: join(templates, 'themes', 'corner.yaml'), path: 'logo' });
    expect(w[0]!.hint).toBe("move the logo's frame clear of them: every slide leaves x 12.733-13.333 in (the right margin) or 0-0.6 in (the left), between y 0.32 and 7.18 in; above their text, closing slides y 0.32-0.7 in");
  });

  it('is left off, with the warning, where it would cover the cover title', async () => {
    // In the middle of the title slide's title.
    const built = await buildWithLogo('middle', { x: 4, y: 2, w: 2, h: 1 });
    const layouts = expectSvgMatchesPptx(built);
    expect(layouts).toEqual({ CONTENT: undefined, TITLE: undefined, SECTION: undefined, CLOSING: undefined });
    expect(built.placed!.chrome.logo).toBeUndefined();
    const w = overlapWarnings(built);
    expect(w).toHaveLength(1);
    expect(w[0]!.message).toBe('the logo (x 4, y 2, 2 x 1 in) would overlap the slide body on content slides; the cover title on title slides; the kicker, the section title on section slides; the recap and the questions on closing slides, so it is not drawn');
    expect(w[0]!.hint).toContain('above their text, title slides y 0.32-1.45 in');
  });

  it('is left off the title and closing slides in the strip content slides leave between body and footer', async () => {
    // Clear of a content slide's body (to 6.6 in) and footer (from 6.78 in); in the bands the
    // title slide's lines and the closing slide's questions may fill (to 6.65 in).
    const f = { x: 5, y: 6.6, w: 0.3, h: 0.15 };
    const built = await buildWithLogo('strip', f);
    const layouts = expectSvgMatchesPptx(built);
    expect(layouts).toEqual({ CONTENT: f, TITLE: undefined, SECTION: f, CLOSING: undefined });
    const w = overlapWarnings(built);
    expect(w.map((d) => d.message)).toEqual(['the logo (x 5, y 6.6, 0.3 x 0.15 in) would overlap the subtitle and the lines under it on title slides; the recap and the questions on closing slides, so it is left off there (it is drawn on content and section slides)']);
  });
});

describe('COVER_ZONES', () => {
  it('hold everything the cover kinds place on their slides', async () => {
    const built = await buildWithLogo('zones', { x: 12.783, y: 0.4, w: 0.5, h: 0.25 });
    const inside = (a: Frame, b: Frame) => a.x >= b.x - 1e-9 && a.y >= b.y - 1e-9 && a.x + a.w <= b.x + b.w + 1e-9 && a.y + a.h <= b.y + b.h + 1e-9;
    let checked = 0;
    for (const s of built.placed!.slides) {
      if (s.master === 'CONTENT') continue;
      for (const el of [s.title, ...s.elements]) {
        expect(COVER_ZONES[s.master].some(([, z]) => inside(el.frame, z)), `slide ${s.number} (${s.master}) ${JSON.stringify(el.frame)}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(6);
  });
});
