/**
 * The executive read-ahead template and the dark theme, built end to end from the shipped brief:
 * three or four slides, and the estimative-language appendix after them when judgments are rated,
 * with the expected titles and no warnings; chosen by option or by the
 * brief's own `template:` and `theme:` fields; and both templates build in the dark theme.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBrief, type BuildResult } from '../../src/build.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';

const REPO = resolve(import.meta.dirname, '../..');
const BRIEF = join(REPO, 'briefs/kim-putin-2023.yaml');
const TEMPLATES = join(REPO, 'templates');
const tmp = mkdtempSync(join(tmpdir(), 'briefdeck-exec-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const titles = (r: BuildResult) => r.placed!.slides.map((s) => s.title.paragraphs.map((p) => p.runs.map((x) => x.text).join('')).join(' '));
const shown = (r: BuildResult) => r.diagnostics.map(formatDiagnostic).join('\n');

const EXPECTED = ["Kim Jong Un's Train Trip to Russia", 'Bottom line and key judgments', 'At a glance', 'Sources and credits', 'Estimative language'];

describe('executive template', () => {
  it('builds the shipped brief into a 3-4 slide read-ahead, plus the scale appendix, with no warnings', async () => {
    const outDir = join(tmp, 'civic');
    const r = await buildBrief(BRIEF, { template: 'executive', outDir, templatesDir: TEMPLATES });
    expect(shown(r)).toBe('');
    expect(r.ok).toBe(true);
    expect(r.slides! - 1).toBeGreaterThanOrEqual(3);
    expect(r.slides! - 1).toBeLessThanOrEqual(4);
    expect(titles(r)).toEqual(EXPECTED);
    expect(r.deck!.slides.map((s) => s.layout)).toEqual(['title', 'bullets', 'placemat', 'sources', 'comparison']);
    expect(existsSync(r.out!)).toBe(true);
    expect(readFileSync(r.out!).subarray(0, 2).toString()).toBe('PK');
  });

  it('puts the bottom line and every key judgment, with its likelihood, on one slide', async () => {
    const r = await buildBrief(BRIEF, { template: 'executive', checkOnly: true, templatesDir: TEMPLATES });
    const s = r.deck!.slides[1]!;
    if (s.layout !== 'bullets') throw new Error(`expected a bullets slide, got ${s.layout}`);
    expect(s.lead).toMatch(/^Kim Jong Un arrived in Russia on Tuesday .* war in Ukraine\.$/);
    expect(s.leadRef).toBe('[1, 7, 8]');
    expect(s.items.map((i) => i.label)).toEqual([
      'Likely (55–80%), low confidence:',
      'Likely (55–80%), low confidence:',
      'Not assessed:',
      'Not assessed:',
    ]);
  });

  it('places the delegation, the trade-offs and the context on one placemat', async () => {
    const r = await buildBrief(BRIEF, { template: 'executive', checkOnly: true, templatesDir: TEMPLATES });
    const s = r.deck!.slides[2]!;
    if (s.layout !== 'placemat') throw new Error(`expected a placemat slide, got ${s.layout}`);
    expect(s.panels.map((p) => p.heading)).toEqual(['Who is travelling', 'What each side may seek and offer', 'How relations got here']);
    expect(s.panels[0]!.items[0]).toMatchObject({ label: 'Choe Sun Hui (최선희; also Choe Son Hui)', text: '— Foreign minister · presence likely', ref: '[1]' });
    expect(s.panels[0]!.items).toHaveLength(6);
    // Every party's asks and offers, each group under its own subheading.
    const subheads = s.panels[1]!.items.filter((i) => i.subhead).map((i) => i.text);
    expect(subheads).toEqual(['Moscow may seek', 'Pyongyang may seek', 'Pyongyang may offer']);
    expect(s.panels[1]!.items.filter((i) => !i.subhead)).toHaveLength(7);
    expect(s.panels[2]!.items).toHaveLength(4);
    // One slide, set no smaller than the table floor.
    const placed = r.placed!.slides.filter((p) => p.title.paragraphs[0]!.runs[0]!.text.startsWith('At a glance'));
    expect(placed).toHaveLength(1);
    const sizes = placed[0]!.elements.flatMap((e) => (e.kind === 'text' ? [e.size] : []));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
  });

  it('is chosen by the brief itself, with the theme', async () => {
    const brief = join(tmp, 'chosen.yaml');
    writeFileSync(brief, `template: executive\ntheme: dark\n${readFileSync(BRIEF, 'utf8')}`);
    const r = await buildBrief(brief, { checkOnly: true, templatesDir: TEMPLATES });
    expect(shown(r)).toBe('');
    expect(titles(r)).toEqual(EXPECTED);
    expect(r.placed!.chrome.background).toBe('121C27');
  });
});

describe('dark theme', () => {
  it.each(['executive', 'briefing'])('builds the %s template with no warnings', async (template) => {
    const outDir = join(tmp, `dark-${template}`);
    const r = await buildBrief(BRIEF, { template, theme: 'dark', outDir, templatesDir: TEMPLATES });
    expect(shown(r)).toBe('');
    expect(r.ok).toBe(true);
    expect(existsSync(r.out!)).toBe(true);
    const c = r.placed!.chrome;
    expect([c.background, c.titleBackground]).toEqual(['121C27', '0A121B']);
    // Tables sit on the dark background, never on white.
    for (const s of r.placed!.slides)
      for (const e of s.elements) if (e.kind === 'table') expect([e.bodyFill, e.stripeFill, e.color]).toEqual(['121C27', '1A2634', 'E6EDF3']);
  });

  it('lays the briefing out on as many slides as civic does', async () => {
    const dark = await buildBrief(BRIEF, { theme: 'dark', checkOnly: true, templatesDir: TEMPLATES });
    const civic = await buildBrief(BRIEF, { theme: 'civic', checkOnly: true, templatesDir: TEMPLATES });
    expect(dark.slides).toBe(civic.slides);
  });
});
