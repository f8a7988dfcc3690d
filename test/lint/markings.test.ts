/**
 * Markings as built: a SECRET fixture and a TLP:AMBER fixture (fictional; test/fixtures/lint/)
 * with a portion mark on every claim, row and item. The banner is in every slide's layout, top
 * and bottom, centred for a classification and right-aligned in TLP 2.0 amber for TLP; every
 * marked item shows its mark, "(S)" or "(TLP:AMBER)", before its text on its slide; and a
 * portion above its banner fails `check` with the position and a hint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief, type BuildResult } from '../../src/build.ts';
import { main } from '../../src/cli/main.ts';
import { portionItems } from '../../src/lint/portions.ts';
import { loadBrief } from '../../src/load/loadBrief.ts';
import type { Brief } from '../../src/load/schema.ts';
import { captureOut, FIXTURES, formatAll, paragraphs, shapes, unzipParts } from '../support/helpers.ts';

const LINT = join(FIXTURES, 'lint');
const NBSP = '\u00A0';

function related(parts: Map<string, string>, part: string, type: string): string[] {
  const rels = parts.get(posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`)) ?? '';
  return [...rels.matchAll(/<Relationship\b[^>]*>/g)]
    .filter((m) => (/Type="([^"]*)"/.exec(m[0])?.[1] ?? '').endsWith(`/${type}`))
    .map((m) => posix.normalize(posix.join(posix.dirname(part), /Target="([^"]*)"/.exec(m[0])![1]!)));
}

/** The text a marked item's mark stands before on its slide, as the briefing template sets it. */
function firstText(brief: Brief, path: ReadonlyArray<string | number>): string {
  let v: unknown = brief;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  const o = v as Record<string, unknown>;
  if (path[0] === 'delegation') return String(o.side ?? o.name);
  if (path[0] === 'extra_slides') return String((o.cells as string[])[0]);
  if (path[0] === 'quotes') return o.kind === 'reported' ? String(o.text) : `“${String(o.text)}`;
  return String(o.text ?? o.statement ?? o.event);
}

const cases = [
  { name: 'secret-portions', banner: 'SECRET', align: 'ctr', color: 'FFFFFF', fill: 'C8102E' },
  { name: 'tlp-amber', banner: 'TLP:AMBER', align: 'r', color: 'FFC000', fill: '000000' },
];

describe.each(cases)('$name', ({ name, banner, align, color, fill }) => {
  const out = mkdtempSync(join(tmpdir(), 'briefdeck-markings-'));
  let result: BuildResult;
  let parts: Map<string, string>;
  let slides: string[];
  let brief: Brief;
  beforeAll(async () => {
    const file = join(LINT, `${name}.yaml`);
    result = await buildBrief(file, { outDir: out, strict: true });
    parts = unzipParts(result.pptx!);
    slides = [...parts.keys()].filter((p) => /^ppt\/slides\/slide\d+\.xml$/.test(p)).sort((a, b) => Number(/(\d+)\.xml$/.exec(a)![1]) - Number(/(\d+)\.xml$/.exec(b)![1]));
    brief = (await loadBrief(file)).value!.value;
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds lint-clean under --strict', () => {
    expect(result.ok, formatAll(result.diagnostics)).toBe(true);
    expect(result.diagnostics).toEqual([]);
  });

  it(`has the ${banner} banner at the top and bottom of every slide, ${align === 'r' ? 'right-aligned' : 'centred'}, #${color} on #${fill}`, () => {
    expect(slides.length).toBeGreaterThan(10);
    for (const s of slides) {
      const layouts = related(parts, s, 'slideLayout');
      expect(layouts, s).toHaveLength(1);
      const layout = parts.get(layouts[0]!)!;
      const banners = shapes(layout).filter((sh) => sh.paragraphs.join('') === banner);
      expect(banners, `${s}: ${layouts[0]}`).toHaveLength(2);
      const ys = banners.map((b) => b.off!.y).sort((a, b) => a - b);
      expect(ys[0]).toBe(0);
      expect(ys[1]).toBeGreaterThan(6_000_000);
      // Each banner text: its alignment and colour, on a band of the banner's fill.
      const texts = [...layout.matchAll(new RegExp(`<a:p><a:pPr[^>]*algn="(\\w+)"[^>]*>.*?<a:solidFill><a:srgbClr val="(\\w{6})"/>.*?<a:t>${banner.replace('+', '\\+')}</a:t>`, 'g'))];
      expect(texts.map((m) => [m[1], m[2]]), layouts[0]).toEqual([
        [align, color],
        [align, color],
      ]);
      expect(layout.match(new RegExp(`<a:srgbClr val="${fill}"/>`, 'g'))!.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('shows every portion mark before its text, on the slide that carries it', () => {
    const items = portionItems(brief);
    expect(items.length).toBeGreaterThan(15);
    expect(items.every((i) => i.portion !== undefined)).toBe(true);
    const paras = slides.flatMap((s) => paragraphs(parts.get(s)!));
    const wants = items.map((item) => `(${item.portion})${NBSP}${firstText(brief, item.path as Array<string | number>)}`);
    items.forEach((item, i) => {
      expect(paras.some((p) => p.startsWith(wants[i]!)), `${item.path.join('.')}: no paragraph starts with ${JSON.stringify(wants[i])}`).toBe(true);
    });
    // No mark is shown that the brief does not give (the bottom line's may show again as the closing recap).
    const marked = paras.filter((p) => /^\((U|C|S|TS|CUI|TLP:[A-Z+]+)\)\u00A0/.test(p));
    expect(marked.length).toBeGreaterThanOrEqual(items.length);
    expect(marked.filter((p) => !wants.some((w) => p.startsWith(w)))).toEqual([]);
  });
});

describe('a portion above its banner', () => {
  it('fails check with exit 1, the position and a hint', async () => {
    const file = join(LINT, 'portion-above-banner.yaml');
    const out = captureOut();
    const code = await main(['check', file], out);
    expect(code).toBe(1);
    const text = out.all();
    expect(text).toContain(`${file}:17:16: error[E_PORTION_ABOVE_BANNER]: bluf.points[1].portion: portion (S) is above the banner UNCLASSIFIED`);
    expect(text).toContain('hint: set meta.marking: SECRET');
  });
});
