/**
 * Analytic honesty in the decks both templates make: unrated judgments carry a plain "Not
 * assessed" mark (no range, no meter), the source's hedge is in the notes, ranges come from the
 * brief's scale, the estimative-language appendix appears exactly when a judgment is rated,
 * claims read as their basis says, and sources show their Admiralty grade. The fixture
 * (test/fixtures/briefs/harbour-talks.yaml) is fictional.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildLoaded, PACKAGE_ROOT, type BuildResult } from '../../src/build.ts';
import type { SlideOf } from '../../src/compose/ir.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import type { PlacedSlide, TextElement } from '../../src/layout/placed.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';

const TEMPLATES = join(PACKAGE_ROOT, 'templates');
const FIXTURE = readFileSync(join(PACKAGE_ROOT, 'test/fixtures/briefs/harbour-talks.yaml'), 'utf8');
const TEMPLATE_NAMES = ['briefing', 'executive'] as const;

async function build(text: string, template: string): Promise<BuildResult> {
  const loaded = parseBrief(text, 'harbour-talks.yaml');
  expect(loaded.value, loaded.diagnostics.map(formatDiagnostic).join('\n')).toBeDefined();
  const r = await buildLoaded(loaded.value!, { templatesDir: TEMPLATES, projectRoot: PACKAGE_ROOT, checkOnly: true, template });
  expect(r.ok, r.diagnostics.map(formatDiagnostic).join('\n')).toBe(true);
  return r as BuildResult;
}

/** The fixture with `edit` applied to its parsed data. */
function variant(edit: (b: Record<string, any>) => void): string {
  const data = parse(FIXTURE) as Record<string, any>;
  edit(data);
  return stringify(data);
}

const texts = (s: PlacedSlide) => s.elements.filter((e): e is TextElement => e.kind === 'text').map((e) => e.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join('\n'));
const titleOf = (s: PlacedSlide) => s.title.paragraphs.map((p) => p.runs.map((r) => r.text).join('')).join(' ');
const slideText = (s: PlacedSlide) => texts(s).join('\n').replace(/\u00a0/g, ' ');
const judgmentsSlide = (r: BuildResult) => r.placed!.slides.find((s) => /judgments/i.test(titleOf(s)))!;

describe('a judgment the brief does not rate', () => {
  it('shows a plain "Not assessed" mark with no range and no meter, beside a rated one that has both', async () => {
    const r = await build(FIXTURE, 'briefing');
    const slide = judgmentsSlide(r);
    const t = texts(slide);
    expect(t.filter((x) => x === 'Not assessed')).toHaveLength(2);
    // The rated judgment: its PHIA term and range, and a meter (track and filled range).
    expect(t).toContain('Realistic possibility\n40–50% · low confidence');
    const meters = slide.elements.filter((e) => e.kind === 'shape' && Math.abs(e.frame.h - 0.07) < 1e-6);
    expect(meters).toHaveLength(2);
    // The unrated mark is an outline, not the accent badge: its text is not on a filled box.
    const accent = slide.elements.filter((e) => e.kind === 'shape' && e.fill !== undefined && e.frame.w > 3);
    expect(accent).toHaveLength(1);
    const dashed = slide.elements.filter((e) => e.kind === 'shape' && e.line?.dash === 'dash');
    expect(dashed).toHaveLength(2);
    // No range text anywhere for the unrated ones.
    expect(t.join('\n')).not.toMatch(/%.*\n?.*Ostrel|Ostrel.*%/);
  });

  it('reads "Not assessed" in the executive read-ahead too, and never a range beside it', async () => {
    const r = await build(FIXTURE, 'executive');
    const items = r.deck!.slides.flatMap((s) => (s.layout === 'bullets' ? s.items : []));
    expect(items.filter((i) => i.label === 'Not assessed:').map((i) => i.text)).toEqual([
      'Ostrel will drop its demand for a fee waiver.',
      "Shipping lines could shift cargo to Velmora if the accord fails (reported by Shipping lines' association).",
    ]);
    expect(items.find((i) => i.label?.startsWith('Realistic possibility'))?.label).toBe('Realistic possibility (40–50%), low confidence:');
  });

  it.each(TEMPLATE_NAMES)('%s: puts the source\'s own hedge word in the notes, with or without the brief\'s notes', async (template) => {
    for (const text of [FIXTURE, variant((b) => (b.key_judgments.notes = 'Our script for the judgments.'))]) {
      const r = await build(text, template);
      const notes = judgmentsSlide(r).notes;
      for (const word of ['may', 'unclear', 'could']) expect(notes).toContain(`“${word}”`);
    }
  });
});

