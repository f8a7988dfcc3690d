/**
 * The bad-input catalogue, the files around the brief: templates, partials and themes that are
 * folders, dangling or outside links, unreadable, named pipes, devices or too large. Each fails
 * its brief with exit 1 and a diagnostic at that file with a hint, never a stack trace; the
 * other briefs of the build still build; the previous deck stays byte-identical.
 */
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, afterEach, describe, expect, it, type TestContext } from 'vitest';
import { buildBrief } from '../../src/build.ts';
import { expectAllNamed, expectError, expectFailed, GOOD_BRIEF, makeProject, runCli, runMain, snapshot, unprivilegedCli, type Project } from './harness.ts';

let project: Project | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

/** A project with the repository's templates, a template `t` (a copy of briefing) and a brief using it. */
async function withTemplate(setUp: (templates: string) => void, brief = `template: t\n${GOOD_BRIEF}`) {
  project = await makeProject(['brief']);
  const templates = project.copyTemplates();
  mkdirSync(join(templates, 't', 'partials'), { recursive: true });
  writeFileSync(join(templates, 't', 'deck.hbs'), readFileSync(join(templates, 'briefing', 'deck.hbs')));
  setUp(templates);
  const file = project.write('brief.yaml', brief);
  const before = snapshot(project.out);
  const r = await buildBrief(file, { outDir: project.out, templatesDir: templates, projectRoot: project.root });
  expect(snapshot(project.out), 'the previous deck stays byte-identical').toEqual(before);
  return { r, templates, file };
}

const mkfifo = (path: string) => execFileSync('mkfifo', [path]);

describe('files of a template set: an error at the file, with a hint; nothing written', () => {
  it('a dangling symlink among the partials, though no template uses it', async () => {
    const { r, templates } = await withTemplate((t) => symlinkSync(join(t, 'partials', 'gone.hbs'), join(t, 't', 'partials', 'old.hbs')));
    expectFailed(r, { code: 'E_READ', file: join(templates, 't/partials/old.hbs'), line: 1, col: 1, message: /symbolic link to a file that does not exist/, hint: /link/ });
  });

  it('a dangling symlink pointing outside the templates folder (/nonexistent) is refused as outside', async () => {
    const { r, templates } = await withTemplate((t) => symlinkSync('/nonexistent', join(t, 't', 'partials', 'old.hbs')));
    expectFailed(r, { code: 'E_OUTSIDE', file: join(templates, 't/partials/old.hbs'), line: 1, col: 1, hint: /inside the templates folder/ });
  });

  it('a partial x.hbs that is a folder', async () => {
    const { r, templates } = await withTemplate((t) => mkdirSync(join(t, 'partials', 'x.hbs')));
    expectFailed(r, { code: 'E_READ', file: join(templates, 'partials/x.hbs'), line: 1, col: 1, message: /folder/, hint: /partial file/ });
  });

  it('deck.hbs that is a folder', async () => {
    const { r, templates } = await withTemplate((t) => {
      rmSync(join(t, 't', 'deck.hbs'));
      mkdirSync(join(t, 't', 'deck.hbs'));
    });
    expectFailed(r, { code: 'E_READ', file: join(templates, 't/deck.hbs'), line: 1, col: 1, message: /folder/ });
  });

  it('partials/ that is a file', async () => {
    const { r, templates } = await withTemplate((t) => {
      rmSync(join(t, 't', 'partials'), { recursive: true });
      writeFileSync(join(t, 't', 'partials'), 'not a folder');
    });
    expectFailed(r, { code: 'E_READ', file: join(templates, 't/partials'), message: /a file, not a folder/ });
  });

  it('themes/x.yaml that is a folder', async () => {
    const { r, templates } = await withTemplate((t) => mkdirSync(join(t, 'themes', 'x.yaml')), `theme: x\n${GOOD_BRIEF}`);
    expectFailed(r, { code: 'E_READ', file: join(templates, 'themes/x.yaml'), line: 1, col: 1, message: /folder/ });
  });

  it('a partial symlinked to /etc/hostname: E_OUTSIDE, and the host name reaches no deck', async () => {
    const { r, templates } = await withTemplate((t) => symlinkSync('/etc/hostname', join(t, 't', 'partials', 'title-slide.hbs')));
    expectFailed(r, { code: 'E_OUTSIDE', file: join(templates, 't/partials/title-slide.hbs'), line: 1, col: 1, hint: /copy the file there/ });
  });

  it('a template folder that is a symlink to a folder outside', async () => {
    const outside = await makeProject();
    try {
      writeFileSync(outside.path('deck.hbs'), readFileSync(join(outside.copyTemplates(), 'briefing', 'deck.hbs')));
      const { r, templates } = await withTemplate((t) => {
        rmSync(join(t, 't'), { recursive: true });
        symlinkSync(outside.root, join(t, 't'));
      });
      expectFailed(r, { code: 'E_OUTSIDE', file: join(templates, 't/deck.hbs') });
    } finally {
      outside.cleanup();
    }
  });

  it('deck.hbs and a theme symlinked to whole, valid files outside the templates folder: E_OUTSIDE for each', async () => {
    const outside = await makeProject();
    try {
      const elsewhere = outside.copyTemplates();
      const { r, templates } = await withTemplate((t) => {
        rmSync(join(t, 't', 'deck.hbs'));
        symlinkSync(join(elsewhere, 'briefing', 'deck.hbs'), join(t, 't', 'deck.hbs'));
        symlinkSync(join(elsewhere, 'themes', 'civic.yaml'), join(t, 'themes', 'away.yaml'));
      }, `template: t\ntheme: away\n${GOOD_BRIEF}`);
      expectFailed(r, { code: 'E_OUTSIDE', file: join(templates, 't/deck.hbs'), line: 1, col: 1, hint: /inside the templates folder|copy the file there/ });
      expectError(r.diagnostics, { code: 'E_OUTSIDE', file: join(templates, 'themes/away.yaml'), line: 1, col: 1 });
    } finally {
      outside.cleanup();
    }
  });

  it('a theme symlinked to /dev/zero: E_OUTSIDE at once, nothing read', async () => {
    const { r, templates } = await withTemplate((t) => symlinkSync('/dev/zero', join(t, 'themes', 'zero.yaml')), `theme: zero\n${GOOD_BRIEF}`);
    expectFailed(r, { code: 'E_OUTSIDE', file: join(templates, 'themes/zero.yaml') });
  });

  it('a named pipe among the partials is refused before anything is read (in process: it cannot block)', async () => {
    const { r, templates } = await withTemplate((t) => mkfifo(join(t, 't', 'partials', 'pipe.hbs')));
    expectFailed(r, { code: 'E_READ', file: join(templates, 't/partials/pipe.hbs'), line: 1, col: 1, message: /named pipe/, hint: /ordinary file/ });
  });

  it('a theme and a partial over the size limit (2 MiB, as for briefs): E_TOO_LARGE where the limit falls', async () => {
    const big = `# ${'x'.repeat(99)}\n`.repeat(22_000);
    const { r, templates } = await withTemplate((t) => {
      writeFileSync(join(t, 'themes', 'big.yaml'), big);
      writeFileSync(join(t, 't', 'partials', 'big.hbs'), big);
    }, `template: t\ntheme: big\n${GOOD_BRIEF}`);
    const line = Math.floor((2 * 1024 * 1024) / 102) + 1;
    const col = ((2 * 1024 * 1024) % 102) + 1;
    expectFailed(r, { code: 'E_TOO_LARGE', file: join(templates, 't/partials/big.hbs'), line, col });
    expectError(r.diagnostics, { code: 'E_TOO_LARGE', file: join(templates, 'themes/big.yaml'), line, col });
  });

  it('a symlink that stays inside the templates folder is fine (control)', async () => {
    const { r } = await withTemplate((t) => symlinkSync(join(t, 'partials', 'closing-slide.hbs'), join(t, 't', 'partials', 'closing-slide.hbs')));
    expect(r.ok, r.diagnostics.map((d) => d.message).join('\n')).toBe(true);
  });
});

