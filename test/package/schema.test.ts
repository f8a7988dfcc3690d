/**
 * Every XML part of the decks briefdeck makes validates against the ECMA-376 transitional
 * schemas (schema/ooxml-xsd/, libxml2 through xmllint-wasm; see test/support/ooxmlSchema.ts),
 * and every shape has a text body. The fuzz corpus is validated the same way in
 * test/fuzz/fuzz.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildBrief } from '../../src/build.ts';
import { packageDeck } from '../../src/package/index.ts';
import { REPO, SHIPPED_BRIEF } from '../support/helpers.ts';
import { schemaStats, validateDeck, validateDecks, type DeckValidation } from '../support/ooxmlSchema.ts';
import { buildDeck as buildStressDeck, DECKS } from '../render/decks.ts';
import { buildDeck as buildReferenceDeck } from './deck-fixture.ts';

// Whole builds and one schema compilation per xmllint run: generous limits for a busy machine.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const TEMPLATES = ['briefing', 'executive'];
const THEMES = ['civic', 'dark'];

let dir: string;
let shipped: Uint8Array;
const decks = new Map<string, Uint8Array>();
const results = new Map<string, DeckValidation>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'briefdeck-schema-'));
  const build = async (name: string, run: () => ReturnType<typeof buildBrief>): Promise<void> => {
    const r = await run();
    if (!r.ok || !r.pptx) throw new Error(`${name} did not build: ${r.diagnostics.map((d) => d.message).join('; ')}`);
    decks.set(name, r.pptx);
  };
  for (const spec of DECKS) await build(spec.name, () => buildStressDeck(spec, join(dir, 'stress')));
  for (const template of TEMPLATES) {
    for (const theme of THEMES) {
      await build(`${template}/${theme}`, () => buildBrief(SHIPPED_BRIEF, { template, theme, outDir: join(dir, template, theme), projectRoot: REPO, templatesDir: join(REPO, 'templates') }));
    }
  }
  shipped = decks.get('kim-putin-2023')!;
  const t0 = performance.now();
  const all = await validateDecks([...decks.values()]);
  const ms = performance.now() - t0;
  [...decks.keys()].forEach((name, i) => results.set(name, all[i]!));
  const parts = all.reduce((n, r) => n + r.parts, 0);
  console.log(`schema: ${decks.size} decks (shipped brief, stress fixtures, ${TEMPLATES.length} templates x ${THEMES.length} themes), `
    + `${parts} XML parts validated, ${all.reduce((n, r) => n + r.invalid.length, 0)} invalid, `
    + `${all.reduce((n, r) => n + r.shapesWithoutTxBody.length, 0)} <p:sp> without <p:txBody>; `
    + `${schemaStats.partsSentToXmllint} distinct parts in ${schemaStats.xmllintRuns} xmllint run(s), ${ms.toFixed(0)} ms`);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const report = (r: DeckValidation): string =>
  [...r.invalid.map((i) => `${i.part}: ${i.errors.slice(0, 3).join(' | ')}`), ...r.shapesWithoutTxBody].slice(0, 12).join('\n');

describe('decks briefdeck makes', () => {
  it('the shipped brief, every stress fixture, both templates and both themes: every part valid, every shape with a text body', () => {
    expect(results.size).toBe(DECKS.length + TEMPLATES.length * THEMES.length);
    for (const [name, r] of results) {
      expect(r.parts, name).toBeGreaterThan(20);
      expect(r.invalid.length + r.shapesWithoutTxBody.length, `${name}:\n${report(r)}`).toBe(0);
    }
  });

  // pptxgenjs's line charts break CT_LineChart (no <c:grouping>, <c:invertIfNegative> in a line
  // series, <c:marker> after <c:dLbls>); the package stage fixes all three, so every part validates.
  it('the package tests\' reference deck (tables, images, charts) validates, its line chart included', async () => {
    const r = await validateDeck(packageDeck(await buildReferenceDeck(), { date: '2024-05-01', env: {} }).value!);
    expect(r.shapesWithoutTxBody).toEqual([]);
    expect(r.invalid).toEqual([]);
  });
});

/** `deck` with one part's text changed. */
function edit(deck: Uint8Array, part: string, change: (xml: string) => string): Uint8Array {
  const files = unzipSync(deck);
  const before = strFromU8(files[part]!);
  const after = change(before);
  if (after === before) throw new Error(`the edit did not change ${part}`);
  files[part] = strToU8(after);
  return zipSync(files);
}

