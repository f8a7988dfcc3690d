/**
 * The bad-input catalogue, interruptions: SIGTERM and Ctrl-C (SIGINT) at any moment of a build
 * leave out/ holding only whole decks, each byte-identical to the previous deck or to the new
 * one, and no temp file or folder of the process anywhere; the exit status is 143 or 130, as a
 * shell reports a process stopped by that signal. A kill -9 cannot be cleaned up after, so it
 * leaves its temp files; the next run removes them without a word.
 *
 * The moments are drawn by a seeded generator whose seed is printed; BRIEFDECK_SIGNAL_SEED=<n>
 * replays a run. The range they are drawn from is how long an uninterrupted build of the same
 * briefs took, so on a slow machine the moments spread over a longer build; nothing here
 * asserts how long anything takes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findTools } from '../../src/convert/libreoffice.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { verifyParts } from '../../src/package/verify.ts';
import { readParts } from '../../src/package/zip.ts';
import { describeWithTools, isCI, toolGate } from '../support/toolGate.ts';
import { BIN, cliEnv, REPO, runCli, startCli, type LiveCli } from './harness.ts';

/** The briefs of the multi-brief build, by deck name: the shipped brief and two fixtures. */
const SOURCES: Record<string, string> = {
  decision: join(REPO, 'test/fixtures/briefs/decision.yaml'),
  'extra-slides': join(REPO, 'test/fixtures/briefs/extra-slides.yaml'),
  'kim-putin-2023': join(REPO, 'briefs/kim-putin-2023.yaml'),
};
const NAMES = Object.keys(SOURCES).sort();
const DECKS = NAMES.map((n) => `${n}.pptx`);
const KILLS = 20;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
/** What the tests of the file share, removed after the last. */
const lasting: Array<() => unknown> = [];
afterAll(async () => {
  for (const c of lasting.splice(0).reverse()) await c();
});

/**
 * A project folder with briefs/ (the briefs named, or all of them) and an empty out/, removed
 * after the test (or after the file's last test, `lasts`).
 */