describe('a build goes on past a broken template', () => {
  it('three briefs, the second with a broken template: the first and third build, exit 1', async () => {
    project = await makeProject(['b']);
    const templates = project.copyTemplates();
    mkdirSync(join(templates, 'broken', 'partials'), { recursive: true });
    writeFileSync(join(templates, 'broken', 'deck.hbs'), readFileSync(join(templates, 'briefing', 'deck.hbs')));
    mkdirSync(join(templates, 'broken', 'partials', 'x.hbs'));
    project.write('briefs/a.yaml', GOOD_BRIEF);
    project.write('briefs/b.yaml', `template: broken\n${GOOD_BRIEF}`);
    project.write('briefs/c.yaml', GOOD_BRIEF);
    const previous = snapshot(project.out)['b.pptx'];
    const cli = await runMain(['build'], project.root);
    expect(cli.code, cli.stderr).toBe(1);
    expect(cli.stderr).toMatch(/templates\/broken\/partials\/x\.hbs:1:1: error\[E_READ\]/);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    expect(cli.stdout).toMatch(/✓ .*a\.pptx/);
    expect(cli.stdout).toMatch(/✓ .*c\.pptx/);
    expect(cli.stderr).toMatch(/Built 2 briefs ok, 1 failed/);
    expect(snapshot(project.out)['b.pptx']).toBe(previous);
  });
});

