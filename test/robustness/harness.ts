/**
 * Shared set-up for the bad-input catalogue: a throwaway project folder whose out/ already holds
 * a previous good deck, a byte-for-byte snapshot of out/, captured CLI runs (in process through
 * `main`, or as a real child process with its own working folder), and one assertion that a
 * failure is reported the way the contract says: `file:line:col: error[CODE]` plus a hint.
 */
import { MINIMAL_BRIEF } from '../support/helpers.ts';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { expect } from 'vitest';
import { buildLoaded, PACKAGE_ROOT, type BuildResult } from '../../src/build.ts';
import { main } from '../../src/cli/main.ts';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';

export const REPO = PACKAGE_ROOT;
export const BAD = join(REPO, 'test/fixtures/bad');
export const BIN = join(REPO, 'bin/briefdeck.js');

/** A small brief that builds, with closing questions. */
export const GOOD_BRIEF = `${MINIMAL_BRIEF}closing:
  questions: [What happens next?]
`;

let goodDeck: Promise<Uint8Array> | undefined;

/** Bytes of a real, previously built deck (built once per test file). */
export function previousDeck(): Promise<Uint8Array> {
  goodDeck ??= (async () => {
    const loaded = parseBrief(GOOD_BRIEF, 'good.yaml');
    const r = await buildLoaded(loaded.value!, { templatesDir: join(REPO, 'templates'), projectRoot: REPO });
    if (!r.pptx) throw new Error(`the good brief does not build: ${r.diagnostics.map(formatDiagnostic).join('\n')}`);
    return r.pptx;
  })();
  return goodDeck;
}

export interface Project {
  root: string;
  out: string;
  /** Path of a file in the project. */
  path(...parts: string[]): string;
  write(rel: string, data: string | Uint8Array): string;
  /** Copies the repository's templates/ into the project (for broken templates and themes). */
  copyTemplates(): string;
  cleanup(): void;
}

/**
 * A temporary project folder with `out/` holding previous good decks named `decks` (e.g. the
 * brief under test, so a faulty build would overwrite it) plus one unrelated deck.
 */
export async function makeProject(decks: string[] = []): Promise<Project> {
  const root = mkdtempSync(join(tmpdir(), 'briefdeck-robust-'));
  const out = join(root, 'out');
  mkdirSync(out);
  const bytes = await previousDeck();
  for (const name of [...decks, 'unrelated']) writeFileSync(join(out, `${name}.pptx`), bytes);
  const p: Project = {
    root,
    out,
    path: (...parts) => join(root, ...parts),
    write(rel, data) {
      const file = join(root, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, data);
      return file;
    },
    copyTemplates() {
      const dir = join(root, 'templates');
      cpSync(join(REPO, 'templates'), dir, { recursive: true });
      return dir;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  return p;
}

/** sha256 of every file under `dir` (hidden ones too), by relative path; folders end in "/". */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const rel = relative(dir, full);
      if (statSync(full).isDirectory()) {
        out[`${rel}/`] = 'dir';
        walk(full);
      } else out[rel] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

export interface Expected {
  code: string;
  /** The file the diagnostic names (as printed). */
  file?: string;
  line?: number;
  col?: number;
  /** Text the hint must contain. */
  hint?: string | RegExp;
  message?: string | RegExp;
  /** The field path the diagnostic must name (this and `file` pick among several of the same code). */
  path?: string;
}

/**
 * Finds the error `want.code` and checks its position, its printed form and its hint.
 * Returns it for further checks.
 */
export function expectError(diagnostics: readonly Diagnostic[], want: Expected): Diagnostic {
  const all = diagnostics.map(formatDiagnostic).join('\n');
  const d = diagnostics.find((x) => x.severity === 'error' && x.code === want.code && (want.path === undefined || x.path === want.path) && (want.file === undefined || x.file === want.file));
  expect(d, `expected error[${want.code}]${want.path ? ` at ${want.path}` : ''} among:\n${all}`).toBeDefined();
  const printed = formatDiagnostic(d!);
  expectAllNamed(diagnostics);
  if (want.file !== undefined) expect(d!.file, printed).toBe(want.file);
  if (want.line !== undefined) {
    expect({ line: d!.line, col: d!.col }, printed).toEqual({ line: want.line, col: want.col });
    expect(printed.split('\n')[0]).toContain(`${want.file ?? d!.file}:${want.line}:${want.col}: error[${want.code}]`);
  } else {
    expect(printed.split('\n')[0]).toContain(`error[${want.code}]`);
  }
  expect(d!.hint?.trim(), `a hint for ${printed}`).toBeTruthy();
  expect(printed).toMatch(/\n {2}hint: \S/);
  if (want.hint !== undefined) expect(d!.hint).toMatch(want.hint);
  if (want.message !== undefined) expect(d!.message).toMatch(want.message);
  return d!;
}

/** Checks a failed build result: not ok, nothing written, the expected error. */
export function expectFailed(r: BuildResult, want: Expected): Diagnostic {
  expect(r.ok, r.diagnostics.map(formatDiagnostic).join('\n')).toBe(false);
  expect(r.out).toBeUndefined();
  return expectError(r.diagnostics, want);
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** `main(argv)` in this process (working in `cwd` when given), output captured (no colour). */
export async function runMain(argv: string[], cwd?: string): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const t0 = performance.now();
  const code = await main(argv, { color: false, stdout: (s) => out.push(s), stderr: (s) => err.push(s) }, cwd ? { cwd } : {});
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), ms: performance.now() - t0 };
}

