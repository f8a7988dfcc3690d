/**
 * The CLI's error reporting and exit codes, run in-process through `main(argv, out, { cwd })`
 * with a capturing output, in a temporary project folder (templates copied from the repository
 * plus a broken one from test/fixtures/templates). One test runs the real bin/briefdeck.js as a
 * child process.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { captureOut, FIXTURES, REPO, MINIMAL_BRIEF } from '../support/helpers.ts';

// Builds and a child process: generous limits so a busy machine does not turn slowness into failures.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 30_000 });

/** A valid brief, with closing questions. */
const GOOD = `${MINIMAL_BRIEF.replace('Minimal brief', 'Good brief')}closing:
  questions: [What next?]
`;

/** Line 3 opens a quoted string that never closes (the quote is at column 10). */
const BAD_YAML = `meta:
  title: Broken brief
  as_of: "2025-01-15
  prepared_by: Open-source desk
`;

/** Line 7: a single id where a list is required (the value starts at column 12). */
const WRONG_TYPE = GOOD.replace('  sources: [kcna]\n', '  sources: kcna\n');

/** Line 8: "delegaton" for "delegation". */
const TYPO = GOOD.replace('sources:\n  - id', 'delegaton:\n  members: []\nsources:\n  - id');

/** Valid, with one warning: a source nobody cites. */
const WARNING = GOOD.replace('closing:', '  - id: ap\n    publisher: Associated Press\n    kind: wire\nclosing:');

let project: string;
const brief = (name: string) => join(project, 'briefs', name);

