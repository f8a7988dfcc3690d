/**
 * The analytic-honesty fields of the schema: optional as-of date, likelihood scales checked per
 * brief, optional ratings with the source's hedge, basis and portion marks on claims, Admiralty
 * grades on sources. The briefs here are fictional.
 */
import { describe, expect, it } from 'vitest';
import { parseBrief } from '../../src/load/loadBrief.ts';
import { bannerOf, PORTIONS, rankPortion } from '../../src/load/schema.ts';
import { hedgeWeakerThan, HEDGES, LIKELIHOOD_SCALES, likelihoodBounds, nearestTerm } from '../../src/estimative.ts';

/** Fictional brief; `meta` lines and `key_judgments` items are spliced in by each test. */
const brief = (metaLines: string, items: string, extra = '') => `meta:
  title: Harbour talks
  prepared_by: Desk
${metaLines}bluf:
  text: The talks opened.
  sources: [a]
key_judgments:
  items:
${items}${extra}sources:
  - id: a
    publisher: Gazette
    kind: press
`;
const item = (lines: string) => `    - statement: The talks will continue.\n${lines}      sources: [a]\n`;

describe('meta.as_of', () => {
  it('may be left out: the brief loads with no date', () => {
    const r = parseBrief(brief('', item('')), 'x.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.value.meta.as_of).toBeUndefined();
  });
  it('is still checked when given', () => {
    const r = parseBrief(brief('  as_of: "2023-02-30"\n', item('')), 'x.yaml');
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_SCHEMA', path: 'meta.as_of', line: 4 });
  });
});

describe('likelihood scales', () => {
  it('defaults to ICD 203', () => {
    expect(parseBrief(brief('', item('')), 'x.yaml').value?.value.meta.likelihood_scale).toBe('icd203');
  });

  it('refuses a PHIA term in an ICD 203 brief, at the term, naming the nearest ICD 203 term', () => {
    const r = parseBrief(brief('', item('      likelihood: realistic possibility\n      confidence: low\n')), 'x.yaml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_LIKELIHOOD_SCALE', severity: 'error', path: 'key_judgments.items[0].likelihood', line: 10, col: 19 });
    expect(r.diagnostics[0]!.hint).toContain('"roughly even chance" (45–55%)');
    expect(r.diagnostics[0]!.hint).toContain('meta.likelihood_scale: phia');
  });

  it('refuses an ICD 203 term in a PHIA brief, naming the nearest PHIA term', () => {
    const r = parseBrief(brief('  likelihood_scale: phia\n', item('      likelihood: very likely\n')), 'x.yaml');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_LIKELIHOOD_SCALE', line: 11, col: 19 });
    expect(r.diagnostics[0]!.hint).toContain('"highly likely" (80–90%)');
  });

  it('accepts each scale its own terms, including the terms both share', () => {
    for (const [scale, terms] of Object.entries(LIKELIHOOD_SCALES)) {
      for (const term of Object.keys(terms)) {
        const r = parseBrief(brief(`  likelihood_scale: ${scale}\n`, item(`      likelihood: ${term}\n`)), 'x.yaml');
        expect(r.diagnostics, `${scale} ${term}`).toEqual([]);
      }
    }
  });

  it('keeps the PHIA gaps: no term covers 50–55% or 75–80%', () => {
    const phia = Object.keys(LIKELIHOOD_SCALES.phia).map((t) => likelihoodBounds('phia', t)!);
    for (const p of [52, 77, 7, 22, 37, 92]) expect(phia.some(([lo, hi]) => p >= lo && p <= hi), `${p}%`).toBe(false);
    expect(likelihoodBounds('phia', 'remote chance')).toEqual([0, 5]);
    expect(likelihoodBounds('phia', 'almost certain')).toEqual([95, 100]);
    expect(nearestTerm('icd203', 'highly unlikely')).toBe('very unlikely');
  });

  it('tells a second-row ICD 203 term to use the first row', () => {
    const r = parseBrief(brief('', item('      likelihood: probable\n')), 'x.yaml');
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_SCHEMA', hint: 'did you mean "likely"?' });
  });
});

describe('ratings only where there is a basis', () => {
  it('loads a judgment with neither likelihood nor confidence, carrying the source hedge', () => {
    const r = parseBrief(brief('', item('      hedge: unclear\n')), 'x.yaml');
    expect(r.diagnostics).toEqual([]);
    const j = r.value!.value.key_judgments!.items[0]!;
    expect(j.likelihood).toBeUndefined();
    expect(j.confidence).toBeUndefined();
    expect(j.hedge).toBe('unclear');
  });

  it('accepts only hedge words it knows, suggesting the nearest', () => {
    const r = parseBrief(brief('', item('      hedge: coud\n')), 'x.yaml');
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_SCHEMA', path: 'key_judgments.items[0].hedge', hint: 'did you mean "could"?' });
  });

  it('tells when a hedge is weaker than the likelihood it is rated', () => {
    expect(hedgeWeakerThan('could', 'likely')).toBe(true);
    expect(hedgeWeakerThan('could', 'roughly even chance')).toBe(false);
    expect(hedgeWeakerThan('probably', 'likely')).toBe(false);
    expect(hedgeWeakerThan('probably', 'very likely')).toBe(true);
    expect(hedgeWeakerThan('probably', 'highly likely', 'phia')).toBe(true);
    expect(hedgeWeakerThan('may', 'realistic possibility', 'phia')).toBe(false);
    // "Unclear" carries no likelihood at all, not even the lowest.
    expect(hedgeWeakerThan('unclear', 'almost no chance')).toBe(true);
    expect(hedgeWeakerThan('unclear', 'remote chance', 'phia')).toBe(true);
    expect(Object.keys(HEDGES)).toEqual(expect.arrayContaining(['may', 'might', 'could', 'possibly', 'unclear', 'probably', 'likely', 'reportedly', 'suggests']));
  });
});

