import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { startWatch, type Watcher, type WatchBuild } from '../../src/watch/watcher.ts';
import { captureOut, REPO, unzipParts } from '../support/helpers.ts';
import { BRIEF_NAME, nextBuild, remove, tempProject, waitFor } from './helpers.ts';

const TITLE = "title: Kim Jong Un's Train Trip to Russia";
// How long to wait for a rebuild before calling it missing: generous, because how fast a rebuild
// is belongs to `npm run bench -- watch` (budget 1000 ms), not to a test on a loaded machine.
const REBUILD_MS = 15_000;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
function project(): { root: string; brief: string; original: string; deck: string } {
  const p = tempProject();
  cleanups.push(p.cleanup);
  const brief = join(p.root, 'briefs', BRIEF_NAME);
  return { root: p.root, brief, original: readFileSync(brief, 'utf8'), deck: join(p.root, 'out/kim-putin-2023.pptx') };
}
async function watcher(root: string): Promise<Watcher> {
  const w = await startWatch({ root });
  cleanups.push(() => w.close());
  return w;
}
const slideText = (deck: string) => unzipParts(readFileSync(deck)).get('ppt/slides/slide1.xml') ?? '';

describe('briefdeck watch (the command)', () => {
  it('rebuilds on an edit, reports a broken edit and keeps watching, rebuilds the fix, stops cleanly', async () => {
    const { root, brief, original, deck } = project();
    const out = captureOut();
    const stop = new AbortController();
    const running = main(['watch'], out, { cwd: root, signal: stop.signal });
    cleanups.push(async () => {
      stop.abort();
      await running;
    });
    const decks = () => out.out.filter((l) => l.startsWith('✓ ') && l.includes('kim-putin-2023.pptx')).length;
    // The initial build (cold) comes first.
    await waitFor(() => out.err.some((l) => l.startsWith('Watching ')), 30_000, 'the watcher to start');
    expect(decks()).toBe(1);
    expect(out.out[0]).toMatch(/^✓ .*out\/kim-putin-2023\.pptx {2}\d+ slides {2}\d+ KB {2}[\d.]+ m?s$/);

    // An edit is rebuilt, and printed.
    writeFileSync(brief, original.replace(TITLE, `${TITLE}, edited`));
    await waitFor(() => decks() === 2, REBUILD_MS, 'the edited brief to be rebuilt');
    expect(slideText(deck)).toContain('Russia, edited');

    // A broken edit prints its error; the deck stays as it was.
    const before = statSync(deck).mtimeMs;
    writeFileSync(brief, original.replace('likelihood: likely', 'likelihood: probable'));
    await waitFor(() => out.out.some((l) => l.startsWith('✗ ')), REBUILD_MS, 'the broken brief to be reported');
    expect(out.err.join('\n')).toMatch(/kim-putin-2023\.yaml:\d+:\d+: error\[E_SCHEMA\]: key_judgments\.items\[0\]\.likelihood: .*\n {2}hint: .*"likely"/);
    expect(statSync(deck).mtimeMs).toBe(before);

    // The next good edit rebuilds.
    writeFileSync(brief, original.replace(TITLE, `${TITLE}, fixed`));
    await waitFor(() => decks() === 3, REBUILD_MS, 'the fixed brief to be rebuilt');
    expect(slideText(deck)).toContain('Russia, fixed');

    stop.abort();
    expect(await running).toBe(0);
    expect(out.err[out.err.length - 1]).toBe('Stopped watching.');
    // The staging folder is gone; only the deck is left.
    expect(readdirSync(join(root, 'out'))).toEqual(['kim-putin-2023.pptx']);
  }, 60_000);

  it('exits 130 on Ctrl-C (SIGINT), with no stack trace', async () => {
    const { root } = project();
    const child = spawn(process.execPath, [join(REPO, 'bin/briefdeck.js'), 'watch'], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    cleanups.push(() => child.kill('SIGKILL'));
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    await waitFor(() => stderr.includes('Press Ctrl-C to stop.'), 30_000, 'the watcher to start');
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stdout).toMatch(/^✓ out\/kim-putin-2023\.pptx/);
    expect(stderr).toContain('Stopped watching.');
    expect(stderr).not.toMatch(/Error|\n\s+at /);
  }, 60_000);

  it('prints one JSON object per result with --json', async () => {
    const { root } = project();
    const out = captureOut();
    const stop = new AbortController();
    const running = main(['watch', '--json', 'briefs/kim-putin-2023.yaml'], out, { cwd: root, signal: stop.signal });
    cleanups.push(async () => {
      stop.abort();
      await running;
    });
    const line = await waitFor(() => out.out[0], 30_000, 'the initial result');
    stop.abort();
    expect(await running).toBe(0);
    expect(JSON.parse(line)).toMatchObject({ brief: join(root, 'briefs/kim-putin-2023.yaml'), ok: true, out: join(root, 'out/kim-putin-2023.pptx') });
    expect(out.out).toHaveLength(1);
    expect(out.err).toEqual([]);
  }, 60_000);

  it('refuses a folder without briefs (exit 2)', async () => {
    const p = tempProject({ brief: false });
    cleanups.push(p.cleanup);
    const out = captureOut();
    expect(await main(['watch'], out, { cwd: p.root, signal: AbortSignal.abort() })).toBe(2);
    expect(out.err.join('\n')).toContain('no briefs/ folder here');
    expect(await main(['watch', 'briefs/none.yaml'], out, { cwd: p.root, signal: AbortSignal.abort() })).toBe(2);
  });
});

