/**
 * Whole-process figures for the issue's budgets, each a median with its spread (min-max) over
 * `--runs` runs, measured through bin/briefdeck.js as a user runs it (the compiled dist/ when
 * current), one process after another:
 *
 *  cold     `briefdeck build` of the shipped brief, and pandoc on the same content as Markdown
 *           (bench/kim-putin-2023.md) in the same run, when pandoc is installed: time, CPU, peak
 *           RSS, and the ratio. Budget: 2.5x pandoc's time, 150 MB.
 *  version  `briefdeck --version` against bare `node -e 0`. Budget: 2x.
 *  warm     10 + 4·runs builds of the shipped brief in one process through the compiled bundle
 *           (bench/warm.mjs): the first, builds 2 to 1+runs, builds 11 on; then both windows again
 *           with a one-line edit of the brief before each build, as in watch. Budget: 30 ms.
 *  batch    500 generated briefs of realistic size (the shipped brief and three fixture briefs,
 *           each copy with every prose field marked with its number, so no two decks share a
 *           slide) in one `briefdeck build`: decks per second and peak RSS. Budget: 20 s, 400 MB.
 *  scale    decks of 10, 100 and 1000 slides, each built after a small warm-up deck in one
 *           process: build time, per slide, and peak RSS. Budget: the 1000-slide deck's time per
 *           slide within 1.5x the 100-slide deck's.
 *
 * CPU time and peak RSS come from GNU time (/usr/bin/time) when it is installed; without it only
 * wall time is printed. `node --import tsx bench/cli.ts [cold|version|warm|batch|scale] [--runs N] [--briefs N]`.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { median } from './budget.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/briefdeck.js');
const SHIPPED = join(ROOT, 'briefs/kim-putin-2023.yaml');
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const argv = process.argv.slice(2);
const flag = (name: string, dflt: number) => {
  const i = argv.indexOf(name);
  return i >= 0 ? Number(argv[i + 1]) : dflt;
};
const RUNS = flag('--runs', 5);
const BRIEFS = flag('--briefs', 500);
const PARTS = ['cold', 'version', 'warm', 'batch', 'scale'] as const;
const asked = argv.filter((a, i) => !a.startsWith('--') && !['--runs', '--briefs'].includes(argv[i - 1] ?? ''));
const parts = asked.length ? asked : [...PARTS];

interface Sample { wall: number; cpu?: number; rss?: number; stdout: string }

/** Runs a process to its end; wall time in ms, CPU in ms and peak RSS in bytes when GNU time is there. */
function measure(cmd: string, args: string[], cwd: string = ROOT): Sample {
  const stats = join(tmpdir(), `briefdeck-bench-time-${process.pid}`);
  const [file, list] = GNU_TIME ? [GNU_TIME, ['-f', '%U %S %M', '-o', stats, cmd, ...args]] : [cmd, args];
  const t0 = performance.now();
  const r = spawnSync(file, list, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  const wall = performance.now() - t0;
  if (r.status !== 0 && !(cmd === process.execPath && args.includes('build'))) throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}: ${r.stderr}`);
  if (!GNU_TIME) return { wall, stdout: r.stdout };
  const [user, sys, kb] = readFileSync(stats, 'utf8').trim().split(/\s+/).slice(-3).map(Number);
  rmSync(stats, { force: true });
  return { wall, cpu: (user! + sys!) * 1000, rss: kb! * 1024, stdout: r.stdout };
}

const f = (ms: number) => (ms < 10 ? `${ms.toFixed(1)} ms` : ms < 10_000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(1)} s`);
const mb = (b: number | undefined) => (b === undefined ? '-' : `${(b / 1024 / 1024).toFixed(0)} MB`);
const spread = (xs: number[]) => `${f(median(xs))} (${f(Math.min(...xs))}-${f(Math.max(...xs))})`;

/** A summary of samples: wall median (spread), CPU median, peak RSS median. */
function summary(label: string, samples: Sample[]): { wall: number; rss?: number } {
  const cpu = samples.every((s) => s.cpu !== undefined) ? `  CPU ${f(median(samples.map((s) => s.cpu!)))}` : '';
  const rss = samples.every((s) => s.rss !== undefined) ? median(samples.map((s) => s.rss!)) : undefined;
  console.log(`  ${label.padEnd(40)} ${spread(samples.map((s) => s.wall)).padStart(24)}${cpu}  peak RSS ${mb(rss)}`);
  return { wall: median(samples.map((s) => s.wall)), rss };
}

/** `label  value  budget ...  ok|OVER BUDGET`. */
function verdict(label: string, value: string, ok: boolean, budget: string): void {
  console.log(`  ${label.padEnd(40)} ${value.padStart(24)}  budget ${budget}  ${ok ? 'ok' : 'OVER BUDGET'}`);
}