/** The environment of a CLI child process: no colour, plus `extra`. */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', HOME: process.env.HOME ?? tmpdir(), ...extra };
}

/** Who runs the CLI, which bin/briefdeck.js, and with what environment: by default this process's user, the checkout's bin and this environment. */
export interface CliAs {
  uid?: number;
  gid?: number;
  bin?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * `node bin/briefdeck.js ...` as a child process in `cwd` (about a second each). The timeout
 * only keeps a hang from stopping the suite: a run it kills fails with code -1.
 */
export function runCli(args: string[], cwd: string, opts: CliAs = {}): CliRun {
  const { bin = BIN, env, ...user } = opts;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    ...user,
    env: cliEnv(env),
  });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}${r.error ? String(r.error) : ''}`, ms: performance.now() - t0 };
}

/** "nobody" on Debian, Ubuntu and most others. */
const NOBODY = { uid: 65534, gid: 65534 };

/**
 * Why `as` cannot start the CLI at `as.bin` (undefined when it can): node run as that user must
 * read the entry points of the CLI's folder. A quick look, not a run: a cold start as a new
 * user transpiles all of src/ again, and the test's own run will show any deeper failure.
 */
function cannotRun(as: Required<Omit<CliAs, 'env'>>): string | undefined {
  const root = dirname(dirname(as.bin));
  const files = [as.bin, ...['package.json', 'src/cli/main.ts', 'node_modules/tsx/package.json'].map((f) => join(root, f))];
  const r = spawnSync(process.execPath, ['-e', 'for (const f of process.argv.slice(1)) require("fs").accessSync(f, require("fs").constants.R_OK)', ...files], {
    uid: as.uid,
    gid: as.gid,
    cwd: tmpdir(),
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (r.error) return `${process.execPath}: ${r.error.message}`;
  if (r.status === 0) return undefined;
  const lines = (r.stderr ?? '').trim().split('\n');
  return `exit ${r.status}: ${lines.find((l) => /Error\b/.test(l)) ?? lines[0] ?? 'no output'}`;
}

/**
 * How to run the real CLI as an unprivileged user (for checks that root would pass by ignoring
 * permissions), with a `cleanup`. The checkout's own bin/briefdeck.js when "nobody" can run it
 * there; otherwise (a checkout under /root, or in a `mktemp -d` folder, mode 700, is out of
 * nobody's reach) a copy of what the CLI needs, readable by all, in a temp folder. `{ skip }`
 * saying why when even the copy cannot run (node itself out of reach, or a private temp folder).
 */
export function unprivilegedCli(): { as: Required<Omit<CliAs, 'env'>>; cleanup(): void } | { skip: string } {
  const here = { ...NOBODY, bin: BIN };
  const whyNot = cannotRun(here);
  if (!whyNot) return { as: here, cleanup: () => {} };
  const copy = mkdtempSync(join(tmpdir(), 'briefdeck-cli-copy-'));
  const cleanup = () => rmSync(copy, { recursive: true, force: true });
  // cp and chmod rather than fs.cpSync, which takes three times as long over node_modules. Then
  // readable by all, folders and programs (esbuild's binary) runnable by all, whatever the
  // checkout's modes.
  const parts = ['package.json', 'tsconfig.json', 'bin', 'src', 'templates', 'node_modules'];
  for (const [cmd, ...args] of [['cp', '-a', ...parts, copy], ['chmod', '-R', 'a+rX', copy]] as const) {
    const r = spawnSync(cmd, args, { cwd: REPO, encoding: 'utf8' });
    if (r.status !== 0) {
      cleanup();
      return { skip: `uid ${NOBODY.uid} cannot run the CLI from the checkout (${whyNot}), and \`${cmd}\` failed making a copy it could: ${r.error?.message ?? r.stderr.trim()}` };
    }
  }
  const copied = { ...NOBODY, bin: join(copy, 'bin/briefdeck.js') };
  const stillNot = cannotRun(copied);
  if (!stillNot) return { as: copied, cleanup };
  cleanup();
  return { skip: `uid ${NOBODY.uid} cannot run the CLI from the checkout (${whyNot}) nor from a world-readable copy in ${tmpdir()} (${stillNot})` };
}

