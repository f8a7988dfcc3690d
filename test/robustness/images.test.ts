/**
 * The bad-input catalogue, images: a path that does not exist, a path outside the project
 * (relative, absolute, or through a symlink inside the project) and a file that is not an
 * image are errors at the brief's `images[i].path` line, with a hint; nothing is written.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { encode as encodeJpeg } from 'jpeg-js';
import { GifWriter } from 'omggif';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/build.ts';
import { expectFailed, GOOD_BRIEF, makeProject, positionOf, runCli, snapshot, type Project } from './harness.ts';

/** A 2x2 red PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

/** A real file outside every project: a sibling temp folder. */
const OUTSIDE = mkdtempSync(join(tmpdir(), 'briefdeck-outside-'));
const OUTSIDE_PNG = join(OUTSIDE, 'secret.png');
writeFileSync(OUTSIDE_PNG, PNG);
afterAll(() => rmSync(OUTSIDE, { recursive: true, force: true }));

let project: Project | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

const withImage = (path: string) => `${GOOD_BRIEF}images:\n  - path: ${JSON.stringify(path)}\n    alt: A map of the route\n    caption: The route of the train\n`;

/** A project whose brief has one image at `path` (a function of the project, when it must be). */
async function imageCase(path: string | ((p: Project) => string), setUp?: (p: Project) => void, briefAt = 'brief.yaml') {
  project = await makeProject(['brief']);
  setUp?.(project);
  const imagePath = typeof path === 'string' ? path : path(project);
  const text = withImage(imagePath);
  const brief = project.write(briefAt, text);
  const before = snapshot(project.out);
  const r = await buildBrief(brief, { outDir: project.out, projectRoot: project.root });
  // The `path:` value's position: the quoted string after "- path: ".
  const at = positionOf(text, `path: ${JSON.stringify(imagePath)}`, 'path: '.length);
  return { r, brief, before, at, imagePath };
}

describe('bad images: error at images[i].path, with a hint; nothing written', () => {
  it('a path that does not exist', async () => {
    const c = await imageCase('figures/nothere.png');
    expectFailed(c.r, { code: 'E_IMAGE_MISSING', file: c.brief, line: c.at.line, col: c.at.col, path: 'images[0].path', hint: /relative to the brief/ });
    expect(snapshot(project!.out)).toEqual(c.before);
  });

  it('a relative path out of the project (../..) to a file that exists', async () => {
    const c = await imageCase((p) => relative(p.root, OUTSIDE_PNG));
    expect(c.imagePath.startsWith('../')).toBe(true);
    expectFailed(c.r, { code: 'E_IMAGE_OUTSIDE', file: c.brief, line: c.at.line, col: c.at.col, path: 'images[0].path', hint: /copy the image into the project/ });
    expect(snapshot(project!.out)).toEqual(c.before);
  });

  it('../../etc/hostname (relative from the brief, up to the file-system root)', async () => {
    if (!existsSync('/etc/hostname')) return;
    const c = await imageCase((p) => relative(p.path('briefs'), '/etc/hostname'), undefined, 'briefs/brief.yaml');
    expect(c.imagePath).toMatch(/^(\.\.\/)+etc\/hostname$/);
    expectFailed(c.r, { code: 'E_IMAGE_OUTSIDE', file: c.brief, line: c.at.line, col: c.at.col, path: 'images[0].path' });
    expect(snapshot(project!.out)).toEqual(c.before);
  });

  it('an absolute path outside the project', async () => {
    const c = await imageCase(OUTSIDE_PNG);
    expectFailed(c.r, { code: 'E_IMAGE_OUTSIDE', file: c.brief, line: c.at.line, col: c.at.col, path: 'images[0].path', hint: /project/ });
    expect(snapshot(project!.out)).toEqual(c.before);
  });

  it('a symlink inside the project that points outside', async () => {
    const c = await imageCase('figures/link.png', (p) => {
      mkdirSync(p.path('figures'));
      symlinkSync(OUTSIDE_PNG, p.path('figures', 'link.png'));
    });
    expectFailed(c.r, { code: 'E_IMAGE_OUTSIDE', file: c.brief, line: c.at.line, col: c.at.col, path: 'images[0].path' });
    expect(snapshot(project!.out)).toEqual(c.before);
  });

  it('a path outside the project that does not exist is refused as outside, not reported missing', async () => {
    // Otherwise the error tells whether a file exists outside the project, and the hint
    // ("paths are relative to the brief") sends the user looking in the wrong place.
    const c = await imageCase('../../no-such-folder/secret.png');
    expectFailed(c.r, { code: 'E_IMAGE_OUTSIDE', file: c.brief, line: c.at.line, col: c.at.col, path: 'images[0].path' });
    expect(snapshot(project!.out)).toEqual(c.before);
  });

  it('a .png that is really text', async () => {
    const c = await imageCase('figures/fake.png', (p) => p.write('figures/fake.png', 'this is not a PNG\n'));
    expectFailed(c.r, { code: 'E_IMAGE_TYPE', file: c.brief, line: c.at.line, col: c.at.col, path: 'images[0].path', hint: /PNG/ });
    expect(snapshot(project!.out)).toEqual(c.before);
  });

  it('the real CLI in the project folder refuses the symlink too (project root = working folder)', async () => {
    project = await makeProject(['brief']);
    mkdirSync(project.path('figures'));
    symlinkSync(OUTSIDE_PNG, project.path('figures', 'link.png'));
    const text = withImage('figures/link.png');
    project.write('brief.yaml', text);
    const before = snapshot(project.out);
    const cli = runCli(['build', 'brief.yaml'], project.root);
    const at = positionOf(text, 'path: "figures/link.png"', 'path: '.length);
    expect(cli.code, cli.stderr).toBe(1);
    expect(cli.stderr).toContain(`brief.yaml:${at.line}:${at.col}: error[E_IMAGE_OUTSIDE]`);
    expect(snapshot(project.out)).toEqual(before);
  });
});

