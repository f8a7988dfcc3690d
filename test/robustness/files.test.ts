/**
 * File names and output: a brief named with spaces and non-ASCII letters builds to the same
 * name; a failing brief leaves its previous deck and does not stop the others; the build ends
 * with a summary and exit 1; an unwritable output gives E_WRITE and leaves no temp files.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/build.ts';
import { verifyDeck } from '../../src/package/index.ts';
import { expectFailed, GOOD_BRIEF, makeProject, positionOf, runCli, snapshot, unprivilegedCli, type Project } from './harness.ts';

let project: Project | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

const NAME = 'my brief — 김';

describe('file names', () => {
  it(`a brief named "${NAME}.yaml" builds to out/${NAME}.pptx (in process)`, async () => {
    project = await makeProject();
    const brief = project.write(`${NAME}.yaml`, GOOD_BRIEF);
    const r = await buildBrief(brief, { outDir: project.out, projectRoot: project.root });
    expect(r.ok, r.diagnostics.map((d) => d.message).join('\n')).toBe(true);
    expect(r.out).toBe(join(project.out, `${NAME}.pptx`));
    const bytes = readFileSync(join(project.out, `${NAME}.pptx`));
    expect(verifyDeck(bytes)).toEqual([]);
  });
});

describe('a build of several briefs (real CLI, in the project folder)', () => {
  it('the failing brief keeps its previous deck, the others build, the summary says so, exit 1', async () => {
    project = await makeProject(['b-broken']);
    project.write('briefs/a-good.yaml', GOOD_BRIEF);
    const broken = GOOD_BRIEF.replace('  title: Minimal brief', '  title: "Minimal brief');
    project.write('briefs/b-broken.yaml', broken);
    project.write(`briefs/${NAME}.yaml`, GOOD_BRIEF.replace('Minimal brief', 'Brief with a non-ASCII file name'));
    const previous = snapshot(project.out);

    const cli = runCli(['build'], project.root);
    expect(cli.code, `${cli.stdout}\n${cli.stderr}`).toBe(1);
    const at = positionOf(broken, '"Minimal brief');
    expect(cli.stderr).toContain(`briefs/b-broken.yaml:${at.line}:${at.col}: error[E_YAML_SYNTAX]`);
    expect(cli.stderr).toMatch(/\n {2}hint: \S/);
    expect(cli.stdout).toMatch(/✓ out\/a-good\.pptx/);
    expect(cli.stdout).toMatch(/✗ briefs\/b-broken\.yaml\s+failed/);
    expect(cli.stdout).toContain(`✓ out/${NAME}.pptx`);
    // The last line is the summary.
    expect(cli.stderr.trim().split('\n').pop()).toMatch(/^Built 2 briefs ok, 1 failed, \d+ warnings?\.$/);

    const after = snapshot(project.out);
    expect(after['b-broken.pptx'], 'the previous deck of the failing brief is untouched').toBe(previous['b-broken.pptx']);
    expect(after['unrelated.pptx']).toBe(previous['unrelated.pptx']);
    expect(Object.keys(after).sort()).toEqual(['a-good.pptx', 'b-broken.pptx', `${NAME}.pptx`, 'unrelated.pptx'].sort());
    expect(verifyDeck(readFileSync(project.path('out', `${NAME}.pptx`)))).toEqual([]);
  });
});

describe('unwritable output: E_WRITE, the previous deck stays, no temp files', () => {
  it('the deck path is taken by a folder (rename fails after the temp file was written)', async () => {
    project = await makeProject();
    mkdirSync(join(project.out, 'brief.pptx'));
    writeFileSync(join(project.out, 'brief.pptx', 'keep.txt'), 'x');
    const brief = project.write('brief.yaml', GOOD_BRIEF);
    const before = snapshot(project.out);
    const r = await buildBrief(brief, { outDir: project.out, projectRoot: project.root });
    expectFailed(r, { code: 'E_WRITE', hint: /writable/ });
    expect(snapshot(project.out), 'no temp file left, nothing changed').toEqual(before);
  });

  it('the output folder cannot be created (a file is in the way)', async () => {
    project = await makeProject();
    writeFileSync(project.path('blocked'), 'a file, not a folder');
    const brief = project.write('brief.yaml', GOOD_BRIEF);
    const before = snapshot(project.root);
    const r = await buildBrief(brief, { outDir: project.path('blocked', 'out'), projectRoot: project.root });
    expectFailed(r, { code: 'E_WRITE' });
    expect(snapshot(project.root)).toEqual(before);
  });

  it('a read-only output folder holding a previous deck (real CLI; as an unprivileged user when run as root)', async (ctx) => {
    // Root ignores permissions; run the CLI as "nobody", who can read the project but not write out/.
    const root = process.getuid?.() === 0;
    const nobody = root ? unprivilegedCli() : undefined;
    if (nobody && 'skip' in nobody) {
      console.warn(`read-only output folder test skipped: ${nobody.skip}`);
      return ctx.skip(nobody.skip);
    }
    if (nobody) ctx.onTestFinished(() => nobody.cleanup());
    project = await makeProject(['brief']);
    project.write('brief.yaml', GOOD_BRIEF);
    const before = snapshot(project.out);
    chmodSync(project.out, 0o555);
    try {
      if (root) chmodSync(project.root, 0o755);
      const cli = runCli(['build', 'brief.yaml'], project.root, nobody?.as ?? {});
      expect(cli.code, cli.stderr).toBe(1);
      expect(cli.stderr).toMatch(/error\[E_WRITE\]: could not write out\/brief\.pptx/);
      expect(cli.stderr).toMatch(/\n {2}hint: \S/);
      expect(cli.stderr).toMatch(/Built 0 briefs ok, 1 failed/);
      expect(snapshot(project.out), 'previous deck kept, no temp file').toEqual(before);
    } finally {
      chmodSync(project.out, 0o755);
    }
  });
});

describe('control cases', () => {
  it('the minimal brief (meta, bluf, sources; no closing section) builds', async () => {
    // test/fixtures/load/minimal.yaml calls itself "the smallest valid brief"; `closing` is optional.
    project = await makeProject();
    const minimal = GOOD_BRIEF.replace(/closing:\n.*\n$/, '');
    expect(minimal).not.toContain('closing');
    const brief = project.write('minimal.yaml', minimal);
    const r = await buildBrief(brief, { outDir: project.out, projectRoot: project.root });
    expect(r.ok, r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message}`).join('\n')).toBe(true);
    expect(existsSync(join(project.out, 'minimal.pptx'))).toBe(true);
  });

  it('a bad brief names its own file as given on the command line', async () => {
    project = await makeProject(['rel']);
    project.write('rel.yaml', '');
    const cli = runCli(['build', './rel.yaml'], project.root);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('./rel.yaml:1:1: error[E_EMPTY]');
  });
});
