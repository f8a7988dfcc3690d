import { describe, expect, it } from 'vitest';
import { parseBrief } from '../../src/load/loadBrief.ts';
import { lintBrief } from '../../src/lint/index.ts';
import { setMemoProfile } from '../../src/memoBudget.ts';

function brief(extra: string, type = 'information'): string {
  return `meta:
  title: T
  as_of: "2023-09-12"
  prepared_by: Desk
  type: ${type}
bluf:
  text: The bottom line.
  sources: [a]
${extra}
sources:
  - id: a
    publisher: A
    kind: wire
`;
}

function lint(yaml: string) {
  const r = parseBrief(yaml, 'x.yaml');
  expect(r.value, JSON.stringify(r.diagnostics)).toBeDefined();
  return lintBrief(r.value!);
}

describe('lintBrief', () => {
  it('finds nothing in a plain brief', () => {
    expect(lint(brief(''))).toEqual([]);
  });

  it('flags second-row estimative terms at the field', () => {
    const d = lint(brief(`context:
  history:
    - text: A deal is highly probable.
      sources: [a]`));
    expect(d.map((x) => x.code)).toEqual(['W_LIKELIHOOD_ROW']);
    expect(d[0]).toMatchObject({ file: 'x.yaml', line: 11, path: 'context.history[0].text' });
  });

  it('flags confidence and likelihood in one sentence, not in two', () => {
    const one = lint(brief(`context:
  recent:
    - text: We assess with moderate confidence that a meeting is likely.
      sources: [a]`));
    expect(one.map((x) => x.code)).toEqual(['W_CONFIDENCE_WITH_LIKELIHOOD']);
    const two = lint(brief(`context:
  recent:
    - text: A meeting is likely. We hold this with moderate confidence.
      sources: [a]`));
    expect(two).toEqual([]);
  });

  it('flags recommendations only in information briefings, and not in quotes', () => {
    const extra = `outlook:
  indicators:
    - text: Washington should press for talks.
      sources: [a]
quotes:
  items:
    - text: Pyongyang should abide by its commitments.
      speaker: S
      sources: [a]`;
    expect(lint(brief(extra)).map((x) => [x.code, x.path])).toEqual([['W_RECOMMENDATION', 'outlook.indicators[0].text']]);
    const decision = `decision:
  problem: { text: Talks have stalled., sources: [a] }
  options:
    - { name: Wait, summary: Do nothing yet. }
    - { name: Press, summary: Press for talks. }
  recommendation: { option: Press, rationale: [{ text: It may restart talks., sources: [a] }] }
  request: Approve pressing for talks.`;
    expect(lint(brief(`${extra}\n${decision}`, 'decision'))).toEqual([]);
  });

  it('flags lists longer than six items', () => {
    const items = Array.from({ length: 7 }, (_, i) => `    - text: Item ${i}.\n      sources: [a]`).join('\n');
    const d = lint(brief(`context:\n  history:\n${items}`));
    expect(d.map((x) => [x.code, x.path])).toEqual([['W_TOO_MANY_ITEMS', 'context.history']]);
  });

  it('flags dated timeline events out of order, comparing dates on the precision both give', () => {
    const ev = (date: string) => `    - when: W\n      date: "${date}"\n      event: E.\n      certainty: confirmed\n      sources: [a]`;
    const timeline = (...dates: string[]) => `timeline:\n  events:\n${dates.map(ev).join('\n')}`;
    expect(lint(brief(timeline('2023-09-10', '2023-09-12', '2023')))).toEqual([]);
    const d = lint(brief(timeline('2023-09-12', '2023-09', '2023-08-30')));
    expect(d.map((x) => [x.code, x.path])).toEqual([['W_TIMELINE_ORDER', 'timeline.events[2].date']]);
    expect(d[0]!.line).toBeGreaterThan(0);
  });
});

describe('likelihood terms in prose', () => {
  const withScale = (scale: string, text: string) =>
    brief(`context:\n  history:\n    - text: ${text}\n      sources: [a]`).replace('  type: information\n', `  type: information\n  likelihood_scale: ${scale}\n`);
  const codes = (yaml: string) => lint(yaml).map((d) => [d.code, d.message]);

  it('reads each term whole, longest first: "very likely" is ICD 203\'s, not the "likely" PHIA shares', () => {
    expect(codes(withScale('phia', 'A deal is very likely.'))).toEqual([['W_LIKELIHOOD_SCALE', '"very likely" is not a term of the phia scale this brief uses']]);
    expect(codes(withScale('icd203', 'A deal is very likely.'))).toEqual([]);
    expect(codes(withScale('icd203', 'A deal is a realistic possibility.'))).toEqual([['W_LIKELIHOOD_SCALE', '"realistic possibility" is not a term of the icd203 scale this brief uses']]);
  });

  it('leaves terms both scales share alone, and "almost certain" is not read as anything shorter', () => {
    expect(codes(withScale('phia', 'A deal is likely; a signing is almost certain.'))).toEqual([]);
    expect(codes(withScale('icd203', 'A deal is unlikely; a signing is almost certain.'))).toEqual([]);
  });

  it('checks the second ICD 203 row only in an ICD 203 brief, and reports a PHIA term once', () => {
    expect(codes(withScale('phia', 'A deal is probable.'))).toEqual([]);
    expect(codes(withScale('icd203', 'There is a remote chance of a deal.'))).toEqual([['W_LIKELIHOOD_SCALE', '"remote chance" is not a term of the icd203 scale this brief uses']]);
    expect(codes(withScale('icd203', 'A deal is remote.')).map((c) => c[0])).toEqual(['W_LIKELIHOOD_ROW']);
  });

  it('reads a text kept from an earlier build as it reads it fresh (the terms memo)', () => {
    const texts = ['A deal is highly probable; a signing is remote.', 'There is a remote chance of a deal, which is likely.'];
    const all = () => texts.flatMap((t) => ['icd203', 'phia'].map((scale) => codes(withScale(scale, t))));
    const was = setMemoProfile('batch');
    let fresh;
    try {
      fresh = all();
    } finally {
      setMemoProfile(was);
    }
    expect(fresh.flat().length).toBeGreaterThan(0);
    expect(all()).toEqual(fresh);
    expect(all()).toEqual(fresh);
  });
});