describe('the check fails when it should', () => {
  it('on children out of schema order in presentation.xml', async () => {
    const bad = edit(shipped, 'ppt/presentation.xml', (x) => x.replace(/(<p:sldSz [^>]*\/>)(<p:notesSz [^>]*\/>)/, '$2$1'));
    const r = await validateDeck(bad);
    expect(r.invalid.map((i) => i.part)).toEqual(['ppt/presentation.xml']);
    expect(r.invalid[0]!.errors.join('\n')).toMatch(/notesSz.*not expected|sldSz.*not expected/);
  });

  it('on a shape whose spPr comes before its nvSpPr, and on a bare shape', async () => {
    const slide = 'ppt/slides/slide2.xml';
    const swapped = edit(shipped, slide, (x) => x.replace(/<p:sp>(<p:nvSpPr>.*?<\/p:nvSpPr>)(<p:spPr>.*?<\/p:spPr>)/, '<p:sp>$2$1'));
    expect((await validateDeck(swapped)).invalid.map((i) => i.part)).toEqual([slide]);
    const bare = edit(shipped, slide, (x) => x.replace(/<p:txBody>.*?<\/p:txBody>/, ''));
    expect((await validateDeck(bare)).shapesWithoutTxBody).toEqual([expect.stringMatching(/^ppt\/slides\/slide2\.xml: "/)]);
  });

  it('on a part whose root element is not what its content type says', async () => {
    const bad = edit(shipped, '[Content_Types].xml', (x) => x.replace('/ppt/slides/slide1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml', '/ppt/slides/slide1.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml'));
    const r = await validateDeck(bad);
    expect(r.invalid).toEqual([{ part: 'ppt/slides/slide1.xml', errors: [expect.stringMatching(/root element .*sld, but content type .*notesSlide\+xml needs .*notes$/)] }]);
  });
});

describe('markup compatibility, read as an mc:Ignorable-aware consumer would', () => {
  const MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
  const P14 = 'xmlns:p14="http://schemas.microsoft.com/office/powerpoint/2010/main"';
  const withSlide1 = (change: (xml: string) => string): Promise<DeckValidation> => validateDeck(edit(shipped, 'ppt/slides/slide1.xml', change));
  /** `xml` with `re` replaced; the pattern must occur, so no case here passes by not editing. */
  const sub = (xml: string, re: RegExp | string, by: string): string => {
    if (!(typeof re === 'string' ? xml.includes(re) : re.test(xml))) throw new Error(`${re} not found`);
    return xml.replace(re, by);
  };
  const root = (xml: string, attrs: string): string => sub(xml, '<p:sld ', `<p:sld ${attrs} `);

  it('drops attributes and elements of ignorable namespaces', async () => {
    const extend = (xml: string, attrs: string): string => sub(root(xml, attrs), /<p:cSld([^>]*)>/, '<p:cSld$1 p14:x="1"><p14:extra/>');
    expect((await withSlide1((x) => extend(x, `${MC} ${P14} mc:Ignorable="p14"`))).invalid).toEqual([]);
    const notIgnorable = await withSlide1((x) => extend(x, `${MC} ${P14}`));
    expect(notIgnorable.invalid.map((i) => i.part)).toEqual(['ppt/slides/slide1.xml']);
  });

  it('takes the first Choice it understands, else the Fallback', async () => {
    const alternate = (requires: string) => (x: string): string => sub(sub(root(x, MC), '<p:clrMapOvr>',
      `<mc:AlternateContent><mc:Choice ${requires}><p:notAllowedHere/></mc:Choice><mc:Fallback><p:clrMapOvr>`),
    '</p:clrMapOvr>', '</p:clrMapOvr></mc:Fallback></mc:AlternateContent>');
    expect((await withSlide1(alternate(`Requires="p14" ${P14}`))).invalid).toEqual([]);
    // A Choice in a namespace the schemas define is taken, and its content here is invalid.
    const taken = await withSlide1(alternate('Requires="p"'));
    expect(taken.invalid.map((i) => i.part)).toEqual(['ppt/slides/slide1.xml']);
  });

  it('rejects mc:MustUnderstand of a namespace the schemas do not define', async () => {
    const r = await withSlide1((x) => root(x, `${MC} ${P14} mc:MustUnderstand="p14"`));
    expect(r.invalid[0]?.errors).toEqual(['mc:MustUnderstand names http://schemas.microsoft.com/office/powerpoint/2010/main, which these schemas do not define']);
  });
});