/** The first 33 bytes of a PNG: signature and IHDR (64x48 RGBA), and nothing after. */
function pngHeaderOnly(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(64, 0);
  ihdr.writeUInt32BE(48, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const body = Buffer.concat([Buffer.from('IHDR'), ihdr]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from([0, 0, 0, 13]), body, crc]);
}

function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** A 64x48 picture with some detail, so that its compressed data spans many bytes. */
function pixels(): Buffer {
  const data = Buffer.alloc(64 * 48 * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) & 255;
  return data;
}

const JPEG = encodeJpeg({ data: pixels(), width: 64, height: 48 }, 80).data;

function gif(): Buffer {
  const buf = Buffer.alloc(64 * 48 * 2);
  const w = new GifWriter(buf, 64, 48, { palette: Array.from({ length: 256 }, (_, i) => i * 0x010101) });
  w.addFrame(0, 0, 64, 48, Array.from({ length: 64 * 48 }, (_, i) => (i * 7) & 255));
  return buf.subarray(0, w.end());
}
const GIF = gif();

describe('incomplete images: E_IMAGE at images[i].path, decoded to the end', () => {
  const cases: Array<[string, string, () => Uint8Array]> = [
    ['a PNG that is only its 33-byte header', 'figures/head.png', pngHeaderOnly],
    ['a PNG cut before its end chunk', 'figures/cut.png', () => PNG.subarray(0, PNG.length - 12)],
    ['a JPEG cut in its scan data', 'figures/cut.jpg', () => JPEG.subarray(0, Math.floor(JPEG.length * 0.7))],
    ['a GIF cut in its image data', 'figures/cut.gif', () => GIF.subarray(0, GIF.length - 20)],
    ['a GIF that ends before its trailer', 'figures/short.gif', () => GIF.subarray(0, GIF.length - 1)],
  ];
  for (const [name, path, bytes] of cases) {
    it(name, async () => {
      const c = await imageCase(path, (p) => p.write(path, bytes()));
      expectFailed(c.r, { code: 'E_IMAGE', file: c.brief, line: c.at.line, col: c.at.col, path: 'images[0].path', message: /not a whole image/, hint: /export or download the image again/ });
      expect(snapshot(project!.out)).toEqual(c.before);
    });
  }

  it('the same JPEG and GIF, whole, build (control)', async () => {
    for (const [path, bytes] of [['figures/whole.jpg', JPEG], ['figures/whole.gif', GIF]] as const) {
      const c = await imageCase(path, (p) => p.write(path, bytes));
      expect(c.r.ok, c.r.diagnostics.map((d) => d.message).join('\n')).toBe(true);
      project!.cleanup();
    }
    project = undefined;
  });
});

describe('a good image', () => {
  it('inside the project, builds and is placed in the deck (an image slide with the picture)', async () => {
    const c = await imageCase('figures/route.png', (p) => p.write('figures/route.png', PNG));
    expect(c.r.ok, c.r.diagnostics.map((d) => d.message).join('\n')).toBe(true);
    const parts = unzipSync(c.r.pptx!);
    const media = Object.keys(parts).filter((n) => n.startsWith('ppt/media/'));
    const slides = Object.keys(parts).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).map((n) => strFromU8(parts[n]!));
    // images: "Figures, each on its own slide."
    expect(c.r.deck!.slides.map((s) => s.layout), 'slide layouts').toContain('image');
    expect(media.length, 'pictures in ppt/media').toBeGreaterThan(0);
    expect(slides.some((x) => x.includes('descr="A map of the route"')), 'the alt text on a slide').toBe(true);
    expect(dirname(c.brief)).toBe(project!.root);
  });
});