function project(names: readonly string[] = NAMES, lasts = false): { root: string; out: string } {
  // Not "briefdeck-<digits>-": that is the CLI's own temp naming, which its sweep removes.
  const root = mkdtempSync(join(tmpdir(), 'briefdeck-signals-'));
  (lasts ? lasting : cleanups).push(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(join(root, 'briefs'));
  mkdirSync(join(root, 'out'));
  for (const n of names) copyFileSync(SOURCES[n]!, join(root, 'briefs', `${n}.yaml`));
  return { root, out: join(root, 'out') };
}

/** Writes version 0 (as shipped) or 1 (each deck's title changed) of every brief. */
function writeBriefs(root: string, version: 0 | 1): void {
  for (const n of NAMES) {
    const text = readFileSync(SOURCES[n]!, 'utf8');
    writeFileSync(join(root, 'briefs', `${n}.yaml`), version === 0 ? text : text.replace(/^( {2}title: .*)$/m, '$1, revised'));
  }
}

/** A seeded generator (the one of longTitle.test.ts), so that a failure can be replayed. */
function random(seed: number): () => number {
  return () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Decks whose zip and parts have been verified already, by sha256. */
const verified = new Set<string>();

/**
 * The sha256 of each deck in `out`, after checking that out/ holds exactly `decks` (no temp
 * file, no staging folder, hidden or not) and that each is a whole deck: a zip whose parts pass
 * the package verifier.
 */
function wholeDecks(out: string, decks: readonly string[] = DECKS): Record<string, string> {
  expect(readdirSync(out).sort(), 'out/ holds the decks and nothing else').toEqual([...decks].sort());
  const hashes: Record<string, string> = {};
  for (const d of decks) {
    const bytes = readFileSync(join(out, d));
    const h = sha(bytes);
    if (!verified.has(h)) {
      expect(verifyParts(readParts(bytes)).map(formatDiagnostic), `${d} verifies`).toEqual([]);
      verified.add(h);
    }
    hashes[d] = h;
  }
  return hashes;
}

/** Temp files and folders of process `pid` in the temp folder (`briefdeck-<pid>-…`, hidden or not). */
function tempsOf(pid: number): string[] {
  const mine = new RegExp(`^\\.?briefdeck-${pid}-`);
  return readdirSync(tmpdir()).filter((n) => mine.test(n)).map((n) => join(tmpdir(), n));
}

/** Processes (other than zombies) whose command line mentions `text`. */
function processesMentioning(text: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(text)) found.push(`${pid}: ${cmd.slice(0, 200)}`);
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

/** Polls `check` every 20 ms until it gives a value; `what` names it when the CLI ends first or it never comes. */
async function until<T>(cli: LiveCli, check: () => T | undefined, what: string, limitMs = 60_000): Promise<T> {
  let done = false;
  void cli.exited.then(() => (done = true));
  const end = Date.now() + limitMs;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (done) throw new Error(`the CLI exited before ${what}:\n${(await cli.exited).stderr}`);
    if (Date.now() > end) throw new Error(`no ${what} within ${limitMs} ms`);
    await sleep(20);
  }
}

/** A run's stderr, as a failure message. */
const said = (e: { code: number | null; signal: string | null; stderr: string }) => `exit ${e.code ?? e.signal}; stderr:\n${e.stderr}`;

/** What an interrupted or killed run may print: progress lines, results, the summary. No stack trace, no error. */
function expectNothingScary(stderr: string): void {
  expect(stderr, 'no stack trace').not.toMatch(/\n\s+at |Error\b|error\[/);
  for (const line of stderr.split('\n').filter(Boolean)) {
    expect(line).toMatch(/^\[\d+\/\d+\] |^Built \d+ briefs? ok, 0 failed, 0 warnings\.$|^Watching |^Stopped watching\.$/);
  }
}

/** The project of the multi-brief build, and the decks of each version of its briefs. */
interface Multi {
  root: string;
  out: string;
  expected: [Record<string, string>, Record<string, string>];
  /** The longest uninterrupted build, from its first progress line to its exit (ms). */
  span: number;
}
let multi: Promise<Multi> | undefined;
const FIRST = new RegExp(`^\\[1/${NAMES.length}\\] `);

/** Builds both versions once, uninterrupted: their decks, and how long a build runs. */
function multiProject(): Promise<Multi> {
  multi ??= (async () => {
    const { root, out } = project(NAMES, true);
    const expected: Array<Record<string, string>> = [];
    let span = 0;
    for (const v of [0, 1] as const) {
      writeBriefs(root, v);
      const cli = startCli(['build'], root);
      await cli.line(FIRST);
      const t0 = performance.now();
      const e = await cli.exited;
      span = Math.max(span, performance.now() - t0);
      expect(e.code, said(e)).toBe(0);
      expectNothingScary(e.stderr);
      expected.push(wholeDecks(out));
    }
    for (const d of DECKS) expect(expected[1]![d], `version 1 changes ${d}`).not.toBe(expected[0]![d]);
    return { root, out, expected: expected as Multi['expected'], span };
  })();
  return multi;
}

/**
 * Builds version `v` of the briefs, sends `signal` once `ready` resolves, and checks what the
 * contract says of an interrupted build; returns the exit code and how many decks were replaced.
 */
async function interrupt(m: Multi, v: 0 | 1, signal: 'SIGTERM' | 'SIGINT', ready: (cli: LiveCli) => Promise<unknown>, at: string, args: string[] = []): Promise<{ code: number | null; replaced: number }> {
  writeBriefs(m.root, v);
  const before = wholeDecks(m.out);
  const cli = startCli(['build', ...args], m.root);
  await ready(cli);
  cli.child.kill(signal);
  const exit = await cli.exited;
  at = `${at}, pid ${cli.child.pid}`;
  const code = signal === 'SIGTERM' ? 143 : 130;
  // A signal that lands while Node is tearing the process down, its work done and its signal
  // watchers already closed, ends it by the signal itself: the status a shell reports is still
  // 128 + the signal's number, and what follows checks that nothing was left half-done.
  const byItself = exit.code === null && exit.signal === signal;
  if (byItself) expect(exit.stderr, `${at}: ended by ${signal} itself only once the build was over`).toMatch(/Built \d+ briefs? ok/);
  const e = { ...exit, code: byItself ? 128 + osConstants.signals[signal] : exit.code };
  expect([0, code], `${at}: ${said(e)}`).toContain(e.code);
  expect(e.stderr, `${at}: no stack trace`).not.toMatch(/\n\s+at |Error\b/);
  const after = wholeDecks(m.out);
  for (const d of DECKS) {
    if (e.code === 0) expect(after[d], `${at}: finished, so ${d} is the new deck`).toBe(m.expected[v][d]);
    else expect([before[d], m.expected[v][d]], `${at}: ${d} is the previous or the new deck`).toContain(after[d]);
  }
  expect(tempsOf(cli.child.pid!), `${at}: no temp file in ${tmpdir()}`).toEqual([]);
  return { code: e.code, replaced: DECKS.filter((d) => after[d] !== before[d]).length };
}

describe(`SIGTERM and Ctrl-C during a build of ${NAMES.length} briefs`, () => {
  it(`${KILLS} SIGTERMs at random moments: exit 143 (or 0 if done), only whole decks, each the previous or the new one, no temp file`, async () => {
    const seed = Number(process.env.BRIEFDECK_SIGNAL_SEED ?? Date.now() % 2 ** 31);
    console.log(`signals.test.ts: SIGTERM moments seeded with ${seed} (replay: BRIEFDECK_SIGNAL_SEED=${seed})`);
    const rand = random(seed);
    const m = await multiProject();
    const log: string[] = [];
    let interrupted = 0;
    for (let i = 0; i < KILLS; i++) {
      const delay = Math.round(rand() * m.span);
      const at = `SIGTERM ${i + 1} of ${KILLS} (seed ${seed}, ${delay} ms after the build began)`;
      const r = await interrupt(m, i % 2 === 0 ? 0 : 1, 'SIGTERM', async (cli) => {
        await cli.line(FIRST);
        await sleep(delay);
      }, at);
      if (r.code === 143) interrupted++;
      log.push(`${delay} ms: exit ${r.code}, ${r.replaced} replaced`);
    }
    console.log(`signals.test.ts: ${KILLS} SIGTERMs within a ${Math.round(m.span)} ms build: ${log.join('; ')}`);
    // The moments fall within a build's length, so some land before its end.
    expect(interrupted, log.join('\n')).toBeGreaterThan(0);
  }, 900_000);

  it('Ctrl-C (SIGINT) as the second brief begins exits 130; the third deck stays the previous one', async () => {
    const m = await multiProject();
    const last = DECKS.at(-1)!;
    // The version whose third deck differs from the one in out/, so that "stays" means something.
    const v = wholeDecks(m.out)[last] === m.expected[0][last] ? 1 : 0;
    const before = wholeDecks(m.out);
    // One brief at a time, so the second begins as the first one's line is printed, and the
    // third is two builds away. On worker threads the third begins while the second is still
    // being built, and a fast build of it could end before the signal arrives on a busy machine.
    const r = await interrupt(m, v, 'SIGINT', (cli) => cli.line(FIRST), 'SIGINT', ['--jobs', '1']);
    expect(r.code).toBe(130);
    expect(wholeDecks(m.out)[last], 'the build stopped before the third brief').toBe(before[last]);
  }, 300_000);
});

describe('watch, stopped by a signal', () => {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`${signal} exits ${code}, says "Stopped watching.", and removes its staging folder`, async () => {
      // No brief yet: what is checked is how the watch ends, not what it builds.
      const { root, out } = project([]);
      const cli = startCli(['watch'], root);
      await cli.line(/Press Ctrl-C to stop\./);
      const pid = cli.child.pid!;
      // The staging folder exists while watching, so its removal is what is checked below.
      expect(readdirSync(out).filter((n) => n.startsWith(`.briefdeck-${pid}-watch-`))).toHaveLength(1);
      cli.child.kill(signal);
      const e = await cli.exited;
      expect(e.code, said(e)).toBe(code);
      expect(e.stderr).toContain('Stopped watching.');
      expectNothingScary(e.stderr);
      expect(readdirSync(out)).toEqual([]);
      expect(tempsOf(pid)).toEqual([]);
    }, 120_000);
  }
});