describe('pipes never block a build (real CLI, so that a hang is a failed run, not a stuck suite)', () => {
  it('a brief, an image, a partial and a theme that are named pipes: each E_READ, the good brief builds', async () => {
    project = await makeProject(['a-pipe', 'b-image', 'c-partial', 'd-theme']);
    const templates = project.copyTemplates();
    mkdirSync(join(templates, 'piped', 'partials'), { recursive: true });
    writeFileSync(join(templates, 'piped', 'deck.hbs'), readFileSync(join(templates, 'briefing', 'deck.hbs')));
    mkfifo(join(templates, 'piped', 'partials', 'pipe.hbs'));
    mkfifo(join(templates, 'themes', 'piped.yaml'));
    mkdirSync(project.path('briefs', 'figures'), { recursive: true });
    mkfifo(project.path('briefs', 'figures', 'pipe.png'));
    mkfifo(project.path('briefs', 'a-pipe.yaml'));
    project.write('briefs/b-image.yaml', `${GOOD_BRIEF}images:\n  - path: figures/pipe.png\n    alt: A map\n`);
    project.write('briefs/c-partial.yaml', `template: piped\n${GOOD_BRIEF}`);
    project.write('briefs/d-theme.yaml', `theme: piped\n${GOOD_BRIEF}`);
    project.write('briefs/e-good.yaml', GOOD_BRIEF);
    const before = snapshot(project.out);
    const cli = runCli(['build'], project.root);
    expect(cli.code, `${cli.stdout}\n${cli.stderr}`).toBe(1);
    expect(cli.stderr).toContain('briefs/a-pipe.yaml:1:1: error[E_READ]: cannot read the brief: this is a named pipe');
    expect(cli.stderr).toMatch(/briefs\/b-image\.yaml:\d+:\d+: error\[E_READ\]: images\[0\]\.path: image "figures\/pipe\.png": cannot read the image: this is a named pipe/);
    expect(cli.stderr).toContain('templates/piped/partials/pipe.hbs:1:1: error[E_READ]: cannot read the partial: this is a named pipe');
    expect(cli.stderr).toContain('templates/themes/piped.yaml:1:1: error[E_READ]: cannot read the theme: this is a named pipe');
    expect(cli.stderr).toMatch(/Built 1 brief ok, 4 failed/);
    const after = snapshot(project.out);
    delete after['e-good.pptx'];
    expect(after).toEqual(before);
  });
});

describe('as a user without the permissions (the CLI as "nobody" when the tests run as root)', () => {
  // Root ignores permissions: as root the CLI runs as "nobody", from the checkout when nobody can
  // reach it, else from a world-readable copy (a checkout in a private folder is out of reach).
  const root = process.getuid?.() === 0;
  const nobody = root ? unprivilegedCli() : undefined;
  afterAll(() => {
    if (nobody && !('skip' in nobody)) nobody.cleanup();
  });
  const asUser = (p: Project, ctx: TestContext) => {
    if (!root) return {};
    if (!nobody || 'skip' in nobody) {
      console.warn(`skipped: ${nobody?.skip}`);
      return ctx.skip(nobody?.skip);
    }
    execFileSync('chmod', ['-R', 'a+rX', p.root]);
    return nobody.as;
  };

  it('an unreadable partial is E_READ "permission denied"', async (ctx) => {
    project = await makeProject(['brief']);
    const templates = project.copyTemplates();
    project.write('brief.yaml', GOOD_BRIEF);
    const user = asUser(project, ctx);
    chmodSync(join(templates, 'partials', 'quotes.hbs'), 0o000);
    const before = snapshot(project.out);
    const cli = runCli(['build', 'brief.yaml'], project.root, user);
    expect(cli.code, cli.stderr).toBe(1);
    expect(cli.stderr).toContain('templates/partials/quotes.hbs:1:1: error[E_READ]: cannot read the partial: permission denied');
    expect(cli.stderr).toMatch(/\n {2}hint: \S/);
    expect(snapshot(project.out)).toEqual(before);
  });

  it('briefdeck new with briefs/ read-only is E_WRITE (and with briefs a file, in process)', async (ctx) => {
    project = await makeProject();
    mkdirSync(project.path('briefs'));
    const user = asUser(project, ctx);
    chmodSync(project.path('briefs'), 0o555);
    const cli = runCli(['new', 'x'], project.root, user);
    expect(cli.code, cli.stderr).toBe(1);
    expect(cli.stderr).toContain('briefs/x.yaml: error[E_WRITE]: could not create the brief: permission denied');
    expect(cli.stderr).not.toMatch(/\n\s+at /);

    rmSync(project.path('briefs'), { recursive: true });
    writeFileSync(project.path('briefs'), 'a file');
    const inProcess = await runMain(['new', 'x', '--json'], project.root);
    expect(inProcess.code).toBe(1);
    const json = JSON.parse(inProcess.stdout) as { ok: boolean; diagnostics: Parameters<typeof expectAllNamed>[0] };
    expect(json.ok).toBe(false);
    expectError(json.diagnostics, { code: 'E_WRITE', message: /is a file, not a folder/ });
  });
});
