/**
 * The bad-input catalogue, what a build touches on disk, watched from outside the process: the
 * CLI runs under strace in a project whose deck.hbs, a partial, a theme and an image are
 * symbolic links to files in a folder elsewhere, next to a brief that builds. The links are
 * refused (E_OUTSIDE, E_IMAGE_OUTSIDE) and the trace shows that, once symbolic links are
 * resolved, no template, partial or theme was opened from outside the templates folder, no
 * image from outside the project, nothing at all from the folder elsewhere, and that every file
 * created, opened for writing, renamed or removed is one of the build's decks or its own temp
 * files, which are gone afterwards.
 *
 * Reads the rules allow beyond the project (ALLOWED_READS), all made by the runtime, none
 * carrying anything of the user's:
 * - the briefdeck installation's code: bin/, src/, dist/ (the compiled code and the font
 *   metrics tables `npm install` makes), node_modules/ (dependencies and the fonts
 *   text is measured with), package.json and tsconfig.json (read by tsx, which runs the
 *   TypeScript). Not its templates/: this project has its own.
 * - the node binary, the dynamic loader's cache and shared libraries (/etc/ld.so.cache, /lib*,
 *   /usr/lib*), OpenSSL's configuration and certificates (/etc/ssl; node reads them at start),
 *   the time zone (/etc/localtime and /usr/share/zoneinfo), and kernel facts (/proc, /sys:
 *   memory limits, processor count), /dev/null and /dev/urandom.
 * - tsx's transpile cache, `<tmp>/tsx-<uid>/`, which tsx also writes to: when dist/ is older
 *   than src/ (an edit since `npm install`), bin/ runs the sources through tsx, which compiles
 *   into it.
 * - the listing of the temp folder (the sweep for stale temp files of dead processes), which
 *   may then remove such stale files: `briefdeck-<pid>-…` of a pid that is gone.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { verifyParts } from '../../src/package/verify.ts';
import { readParts } from '../../src/package/zip.ts';
import { describeWithTools, isCI, type ToolGate } from '../support/toolGate.ts';
import { BIN, cliEnv, GOOD_BRIEF, makeProject, REPO, snapshot, type Project } from './harness.ts';

/** A 2x2 red PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

const TRACED = 'open,openat,openat2,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat';

const hasStrace = spawnSync('strace', ['-V']).status === 0;
const gate: ToolGate = hasStrace
  ? { action: 'run' }
  : isCI()
    ? { action: 'fail', reason: 'the strace check cannot run under CI: strace not found on PATH; .ci/run installs it (apt-get install strace)' }
    : { action: 'skip', reason: 'the strace check skipped: strace not found on PATH (apt-get install strace)' };

/** One traced system call, with its path arguments made absolute. */
interface Call {
  pid: number;
  name: string;
  /** Absolute paths it names, in order (for renames: from, to). */
  paths: string[];
  /** For opens: whether it may write (O_WRONLY, O_RDWR, O_CREAT, O_TRUNC; creat always). */
  writes: boolean;
  ok: boolean;
  line: string;
}

/**
 * Parses `strace -f -o` output: `PID name(args) = result`, joining the `<unfinished ...>` and
 * `<... name resumed>` halves of calls interrupted by another thread. Paths are made absolute
 * against `cwd`; a call relative to a directory descriptor other than AT_FDCWD cannot be
 * placed, so it is returned with its path marked, and fails the checks below.
 */
