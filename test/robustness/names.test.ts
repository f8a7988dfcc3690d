/**
 * The bad-input catalogue, names and what diagnostics name: two briefs built into one deck,
 * file names with control characters, names near the file system's limit, an empty --out, and
 * diagnostics that concern a flag, an environment variable or the output rather than a line.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/build.ts';
import { verifyDeck } from '../../src/package/index.ts';
import { expectError, expectFailed, GOOD_BRIEF, makeProject, positionOf, runMain, snapshot, type Project } from './harness.ts';

let project: Project | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

/** Anything a terminal acts on: C0 controls but newline, DEL, C1. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('two briefs, one deck', () => {
  it('build a/same.yaml b/same.yaml is an error naming both; the previous deck stays', async () => {
    project = await makeProject(['same']);
    project.write('a/same.yaml', GOOD_BRIEF);
    project.write('b/same.yaml', GOOD_BRIEF.replace('Minimal brief', 'Another brief'));
    const before = snapshot(project.out);
    const cli = await runMain(['build', 'a/same.yaml', 'b/same.yaml'], project.root);
    expect(cli.code).toBe(1);
    // In process, with a working folder of its own, the CLI names files by their full path.
    const [a, b] = [project.path('a/same.yaml'), project.path('b/same.yaml')];
    expect(cli.stderr).toContain(`${a}: error[E_OUTPUT_CLASH]: this brief and "${b}" would both be built into ${project.path('out/same.pptx')}`);
    expect(cli.stderr).toContain(`${b}: error[E_OUTPUT_CLASH]: this brief and "${a}" would both be built into`);
    expect(cli.stderr).toMatch(/\n {2}hint: rename one of the briefs/);
    expect(cli.stdout).not.toContain('✓');
    expect(snapshot(project.out)).toEqual(before);
  });

  it('briefs/x.yaml and briefs/x.yml clash too; the same file named twice does not', async () => {
    project = await makeProject();
    project.write('briefs/x.yaml', GOOD_BRIEF);
    project.write('briefs/x.yml', GOOD_BRIEF);
    project.write('briefs/y.yaml', GOOD_BRIEF);
    const cli = await runMain(['check'], project.root);
    expect(cli.code).toBe(1);
    expect(cli.stderr.match(/error\[E_OUTPUT_CLASH\]/g)).toHaveLength(2);
    expect(cli.stderr).toMatch(/Checked 1 brief ok, 2 failed/);
    expect((await runMain(['check', 'briefs/y.yaml', './briefs/y.yaml'], project.root)).code).toBe(0);
  });
});

describe('control characters in file names are escaped wherever a path is printed', () => {
  it('a newline and ESC [2J in a brief name picked up by briefs/*.yaml: one line each, nothing raw', async () => {
    project = await makeProject();
    const evil = 'bad\nname\u001b[2J';
    project.write(`briefs/${evil}.yaml`, GOOD_BRIEF.replace('  title: Minimal brief', '  title: "Minimal brief'));
    project.write(`briefs/${evil}-ok.yaml`, GOOD_BRIEF);
    const cli = await runMain(['build'], project.root);
    expect(cli.code).toBe(1);
    for (const text of [cli.stdout, cli.stderr]) expect(text).not.toMatch(RAW_CONTROL);
    const shown = project.path('briefs', 'bad\\nname\\x1b[2J');
    const lines = cli.stderr.split('\n');
    expect(lines).toContain(`[1/2] ${shown}-ok.yaml`);
    expect(lines.some((l) => l.startsWith(`${shown}.yaml:`) && /^:\d+:\d+: error\[E_YAML_SYNTAX\]/.test(l.slice(shown.length + 5))), cli.stderr).toBe(true);
    expect(cli.stdout).toContain(`✓ ${project.path('out', 'bad\\nname\\x1b[2J')}-ok.pptx`);
    expect(cli.stdout).toContain(`✗ ${shown}.yaml  failed`);
    // Under --json the names are JSON strings, which hold them escaped and read back exactly.
    const json = await runMain(['check', '--json'], project.root);
    expect(json.stdout).not.toMatch(RAW_CONTROL);
    const doc = JSON.parse(json.stdout) as { results: Array<{ brief: string }> };
    expect(doc.results.map((r) => r.brief)).toEqual([join(project.root, 'briefs', `${evil}-ok.yaml`), join(project.root, 'briefs', `${evil}.yaml`)]);
  });

  it('a flag value with control characters is escaped in its error', async () => {
    project = await makeProject();
    project.write('brief.yaml', GOOD_BRIEF);
    const cli = await runMain(['check', 'brief.yaml', '--theme', 'x\u001b]0;pwned\u0007'], project.root);
    expect(cli.code).toBe(1);
    expect(cli.stderr).not.toMatch(RAW_CONTROL);
    expect(cli.stderr).toContain('--theme: error[E_UNKNOWN_THEME]: no theme named "x\\x1b]0;pwned\\x07"');
  });
});

describe('long names and empty paths', () => {
  it('a 240-character brief name builds (the temp name does not grow with it)', async () => {
    project = await makeProject();
    const name = `${'n'.repeat(235)}.yaml`;
    expect(name).toHaveLength(240);
    const brief = project.write(name, GOOD_BRIEF);
    const r = await buildBrief(brief, { outDir: project.out, projectRoot: project.root });
    expect(r.ok, r.diagnostics.map((d) => d.message).join('\n')).toBe(true);
    expect(verifyDeck(readFileSync(r.out!))).toEqual([]);
  });

  it('--out "" is a usage error (exit 2), not the project folder', async () => {
    project = await makeProject();
    project.write('brief.yaml', GOOD_BRIEF);
    const before = snapshot(project.root);
    for (const cmd of [['build', 'brief.yaml'], ['watch', 'brief.yaml'], ['schema']]) {
      const cli = await runMain([...cmd, '--out', ''], project.root);
      expect(cli.code, `${cmd.join(' ')}: ${cli.stderr}`).toBe(2);
      expect(cli.stderr).toMatch(/--out needs a path/);
    }
    expect(snapshot(project.root)).toEqual(before);
  });
});

describe('diagnostics that concern no line of a file name what they concern', () => {
  it('an unknown --template or --theme names the flag; in the brief, the line of the field', async () => {
    project = await makeProject(['brief']);
    const text = `template: briefng\n${GOOD_BRIEF}`;
    const brief = project.write('brief.yaml', text);
    const viaFlags = await buildBrief(brief, { outDir: project.out, projectRoot: project.root, template: 'nope', theme: 'civik' });
    expectFailed(viaFlags, { code: 'E_UNKNOWN_TEMPLATE', file: '--template' });
    expectFailed(viaFlags, { code: 'E_UNKNOWN_THEME', file: '--theme', hint: /did you mean "civic"/ });
    const inBrief = await buildBrief(brief, { outDir: project.out, projectRoot: project.root });
    const at = positionOf(text, 'briefng');
    expectFailed(inBrief, { code: 'E_UNKNOWN_TEMPLATE', file: brief, line: at.line, col: at.col, path: 'template', hint: /did you mean "briefing"/ });
  });

  it('SOURCE_DATE_EPOCH=abc names the variable; E_STRICT names the brief; E_WRITE names the output', async () => {
    project = await makeProject(['brief']);
    const brief = project.write('brief.yaml', GOOD_BRIEF.replace('bluf:', 'bluf:\n  notes: ""\n').replace('sources:\n  - id', 'sources:\n  - id: unused\n    publisher: P\n    kind: press\n  - id'));
    const before = snapshot(project.out);
    const epoch = await buildBrief(brief, { outDir: project.out, projectRoot: project.root, env: { SOURCE_DATE_EPOCH: 'abc' } });
    expectFailed(epoch, { code: 'E_PACKAGE', file: 'SOURCE_DATE_EPOCH', hint: /git log/ });
    const strict = await buildBrief(brief, { outDir: project.out, projectRoot: project.root, strict: true });
    expectFailed(strict, { code: 'E_STRICT', file: brief });
    expect(snapshot(project.out)).toEqual(before);

    mkdirSync(join(project.out, 'taken.pptx'));
    writeFileSync(join(project.out, 'taken.pptx', 'keep'), 'x');
    const taken = project.write('taken.yaml', GOOD_BRIEF);
    const write = await buildBrief(taken, { outDir: project.out, projectRoot: project.root });
    expectFailed(write, { code: 'E_WRITE', file: join(project.out, 'taken.pptx') });
  });

  it('E_READ and E_TOO_LARGE have a position: the file as a whole, and where the limit falls', async () => {
    project = await makeProject();
    const missing = await buildBrief(project.path('nothere.yaml'), { outDir: project.out, projectRoot: project.root });
    expectFailed(missing, { code: 'E_READ', file: project.path('nothere.yaml'), line: 1, col: 1, hint: /file name/ });
    const huge = project.write('huge.yaml', `${GOOD_BRIEF}${'# padding line\n'.repeat(150_000)}`);
    const r = await buildBrief(huge, { outDir: project.out, projectRoot: project.root });
    const limit = 2 * 1024 * 1024 - GOOD_BRIEF.length;
    expectFailed(r, { code: 'E_TOO_LARGE', file: huge, line: GOOD_BRIEF.split('\n').length + Math.floor(limit / 15), col: (limit % 15) + 1 });
  });

  it('every diagnostic of a failing --json build names a file', async () => {
    project = await makeProject();
    project.write('brief.yaml', GOOD_BRIEF);
    const cli = await runMain(['build', 'brief.yaml', '--theme', 'nope', '--template', 'nope', '--json'], project.root);
    const doc = JSON.parse(cli.stdout) as { results: Array<{ diagnostics: Parameters<typeof expectError>[0] }> };
    expect(doc.results[0]!.diagnostics.length).toBe(2);
    expectError(doc.results[0]!.diagnostics, { code: 'E_UNKNOWN_THEME', file: '--theme' });
  });
});