describe('claims: sources, basis and portion marks', () => {
  it('loads an unsourced claim (lint flags it) and keeps basis and portion', () => {
    const extra = 'context:\n  history:\n    - text: The port opened.\n      basis: fact\n      portion: U\n    - text: The port may close.\n      sources: []\n      basis: assessment\n';
    const r = parseBrief(brief('', item('      portion: U\n'), extra), 'x.yaml');
    expect(r.diagnostics).toEqual([]);
    const h = r.value!.value.context!.history;
    expect(h[0]).toEqual({ text: 'The port opened.', sources: [], basis: 'fact', portion: 'U' });
    expect(h[1]!.basis).toBe('assessment');
    expect(r.value!.value.key_judgments!.items[0]!.portion).toBe('U');
  });

  it('refuses an unknown basis or portion at the field', () => {
    const extra = 'context:\n  history:\n    - text: The port opened.\n      basis: rumour\n      portion: SECRET\n';
    const r = parseBrief(brief('', item(''), extra), 'x.yaml');
    expect(r.diagnostics.map((d) => `${d.line} ${d.path}`)).toEqual(['14 context.history[0].basis', '15 context.history[0].portion']);
  });

  it('takes portion marks on members, events, quotes, table rows, images and decision options', () => {
    const extra = `delegation:
  members:
    - name: A B
      role: Envoy
      significance: Leads.
      presence: confirmed
      portion: C
timeline:
  events:
    - when: Monday
      event: Talks.
      certainty: confirmed
      portion: C
quotes:
  items:
    - text: We talk.
      speaker: A B
      portion: C
extra_slides:
  - after: bluf
    layout: table
    title: Ports
    columns: [Port]
    rows:
      - cells: [North]
        portion: C
`;
    const r = parseBrief(brief('  marking: CONFIDENTIAL\n', item(''), extra), 'x.yaml');
    expect(r.diagnostics).toEqual([]);
    const b = r.value!.value;
    expect([b.delegation!.members[0]!.portion, b.timeline!.events[0]!.portion, b.quotes!.items[0]!.portion]).toEqual(['C', 'C', 'C']);
    const table = b.extra_slides[0]!;
    expect(table.layout === 'table' && table.rows[0]!.portion).toBe('C');
  });

  it('ranks a portion against the banner within its system, and not across systems', () => {
    expect(rankPortion('S', 'CONFIDENTIAL')).toBeGreaterThan(0);
    expect(rankPortion('C', 'SECRET')).toBeLessThan(0);
    expect(rankPortion('U', 'UNCLASSIFIED')).toBe(0);
    expect(rankPortion('CUI', 'UNCLASSIFIED')).toBeGreaterThan(0);
    expect(rankPortion('TLP:RED', 'TLP:AMBER')).toBeGreaterThan(0);
    expect(rankPortion('TLP:GREEN', 'TLP:AMBER+STRICT')).toBeLessThan(0);
    expect(rankPortion('TLP:GREEN', 'SECRET')).toBeUndefined();
    expect(rankPortion('U', 'OFFICIAL')).toBeUndefined();
    expect(PORTIONS.map(bannerOf)).toEqual(['UNCLASSIFIED', 'CUI', 'CONFIDENTIAL', 'SECRET', 'TOP SECRET', 'TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED']);
  });
});

describe('Admiralty grades on sources', () => {
  const graded = (lines: string) => `${brief('', item(''))}${lines}`;
  it('takes reliability A–F and credibility 1–6', () => {
    const r = parseBrief(graded('    reliability: B\n    credibility: 2\n'), 'x.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.value!.value.sources[0]).toMatchObject({ reliability: 'B', credibility: 2 });
  });
  it.each([
    ['    reliability: G\n', 'sources[0].reliability'],
    ['    credibility: 7\n', 'sources[0].credibility'],
    ['    credibility: 2.5\n', 'sources[0].credibility'],
  ])('refuses %j at the field', (lines, path) => {
    const r = parseBrief(graded(lines), 'x.yaml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_SCHEMA', path, line: 15 });
  });
});

describe("lint keeps a source's own hedge", () => {
  it('does not flag "probably" in reporting, in a quoted mention or as a hedge, but does in the brief\'s own prose', async () => {
    const { lintBrief } = await import('../../src/lint/index.ts');
    const extra = (basis: string, text: string) => `context:\n  history:\n    - text: ${text}\n${basis}      sources: [a]\n`;
    const codes = (yaml: string) => lintBrief(parseBrief(yaml, 'x.yaml').value!).map((d) => d.code);
    expect(codes(brief('', item('      hedge: probably\n'), extra('      basis: reporting\n', 'Experts say the port probably opens.')))).toEqual([]);
    expect(codes(brief('', item(''), extra('', 'The board\'s word was "probably".')))).toEqual([]);
    expect(codes(brief('', item(''), extra('', 'The port probably opens.')))).toEqual(['W_LIKELIHOOD_ROW']);
  });
});
