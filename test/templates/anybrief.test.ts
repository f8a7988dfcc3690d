/**
 * Any brief, not only the shipped one: the fictional briefs on other events
 * (test/fixtures/briefs/) and the shipped brief without its own titles build into decks that
 * read right for their event.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildLoaded, PACKAGE_ROOT, type BuildResult } from '../../src/build.ts';
import type { Slide, SlideOf } from '../../src/compose/ir.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';

const TEMPLATES = join(PACKAGE_ROOT, 'templates');
const FIXTURES = join(PACKAGE_ROOT, 'test/fixtures/briefs');

async function build(text: string, name: string, template?: string): Promise<Omit<BuildResult, 'brief' | 'ms' | 'stages'>> {
  const loaded = parseBrief(text, name);
  expect(loaded.value, loaded.diagnostics.map(formatDiagnostic).join('\n')).toBeDefined();
  const r = await buildLoaded(loaded.value!, { templatesDir: TEMPLATES, projectRoot: PACKAGE_ROOT, checkOnly: true, template });
  expect(r.ok, r.diagnostics.map(formatDiagnostic).join('\n')).toBe(true);
  return r;
}

const fixture = (name: string) => build(readFileSync(join(FIXTURES, `${name}.yaml`), 'utf8'), `${name}.yaml`);
const titles = (r: { placed?: BuildResult['placed'] }) => r.placed!.slides.map((s) => s.title.paragraphs.map((p) => p.runs.map((x) => x.text).join('')).join(' '));
const ofKind = <K extends Slide['layout']>(r: { deck?: BuildResult['deck'] }, k: K) => r.deck!.slides.filter((s): s is SlideOf<K> => s.layout === k);

describe('a host-nation visit with two visiting delegations and three parties', () => {
  it('renders one comparison slide with three columns, one per party', async () => {
    const r = await fixture('host-visit');
    const cmp = ofKind(r, 'comparison');
    expect(cmp).toHaveLength(1);
    expect(cmp[0]!.columns.map((c) => c.heading)).toEqual(['Arvenna', 'Ostrava', 'Kaltan']);
    expect(titles(r).filter((t) => t.startsWith('What each side may seek and offer'))).toEqual(['What each side may seek and offer']);
  });

  it('groups the delegation by side, names the host and both leaders, and takes the brief\'s timeline title', async () => {
    const r = await fixture('host-visit');
    const table = ofKind(r, 'table')[0]!;
    expect(table.columns[0]!.header).toBe('Side');
    expect(table.rows.map((row) => row[0]!.text)).toEqual(['Arvenna', 'Ostrava', 'Ostrava', 'Kaltan']);
    expect(ofKind(r, 'section')[0]!.subtitle).toBe('Hosted by Arvenna; led by Marek Halden and Lin Wei');
    expect(titles(r)).toContain('Sequence of events');
  });

  it('fits its six one-line timeline events on one slide, with their dates', async () => {
    const r = await fixture('host-visit');
    const events = ofKind(r, 'timeline')[0]!.events;
    expect(events).toHaveLength(6);
    expect(events.slice(0, 3).map((e) => e.date)).toEqual(['13 April 2031', '13 April 2031', '14 April 2031']);
    expect(titles(r).filter((t) => t.startsWith('Sequence of events'))).toEqual(['Sequence of events']);
  });
});

describe('a decision brief with three options', () => {
  it('renders the options, the recommendation, and a last content slide titled "Decision requested"', async () => {
    const r = await fixture('decision');
    const options = ofKind(r, 'comparison')[0]!;
    expect(options.title).toBe('Options');
    expect(options.lead).toMatch(/^The closure has stranded cargo/);
    expect(options.columns.map((c) => c.heading)).toEqual(['Wait and watch', 'Inspection offer (recommended)', 'Rerouting']);
    const rec = r.deck!.slides.find((s) => s.title === 'Recommendation') as SlideOf<'bullets'>;
    expect(rec.lead).toBe('We recommend Inspection offer: Offer joint inspections in return for reopening.');
    const all = titles(r);
    expect(all[all.length - 2]).toBe('Decision requested');
    expect((r.deck!.slides.find((s) => s.layout === 'closing') as SlideOf<'closing'>).subtitle).toBe('Approve the inspection offer and the two-week deployment of inspectors.');
  });

  it('keeps the request in the executive read-ahead', async () => {
    const r = await build(readFileSync(join(FIXTURES, 'decision.yaml'), 'utf8'), 'decision.yaml', 'executive');
    const items = ofKind(r, 'bullets').flatMap((s) => s.items);
    expect(items.find((i) => i.label === 'Decision requested:')?.text).toBe('Approve the inspection offer and the two-week deployment of inspectors.');
  });
});

describe('a brief with two extra slides and no timeline or quotes', () => {
  it('places both extra slides after the section they name, and titles the sources slide "Sources"', async () => {
    const r = await fixture('extra-slides');
    const all = titles(r);
    const at = all.indexOf('Background');
    expect(all.slice(at, at + 3)).toEqual(['Background', 'Terminals and their status', 'What insurers are saying']);
    expect(all).toContain('Sources');
    expect(all).not.toContain('Sources and credits');
    expect(all.some((t) => /timeline|said/i.test(t))).toBe(false);
  });
});

describe('wording comes from the brief', () => {
  const shipped = readFileSync(join(PACKAGE_ROOT, 'briefs/kim-putin-2023.yaml'), 'utf8');
  const withoutTitles = () => {
    const b = parse(shipped) as Record<string, Record<string, unknown>>;
    for (const section of Object.values(b)) {
      if (section && typeof section === 'object' && !Array.isArray(section)) {
        for (const k of ['title', 'section_title', 'subtitle', 'recent_title', 'risks_title']) if (section !== b.meta) delete section[k];
      }
    }
    return stringify(b);
  };

  it('with the shipped brief\'s titles removed, no slide title or subtitle speaks of a trip or travelling', async () => {
    const r = await build(withoutTitles(), 'no-titles.yaml');
    const subtitles = r.deck!.slides.flatMap((s) => ('subtitle' in s && s.subtitle ? [s.subtitle] : []));
    // The deck's own title (meta.title) is the user's words; every other title is the template's.
    const words = [...titles(r).slice(1), ...subtitles.filter((s) => s !== r.deck!.meta.subject)];
    expect(words.filter((t) => /\btrip\b|travell?ing/i.test(t))).toEqual([]);
  });

  it('every outline item matches a slide title in the deck, in the shipped brief and every fixture', async () => {
    const decks = [await build(shipped, 'kim.yaml'), await fixture('host-visit'), await fixture('decision'), await fixture('extra-slides'), await build(withoutTitles(), 'no-titles.yaml')];
    for (const r of decks) {
      const outline = ofKind(r, 'agenda')[0]!;
      expect(outline.items.length).toBeGreaterThan(0);
      const all = new Set(titles(r));
      for (const it of outline.items) expect(all.has(it.text), `outline item "${it.text}"`).toBe(true);
    }
  });
});