const tmp = mkdtempSync(join(tmpdir(), 'briefdeck-bench-cli-'));
try {
  if (parts.includes('cold')) {
    console.log(`Cold single deck: the shipped brief, whole process, ${RUNS} runs (median (min-max))`);
    const pandoc = spawnSync('pandoc', ['--version']).status === 0;
    const ours: Sample[] = [], theirs: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(measure(process.execPath, [BIN, 'build', SHIPPED, '--out', join(tmp, 'cold')]));
      if (pandoc) theirs.push(measure('pandoc', [join(ROOT, 'bench/kim-putin-2023.md'), '-o', join(tmp, 'pandoc.pptx')]));
    }
    const a = summary('briefdeck build', ours);
    if (pandoc) {
      const b = summary('pandoc, same content as Markdown', theirs);
      verdict('time / pandoc\'s', `${(a.wall / b.wall).toFixed(2)}x`, a.wall <= 2.5 * b.wall, '2.5x');
    } else console.log('  pandoc is not installed (apt-get install pandoc): no comparison');
    if (a.rss !== undefined) verdict('peak RSS', mb(a.rss), a.rss <= 150 * 1024 * 1024, '150 MB');
  }

  if (parts.includes('version')) {
    console.log(`\n--version, whole process, ${RUNS} runs`);
    const ours: Sample[] = [], bare: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(measure(process.execPath, [BIN, '--version']));
      bare.push(measure(process.execPath, ['-e', '0']));
    }
    const a = summary('briefdeck --version', ours);
    const b = summary('node -e 0', bare);
    verdict('time / node -e 0', `${(a.wall / b.wall).toFixed(2)}x`, a.wall <= 2 * b.wall, '2x');
  }

  if (parts.includes('warm')) {
    // In one process, through the compiled bundle (bench/warm.mjs): what a watch session runs.
    const builds = 10 + 4 * RUNS;
    console.log(`\nWarm build per deck: the shipped brief, ${builds} builds in one process through the compiled bundle (bench/warm.mjs)`);
    if (!existsSync(join(ROOT, 'dist/BUILT'))) console.log('  no dist/ (run npm run compile): skipped');
    else {
      type Runs = Array<{ ms: number; stages: Record<string, number> }>;
      const warm = (...mode: string[]): Runs => {
        const r = spawnSync(process.execPath, [join(ROOT, 'bench/warm.mjs'), SHIPPED, String(builds), join(tmp, `warm${mode.join('')}`), ...mode], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        if (r.status !== 0) throw new Error(`bench/warm.mjs exited with ${r.status}: ${r.stderr}`);
        return JSON.parse(r.stdout) as Runs;
      };
      const byStage = (xs: Runs) => Object.keys(xs[0]!.stages).map((k) => `${k} ${f(median(xs.map((x) => x.stages[k] ?? 0)))}`).join(', ');
      const show = (label: string, window: Runs) => {
        const at = median(window.map((x) => x.ms));
        console.log(`  ${`${label}, median (min-max)`.padEnd(40)} ${spread(window.map((x) => x.ms)).padStart(24)}  ${byStage(window)}`);
        verdict(`warm, ${label}`, f(at), at <= 30, '30 ms');
      };
      const runs = warm();
      console.log(`  ${'first build (cold)'.padEnd(40)} ${f(runs[0]!.ms).padStart(24)}`);
      // Just after the first build (the decks tables' protocol), and well into a session.
      for (const [from, to] of [[2, 1 + RUNS], [11, builds]] as const) show(`builds ${from}-${to}`, runs.slice(from - 1, to));
      // The same session when each build follows an edit of one line of the brief, as in watch:
      // the memos keep only what the edit did not touch (the brief itself is parsed again).
      const edited = warm('edit');
      for (const [from, to] of [[2, 1 + RUNS], [11, builds]] as const) show(`edited, builds ${from}-${to}`, edited.slice(from - 1, to));
    }
  }

  /**
   * Keys whose string values are prose shown on a slide (not names, roles or titles that other
   * fields refer to, bar the deck's own title), and keys of lists of such strings.
   */
  const PROSE = new Set(['text', 'subtitle', 'summary', 'event', 'significance', 'statement', 'note', 'notes']);
  const LISTS = new Set(['points', 'questions', 'pros', 'cons', 'indicators', 'gaps', 'history', 'outlook', 'may_seek', 'may_offer', 'items', 'watch']);
  /** The brief with `suffix` added to each of its prose strings (ids, sources and codes untouched). */
  function varied(yaml: string, suffix: string): string {
    const walk = (v: unknown, key: string, parent: string): unknown => {
      if (typeof v === 'string') return PROSE.has(key) || (key === 'title' && parent === 'meta') ? v + suffix : v;
      if (Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? (LISTS.has(key) ? x + suffix : x) : walk(x, key, parent)));
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k, key)]));
      return v;
    };
    return stringify(walk(parse(yaml), '', ''));
  }

  if (parts.includes('batch')) {
    console.log(`\n${BRIEFS} briefs in one \`briefdeck build\` (default --jobs: one per core)`);
    const project = join(tmp, 'batch');
    mkdirSync(join(project, 'briefs'), { recursive: true });
    const bases = [SHIPPED, ...['decision', 'host-visit', 'extra-slides'].map((n) => join(ROOT, 'test/fixtures/briefs', `${n}.yaml`))].map((p) => readFileSync(p, 'utf8'));
    for (let i = 0; i < BRIEFS; i++) {
      // Each brief distinct in every slide's text, not only its title, so that no slide of one
      // deck is a repeat of another's and the package stage's memos (which a watch session
      // lives on) find only what briefs really share: the theme, masters and layouts.
      const text = varied(bases[i % bases.length]!, ` (case ${i + 1})`);
      writeFileSync(join(project, 'briefs', `brief-${String(i + 1).padStart(4, '0')}.yaml`), text);
    }
    const s = measure(process.execPath, [BIN, 'build', '--out', join(project, 'out')], project);
    const built = s.stdout.split('\n').filter((l) => l.startsWith('✓')).length;
    console.log(`  ${built} of ${BRIEFS} decks built in ${f(s.wall)}: ${(built / (s.wall / 1000)).toFixed(1)} decks/s${s.cpu !== undefined ? `, CPU ${f(s.cpu)}` : ''}, peak RSS ${mb(s.rss)} (the main thread's process, workers included)`);
    // A figure for fewer decks than asked is no figure for the budget.
    if (built < BRIEFS) console.log(`  ${BRIEFS - built} briefs FAILED to build: the figures below do not count`);
    verdict(`${BRIEFS} briefs, time`, f(s.wall), built === BRIEFS && s.wall <= 20_000 * (BRIEFS / 500), `${f(20_000 * (BRIEFS / 500))}`);
    if (s.rss !== undefined) verdict(`${BRIEFS} briefs, peak RSS`, mb(s.rss), built === BRIEFS && s.rss <= 400 * 1024 * 1024, '400 MB');
  }

  if (parts.includes('scale')) {
    console.log('\nDeck size: build time (after a warm-up deck in the same process) and peak RSS');
    const perSlide: Record<number, number> = {};
    const warm = join(tmp, 'warm-up.yaml');
    cpSync(join(ROOT, 'test/fixtures/briefs/decision.yaml'), warm);
    for (const target of [10, 100, 1000]) {
      const file = join(tmp, `slides-${target}.yaml`);
      writeFileSync(file, scaleBrief(Math.max(0, target - 5)));
      const s = measure(process.execPath, [BIN, 'build', warm, file, '--jobs', '1', '--json', '--out', join(tmp, 'scale')]);
      const r = (JSON.parse(s.stdout) as { results: Array<{ ok: boolean; ms: number; slides: number; diagnostics: Array<{ message: string }> }> }).results[1]!;
      if (!r.ok) throw new Error(`scale deck of ${target} did not build: ${r.diagnostics.map((d) => d.message).join('; ')}`);
      perSlide[target] = r.ms / r.slides;
      console.log(`  ${String(r.slides).padStart(5)} slides  ${f(r.ms).padStart(9)}  ${f(r.ms / r.slides).padStart(8)} per slide  peak RSS ${mb(s.rss)}`);
    }
    verdict('per slide, 1000-slide deck / 100-slide', `${(perSlide[1000]! / perSlide[100]!).toFixed(2)}x`, perSlide[1000]! <= 1.5 * perSlide[100]!, '1.5x');
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/**
 * A fictional brief (for the bench only; it describes nothing real) of about `extra` + 5 slides:
 * the minimum plus `extra` bullet slides of four sourced items each.
 */
function scaleBrief(extra: number): string {
  const slides = Array.from({ length: extra }, (_, i) => `  - after: bluf
    layout: bullets
    title: Fictional bench slide ${i + 1}
    items:
${[1, 2, 3, 4].map((k) => `      - text: Item ${k} of slide ${i + 1} says the invented port handled ${k * 10 + i} ships, the fictional authority reports.\n        sources: [port]`).join('\n')}
`).join('');
  return `# FICTIONAL bench brief: invented port and figures, to time decks by size.
meta:
  title: Fictional bench deck of ${extra + 5} slides
  as_of: "2029-06-20"
  prepared_by: Bench desk (fictional)
bluf:
  text: Shipments through the invented corridor fell this month, the fictional port authority says.
  sources: [port]
${extra ? `extra_slides:\n${slides}` : ''}sources:
  - id: port
    publisher: Invented Port Authority
    kind: official
`;
}