describe('the estimative-language appendix', () => {
  const appendix = (r: BuildResult) => r.deck!.slides.filter((s) => s.title === 'Estimative language');

  it.each(TEMPLATE_NAMES)('%s: appears when a judgment is rated, with the brief\'s scale and the confidence levels', async (template) => {
    const r = await build(FIXTURE, template);
    const [slide, ...more] = appendix(r) as SlideOf<'comparison'>[];
    expect(more).toEqual([]);
    expect(slide!.columns[0]!.heading).toBe('Likelihood: PHIA yardstick');
    expect(slide!.columns[0]!.items.map((i) => `${i.label} ${i.text}`)).toEqual([
      'Remote chance: ≤5%',
      'Highly unlikely: 10–20%',
      'Unlikely: 25–35%',
      'Realistic possibility: 40–50%',
      'Likely or probable: 55–75%',
      'Highly likely: 80–90%',
      'Almost certain: ≥95%',
    ]);
    expect(slide!.columns[1]!.items.map((i) => i.label)).toEqual(['High:', 'Moderate:', 'Low:']);
    expect(r.placed!.slides.at(-1)!.notes).toContain('gaps between ranges are deliberate');
  });

  it('shows the ICD 203 ranges for an ICD 203 brief', async () => {
    const icd = variant((b) => {
      delete b.meta.likelihood_scale;
      b.key_judgments.items[0].likelihood = 'roughly even chance';
    });
    const r = await build(icd, 'briefing');
    const slide = appendix(r)[0] as SlideOf<'comparison'>;
    expect(slide.columns[0]!.items.map((i) => i.text)).toEqual(['1–5%', '5–20%', '20–45%', '45–55%', '55–80%', '80–95%', '95–99%']);
    expect(texts(judgmentsSlide(r))).toContain('Roughly even chance\n45–55% · low confidence');
  });

  it.each(TEMPLATE_NAMES)('%s: is left out when no judgment is rated, or there are no judgments', async (template) => {
    const unrated = variant((b) => {
      delete b.key_judgments.items[0].likelihood;
      delete b.key_judgments.items[0].confidence;
    });
    const none = variant((b) => delete b.key_judgments);
    for (const text of [unrated, none]) expect(appendix(await build(text, template))).toEqual([]);
    // A confidence alone is a rating the appendix explains.
    const confidenceOnly = variant((b) => delete b.key_judgments.items[0].likelihood);
    expect(appendix(await build(confidenceOnly, template))).toHaveLength(1);
  });
});

describe('claims read as their basis says', () => {
  it.each(TEMPLATE_NAMES)('%s: assessments as "We assess that", reporting with its attribution, facts plain', async (template) => {
    const r = await build(FIXTURE, template);
    const all = r.placed!.slides.map(slideText).join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('The two ports have shared a channel since 1990.');
    expect(all).not.toMatch(/We assess that the two ports/i);
    expect(all).toContain('Ostrel asked for a fee waiver last year (reported by Velmora Gazette).');
    expect(all).toContain('We assess that the two authorities will sign a draft accord on berth sharing.');
  });

  it('attributes reporting by the short name a publisher gives in parentheses, and lower-cases only a common first word', async () => {
    const all = (await build(FIXTURE, 'briefing')).placed!.slides.map(slideText).join('\n').replace(/\s+/g, ' ');
    expect(all).toContain('The harbour board expects a draft accord within the week (reported by VHB).');
    expect(all).toContain('We assess that the fee dispute is the main obstacle to an accord.');
    const named = variant((b) => (b.bluf.points[2].text = 'Ostrel holds the stronger hand.'));
    expect((await build(named, 'briefing')).placed!.slides.map(slideText).join('\n')).toContain('We assess that Ostrel holds the stronger hand.');
  });

  it('keeps a reporting claim that already names its teller as written, and does not repeat "we assess"', async () => {
    const text = variant((b) => {
      b.context.recent[2].text = 'We assess the waiver is a bargaining position.';
    });
    const r = await build(text, 'briefing');
    const all = r.placed!.slides.map(slideText).join('\n');
    expect(all).toContain('The harbour board said the draft is nearly complete.');
    expect(all).not.toContain('nearly complete (reported');
    expect(all).toContain('We assess the waiver is a bargaining position.');
    expect(all).not.toContain('We assess that We assess');
    expect(all).toContain("The dredging contract was renewed in March (reported by Shipping lines' association).");
  });
});