function parseTrace(text: string, cwd: string): Call[] {
  const pending = new Map<number, string>();
  const calls: Call[] = [];
  for (const raw of text.split('\n')) {
    const m = /^(\d+)\s+(.*)$/.exec(raw);
    if (!m) continue;
    const pid = Number(m[1]);
    let rest = m[2]!;
    if (rest.endsWith('<unfinished ...>')) {
      pending.set(pid, rest.slice(0, -'<unfinished ...>'.length));
      continue;
    }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(rest);
    if (resumed) {
      rest = `${pending.get(pid) ?? ''}${resumed[1]}`;
      pending.delete(pid);
    }
    const call = /^(\w+)\((.*)\)\s+=\s+(-?\d+|\?)/.exec(rest);
    if (!call) continue;
    const [, name, args, result] = call as unknown as [string, string, string, string];
    const strings = [...args.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((s) => s[1]!.replace(/\\(.)/g, '$1'));
    const atCalls = /^(openat2?|unlinkat|renameat2?|mkdirat)$/.test(name);
    const dirfds = atCalls ? [...args.matchAll(/(?:^|, )(AT_FDCWD|\d+)(?=, ")/g)].map((d) => d[1]) : [];
    const paths = strings.slice(0, name.startsWith('rename') ? 2 : 1).map((p, i) =>
      atCalls && dirfds[i] !== 'AT_FDCWD' ? `<relative to fd ${dirfds[i]}>/${p}` : isAbsolute(p) ? p : join(cwd, p));
    const writes = name === 'creat' || (name.startsWith('open') && /O_WRONLY|O_RDWR|O_CREAT|O_TRUNC/.test(args));
    calls.push({ pid, name, paths, writes, ok: result !== '-1', line: raw });
  }
  return calls;
}

/** The real path of `p`; for a path that no longer exists, that of its nearest existing folder, plus the rest. */
function real(p: string): string {
  if (p.startsWith('<')) return p;
  try {
    return realpathSync(p);
  } catch {
    const up = dirname(p);
    return up === p ? p : join(real(up), basename(p));
  }
}

const inside = (dir: string, p: string) => p === dir || p.startsWith(dir + sep);

const TMP = realpathSync(tmpdir());
const UID = process.getuid?.() ?? 0;
const TSX_CACHE = join(TMP, `tsx-${UID}`);
/** The reads allowed outside the project, as real paths (see the module comment for why). */
const ALLOWED_READS: Array<{ path: string; exact?: boolean }> = [
  ...['bin', 'src', 'dist', 'node_modules'].map((d) => ({ path: real(join(REPO, d)) })),
  ...['package.json', 'tsconfig.json'].map((f) => ({ path: real(join(REPO, f)), exact: true })),
  { path: realpathSync(process.execPath), exact: true },
  ...['/lib', '/lib64', '/usr/lib', '/usr/lib64', '/etc/ssl', '/usr/share/zoneinfo', '/proc', '/sys'].map((path) => ({ path })),
  ...['/etc/ld.so.cache', '/etc/localtime', '/dev/null', '/dev/urandom'].map((path) => ({ path, exact: true })),
  { path: TSX_CACHE },
  { path: TMP, exact: true },
];
const allowedRead = (p: string) => ALLOWED_READS.some((a) => (a.exact ? p === a.path : inside(a.path, p)));

/**
 * The temp file or folder of briefdeck's naming (`.briefdeck-<pid>-…`, `briefdeck-<pid>-…`)
 * directly in one of `dirs` that `p` is or lies in, with its pid.
 */
function tempOf(p: string, dirs: string[]): { path: string; pid: number } | undefined {
  for (const dir of dirs) {
    if (!inside(dir, p) || p === dir) continue;
    const top = relative(dir, p).split(sep)[0]!;
    const m = /^\.?briefdeck-(\d+)-/.exec(top);
    if (m) return { path: join(dir, top), pid: Number(m[1]) };
  }
  return undefined;
}

interface Layout {
  project: Project;
  root: string;
  templates: string;
  elsewhere: string;
}

/**
 * Checks one traced run against the rules in the module comment; returns the temp files it
 * used. `decks` are the decks this run may write (as out/<name>.pptx).
 */
function checkTrace(calls: Call[], at: Layout, decks: string[]): string[] {
  const root = real(at.root);
  const templates = real(at.templates);
  const out = real(join(at.root, 'out'));
  const elsewhere = real(at.elsewhere);
  const cli = calls[0]!.pid;
  const problems: string[] = [];
  const temps = new Set<string>();
  expect(calls.length, 'the trace holds the calls').toBeGreaterThan(50);

  for (const c of calls) {
    const paths = c.paths.map(real);
    for (const p of paths) {
      if (p.startsWith('<')) problems.push(`cannot place ${p}: ${c.line}`);
      // Nothing at all, not even a failed attempt, in the folder the links point to.
      if (inside(elsewhere, p)) problems.push(`touched the folder outside: ${c.line}`);
    }
    if (!c.ok) continue;
    const isWrite = c.writes || !c.name.startsWith('open');
    if (!isWrite) {
      const p = paths[0]!;
      if (/\.hbs$/.test(p) || /\/themes\/[^/]+\.ya?ml$/.test(c.paths[0]!)) {
        if (!inside(templates, p)) problems.push(`a template, partial or theme from outside ${templates}: ${c.line}`);
      } else if (/\.(png|jpe?g|gif)$/i.test(p) && !inside(root, p) && !allowedRead(p)) {
        problems.push(`an image from outside the project: ${c.line}`);
      } else if (!inside(root, p) && !allowedRead(p)) {
        problems.push(`a read outside the project and the allowlist: ${c.line}`);
      }
      continue;
    }
    for (const [i, p] of paths.entries()) {
      if (inside(TSX_CACHE, p)) continue;
      if (c.name.startsWith('mkdir') && p === out) continue;
      const temp = tempOf(p, [out, TMP]);
      if (temp) {
        if (temp.pid === cli) temps.add(temp.path);
        // Another pid's: the sweep of stale temp files, which only lists and removes.
        else if (!c.name.startsWith('unlink') && !(c.name.startsWith('open') && !c.writes)) problems.push(`wrote another process's temp file: ${c.line}`);
        continue;
      }
      if (c.name.startsWith('rename') && i === 1 && dirname(p) === out && decks.includes(basename(p))) continue;
      problems.push(`a write that is neither a deck nor a temp file of its own: ${c.line}`);
    }
  }
  expect(problems).toEqual([]);
  return [...temps];
}

/** Runs `briefdeck build ARGS` in the project under strace; the exit, output and parsed calls. */
function traced(at: Layout, args: string[]): { code: number | null; stderr: string; calls: Call[] } {
  const dir = mkdtempSync(join(tmpdir(), 'briefdeck-trace-'));
  try {
    const file = join(dir, 'trace');
    const r = spawnSync('strace', ['-f', '-qq', '-e', `trace=${TRACED}`, '-o', file, process.execPath, BIN, 'build', ...args], {
      cwd: at.root,
      env: cliEnv(),
      encoding: 'utf8',
      timeout: 180_000,
    });
    const calls = parseTrace(existsSync(file) ? readFileSync(file, 'utf8') : '', realpathSync(at.root));
    return { code: r.status, stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}`, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HOSTILE = ['deck-link', 'partial-link', 'theme-link', 'image-link'];

let layout: Layout | undefined;
afterAll(() => {
  layout?.project.cleanup();
  if (layout) rmSync(layout.elsewhere, { recursive: true, force: true });
});

/** The project: four briefs each using one link to a file elsewhere, and one that builds (with an image of its own). */
async function setUp(): Promise<Layout> {
  const project = await makeProject([...HOSTILE, 'good']);
  const templates = project.copyTemplates();
  const elsewhere = mkdtempSync(join(tmpdir(), 'briefdeck-elsewhere-'));
  const briefing = join(templates, 'briefing', 'deck.hbs');
  copyFileSync(briefing, join(elsewhere, 'deck.hbs'));
  writeFileSync(join(elsewhere, 'title-slide.hbs'), readFileSync(join(templates, 'partials', 'title-slide.hbs'), 'utf8').replace('<title>', '<title>FROM ELSEWHERE '));
  copyFileSync(join(templates, 'themes', 'civic.yaml'), join(elsewhere, 'theme.yaml'));
  writeFileSync(join(elsewhere, 'figure.png'), PNG);

  mkdirSync(join(templates, 'deck-link'));
  symlinkSync(join(elsewhere, 'deck.hbs'), join(templates, 'deck-link', 'deck.hbs'));
  mkdirSync(join(templates, 'partial-link', 'partials'), { recursive: true });
  copyFileSync(briefing, join(templates, 'partial-link', 'deck.hbs'));
  symlinkSync(join(elsewhere, 'title-slide.hbs'), join(templates, 'partial-link', 'partials', 'title-slide.hbs'));
  symlinkSync(join(elsewhere, 'theme.yaml'), join(templates, 'themes', 'theme-link.yaml'));
  project.write('figures/inside.png', PNG);
  symlinkSync(join(elsewhere, 'figure.png'), project.path('figures', 'outside.png'));

  const image = (p: string) => `images:\n  - path: ${p}\n    alt: A map of the route\n    caption: The route of the train\n`;
  project.write('briefs/deck-link.yaml', `template: deck-link\n${GOOD_BRIEF}`);
  project.write('briefs/partial-link.yaml', `template: partial-link\n${GOOD_BRIEF}`);
  project.write('briefs/theme-link.yaml', `theme: theme-link\n${GOOD_BRIEF}`);
  project.write('briefs/image-link.yaml', `${GOOD_BRIEF}${image('../figures/outside.png')}`);
  project.write('briefs/good.yaml', `${GOOD_BRIEF}${image('../figures/inside.png')}`);
  return { project, root: project.root, templates, elsewhere };
}

/** Checks that a deck is whole: a zip whose parts pass the package verifier. */
function expectWhole(file: string): void {
  expect(verifyParts(readParts(readFileSync(file))).map(formatDiagnostic), file).toEqual([]);
}

describeWithTools('reads nothing outside its folders (the CLI under strace)', gate, () => {
  it('links to files elsewhere are refused; the trace shows no read outside, and writes only its decks and temp files', async () => {
    layout = await setUp();
    const { project } = layout;
    const before = snapshot(project.out);

    const run = traced(layout, []);
    const temps = checkTrace(run.calls, layout, ['good.pptx']);
    expect(temps.length, 'the good deck went through a temp file').toBeGreaterThan(0);
    // Five briefs build on worker threads, and strace names each call's thread: every deck's temp
    // file is created by the main thread, whose signal handler removes it (a worker stopped by
    // SIGTERM mid-write would leave its temp file in out/).
    const outDir = real(join(layout.root, 'out'));
    const threads = new Set(run.calls.map((c) => c.pid));
    expect(threads.size, 'the build ran on worker threads').toBeGreaterThan(1);
    const tempOpens = run.calls.filter((c) => c.ok && c.name.startsWith('open') && c.writes && c.paths.some((p) => dirname(real(p)) === outDir && /\.briefdeck-\d+-[0-9a-f]+\.tmp$/.test(p)));
    expect(tempOpens.length).toBeGreaterThan(0);
    for (const c of tempOpens) expect(c.pid, `created by the main thread: ${c.line}`).toBe(run.calls[0]!.pid);
    for (const t of temps) expect(existsSync(t), `${t} is gone`).toBe(false);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).not.toMatch(/\n\s+at |Error\b/);
    for (const file of ['templates/deck-link/deck.hbs', 'templates/partial-link/partials/title-slide.hbs', 'templates/themes/theme-link.yaml'])
      expect(run.stderr).toMatch(new RegExp(`(^|\\n)${file.replace(/[.]/g, '\\.')}:1:1: error\\[E_OUTSIDE\\][^\\n]*\\n {2}hint: \\S`));
    expect(run.stderr).toMatch(/(^|\n)briefs\/image-link\.yaml:\d+:\d+: error\[E_IMAGE_OUTSIDE\]: images\[0\]\.path[^\n]*\n {2}hint: \S/);
    expect(run.stderr).toMatch(/1 brief ok, 4 failed/);

    // The refused briefs keep their previous decks; the good one is rebuilt, whole.
    const after = snapshot(project.out);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const name of [...HOSTILE, 'unrelated']) expect(after[`${name}.pptx`], `${name}.pptx stays`).toBe(before[`${name}.pptx`]);
    expect(after['good.pptx']).not.toBe(before['good.pptx']);
    expectWhole(project.path('out', 'good.pptx'));

    // What the good brief needs was read: its image, inside the project.
    const opened = run.calls.filter((c) => c.ok && c.name.startsWith('open')).map((c) => real(c.paths[0]!));
    expect(opened).toContain(real(project.path('figures', 'inside.png')));
    expect(opened).toContain(real(join(layout.templates, 'briefing', 'deck.hbs')));

    // A normal build, with nothing refused, keeps to the same rules.
    const normal = traced(layout, ['briefs/good.yaml']);
    expect(normal.code, normal.stderr).toBe(0);
    for (const t of checkTrace(normal.calls, layout, ['good.pptx'])) expect(existsSync(t), `${t} is gone`).toBe(false);
    expectWhole(project.path('out', 'good.pptx'));
  }, 300_000);
});
