/**
 * The generator's length limits (generate.ts LIMITS) must place: each limit, in the worst
 * company the generator can give it, in Latin words and in CJK, builds without E_TEXT_TOO_LONG.
 * (A single item too large for a slide at the 10 pt floor is an error by design, so a fuzz
 * brief over these limits would fail for a reason that is not a bug.)
 */
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildLoaded } from '../../src/build.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';
import { TEMPLATES } from './check.ts';
import { LIMITS, weight } from './generate.ts';

const LATIN = 'the delegation arrived in Vladivostok and officials said the summit would follow ';
const CJK = '中华人民共和国 日本語のテキスト 한국어 문장입니다 ';

/** Text of `script` weighing just under `w`. */
function fill(script: string, w: number): string {
  let s = '';
  while (weight(s) < w) s += script;
  while (weight(s) > w) s = s.slice(0, -1);
  return s.trim();
}

type Brief = Record<string, any>;
const base = (t: (w: number) => string): Brief => ({
  meta: { title: t(LIMITS.short), as_of: '2025-01-15', prepared_by: 'Desk' },
  bluf: { text: t(LIMITS.short), sources: ['a', 'b', 'c'] },
  sources: [
    { id: 'a', publisher: 'Wire', kind: 'wire' },
    { id: 'b', publisher: 'Wire', kind: 'wire' },
    { id: 'c', publisher: 'Wire', kind: 'wire' },
  ],
  closing: { questions: ['Next?'] },
});
const refs = ['a', 'b', 'c'];

const CASES: Array<[string, (b: Brief, t: (w: number) => string) => void]> = [
  ['bullet (bluf.points, under a lead)', (b, t) => (b.bluf.points = [{ text: t(LIMITS.bullet), sources: refs }])],
  ['bullet (context.history)', (b, t) => (b.context = { history: [{ text: t(LIMITS.bullet), sources: refs }] })],
  ['judgment (under a scope note)', (b, t) => (b.key_judgments = { scope_note: t(LIMITS.short), items: [{ statement: t(LIMITS.judgment), likelihood: 'roughly even chance', confidence: 'moderate', sources: refs }] })],
  ['cell and role (delegation table)', (b, t) => (b.delegation = { leader: t(LIMITS.short), members: [{ name: t(LIMITS.name), native_name: t(LIMITS.name), aliases: [t(LIMITS.name), t(LIMITS.name)], role: t(LIMITS.role), significance: t(LIMITS.cell), presence: 'confirmed', sources: refs }] })],
  ['column (a comparison row of two, under headings, over a callout)', (b, t) => (b.trade_offs = { parties: [{ name: t(LIMITS.name), may_seek: [{ text: t(LIMITS.column), sources: refs }] }, { name: t(LIMITS.name), may_seek: [{ text: t(LIMITS.column), sources: refs }] }], risks: [{ text: t(LIMITS.short), sources: refs }] })],
  ['column (outlook)', (b, t) => (b.outlook = { indicators: [{ text: t(LIMITS.column), sources: refs }], gaps: [{ text: t(LIMITS.column), sources: refs }] })],
  ['event (with when and place)', (b, t) => (b.timeline = { events: [{ when: t(LIMITS.name), event: t(LIMITS.event), place: t(LIMITS.short), certainty: 'expected', sources: refs }] })],
  ['quote (with speaker, role, organisation)', (b, t) => (b.quotes = { items: [{ text: t(LIMITS.quote), speaker: t(LIMITS.name), role: t(LIMITS.name), organisation: t(LIMITS.name), sources: refs }] })],
  ['source (title with publisher, note, date, Admiralty grade)', (b, t) => (b.sources[0] = { id: 'a', publisher: t(LIMITS.short), title: t(LIMITS.source), kind: 'wire', date: t(LIMITS.name), note: t(LIMITS.short), reliability: 'F', credibility: 6 })],
  ['closing (questions together, under the subtitle)', (b, t) => (b.closing = { questions: [t(LIMITS.closing / 3), t(LIMITS.closing / 3), t(LIMITS.closing / 3)] })],
];

describe('generator limits place', () => {
  for (const [name, edit] of CASES) {
    for (const [script, text] of [['Latin', LATIN], ['CJK', CJK]] as const) {
      it(`${name}, ${script}`, async () => {
        const b = base((w) => fill(text, w));
        edit(b, (w) => fill(text, w));
        const loaded = parseBrief(stringify(b, { lineWidth: 0 }), 'limits.yaml');
        expect(loaded.value, loaded.diagnostics.map(formatDiagnostic).join('\n')).toBeDefined();
        const r = await buildLoaded(loaded.value!, { templatesDir: TEMPLATES, projectRoot: process.cwd() });
        expect(r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
      });
    }
  }
});
