import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.ts';
import { titleFromName } from '../../src/cli/scaffold.ts';
import { loadBrief } from '../../src/load/loadBrief.ts';
import { Brief, PARTIES } from '../../src/load/schema.ts';
import { captureOut, formatAll, REPO } from '../support/helpers.ts';
import { remove, tempProject } from './helpers.ts';

const run = promisify(execFile);
const BIN = join(REPO, 'bin/briefdeck.js');

const cleanups: string[] = [];
afterEach(() => {
  for (const dir of cleanups.splice(0)) remove(dir);
});
function project(): string {
  const p = tempProject({ brief: false, templates: false });
  cleanups.push(p.root);
  return p.root;
}

describe('briefdeck new', () => {
  it('scaffolds a brief that then builds (the installed command, in an empty folder)', async () => {
    const root = project();
    const created = await run(process.execPath, [BIN, 'new', 'test-brief'], { cwd: root });
    expect(created.stdout).toContain('briefs/test-brief.yaml  created');
    const file = join(root, 'briefs/test-brief.yaml');
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/brief.schema.json');
    const built = await run(process.execPath, [BIN, 'build', '--strict'], { cwd: root });
    expect(built.stdout).toMatch(/^✓ out\/test-brief\.pptx {2}\d+ slides {2}\d+ KB {2}[\d.]+ m?s$/m);
    expect(built.stderr).toContain('Built 1 brief ok, 0 failed, 0 warnings.');
    expect(existsSync(join(root, 'out/test-brief.pptx'))).toBe(true);
  }, 60_000);

  it('loads with no errors or warnings and has every section of a brief', async () => {
    const root = project();
    expect(await main(['new', 'every-section'], captureOut(), { cwd: root })).toBe(0);
    const file = join(root, 'briefs/every-section.yaml');
    const loaded = await loadBrief(file);
    expect(formatAll(loaded.diagnostics)).toBe('');
    expect(loaded.value?.value.meta.title).toBe('Every section');
    const data = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    // template and theme are choices, shown commented out with their defaults; a decision
    // section belongs to decision briefs only, and a map needs real coordinates, so those two
    // are shown commented out too.
    const sections = Object.keys(Brief.shape).filter((k) => k !== 'template' && k !== 'theme' && k !== 'decision' && k !== 'map');
    expect(readFileSync(file, 'utf8')).toMatch(/^# decision:$/m);
    expect(readFileSync(file, 'utf8')).toMatch(/^# map:$/m);
    expect(Object.keys(data).sort()).toEqual(sections.sort());
    expect(readFileSync(file, 'utf8')).toMatch(/^# template: briefing$/m);
    expect(readFileSync(file, 'utf8')).toMatch(/^# theme: civic$/m);
  });

  it('states the delegation and trade-off fields as the schema takes them: two to four sides, a host, a side per member', async () => {
    const root = project();
    expect(await main(['new', 'sides'], captureOut(), { cwd: root })).toBe(0);
    const file = join(root, 'briefs/sides.yaml');
    const text = readFileSync(file, 'utf8');
    const words = ['no', 'one', 'two', 'three', 'four', 'five', 'six'];
    const range = /^# What each side may give and get: (\w+) to (\w+) parties/m.exec(text);
    expect(range && [words.indexOf(range[1]!), words.indexOf(range[2]!)]).toEqual([PARTIES.min, PARTIES.max]);
    expect(text).toMatch(/^ {2}# host: /m);
    expect(text).toMatch(/^ {6}# side: First side$/m);
    expect(text).not.toMatch(/travelling/i);
    // As many sides as the comment says, each member on one of them, the host named: no diagnostics.
    const more = Array.from({ length: PARTIES.max - 2 }, (_, i) => `    - name: Side ${i + 3}\n      may_seek:\n        - text: What side ${i + 3} may want.\n          sources: [source-one]\n`).join('');
    const edited = text
      .replace('  # host: ', '  host: ')
      .replace('      # side: First side', '      side: First side')
      .replace(/^(trade_offs:\n {2}parties:\n)/m, `$1${more}`);
    writeFileSync(file, edited);
    const loaded = await loadBrief(file);
    expect(formatAll(loaded.diagnostics)).toBe('');
    expect(loaded.value?.value.trade_offs?.parties).toHaveLength(PARTIES.max);
    expect(loaded.value?.value.delegation?.host).toBe('Who hosts the meeting, if anyone (a member, or e.g. a country)');
  });

  it('builds in process from a given working folder, with no warnings under --strict', async () => {
    const root = project();
    expect(await main(['new', 'scaffold'], captureOut(), { cwd: root })).toBe(0);
    const out = captureOut();
    expect(await main(['build', '--strict'], out, { cwd: root }), out.all()).toBe(0);
    expect(existsSync(join(root, 'out/scaffold.pptx'))).toBe(true);
  }, 30_000);

  it('refuses to overwrite an existing brief (exit 1, file untouched)', async () => {
    const root = project();
    expect(await main(['new', 'mine'], captureOut(), { cwd: root })).toBe(0);
    const file = join(root, 'briefs/mine.yaml');
    writeFileSync(file, 'my own words\n');
    const out = captureOut();
    expect(await main(['new', 'mine'], out, { cwd: root })).toBe(1);
    expect(out.err.join('\n')).toMatch(/mine\.yaml: error\[E_EXISTS\]: .*never overwrites\n {2}hint: /);
    expect(readFileSync(file, 'utf8')).toBe('my own words\n');
    // A .yml of the same name counts too: both would build to out/mine.pptx.
    writeFileSync(join(root, 'briefs/other.yml'), 'x');
    expect(await main(['new', 'other'], captureOut(), { cwd: root })).toBe(1);
  });

  it('accepts "name.yaml" as the name', async () => {
    const root = project();
    expect(await main(['new', 'named.yaml'], captureOut(), { cwd: root })).toBe(0);
    expect(readdirSync(join(root, 'briefs'))).toEqual(['named.yaml']);
  });

  it.each(['../escape', 'a/b', 'a\\b', '/abs', '.hidden', '-flag-like', 'sp ace', ''])('rejects the name %j (exit 2, nothing written)', async (name) => {
    const root = project();
    const out = captureOut();
    expect(await main(['new', '--', name], out, { cwd: root })).toBe(2);
    expect(out.err.join('\n')).toContain('usage: briefdeck new <name>');
    expect(existsSync(join(root, 'briefs')) ? readdirSync(join(root, 'briefs')) : []).toEqual([]);
    expect(existsSync(join(root, 'escape.yaml'))).toBe(false);
  });

  it('needs exactly one name', async () => {
    expect(await main(['new'], captureOut(), { cwd: project() })).toBe(2);
    expect(await main(['new', 'a', 'b'], captureOut(), { cwd: project() })).toBe(2);
  });

  it('prints JSON with --json', async () => {
    const root = project();
    const out = captureOut();
    expect(await main(['new', 'j', '--json'], out, { cwd: root })).toBe(0);
    expect(JSON.parse(out.out.join('\n'))).toEqual({ ok: true, file: join(root, 'briefs/j.yaml') });
    const again = captureOut();
    expect(await main(['new', 'j', '--json'], again, { cwd: root })).toBe(1);
    const doc = JSON.parse(again.out.join('\n')) as { ok: boolean; diagnostics: Array<{ code: string }> };
    expect(doc.ok).toBe(false);
    expect(doc.diagnostics[0]!.code).toBe('E_EXISTS');
  });

  it('makes a title from the name', () => {
    expect(titleFromName('china-trade_2025')).toBe('China trade 2025');
  });

  it('writes no date and rates no judgment: both are commented examples that load once uncommented', async () => {
    const root = project();
    expect(await main(['new', 'honest'], captureOut(), { cwd: root })).toBe(0);
    const file = join(root, 'briefs/honest.yaml');
    const text = readFileSync(file, 'utf8');
    // No live line carries a date, a likelihood or a confidence.
    const live = text.split('\n').filter((l) => !/^\s*#/.test(l));
    expect(live.filter((l) => /\d{4}-\d{2}-\d{2}|^\s*(as_of|date|likelihood|confidence):/.test(l))).toEqual([]);
    const plain = (await loadBrief(file)).value!.value;
    expect(plain.meta.as_of).toBeUndefined();
    expect(plain.key_judgments!.items.map((j) => [j.likelihood, j.confidence, j.basis])).toEqual([[undefined, undefined, 'assessment']]);
    expect(plain.context!.recent[0]!.basis).toBe('reporting');
    // The commented examples are valid fields: uncommented, the brief still loads clean.
    const example = /^(\s*)# ((?:as_of|likelihood_scale|date|reliability|credibility):|- statement:| {2}(?:statement|hedge|likelihood|confidence|basis|sources):)/;
    const uncommented = text
      .split('\n')
      .map((l) => l.replace(example, '$1$2'))
      .join('\n');
    expect(uncommented).not.toBe(text);
    writeFileSync(file, uncommented);
    const rated = await loadBrief(file);
    expect(formatAll(rated.diagnostics)).toBe('');
    const brief = rated.value!.value;
    expect(brief.meta.as_of).toBe('2025-01-31');
    expect(brief.meta.likelihood_scale).toBe('icd203');
    expect(brief.key_judgments!.items[1]).toMatchObject({ hedge: 'probably', likelihood: 'likely', confidence: 'low', basis: 'assessment' });
    expect(brief.sources[0]).toMatchObject({ date: '2025-01-30', reliability: 'B', credibility: 2 });
  });
});