// Skipped without LibreOffice, a failure under CI (test/support/toolGate.ts).
describeWithTools('--pdf, interrupted while LibreOffice converts', toolGate('interrupted --pdf check', findTools(), ['soffice']), () => {
  it('SIGTERM stops soffice and leaves no /tmp/briefdeck-<pid>-lo-* or -export-* folder, and no PDF or temp file in out/', async () => {
    const { root, out } = project(['decision']);
    const cli = startCli(['build', 'briefs/decision.yaml', '--pdf'], root);
    const pid = cli.child.pid!;
    // Its profile folder is made by soffice itself: it is running.
    const work = await until(cli, () => tempsOf(pid).find((p) => /-lo-/.test(p) && existsSync(join(p, 'profile'))), 'soffice starting on its profile', 120_000);
    expect(tempsOf(pid).filter((p) => /-export-/.test(p)), 'the export folder exists meanwhile').toHaveLength(1);
    expect(processesMentioning(work), 'soffice runs').not.toEqual([]);
    cli.child.kill('SIGTERM');
    const e = await cli.exited;
    expect(e.code, said(e)).toBe(143);
    expect(e.stderr).not.toMatch(/\n\s+at |Error\b/);
    expect(tempsOf(pid)).toEqual([]);
    // A process killed with SIGKILL is gone once the kernel has run it again: allow it that.
    for (let i = 0; i < 100 && processesMentioning(work).length; i++) await sleep(50);
    expect(processesMentioning(work), 'no LibreOffice process is left on the removed profile').toEqual([]);
    wholeDecks(out, ['decision.pptx']);
  }, 120_000);
});

