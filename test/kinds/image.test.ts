/**
 * Figures: a 10 MB camera-sized photo is downscaled to the size it is shown at; `fit: cover`
 * crops to the frame and `contain` keeps the aspect; SVG is placed; alt text is required unless
 * the image is decorative, and a decorative one is flagged as such in the deck; credits read
 * "(AP Photo/...)"; every part stays schema-valid.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBrief, type BuildResult } from '../../src/build.ts';
import { creditLine } from '../../src/kinds/image.ts';
import type { ImageElement } from '../../src/layout/placed.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';
import { PICTURE_PPI } from '../../src/render/pictures.ts';
import { FIXTURES, MINIMAL_BRIEF, REPO } from '../support/helpers.ts';
import { validateDeck } from '../support/ooxmlSchema.ts';

vi.setConfig({ testTimeout: 180_000, hookTimeout: 240_000 });

let project: string;
let plain: BuildResult;
let withPhoto: BuildResult;
let fixture: BuildResult;
let photoBytes = 0;

/** Noise compresses badly, like a real photo's detail: a seeded 4000 x 3000 JPEG of about 10 MB. */
async function cameraPhoto(file: string): Promise<void> {
  const w = 4000;
  const h = 3000;
  const px = Buffer.alloc(w * h * 3);
  let seed = 12345;
  for (let i = 0; i < px.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    px[i] = (seed >> 16) & 0xff;
  }
  writeFileSync(file, await sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 92 }).toBuffer());
}

const imageYaml = (items: string) => MINIMAL_BRIEF.replace('sources:\n', `images:\n${items}\nsources:\n`);

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'briefdeck-img-'));
  mkdirSync(join(project, 'briefs'));
  await cameraPhoto(join(project, 'briefs/camera.jpg'));
  photoBytes = readFileSync(join(project, 'briefs/camera.jpg')).length;
  cpSync(join(FIXTURES, 'briefs/images/terminal-plan.svg'), join(project, 'briefs/plan.svg'));
  writeFileSync(join(project, 'briefs/plain.yaml'), MINIMAL_BRIEF);
  writeFileSync(
    join(project, 'briefs/photo.yaml'),
    imageYaml(`  - { path: camera.jpg, alt: A test pattern photo, caption: A photo, credit: AP Photo/Test Photographer }
  - { path: plan.svg, decorative: true, fit: cover }`),
  );
  const opts = { outDir: join(project, 'out'), projectRoot: project, templatesDir: join(REPO, 'templates') };
  plain = await buildBrief(join(project, 'briefs/plain.yaml'), opts);
  withPhoto = await buildBrief(join(project, 'briefs/photo.yaml'), opts);
  fixture = await buildBrief(join(FIXTURES, 'briefs/visuals.yaml'), { outDir: join(project, 'fx'), projectRoot: REPO, templatesDir: join(REPO, 'templates') });
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

const pictures = (r: BuildResult) => r.placed!.slides.flatMap((s) => s.elements.filter((e): e is ImageElement => e.kind === 'image'));
const media = (r: BuildResult) => Object.entries(unzipSync(r.pptx!)).filter(([n]) => n.startsWith('ppt/media/'));

describe('a 10 MB photo', () => {
  it('adds less than 500 KB to its deck, downscaled to the size shown', async () => {
    expect(photoBytes).toBeGreaterThan(9_000_000);
    expect(withPhoto.ok, JSON.stringify(withPhoto.diagnostics)).toBe(true);
    const added = withPhoto.pptx!.length - plain.pptx!.length;
    console.log(`image: a ${(photoBytes / 1e6).toFixed(1)} MB photo added ${(added / 1024).toFixed(0)} KB`);
    expect(added).toBeLessThan(500 * 1024);
    const photo = pictures(withPhoto)[0]!;
    const jpeg = media(withPhoto).find(([n]) => n.endsWith('.jpeg'))!;
    const meta = await sharp(Buffer.from(jpeg[1])).metadata();
    expect(meta.width).toBe(Math.round(photo.frame.w * PICTURE_PPI));
    // contain: the frame keeps the photo's 4:3 aspect, and so do the embedded pixels.
    expect(photo.frame.w / photo.frame.h).toBeCloseTo(4 / 3, 2);
    expect(meta.width! / meta.height!).toBeCloseTo(4 / 3, 2);
    expect(meta.exif).toBeUndefined();
  });

  it('carries its credit in parentheses, the wire-service way', () => {
    const texts = withPhoto.placed!.slides.flatMap((s) => s.elements.flatMap((e) => (e.kind === 'text' ? e.paragraphs.map((p) => p.runs.map((r) => r.text).join('')) : [])));
    expect(texts).toContain('(AP Photo/Test Photographer)');
    expect(creditLine('AP Photo/Ahn Young-joon')).toBe('(AP Photo/Ahn Young-joon)');
    expect(creditLine('(AP Photo/Ahn Young-joon)')).toBe('(AP Photo/Ahn Young-joon)');
  });
});

describe('fit, SVG and decorative images', () => {
  it('crops a cover image to its frame, and rasterises SVG at the shown size', async () => {
    const svg = pictures(withPhoto)[1]!;
    expect(svg.fit).toBe('cover');
    const png = media(withPhoto).find(([n]) => n.endsWith('.png'))!;
    const meta = await sharp(Buffer.from(png[1])).metadata();
    expect(meta.width! / meta.height!).toBeCloseTo(svg.frame.w / svg.frame.h, 2);
    expect(meta.width).toBe(Math.round(svg.frame.w * PICTURE_PPI));
  });

  it('flags a decorative picture for screen readers, with no description', () => {
    const slides = Object.entries(unzipSync(withPhoto.pptx!)).filter(([n]) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).map(([, b]) => strFromU8(b));
    const pics = slides.flatMap((x) => x.match(/<p:pic>.*?<\/p:pic>/gs) ?? []);
    expect(pics.length).toBe(2);
    const decorative = pics.find((p) => p.includes('Decorative image'))!;
    expect(decorative).toContain('<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>');
    expect(decorative).not.toContain('descr=');
    expect(pics.find((p) => !p.includes('Decorative image'))).toContain('descr="A test pattern photo"');
    expect(slides.join('')).not.toContain(project);
  });

  it('requires alt text unless the image is decorative, at file:line:col', () => {
    const yaml = imageYaml('  - { path: camera.jpg, caption: No alt }');
    const r = parseBrief(yaml, 'photo.yaml');
    expect(r.value).toBeUndefined();
    const line = yaml.split('\n').findIndex((l) => l.includes('No alt')) + 1;
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'E_SCHEMA', file: 'photo.yaml', line, path: 'images[0].alt' })]);
    expect(parseBrief(imageYaml('  - { path: camera.jpg, decorative: true }'), 'photo.yaml').value).toBeDefined();
    expect(parseBrief(imageYaml('  - { path: camera.jpg, alt: A, fit: stretch }'), 'photo.yaml').diagnostics.map((d) => d.path)).toEqual(['images[0].fit']);
  });

  it('keeps the decks schema-valid, the chart and image fixture included', async () => {
    expect(fixture.ok, JSON.stringify(fixture.diagnostics)).toBe(true);
    expect(media(fixture).length).toBe(2);
    for (const r of [withPhoto, fixture]) {
      const v = await validateDeck(r.pptx!);
      expect(v.invalid).toEqual([]);
    }
  });
});