describe('the sources slide', () => {
  it.each(TEMPLATE_NAMES)('%s: shows the Admiralty grade beside the kind, and explains it in the notes', async (template) => {
    const r = await build(FIXTURE, template);
    const slide = r.placed!.slides.find((s) => titleOf(s) === 'Sources')!;
    const text = slideText(slide);
    expect(text).toContain('Velmora Gazette: Reports on the harbour talks · press · B2');
    expect(text).toContain('official · reliability A');
    expect(text).toContain('other · credibility 3');
    expect(slide.notes).toContain('Admiralty code');
  });

  it('shows no grade, and no grade note, for ungraded sources', async () => {
    const r = await build(variant((b) => b.sources.forEach((s: Record<string, unknown>) => { delete s.reliability; delete s.credibility; })), 'briefing');
    const slide = r.placed!.slides.find((s) => titleOf(s) === 'Sources')!;
    expect(slideText(slide)).toContain('Reports on the harbour talks · press\n');
    expect(slideText(slide)).not.toMatch(/reliability|credibility|B2/);
    expect(slide.notes).not.toContain('Admiralty');
  });
});

describe('a brief without an as-of date', () => {
  it('has no date on the title slide or in the footer', async () => {
    const r = await build(FIXTURE, 'briefing');
    expect(r.placed!.chrome.footerText).toBe('Harbour Access Talks in Velmora');
    expect(slideText(r.placed!.slides[0]!)).not.toMatch(/As of/);
  });
});

describe('the shipped brief', () => {
  const MONTH = '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?';
  const CALENDAR_DATE = new RegExp(`\\b\\d{1,2}(st|nd|rd|th)?\\s+${MONTH}\\b|\\b${MONTH}\\s+\\d{1,2}(st|nd|rd|th)?\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b|\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b|\\bAs of\\b`, 'i');

  it.each(TEMPLATE_NAMES)('%s: no slide, note or footer carries a calendar date (the article gives none)', async (template) => {
    const text = readFileSync(join(PACKAGE_ROOT, 'briefs/kim-putin-2023.yaml'), 'utf8');
    expect(parse(text).meta.as_of).toBeUndefined();
    const r = await build(text, template);
    const found = [r.placed!.chrome.footerText, ...r.placed!.slides.flatMap((s) => [titleOf(s), slideText(s), s.notes])].filter((t) => CALENDAR_DATE.test(t));
    expect(found).toEqual([]);
    // The check itself finds a date where there is one.
    for (const dated of ['As of 12 September 2023', 'on September 12', '2023-09-12']) expect(CALENDAR_DATE.test(dated), dated).toBe(true);
    for (const plain of ['first met in 2019', 'in July', 'Sunday afternoon', 'May seek']) expect(CALENDAR_DATE.test(plain), plain).toBe(false);
  });

  it('rates only the judgments whose article words support a likelihood, and keeps the hedge of each', async () => {
    const brief = parse(readFileSync(join(PACKAGE_ROOT, 'briefs/kim-putin-2023.yaml'), 'utf8'));
    const items = brief.key_judgments.items as Array<{ likelihood?: string; hedge?: string }>;
    expect(items.every((j) => j.hedge !== undefined)).toBe(true);
    expect(items.filter((j) => j.likelihood).map((j) => [j.hedge, j.likelihood])).toEqual([['expected', 'likely'], ['probably', 'likely']]);
    expect(items.filter((j) => !j.likelihood).map((j) => j.hedge)).toEqual(['could', 'unclear']);
  });
});