describe('kill -9: nothing can clean up, so the next run does', () => {
  it('a build killed with its temp deck on disk, a watch killed with its staging folder: the next run removes each, saying nothing of it', async () => {
    const { root, out } = project(['decision']);
    // strace widens the moment between writing the temp deck and renaming it: each fsync waits 2 s.
    if (spawnSync('strace', ['-V']).status === 0) {
      const child = spawn('strace', ['-f', '--seccomp-bpf', '-qq', '-o', '/dev/null', '-e', 'trace=fsync', '-e', 'inject=fsync:delay_enter=2000000', process.execPath, BIN, 'build'], {
        cwd: root,
        env: cliEnv(),
        stdio: 'ignore',
      });
      cleanups.push(() => child.kill('SIGKILL'));
      const exited = new Promise<void>((r) => child.on('exit', () => r()));
      let temp: RegExpExecArray | undefined;
      for (const end = Date.now() + 120_000; !temp && Date.now() < end; ) {
        temp = readdirSync(out).map((n) => /^\.briefdeck-(\d+)-[0-9a-f]+\.tmp$/.exec(n)).find((x) => x !== null) ?? undefined;
        if (!temp) await sleep(20);
      }
      expect(temp, 'the temp deck appeared').toBeDefined();
      const pid = Number(temp![1]);
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8'), 'the pid in the name is the CLI').toContain(BIN);
      process.kill(pid, 'SIGKILL');
      await exited;
      // The name an earlier version of briefdeck gave its temp decks, from the same dead process.
      const older = `.decision.pptx.${pid}.0123456789ab.tmp`;
      writeFileSync(join(out, older), 'stale');
      expect(readdirSync(out).sort(), 'kill -9 leaves the temp deck').toEqual([temp![0], older].sort());
    } else if (isCI()) {
      throw new Error('strace is not installed; .ci/run installs it');
    } else {
      console.warn('signals.test.ts: strace not found on PATH (apt-get install strace): a build killed between writing and renaming its temp deck is not tried');
    }

    // A watch, as it starts, removes the temp decks of dead processes.
    const watch = startCli(['watch'], root);
    await watch.line(/Press Ctrl-C to stop\./);
    const staging = readdirSync(out).filter((n) => n !== 'decision.pptx');
    expect(staging, 'only the staging folder of the watch is left').toEqual([expect.stringMatching(new RegExp(`^\\.briefdeck-${watch.child.pid}-watch-`))]);
    watch.child.kill('SIGKILL');
    const w = await watch.exited;
    expectNothingScary(w.stderr);
    expect(readdirSync(out).sort(), 'kill -9 leaves the staging folder').toEqual([...staging, 'decision.pptx'].sort());

    // A build removes the staging folder of the dead watch.
    const next = runCli(['build'], root);
    expect(next.code, next.stderr).toBe(0);
    expectNothingScary(next.stderr);
    expect(next.stdout).toMatch(/^✓ out\/decision\.pptx {2}\d+ slides/);
    wholeDecks(out, ['decision.pptx']);
  }, 300_000);
});
