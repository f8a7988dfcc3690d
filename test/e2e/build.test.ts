/**
 * End to end: build the shipped brief into a temporary folder (never the repository's out/),
 * unzip the .pptx and check what a reader, PowerPoint and a screen reader would see.
 *
 * The same build feeds the golden files for the shipped brief (briefs/kim-putin-2023.yaml):
 *   test/fixtures/golden/kim-putin-2023.deck.json    the composed Deck IR
 *   test/fixtures/golden/kim-putin-2023.placed.json  the placed deck: every element's frame and
 *                                                    type size, one row per line
 *
 * The test compares what the pipeline makes now with the golden files (test/e2e/golden.ts).
 * When a change to the brief, template, theme or layout is intended, regenerate them and
 * review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/e2e/build.test.ts
 *
 * Besides the comparison, the content is checked for sense on every run (titles present and
 * unique, notes on every slide, sizes within the theme's floors), so a golden file cannot bless
 * a broken deck.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBrief, type BuildResult } from '../../src/build.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';
import type { Deck } from '../../src/compose/ir.ts';
import type { Brief } from '../../src/load/schema.ts';
import { listRepairTriggers, verifyDeck } from '../../src/package/index.ts';
import { paragraphsText } from '../render/frames.ts';
import { civicTheme, FIXTURES, formatAll, paragraphs, REPO, SHIPPED_BRIEF, shapes, unzipParts, xmlErrors } from '../support/helpers.ts';
import { expectGolden, expectPlacedGolden } from './golden.ts';

// Whole builds: generous limits so a busy machine does not turn slowness into failures.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const EMU = 914400;
const SLIDE_CX = 12192000;
const SLIDE_CY = 6858000;
const DELEGATION = ['Choe Sun Hui', 'Ri Pyong Chol', 'Pak Jong Chon', 'Pak Thae Song', 'Kim Myong Sik', 'Jo Chun Ryong'];
const ALLOWED_FACES = new Set(['Arial', 'Calibri']);

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Targets of the relationships of `part` whose type ends in `/type`, as part names. */
function related(parts: Map<string, string>, part: string, type: string): string[] {
  const rels = parts.get(posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`));
  if (!rels) return [];
  const out: string[] = [];
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const type_ = /Type="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const target = /Target="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (type_.endsWith(`/${type}`)) out.push(posix.normalize(posix.join(posix.dirname(part), target)));
  }
  return out;
}

/** Slide part names in presentation order (sldIdLst -> presentation rels). */
function slideOrder(parts: Map<string, string>): string[] {
  const pres = parts.get('ppt/presentation.xml')!;
  const rels = parts.get('ppt/_rels/presentation.xml.rels')!;
  const target = new Map([...rels.matchAll(/<Relationship\b[^>]*>/g)].map((m) => [/Id="([^"]*)"/.exec(m[0])![1]!, /Target="([^"]*)"/.exec(m[0])![1]!]));
  return [...pres.matchAll(/<p:sldId\b[^>]*r:id="([^"]*)"/g)].map((m) => posix.join('ppt', target.get(m[1]!)!));
}

/** The Deck IR with template paths relative to the repository, so the file does not depend on the cwd. */
function portableDeck(deck: Deck): Deck {
  const copy = JSON.parse(JSON.stringify(deck)) as Deck;
  for (const s of copy.slides) if (isAbsolute(s.loc.file)) s.loc.file = relative(REPO, s.loc.file);
  return copy;
}

let dir: string;
let result: BuildResult;
let parts: Map<string, string>;
let slides: string[];
let brief: Brief;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefdeck-e2e-'));
  result = await buildBrief(SHIPPED_BRIEF, { outDir: dir, templatesDir: join(REPO, 'templates') });
  expect(formatAll(result.diagnostics)).toBe('');
  parts = unzipParts(readFileSync(result.out!));
  slides = slideOrder(parts);
  brief = parseBrief(readFileSync(SHIPPED_BRIEF), 'brief.yaml').value!.value;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('e2e: briefs/kim-putin-2023.yaml', () => {
  it('is written to <outDir>/<brief name>.pptx, and the file is the packaged bytes', () => {
    expect(result.ok).toBe(true);
    expect(result.out).toBe(join(dir, 'kim-putin-2023.pptx'));
    expect(Buffer.compare(readFileSync(result.out!), result.pptx!)).toBe(0);
    expect(result.bytes).toBe(result.pptx!.length);
  });

  // 8 to 12 content slides (briefing conventions) plus title, outline, divider, map, closing and
  // sources, and the estimative-language appendix when judgments are rated.
  it('has 10 to 17 slides, as many as the build reports', () => {
    expect(slides.length).toBeGreaterThanOrEqual(10);
    expect(slides.length).toBeLessThanOrEqual(17);
    expect(slides.length).toBe(result.slides);
    for (const s of slides) expect(parts.has(s), s).toBe(true);
  });

  it('every XML part is well-formed', () => {
    const xml = [...parts.keys()].filter((n) => /\.(xml|rels)$/.test(n));
    expect(xml.length).toBeGreaterThan(slides.length * 2);
    for (const name of xml) expect(xmlErrors(parts.get(name)!), name).toEqual([]);
  });

  it('every slide has its title in the title placeholder, present and unique', () => {
    const titles = slides.map((s) => {
      const ph = shapes(parts.get(s)!).filter((sh) => sh.ph === 'title');
      expect(ph, `${s} title placeholders`).toHaveLength(1);
      return ph[0]!.paragraphs.join(' ');
    });
    expect(titles.every((t) => t.trim() !== '')).toBe(true);
    expect(new Set(titles).size).toBe(titles.length);
    expect(titles).toEqual(result.placed!.slides.map((s) => s.title.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join(' ')));
    expect(titles[0]).toBe("Kim Jong Un's Train Trip to Russia");
    expect(titles).toContain('Key judgments');
    expect(titles).toContain('Sources and credits');
  });

  /** Every paragraph of every slide (text boxes and table cells), decoded and collapsed. */
  const slideParagraphs = () => slides.flatMap((s) => paragraphs(parts.get(s)!)).map(collapse);

  it('the six delegation members appear in the slide text, with their Hangul names at first use', () => {
    const paras = slideParagraphs();
    for (const name of DELEGATION) expect(paras.some((p) => p.includes(name)), name).toBe(true);
    expect(paras).toContain('Choe Sun Hui (최선희; also Choe Son Hui)');
    expect(paras).toContain('Jo Chun Ryong (조춘룡)');
  });

  it('the White House NSC quote appears verbatim, with its speaker', () => {
    const quote = brief.quotes!.items.find((q) => q.organisation === 'White House National Security Council')!;
    const paras = slideParagraphs();
    expect(paras).toContain(`“${collapse(quote.text)}”`);
    expect(paras.some((p) => p.startsWith('— Adrienne Watson, Spokesman, White House National Security Council'))).toBe(true);
  });

  it('every slide has speaker notes, non-empty, in its own notes slide', () => {
    const seen = new Set<string>();
    slides.forEach((s, i) => {
      const notes = related(parts, s, 'notesSlide');
      expect(notes, `${s} notes relationship`).toHaveLength(1);
      expect(seen.has(notes[0]!)).toBe(false);
      seen.add(notes[0]!);
      const body = shapes(parts.get(notes[0]!)!).filter((sh) => sh.ph === 'body');
      expect(body, `${notes[0]} body placeholder`).toHaveLength(1);
      const text = body[0]!.paragraphs.join('\n').trim();
      expect(text.length, `notes of slide ${i + 1}`).toBeGreaterThan(20);
      expect(text).toBe(result.placed!.slides[i]!.notes.trim());
    });
  });

  it('the UNCLASSIFIED banner is in every slide\'s layout, at the top and at the bottom edge', () => {
    for (const s of slides) {
      const layouts = related(parts, s, 'slideLayout');
      expect(layouts, s).toHaveLength(1);
      const layout = parts.get(layouts[0]!)!;
      const banners = shapes(layout)
        .filter((sh) => sh.paragraphs.join('') === 'UNCLASSIFIED')
        .sort((a, b) => a.off!.y - b.off!.y);
      expect(banners, `${layouts[0]} banners`).toHaveLength(2);
      // One band at the top edge, one ending at the bottom edge.
      expect(banners[0]!.off!.y).toBe(0);
      expect(banners[1]!.off!.y + banners[1]!.ext!.cy).toBe(SLIDE_CY);
      expect(banners[1]!.ext!.cy).toBeLessThan(SLIDE_CY / 10);
      for (const b of banners) {
        expect(b.off!.x).toBe(0);
        expect(Math.abs(b.ext!.cx - SLIDE_CX)).toBeLessThan(EMU / 100);
      }
      expect(layout.match(/>UNCLASSIFIED</g)).toHaveLength(2);
    }
  });

  it('docProps/core.xml carries the title, author and, as the brief has no as-of date, the fixed epoch', () => {
    const core = flatElements(parts.get('docProps/core.xml')!);
    expect(core['dc:title']).toBe("Kim Jong Un's Train Trip to Russia");
    expect(core['dc:creator']).toBe('Open-source analysis desk (briefdeck sample brief)');
    expect(core['dcterms:created']).toBe('1980-01-01T00:00:00Z');
  });

  it('slides are 13.333 x 7.5 in (16:9, PowerPoint\'s default widescreen)', () => {
    expect(parts.get('ppt/presentation.xml')!).toMatch(/<p:sldSz cx="12192000" cy="6858000"\/>/);
  });

  it('every font face is Arial or Calibri; no "Calibri Light"', () => {
    for (const [name, xml] of parts) {
      if (!name.endsWith('.xml')) continue;
      expect(xml.includes('Calibri Light'), name).toBe(false);
      if (name.startsWith('ppt/theme/')) {
        // The theme's major and minor Latin faces; per-script fallbacks are PowerPoint's defaults.
        const latin = [...xml.matchAll(/<a:(?:major|minor)Font><a:latin typeface="([^"]*)"/g)].map((m) => m[1]);
        expect(latin).toHaveLength(2);
        for (const f of latin) expect(ALLOWED_FACES.has(f!), `${name}: ${f}`).toBe(true);
        continue;
      }
      for (const m of xml.matchAll(/<a:(?:latin|ea|cs)\b[^>]*typeface="([^"]*)"/g)) {
        const face = m[1]!;
        expect(ALLOWED_FACES.has(face) || face.startsWith('+m'), `${name}: ${face}`).toBe(true);
      }
    }
  });

  it('has no known PowerPoint repair triggers and verifies', () => {
    expect(listRepairTriggers(result.pptx!)).toEqual([]);
    expect(verifyDeck(result.pptx!)).toEqual([]);
  });

  it('nothing was written into the repository\'s out/ folder by this build', () => {
    expect(result.out!.startsWith(dir)).toBe(true);
  });
});

describe('golden: briefs/kim-putin-2023.yaml', () => {
  it('the Deck IR makes sense: titles present and unique, notes on every slide', () => {
    const slides = result.deck!.slides;
    const titles = slides.map((s) => s.title);
    expect(titles.every((t) => t.trim() !== '')).toBe(true);
    expect(new Set(titles).size).toBe(titles.length);
    for (const s of slides) expect(s.notes.trim(), `notes of "${s.title}"`).not.toBe('');
    expect(result.deck!.meta).toMatchObject({ title: "Kim Jong Un's Train Trip to Russia", marking: { text: 'UNCLASSIFIED' } });
    expect(result.deck!.meta.asOf).toBeUndefined();
  });

  it('the Deck IR matches the golden file', () => {
    expectGolden('kim-putin-2023.deck.json', portableDeck(result.deck!));
  });

  it('the placed deck makes sense: unique titles, notes everywhere, sizes within the theme', () => {
    const theme = civicTheme();
    const placed = result.placed!.slides;
    expect(placed.length).toBeGreaterThanOrEqual(10);
    expect(placed.length).toBeLessThanOrEqual(17);
    expect(new Set(placed.map((s) => paragraphsText(s.title))).size).toBe(placed.length);
    expect(placed.every((s) => s.notes.trim() !== '')).toBe(true);
    for (const s of placed) {
      expect(s.title.size).toBeGreaterThanOrEqual(theme.fit.titleFloor);
      for (const e of s.elements) if (e.kind === 'text' || e.kind === 'table') expect(e.size, `a text size on slide ${s.number}`).toBeGreaterThanOrEqual(theme.fit.tableFloor);
    }
    expect(placed[0]!.master).toBe('TITLE');
  });

  it('the placed deck (frame and type size of every element) matches the golden file', () => {
    expectPlacedGolden('kim-putin-2023.placed.json', result.placed!);
  });
});

/** Simple element -> text map of a flat XML part such as docProps/core.xml. */
function flatElements(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/<([\w:]+)(?:\s[^>]*)?>([^<]*)<\/\1>/g)) {
    out[m[1]!] = m[2]!.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  }
  return out;
}

describe('e2e: a brief with a picture (test/fixtures/e2e/picture.yaml, the briefing template)', () => {
  // A 1x1 PNG.
  const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  let project: string;
  let built: BuildResult;
  let p: Map<string, string>;
  let pics: ReturnType<typeof shapes>;

  beforeAll(async () => {
    project = mkdtempSync(join(tmpdir(), 'briefdeck-e2e-img-'));
    const briefPath = join(project, 'picture.yaml');
    cpSync(join(FIXTURES, 'e2e/picture.yaml'), briefPath);
    writeFileSync(join(project, 'figure.png'), Buffer.from(PNG, 'base64'));
    built = await buildBrief(briefPath, { outDir: join(project, 'out'), templatesDir: join(REPO, 'templates'), projectRoot: project });
    expect(formatAll(built.diagnostics.filter((d) => d.severity === 'error'))).toBe('');
    p = unzipParts(built.pptx!);
    pics = slideOrder(p).flatMap((s) => shapes(p.get(s)!).filter((sh) => sh.tag === 'p:pic'));
  });

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('every picture has a non-empty description that is not a file path', () => {
    expect(pics.length, 'pictures checked').toBeGreaterThan(0);
    for (const pic of pics) {
      expect(pic.nvPr.descr?.trim()).toBeTruthy();
      // Not an absolute path, nor a file name (pptxgenjs falls back to the image path).
      expect(pic.nvPr.descr).not.toMatch(/^(?:[A-Za-z]:)?[\\/]|\.(?:png|jpe?g|gif)$/i);
    }
  });

  it('builds, and its one picture has the alt text as its description; no project path in the deck', () => {
    expect(built.ok).toBe(true);
    expect(existsSync(built.out!)).toBe(true);
    expect(dirname(built.out!)).toBe(join(project, 'out'));
    expect(built.deck!.slides.filter((s) => s.layout === 'image').map((s) => s.title)).toEqual(['The train']);
    expect(pics.map((pic) => pic.nvPr.descr)).toEqual(["Kim's train at the border station"]);
    for (const [name, xml] of p) if (name.endsWith('.xml')) expect(xml.includes(project), name).toBe(false);
    expect([...p.keys()].some((n) => /^ppt\/media\/.+\.png$/.test(n))).toBe(true);
    expect(listRepairTriggers(built.pptx!)).toEqual([]);
  });
});