async function run(argv: string[], opts: { cwd?: string } = {}) {
  const out = captureOut();
  const code = await main(argv, out, opts);
  return { code, out, stdout: out.out.join('\n'), stderr: out.err.join('\n') };
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'briefdeck-cli-'));
  cpSync(join(REPO, 'templates'), join(project, 'templates'), { recursive: true });
  cpSync(join(FIXTURES, 'templates/bad-layout'), join(project, 'templates/bad-layout'), { recursive: true });
  mkdirSync(join(project, 'briefs'));
  writeFileSync(brief('good.yaml'), GOOD);
  writeFileSync(brief('bad-yaml.yaml'), BAD_YAML);
  writeFileSync(join(project, 'wrong-type.yaml'), WRONG_TYPE);
  writeFileSync(join(project, 'typo.yaml'), TYPO);
  writeFileSync(join(project, 'warning.yaml'), WARNING);
});

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('usage', () => {
  it('--help and help print the commands and exit 0', async () => {
    for (const arg of ['--help', '-h', 'help']) {
      const r = await run([arg]);
      expect(r.code, arg).toBe(0);
      expect(r.stdout).toContain('Usage: briefdeck <command>');
      expect(r.stdout).toMatch(/\n {2}build\s/);
      expect(r.stdout).toMatch(/\n {2}check\s/);
    }
  });

  it('no command prints the help but exits 2', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('Usage: briefdeck <command>');
  });

  it('--version prints the package version and exits 0', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
  });

  it('a command\'s --help shows its usage and options, exit 0', async () => {
    const r = await run(['build', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: briefdeck build /);
    expect(r.stdout).toContain('--strict');
  });

  it('an unknown command exits 2 and names the commands', async () => {
    const r = await run(['biuld']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "biuld"');
    expect(r.stderr).toContain('build');
    expect(r.stdout).toBe('');
  });

  it('an unknown option exits 2 with the command\'s usage line', async () => {
    const r = await run(['build', '--frobnicate', brief('good.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--frobnicate');
    expect(r.stderr).toContain('usage: briefdeck build');
  });

  it('an option missing its value exits 2', async () => {
    const r = await run(['check', brief('good.yaml'), '--template']);
    expect(r.code).toBe(2);
  });

  it('no files and no briefs/ folder exits 2', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'briefdeck-cli-empty-'));
    try {
      const r = await run(['check'], { cwd: empty });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no briefs/ folder');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('brief errors, with file:line:col', () => {
  it('malformed YAML: exit 1, the exact line and column', async () => {
    const file = brief('bad-yaml.yaml');
    const r = await run(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:3:10: error[E_YAML_SYNTAX]: `);
    expect(r.stderr).toMatch(/\n {2}hint: /);
    expect(r.stdout).toContain(`✗ ${file}  failed`);
  });

  it('a wrong type: exit 1, the field path and what was expected', async () => {
    const file = join(project, 'wrong-type.yaml');
    const r = await run(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:7:12: error[E_SCHEMA]: bluf.sources: expected a list`);
  });

  it('an unknown key: exit 1, did-you-mean', async () => {
    const file = join(project, 'typo.yaml');
    const r = await run(['check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}:8:1: error[E_UNKNOWN_KEY]: delegaton: unknown field "delegaton"`);
    expect(r.stderr).toContain('hint: did you mean "delegation"?');
  });

  it('a brief that does not exist: exit 1, not a crash', async () => {
    const r = await run(['check', join(project, 'nope.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/nope\.yaml.*error\[/);
  });
});

describe('template errors', () => {
  it('a template naming an unknown layout: exit 1, at the template line, did-you-mean', async () => {
    const r = await run(['check', 'briefs/good.yaml', '--template', 'bad-layout'], { cwd: project });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/templates\/bad-layout\/deck\.hbs:3:3: error\[E_TEMPLATE_LAYOUT\]: unknown layout "bulets"\n {2}hint: did you mean "bullets"\?/);
  });

  it('an unknown template name: exit 1, did-you-mean', async () => {
    const r = await run(['check', 'briefs/good.yaml', '--template', 'briefng'], { cwd: project });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[E_UNKNOWN_TEMPLATE]: no template named "briefng"');
    expect(r.stderr).toContain('did you mean "briefing"?');
  });

  it('bin/briefdeck.js in a project folder: the template path as the user sees it, exit status 1', () => {
    const child = spawnSync(process.execPath, [join(REPO, 'bin/briefdeck.js'), 'check', 'briefs/good.yaml', '--template', 'bad-layout'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 30_000,
    });
    expect(child.status).toBe(1);
    expect(child.stderr).toContain('templates/bad-layout/deck.hbs:3:3: error[E_TEMPLATE_LAYOUT]: unknown layout "bulets"');
    expect(child.stdout).toContain('✗ briefs/good.yaml  failed');
    expect(child.stderr).toContain('Checked 0 briefs ok, 1 failed, 0 warnings.');
  });
});

describe('several briefs', () => {
  it('a failing brief does not stop the others; exit 1; the summary counts both', async () => {
    const bad = brief('bad-yaml.yaml');
    const good = brief('good.yaml');
    const r = await run(['check', bad, good]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ ${bad}  failed`);
    expect(r.stdout).toMatch(new RegExp(`✓ ${good.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}  ok, \\d+ slides`));
    expect(r.out.err[r.out.err.length - 1]).toBe('Checked 1 brief ok, 1 failed, 0 warnings.');
  });

  it('build writes the good deck and not the bad one', async () => {
    const outDir = join(project, 'out-many');
    const r = await run(['build', brief('bad-yaml.yaml'), brief('good.yaml'), '--out', outDir]);
    expect(r.code).toBe(1);
    expect(existsSync(join(outDir, 'good.pptx'))).toBe(true);
    expect(existsSync(join(outDir, 'bad-yaml.pptx'))).toBe(false);
    expect(r.stdout).toMatch(/✓ .*good\.pptx {2}\d+ slides {2}\d+ KB/);
    expect(r.out.err[r.out.err.length - 1]).toBe('Built 1 brief ok, 1 failed, 0 warnings.');
  });

  it('with no files, checks every briefs/*.yaml of the working folder', async () => {
    const r = await run(['check'], { cwd: project });
    expect(r.code).toBe(1);
    expect(r.stdout.match(/^[✓✗] /gm)).toHaveLength(2);
    expect(r.stderr).toContain('[1/2]');
    expect(r.out.err[r.out.err.length - 1]).toBe('Checked 1 brief ok, 1 failed, 0 warnings.');
  });

  it('all good: exit 0, and warnings are counted in the summary', async () => {
    const r = await run(['check', brief('good.yaml'), join(project, 'warning.yaml')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning[W_UNUSED_SOURCE]');
    expect(r.out.err[r.out.err.length - 1]).toBe('Checked 2 briefs ok, 0 failed, 1 warning.');
  });

  it('--strict turns the warning into a failure', async () => {
    const r = await run(['check', '--strict', join(project, 'warning.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[E_STRICT]');
  });
});

describe('--json', () => {
  it('prints one parseable JSON document with the diagnostics, and nothing else on stdout', async () => {
    const bad = brief('bad-yaml.yaml');
    const typo = join(project, 'typo.yaml');
    const good = brief('good.yaml');
    const r = await run(['check', '--json', bad, typo, good]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as { ok: boolean; results: Array<Record<string, unknown> & { diagnostics: Array<Record<string, unknown>> }> };
    expect(json.ok).toBe(false);
    expect(json.results.map((x) => [x.brief, x.ok])).toEqual([
      [bad, false],
      [typo, false],
      [good, true],
    ]);
    expect(json.results[0]!.diagnostics[0]).toMatchObject({ severity: 'error', code: 'E_YAML_SYNTAX', file: bad, line: 3, col: 10 });
    expect(json.results[1]!.diagnostics[0]).toMatchObject({ severity: 'error', code: 'E_UNKNOWN_KEY', file: typo, line: 8, col: 1, path: 'delegaton', hint: 'did you mean "delegation"?' });
    expect(json.results[2]!.slides).toBeGreaterThan(0);
    for (const x of json.results) {
      expect(x).not.toHaveProperty('pptx');
      expect(x).not.toHaveProperty('deck');
      expect(x).not.toHaveProperty('placed');
      expect(typeof x.ms).toBe('number');
    }
  });
});
