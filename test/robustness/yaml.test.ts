/**
 * The bad-input catalogue, YAML part: each bad brief fails with exit 1, one
 * `file:line:col: error[CODE]` line where there is a position, a hint, and writes nothing
 * (out/ byte-for-byte unchanged, though it holds a previous deck of the same name).
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../src/build.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { BAD, expectError, expectFailed, GOOD_BRIEF, makeProject, runMain, snapshot, type Expected, type Project } from './harness.ts';

interface Case {
  name: string;
  /** Fixture in test/fixtures/bad, or bytes made by the test. */
  fixture: string | (() => Uint8Array | string);
  errors: Expected[];
}

const CASES: Case[] = [
  { name: 'syntax error: unclosed quote', fixture: 'syntax-unclosed-quote.yaml', errors: [{ code: 'E_YAML_SYNTAX', line: 3, col: 10, hint: /never closed/ }] },
  { name: 'tab indentation', fixture: 'tab-indent.yaml', errors: [{ code: 'E_YAML_SYNTAX', line: 4, col: 1, hint: /tabs/ }] },
  { name: 'duplicate keys', fixture: 'duplicate-key.yaml', errors: [{ code: 'E_DUPLICATE_KEY', line: 6, col: 3, hint: /line 3/, path: 'meta.title' }] },
  { name: 'wrong type: a list where text belongs', fixture: 'wrong-type-list.yaml', errors: [{ code: 'E_SCHEMA', line: 3, col: 10, message: /expected text, got a list/, path: 'meta.title' }] },
  {
    name: 'wrong types: a number for text, text for a list',
    fixture: 'wrong-type-number.yaml',
    errors: [
      { code: 'E_SCHEMA', line: 5, col: 16, hint: /double quotes/, path: 'meta.prepared_by' },
      { code: 'E_SCHEMA', line: 8, col: 12, hint: /list/, path: 'bluf.sources' },
    ],
  },
  {
    name: 'unknown keys, with did-you-mean',
    fixture: 'unknown-key.yaml',
    errors: [
      { code: 'E_UNKNOWN_KEY', line: 3, col: 3, hint: 'did you mean "title"?', path: 'meta.titel' },
      { code: 'E_UNKNOWN_KEY', line: 9, col: 1, hint: 'did you mean "delegation"?', path: 'delegaton' },
    ],
  },
  { name: 'missing required text field', fixture: 'missing-field.yaml', errors: [{ code: 'E_MISSING_FIELD', line: 3, col: 3, hint: /prepared_by/, path: 'meta.prepared_by' }] },
  { name: 'empty file', fixture: 'empty.yaml', errors: [{ code: 'E_EMPTY', line: 1, col: 1 }] },
  { name: 'not UTF-8 (Latin-1 byte)', fixture: 'latin1.yaml', errors: [{ code: 'E_ENCODING', line: 3, col: 13, hint: /UTF-8/, message: /0xE9/ }] },
  {
    name: 'not UTF-8 (UTF-16 with BOM)',
    fixture: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(join(BAD, 'duplicate-key.yaml'), 'utf8'), 'utf16le')]),
    errors: [{ code: 'E_ENCODING', line: 1, col: 1, hint: /UTF-8/ }],
  },
  // yaml keeps the text of a value whose tag it cannot resolve: the deck would show it as the title.
  { name: 'unknown tag !!js/function', fixture: () => GOOD_BRIEF.replace('title: Minimal brief', 'title: !!js/function "function () { return 1 }"'), errors: [{ code: 'E_YAML_TAG', line: 2, col: 10, hint: /"!" tags/ }] },
  { name: 'unknown local tag !foo', fixture: () => GOOD_BRIEF.replace('title: Minimal brief', 'title: !foo x'), errors: [{ code: 'E_YAML_TAG', line: 2, col: 10, hint: /"!" tags/ }] },
  { name: 'a null: key, on its own line', fixture: () => `${GOOD_BRIEF}null: 3\n`, errors: [{ code: 'E_UNKNOWN_KEY', line: GOOD_BRIEF.split('\n').length, col: 1, message: /no name/ }] },
  { name: 'a list as a key (? [a, b])', fixture: () => `${GOOD_BRIEF}? [a, b]\n: 3\n`, errors: [{ code: 'E_YAML_KEY', line: GOOD_BRIEF.split('\n').length, col: 3, hint: /name: value/ }] },
];

let project: Project | undefined;
afterEach(() => {
  project?.cleanup();
  project = undefined;
});

/** Puts the case's brief into a fresh project whose out/ already holds `<name>.pptx`. */
async function setUp(name: string, fixture: Case['fixture']): Promise<{ file: string; before: Record<string, string> }> {
  project = await makeProject([name]);
  const file = project.path(`${name}.yaml`);
  if (typeof fixture === 'string') copyFileSync(join(BAD, fixture), file);
  else project.write(`${name}.yaml`, fixture());
  return { file, before: snapshot(project.out) };
}

const slug = (s: string) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();

