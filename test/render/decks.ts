/**
 * The decks the render check and the benchmark run on: the shipped brief, the stress fixtures
 * in test/fixtures/stress/, the fictional briefs on other events in test/fixtures/briefs/ and the
 * fictional marking fixtures in test/fixtures/lint/, each with the warnings its build is expected to give.
 * Decks are written to a temporary folder, never to out/.
 */
import { cp } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBrief, type BuildOptions, type BuildResult } from '../../src/build.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const STRESS = join(ROOT, 'test/fixtures/stress');

/** A warning the build must give: code, brief field, and the field's position in the brief. */
export interface ExpectedDiagnostic {
  code: string;
  path: string;
  line: number;
  col: number;
}

export interface DeckSpec {
  /** Short name for test titles and tables. */
  name: string;
  /** The brief, absolute. */
  file: string;
  /** What the deck stresses. */
  about: string;
  /** A template from test/fixtures/stress/templates instead of the brief's own. */
  fixtureTemplate?: string;
  /** Exactly the diagnostics the build gives (all warnings; every deck builds). */
  expect: ExpectedDiagnostic[];
}

const stress = (name: string) => join(STRESS, `${name}.yaml`);
/** The fictional briefs on other events (test/fixtures/briefs/). */
const brief = (name: string) => join(ROOT, 'test/fixtures/briefs', `${name}.yaml`);
/** The fictional marking fixtures (test/fixtures/lint/): banners and portion marks. */
const marked = (name: string) => join(ROOT, 'test/fixtures/lint', `${name}.yaml`);

export const DECKS: DeckSpec[] = [
  { name: 'kim-putin-2023', file: join(ROOT, 'briefs/kim-putin-2023.yaml'), about: 'the shipped brief', expect: [] },
  { name: 'delegation-40', file: stress('delegation-40'), about: '40 delegation members', expect: [] },
  {
    name: 'bullets-25',
    file: stress('bullets-25'),
    about: '25 bullets in one section',
    expect: [{ code: 'W_TOO_MANY_ITEMS', path: 'context.history', line: 16, col: 5 }],
  },
  {
    name: 'long-bullet',
    file: stress('long-bullet'),
    about: 'a 600-character bullet',
    expect: [
      { code: 'W_TEXT_TOO_LONG', path: 'trade_offs.parties[0].may_seek[0].text', line: 22, col: 17 },
      { code: 'W_BODY_TEXT_SMALL', path: 'trade_offs.parties[0].may_seek[0].text', line: 22, col: 17 },
    ],
  },
  { name: 'timeline-30', file: stress('timeline-30'), about: 'a 30-event timeline', expect: [] },
  { name: 'long-names', file: stress('long-names'), about: 'long Korean and Russian names, Hangul and Cyrillic', expect: [] },
  {
    name: 'caps-title',
    file: stress('caps-title'),
    about: 'a 150-character all-caps title (cover, footer)',
    expect: [
      { code: 'W_TOO_MANY_ITEMS', path: 'context.history', line: 24, col: 5 },
      { code: 'W_TITLE_TOO_LONG', path: 'meta.title', line: 7, col: 10 },
      { code: 'W_BODY_TEXT_SMALL', path: 'meta.subtitle', line: 8, col: 13 },
    ],
  },
  {
    name: 'caps-title/content',
    file: stress('caps-title'),
    about: 'the same title as a content slide title, continued',
    fixtureTemplate: 'caps-titles',
    expect: [
      { code: 'W_TOO_MANY_ITEMS', path: 'context.history', line: 24, col: 5 },
      { code: 'W_TITLE_TOO_LONG', path: 'meta.title', line: 7, col: 10 },
    ],
  },
  { name: 'long-word', file: stress('long-word'), about: 'a 90-character word in a table cell and in bullets', expect: [] },
  { name: 'host-visit', file: brief('host-visit'), about: 'a host and two visiting delegations, three parties, TLP:GREEN, Han and Cyrillic names', expect: [] },
  { name: 'decision', file: brief('decision'), about: 'a decision brief with three options', expect: [] },
  { name: 'extra-slides', file: brief('extra-slides'), about: 'two extra slides, no timeline or quotes', expect: [] },
  { name: 'secret-portions', file: marked('secret-portions'), about: 'a SECRET banner, (S), (C) and (U) portion marks on every kind of slide', expect: [] },
  { name: 'tlp-amber', file: marked('tlp-amber'), about: 'a TLP:AMBER label, TLP portion marks on every kind of slide', expect: [] },
  { name: 'visuals', file: brief('visuals'), about: 'a bar, a line and a pie chart as native charts', expect: [] },
  { name: 'map-cluster', file: brief('map-cluster'), about: 'a map of eight close places, labels clear of each other', expect: [] },
];

const fixtureTemplates = new Map<string, Promise<string>>();

/** A templates folder inside `outDir` holding the shipped templates plus the fixture templates (made once per folder). */
export function templatesWithFixtures(outDir: string): Promise<string> {
  let made = fixtureTemplates.get(outDir);
  if (!made) {
    made = (async () => {
      const dir = join(outDir, 'templates');
      await cp(join(ROOT, 'templates'), dir, { recursive: true });
      await cp(join(STRESS, 'templates'), dir, { recursive: true });
      return dir;
    })();
    fixtureTemplates.set(outDir, made);
  }
  return made;
}

/** Builds one deck into `outDir` (a temporary folder, which the caller removes). */
export async function buildDeck(spec: DeckSpec, outDir: string): Promise<BuildResult> {
  const opts: BuildOptions = { outDir, projectRoot: ROOT, templatesDir: join(ROOT, 'templates') };
  if (spec.fixtureTemplate) {
    opts.templatesDir = await templatesWithFixtures(outDir);
    opts.template = spec.fixtureTemplate;
    // Two decks from one brief: keep their files apart.
    opts.outDir = join(outDir, spec.fixtureTemplate);
  }
  return buildBrief(spec.file, opts);
}