describe('the watcher', () => {
  it('rebuilds the briefs that use a changed partial or theme, and not for an unused theme', async () => {
    const { root } = project();
    const w = await watcher(root);
    const partial = join(root, 'templates/partials/claims.hbs');
    let built = nextBuild(w, REBUILD_MS);
    writeFileSync(partial, `${readFileSync(partial, 'utf8')}{{!-- touched --}}\n`);
    expect((await built).trigger).toEqual([partial]);

    // A theme nobody uses first, then the one the brief uses: only the second triggers a build.
    const civic = join(root, 'templates/themes/civic.yaml');
    const unused = join(root, 'templates/themes/unused.yaml');
    built = nextBuild(w, REBUILD_MS);
    writeFileSync(unused, readFileSync(civic, 'utf8'));
    writeFileSync(civic, `${readFileSync(civic, 'utf8')}\n# touched\n`);
    const b = await built;
    expect(b.trigger).toEqual([civic]);
    expect(b.result.ok).toBe(true);
  }, 60_000);

  it('builds a multi-write save once, from the final content', async () => {
    const { root, brief, original, deck } = project();
    const w = await watcher(root);
    const builds: WatchBuild[] = [];
    w.on('build', (b) => builds.push(b));
    // An editor that truncates, then writes a moment later: the first write is caught
    // mid-save (and chokidar drops the second write's event as a repeat within 50 ms).
    writeFileSync(brief, '');
    await new Promise((r) => setTimeout(r, 15));
    writeFileSync(brief, original.replace(TITLE, `${TITLE}, saved`));
    await waitFor(() => builds.length > 0, REBUILD_MS, 'a build');
    await w.idle();
    expect(builds.map((b) => b.result.ok)).toEqual([true]);
    expect(slideText(deck)).toContain('Russia, saved');
    expect(builds[0]!.latencyMs).toBeGreaterThan(0);
  }, 60_000);

  it('builds a brief added later, and reports a removed one', async () => {
    const { root, original } = project();
    const w = await watcher(root);
    const added = join(root, 'briefs/second.yaml');
    const built = nextBuild(w, REBUILD_MS, (b) => b.result.brief === added);
    writeFileSync(added, original);
    expect((await built).result.out).toBe(join(root, 'out/second.pptx'));
    const removed = new Promise<string>((r) => w.once('removed', r));
    remove(added);
    expect(await removed).toBe(added);
  }, 60_000);
});