describe('bad YAML briefs: error with position and hint, exit 1, nothing written', () => {
  // yaml prints some warnings itself (process.emitWarning); nothing but the CLI may print.
  const warnings: Error[] = [];
  const onWarning = (w: Error) => warnings.push(w);
  beforeAll(() => void process.on('warning', onWarning));
  afterAll(() => void process.off('warning', onWarning));

  for (const c of CASES) {
    it(c.name, async () => {
      const name = slug(c.name);
      const { file, before } = await setUp(name, c.fixture);
      warnings.length = 0;
      const r = await buildBrief(file, { outDir: project!.out, projectRoot: project!.root });
      expect(warnings.map((w) => w.message), 'warnings printed by a library').toEqual([]);
      expect(r.ok).toBe(false);
      for (const want of c.errors) expectError(r.diagnostics, { file, ...want });
      expect(snapshot(project!.out)).toEqual(before);

      // The same through the CLI: exit 1, the diagnostic line and its hint on stderr, a summary.
      const cli = await runMain(['build', file, '-o', project!.out]);
      expect(cli.code, cli.stderr).toBe(1);
      const first = c.errors[0]!;
      expect(cli.stderr).toContain(`${file}:${first.line}:${first.col}: error[${first.code}]`);
      expect(cli.stderr).toMatch(/\n {2}hint: \S/);
      expect(cli.stderr).toMatch(/0 briefs? ok, 1 failed/);
      expect(snapshot(project!.out)).toEqual(before);
    });
  }

  // Known gaps, each its own test so it fails on its own.
  it('syntax error: an unclosed [ is reported where it opens, not on the next line', async () => {
    const { file, before } = await setUp('unclosed-bracket', 'syntax-unclosed-bracket.yaml');
    const r = await buildBrief(file, { outDir: project!.out, projectRoot: project!.root });
    expect(snapshot(project!.out)).toEqual(before);
    // `  sources: [kcna` is line 8; the bracket is column 12. The hint should speak of the
    // unclosed bracket, not of indentation.
    expectFailed(r, { code: 'E_YAML_SYNTAX', file, line: 8, col: 12, hint: /never closed|bracket|\]/ });
  });

  it('missing required choice field (sources[0].kind) is E_MISSING_FIELD, not "undefined is not one of the allowed values"', async () => {
    const { file, before } = await setUp('missing-kind', 'missing-field.yaml');
    const r = await buildBrief(file, { outDir: project!.out, projectRoot: project!.root });
    expect(snapshot(project!.out)).toEqual(before);
    const kind = r.diagnostics.filter((d) => d.path === 'sources[0].kind');
    expect(kind.map(formatDiagnostic).join('\n')).not.toMatch(/undefined/);
    expectError(r.diagnostics, { code: 'E_MISSING_FIELD', path: 'sources[0].kind', file, line: 9, col: 5, hint: /kind/ });
  });
});

describe('hostile YAML: bounded, and no prototype pollution', () => {
  it('a 20 MB file fails with E_TOO_LARGE in bounded memory (time: npm run bench -- limits)', async () => {
    const { file, before } = await setUp('huge', () => {
      const line = `# ${'x'.repeat(76)}\n`;
      return `${readFileSync(join(BAD, 'duplicate-key.yaml'), 'utf8')}${line.repeat(Math.ceil((20 * 1024 * 1024) / line.length))}`;
    });
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const r = await buildBrief(file, { outDir: project!.out, projectRoot: project!.root });
    const ms = performance.now() - t0;
    const mb = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
    console.log(`20 MB brief: rejected in ${ms.toFixed(1)} ms, heap +${mb.toFixed(1)} MB`);
    const d = expectFailed(r, { code: 'E_TOO_LARGE', file, hint: /plain text/ });
    expect(d.message).toMatch(/limit/);
    expect(mb).toBeLessThan(32);
    expect(snapshot(project!.out)).toEqual(before);
    const cli = await runMain(['build', file, '-o', project!.out]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`${file}:${d.line}:${d.col}: error[E_TOO_LARGE]`);
  });

  it('a YAML alias bomb fails with E_ALIAS in bounded memory (time: npm run bench -- limits)', async () => {
    const { file, before } = await setUp('alias-bomb', 'alias-bomb.yaml');
    const heap0 = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    const r = await buildBrief(file, { outDir: project!.out, projectRoot: project!.root });
    const ms = performance.now() - t0;
    const mb = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024;
    console.log(`alias bomb (9 levels x 9 aliases, 9^9 strings if expanded): rejected in ${ms.toFixed(1)} ms, heap +${mb.toFixed(1)} MB`);
    expectFailed(r, { code: 'E_ALIAS', file, line: 16, col: 16, hint: /alias/ });
    expect(mb).toBeLessThan(64);
    expect(snapshot(project!.out)).toEqual(before);
  });

  it('__proto__ and constructor keys are unknown fields and pollute nothing', async () => {
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const { file, before } = await setUp('proto', 'proto-keys.yaml');
    const r = await buildBrief(file, { outDir: project!.out, projectRoot: project!.root });
    expect(r.ok).toBe(false);
    const unknown = r.diagnostics.filter((d) => d.code === 'E_UNKNOWN_KEY');
    expect(unknown.map((d) => d.path).sort()).toEqual(['__proto__', 'constructor', 'meta.__proto__', 'sources[0].__proto__']);
    expectError(unknown, { code: 'E_UNKNOWN_KEY', path: '__proto__', file, line: 11, col: 1 });
    expectError(unknown, { code: 'E_UNKNOWN_KEY', path: 'constructor', file, line: 13, col: 1 });
    expectError(unknown, { code: 'E_UNKNOWN_KEY', path: 'meta.__proto__', file, line: 6, col: 3 });
    expectError(unknown, { code: 'E_UNKNOWN_KEY', path: 'sources[0].__proto__', file, line: 20, col: 5 });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
    expect(snapshot(project!.out)).toEqual(before);
  });
});