/** Line and column (1-based) of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, offset = 0): { line: number; col: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${JSON.stringify(needle)} not in the text`);
  const before = text.slice(0, i + offset);
  const line = before.split('\n').length;
  return { line, col: i + offset - before.lastIndexOf('\n') };
}

/** The CLI started as a child process, for tests that signal it while it runs. */
export interface LiveCli {
  child: ChildProcess;
  /** Resolves with the first stderr line that matches. */
  line(re: RegExp): Promise<string>;
  /** Resolves when the process has exited: its code, or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts `node bin/briefdeck.js ...` in `cwd`; killed after `limitMs` in case it hangs. */
export function startCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, limitMs = 60_000): LiveCli {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: cliEnv(env), stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const waiting: Array<{ re: RegExp; resolve: (s: string) => void }> = [];
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const w of [...waiting]) {
      const m = stderr.split('\n').find((l) => w.re.test(l));
      if (m !== undefined) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(m);
      }
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      // stderr may still be draining: wait for the stream to end.
      child.stderr!.once('close', () => resolve({ code, signal, stderr }));
      if (child.stderr!.closed) resolve({ code, signal, stderr });
    }),
  );
  const line = (re: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const m = stderr.split('\n').find((l) => re.test(l));
      if (m !== undefined) return resolve(m);
      waiting.push({ re, resolve });
      void exited.then((e) => reject(new Error(`the CLI exited (${e.code ?? e.signal}) before printing ${re}:\n${e.stderr}`)));
    });
  return { child, line, exited };
}

/** Temp files and folders of briefdeck's naming (or the older `.x.pptx.PID.HEX.tmp`) in `dir`. */
export function tempLeftovers(dir: string): string[] {
  return readdirSync(dir).filter((n) => /^\.?briefdeck-\d+-|\.tmp$/.test(n));
}

/** Every diagnostic names a file (or the flag, variable or output it concerns), as the contract says. */
export function expectAllNamed(diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) expect(d.file, `no file in: ${formatDiagnostic(d)}`).toBeTruthy();
}
