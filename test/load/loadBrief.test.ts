import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic, type Result } from '../../src/diagnostics.ts';
import { loadBrief, parseBrief } from '../../src/load/loadBrief.ts';

const DIR = 'test/fixtures/load';
const fixtureFile = (name: string) => fileURLToPath(new URL(`../fixtures/load/${name}`, import.meta.url));
const read = (name: string) => readFileSync(fixtureFile(name));
const parse = (name: string) => parseBrief(read(name), `${DIR}/${name}`);
const text = (name: string) => read(name).toString('utf8');

/** `line:col severity[CODE] path`: what the tests pin down for every diagnostic. */
const heads = (r: Result<unknown>) => r.diagnostics.map((d) => `${d.line}:${d.col} ${d.severity}[${d.code}] ${d.path ?? ''}`.trim());
const only = (r: Result<unknown>, code: string): Diagnostic => {
  const found = r.diagnostics.filter((d) => d.code === code);
  expect(found, `exactly one ${code} in ${JSON.stringify(heads(r))}`).toHaveLength(1);
  return found[0] as Diagnostic;
};

describe('valid briefs', () => {
  it('loads the minimal fixture with defaults applied and nothing to report', () => {
    const r = parse('minimal.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.value.meta).toEqual({
      title: 'Minimal brief',
      as_of: '2025-01-15',
      prepared_by: 'Open-source desk',
      type: 'information',
      marking: 'UNCLASSIFIED',
      likelihood_scale: 'icd203',
      language: 'en-US',
    });
    expect(r.value?.value.bluf.points).toEqual([]);
    expect(r.value?.file).toBe(`${DIR}/minimal.yaml`);
  });

  it('loads the fixture that uses every section', () => {
    const r = parse('full.yaml');
    expect(heads(r)).toEqual([]);
    expect(r.value?.value.image_credits[0]?.source).toBe('credit-only');
  });

  it('accepts a UTF-8 byte-order mark and strips it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), read('minimal.yaml')]);
    const r = parseBrief(bytes, 'bom.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.value.meta.title).toBe('Minimal brief');
    expect(r.value?.positionOf(['meta', 'title'])).toEqual({ line: 3, col: 10 });
  });
});

describe('YAML syntax', () => {
  it('points an unclosed quote at the quote on line 3, not at the end of the file', () => {
    const r = parse('unclosed-quote.yaml');
    expect(r.value).toBeUndefined();
    const first = formatDiagnostic(r.diagnostics[0] as Diagnostic);
    expect(first).toMatch(/^test\/fixtures\/load\/unclosed-quote\.yaml:3:13: error\[E_YAML_SYNTAX\]: .*MISSING_CHAR/);
  });

  it('points an unclosed [ at the bracket, not at the next line with an indentation hint', () => {
    // `  sources: [kcna` is line 8 of minimal.yaml; the bracket is column 12.
    const r = parseBrief(text('minimal.yaml').replace('sources: [kcna]', 'sources: [kcna'), 'x.yaml');
    expect(r.value).toBeUndefined();
    expect(heads(r)).toEqual(['8:12 error[E_YAML_SYNTAX]']);
    expect(r.diagnostics[0]?.message).toBe('the list opened with "[" is never closed (YAML BAD_INDENT)');
    expect(r.diagnostics[0]?.hint).toMatch(/^this \[ is never closed: end the list with \]/);
  });

  it('points an unclosed { at the bracket, also at the end of the file and inside another list', () => {
    const brace = parseBrief(text('minimal.yaml').replace('sources: [kcna]', 'sources: {a: kcna'), 'x.yaml');
    expect(heads(brace)).toEqual(['8:12 error[E_YAML_SYNTAX]']);
    expect(brace.diagnostics[0]?.hint).toMatch(/^this \{ is never closed: end the group with \}/);
    // The last line, with no line break after it.
    const last = parseBrief(`${text('minimal.yaml')}closing:\n  questions: [What next?`, 'x.yaml');
    expect(heads(last)).toEqual(['14:14 error[E_YAML_SYNTAX]']);
    // Nested: the innermost one still open, once (both end where the next field starts).
    const nested = parseBrief(text('minimal.yaml').replace('sources: [kcna]', 'sources: [kcna, {x: [kcna]'), 'x.yaml');
    expect(heads(nested)).toEqual(['8:19 error[E_YAML_SYNTAX]']);
    const closedInside = parseBrief(text('minimal.yaml').replace('sources: [kcna]', 'sources: [kcna, [kcna]'), 'x.yaml');
    expect(heads(closedInside)).toEqual(['8:12 error[E_YAML_SYNTAX]']);
  });

  it('reports bad indentation on line 3', () => {
    const r = parse('bad-indent.yaml');
    expect(heads(r)[0]).toBe('3:1 error[E_YAML_SYNTAX]');
    expect(r.diagnostics[0]?.message).toContain('BAD_INDENT');
  });

  it('gives tab indentation its own hint', () => {
    const r = parse('tab-indent.yaml');
    expect(formatDiagnostic(r.diagnostics[0] as Diagnostic)).toBe(
      'test/fixtures/load/tab-indent.yaml:3:1: error[E_YAML_SYNTAX]: Tabs are not allowed as indentation (YAML TAB_AS_INDENT)\n' +
        '  hint: YAML indents with spaces, not tabs: replace the tabs at the start of this line with spaces',
    );
  });

  it('reports a duplicate key at the second occurrence and names the first line', () => {
    const r = parse('duplicate-key.yaml');
    expect(r.value).toBeUndefined();
    expect(heads(r)).toEqual(['5:3 error[E_DUPLICATE_KEY] meta.title']);
    expect(r.diagnostics[0]?.hint).toContain('line 2');
  });

  it('rejects a second YAML document', () => {
    const r = parse('multi-doc.yaml');
    expect(heads(r)).toEqual(['3:1 error[E_MULTI_DOC]']);
    expect(r.diagnostics[0]?.message).toContain('a brief is one YAML document');
  });

  it('rejects a top level that is a list', () => {
    expect(heads(parse('not-mapping.yaml'))).toEqual(['2:1 error[E_NOT_MAPPING]']);
  });

  it.each(['empty.yaml', 'comments-only.yaml'])('reports %s as empty, with how to start', (name) => {
    const r = parse(name);
    expect(heads(r)).toEqual(['1:1 error[E_EMPTY]']);
    expect(r.diagnostics[0]?.hint).toContain('npx briefdeck new <name>');
  });
});

describe('schema problems', () => {
  it('explains a wrong type in plain words', () => {
    const r = parse('wrong-type.yaml');
    expect(heads(r)).toEqual(['2:10 error[E_SCHEMA] meta.title', '7:12 error[E_SCHEMA] bluf.sources']);
    expect(formatDiagnostic(r.diagnostics[0] as Diagnostic)).toBe(
      'test/fixtures/load/wrong-type.yaml:2:10: error[E_SCHEMA]: meta.title: expected text, got a number (1984)\n' +
        '  hint: put the value in double quotes so it is read as text',
    );
    expect(r.diagnostics[1]?.message).toBe('expected a list, got text ("kcna")');
  });

  it('suggests the key that was meant for an unknown top-level key', () => {
    const r = parse('unknown-key.yaml');
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'test/fixtures/load/unknown-key.yaml:8:1: error[E_UNKNOWN_KEY]: delegaton: unknown field "delegaton"\n' +
        '  hint: did you mean "delegation"?',
    ]);
  });

  it('suggests among the keys of the nested object for an unknown nested key', () => {
    const r = parse('unknown-nested-key.yaml');
    expect(heads(r)).toEqual([
      '10:7 error[E_MISSING_FIELD] delegation.members[0].role',
      '11:7 error[E_UNKNOWN_KEY] delegation.members[0].rol',
    ]);
    expect(r.diagnostics[1]?.hint).toBe('did you mean "role"?');
  });

  it('lists the allowed keys when nothing is close', () => {
    const r = parse('three-problems.yaml');
    expect(only(r, 'E_UNKNOWN_KEY').hint).toBe(
      'the fields allowed here are: title, subtitle, as_of, prepared_by, audience, type, marking, likelihood_scale, language',
    );
  });

  it('points a missing field at the mapping it belongs in', () => {
    const r = parse('missing-fields.yaml');
    expect(heads(r)).toEqual([
      '1:1 error[E_MISSING_FIELD] sources',
      '2:3 error[E_MISSING_FIELD] meta.prepared_by',
    ]);
    expect(r.diagnostics[1]?.message).toBe('the required field "prepared_by" is missing');
    expect(r.diagnostics[1]?.hint).toContain('add a line "prepared_by: ..." under meta');
  });

  it('reports a missing choice field (an enum) as missing, at the mapping, with the allowed values', () => {
    const r = parseBrief(text('minimal.yaml').replace('    kind: state-media\n', ''), 'x.yaml');
    expect(heads(r)).toEqual(['10:5 error[E_MISSING_FIELD] sources[0].kind']);
    expect(r.diagnostics[0]?.message).toBe('the required field "kind" is missing');
    expect(r.diagnostics[0]?.hint).toMatch(/^add a line "kind: \.\.\." under sources\[0\]; use one of: "state-media", "wire", .*"other"/);
    expect(JSON.stringify(r.diagnostics)).not.toContain('undefined');

  });

  it('says an empty choice field is empty, not "null is not one of the allowed values"', () => {
    const r = parseBrief(text('minimal.yaml').replace('kind: state-media', 'kind:'), 'x.yaml');
    expect(heads(r)).toEqual(['12:5 error[E_SCHEMA] sources[0].kind']);
    expect(r.diagnostics[0]?.message).toBe('it is empty, but needs one of the allowed values');
    expect(r.diagnostics[0]?.hint).toMatch(/^use one of: "state-media"/);
  });

  it('suggests the closest allowed value for an invalid enum value', () => {
    const r = parse('invalid-enum.yaml');
    expect(heads(r)).toEqual([
      '11:19 error[E_SCHEMA] key_judgments.items[0].likelihood',
      '12:19 error[E_SCHEMA] key_judgments.items[0].confidence',
    ]);
    // "probable" is ICD 203's second-row word for "likely".
    expect(r.diagnostics[0]?.message).toBe('"probable-ish" is not one of the allowed values');
    expect(r.diagnostics[0]?.hint).toBe('did you mean "likely"?');
    expect(r.diagnostics[1]?.hint).toBe('did you mean "moderate"?');
  });

  it('lists the allowed values when no value is close', () => {
    const r = parseBrief(text('invalid-enum.yaml').replace('moderat', 'sure'), 'x.yaml');
    expect(r.diagnostics[1]?.hint).toBe('use one of: "low", "moderate", "high"');
  });

  it('reports all problems at once: three problems, three diagnostics', () => {
    const r = parse('three-problems.yaml');
    expect(heads(r)).toEqual([
      '3:10 error[E_SCHEMA] meta.as_of',
      '5:3 error[E_UNKNOWN_KEY] meta.classification',
      '7:3 error[E_MISSING_FIELD] bluf.text',
    ]);
  });

  it('reports syntax-level duplicates and schema problems in the same run', () => {
    const src = text('duplicate-key.yaml').replace('kind: state-media', 'kind: state media');
    expect(heads(parseBrief(src, 'x.yaml'))).toEqual(['5:3 error[E_DUPLICATE_KEY] meta.title', '12:11 error[E_SCHEMA] sources[0].kind']);
  });
});

describe('encoding and size', () => {
  it('rejects bytes that are not UTF-8, at their line and column', () => {
    // "café" saved as Latin-1: 0xE9 is not UTF-8 on its own.
    const bytes = Buffer.concat([Buffer.from('meta:\n  title: Minimal brief\n  subtitle: caf'), Buffer.from([0xe9]), Buffer.from('\n')]);
    const r = parseBrief(bytes, 'latin1.yaml');
    expect(heads(r)).toEqual(['3:16 error[E_ENCODING]']);
    expect(r.diagnostics[0]?.message).toContain('0xE9 at offset 44');
    expect(r.diagnostics[0]?.hint).toContain('UTF-8');
  });

  it('rejects UTF-16 with a hint to save as UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text('minimal.yaml'), 'utf16le')]);
    const r = parseBrief(bytes, 'utf16.yaml');
    expect(heads(r)).toEqual(['1:1 error[E_ENCODING]']);
    expect(r.diagnostics[0]?.hint).toContain('save as UTF-8');
  });

  it('rejects a 20 MB file before parsing it (time: npm run bench -- limits)', () => {
    const huge = new Uint8Array(20 * 1024 * 1024).fill(0x61);
    const t0 = performance.now();
    const r = parseBrief(huge, 'huge.yaml');
    const ms = performance.now() - t0;
    console.log(`20 MB brief (bytes) rejected in ${ms.toFixed(2)} ms`);
    // One line of "a": the limit falls on it after 2 MiB.
    expect(heads(r)).toEqual([`1:${2 * 1024 * 1024 + 1} error[E_TOO_LARGE]`]);
    expect(r.diagnostics[0]?.message).toBe('the file is 20.0 MiB; the limit is 2.0 MiB (reached on this line)');

    const t1 = performance.now();
    const s = parseBrief('a'.repeat(20 * 1024 * 1024), 'huge.yaml');
    console.log(`20 MB brief (string) rejected in ${(performance.now() - t1).toFixed(2)} ms`);
    expect(s.diagnostics[0]?.code).toBe('E_TOO_LARGE');
  });

  it('accepts a brief just under the limit', () => {
    const padding = `# ${'x'.repeat(2 * 1024 * 1024 - 1000)}\n`;
    const r = parseBrief(padding + text('minimal.yaml'), 'big.yaml');
    expect(r.diagnostics).toEqual([]);
  });
});

describe('hostile input', () => {
  it('stops a billion-laughs alias bomb with E_ALIAS (time: npm run bench -- limits)', () => {
    const t0 = performance.now();
    const r = parse('alias-bomb.yaml');
    const ms = performance.now() - t0;
    console.log(`alias bomb rejected in ${ms.toFixed(1)} ms`);
    expect(heads(r)).toEqual(['3:8 error[E_ALIAS]']);
  });

  it('rejects the alias bomb within a 64 MB heap (nothing expands it on the way)', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const script = `
      import { readFileSync } from 'node:fs';
      import { parseBrief } from './src/load/loadBrief.ts';
      const r = parseBrief(readFileSync('${DIR}/alias-bomb.yaml'), 'bomb.yaml');
      console.log(r.diagnostics.map((d) => d.code).join(','), (process.memoryUsage().heapUsed / 1e6).toFixed(0));`;
    const out = execFileSync(process.execPath, ['--max-old-space-size=64', '--import', 'tsx', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    });
    const [codes, heapMb] = out.trim().split(' ');
    console.log(`alias bomb in a 64 MB heap: ${codes}, heap in use afterwards ${heapMb} MB`);
    expect(codes).toBe('E_ALIAS');
  });

  it('does not let __proto__ or constructor keys pollute prototypes, at the top level or nested', () => {
    const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    const r = parse('proto.yaml');
    expect(heads(r)).toEqual([
      '1:1 error[E_UNKNOWN_KEY] __proto__',
      '2:1 error[E_UNKNOWN_KEY] constructor',
      '4:3 error[E_UNKNOWN_KEY] meta.__proto__',
      '5:3 error[E_UNKNOWN_KEY] meta.constructor',
      '16:5 error[E_UNKNOWN_KEY] sources[0].__proto__',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect((Object.prototype as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(typeof ({} as { constructor: unknown }).constructor).toBe('function');
  });

  it('reports each of 40 000 unknown keys (time, which pairwise key comparison made ~25 s: npm run bench -- limits)', () => {
    // yaml's own uniqueKeys check compares keys pairwise: ~25 s here, minutes at 2 MiB.
    const keys = Array.from({ length: 40_000 }, (_, i) => `field${i}: 1`).join('\n');
    const t0 = performance.now();
    const r = parseBrief(`${keys}\n${text('minimal.yaml')}`, 'keys.yaml');
    const ms = performance.now() - t0;
    console.log(`40 000 unknown keys: ${r.diagnostics.length} diagnostics in ${ms.toFixed(0)} ms`);
    expect(r.diagnostics).toHaveLength(40_000);
  });
});

describe('text cleaning', () => {
  it('removes control characters with a warning naming the field and the code points', () => {
    const r = parse('control-chars.yaml');
    expect(heads(r)).toEqual(['2:10 warning[W_FORBIDDEN_CHAR] meta.title', '4:16 warning[W_FORBIDDEN_CHAR] meta.prepared_by']);
    expect(r.diagnostics[0]?.message).toContain('U+0007');
    expect(r.diagnostics[1]?.message).toContain('U+001B, U+FFFF');
    expect(r.value?.value.meta.title).toBe('Minimal brief');
    expect(r.value?.value.meta.prepared_by).toBe('Open-source desk');
  });

  it('removes raw control characters and lone surrogates written straight into the file', () => {
    const src = text('minimal.yaml').replace('Minimal brief', 'Minimal\u0007 brief').replace('Open-source desk', 'Open\\uD800-source desk');
    const quoted = src.replace('prepared_by: Open\\uD800-source desk', 'prepared_by: "Open\\uD800-source desk"');
    const r = parseBrief(quoted, 'raw.yaml');
    expect(heads(r)).toEqual(['3:10 warning[W_FORBIDDEN_CHAR] meta.title', '5:16 warning[W_FORBIDDEN_CHAR] meta.prepared_by']);
    expect(r.diagnostics[1]?.message).toContain('U+D800');
    expect(r.value?.value.meta.title).toBe('Minimal brief');
    expect(r.value?.value.meta.prepared_by).toBe('Open-source desk');
  });

  it('normalises CRLF line endings without moving any position', () => {
    const lf = `${text('minimal.yaml')}closing:\n  notes: |\n    First line\n    second line\n  questions:\n    - "A question that\n      wraps"\n`;
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = parseBrief(lf, 'lf.yaml');
    const b = parseBrief(crlf, 'crlf.yaml');
    expect(b.diagnostics).toEqual([]);
    expect(b.value?.value).toEqual(a.value?.value);
    expect(b.value?.value.closing?.notes).toBe('First line\nsecond line\n');
    expect(b.value?.value.closing?.questions).toEqual(['A question that wraps']);
    expect(b.value?.positionOf(['bluf', 'text'])).toEqual(a.value?.positionOf(['bluf', 'text']));
    expect(b.value?.positionOf(['bluf', 'text'])).toEqual({ line: 7, col: 9 });
  });

  it('reads old Mac line endings (lone CR) as line breaks', () => {
    const r = parseBrief(text('minimal.yaml').replace(/\n/g, '\r'), 'mac.yaml');
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.positionOf(['bluf', 'text'])).toEqual({ line: 7, col: 9 });
  });
});

describe('sources', () => {
  it('reports unknown, duplicate and unused source ids', () => {
    const r = parse('unknown-source.yaml');
    expect(heads(r)).toEqual([
      '7:19 error[E_UNKNOWN_SOURCE] bluf.sources[1]',
      '12:9 warning[W_UNUSED_SOURCE] sources[1].id',
      '15:9 error[E_DUPLICATE_SOURCE] sources[2].id',
      '18:9 warning[W_UNUSED_SOURCE] sources[3].id',
    ]);
    expect(r.diagnostics[0]?.hint).toBe('did you mean "tass"?');
    expect(r.diagnostics[2]?.hint).toContain('line 9');
    expect(r.value).toBeUndefined();
  });

  it('finds citations in every place the schema allows them', () => {
    const renamed = text('full.yaml').replace(/- id: (\S+)/g, '- id: $1-gone');
    const r = parseBrief(renamed, 'full.yaml');
    const unknown = r.diagnostics.filter((d) => d.code === 'E_UNKNOWN_SOURCE').map((d) => d.path);
    expect(unknown.sort()).toEqual(
      [
        'bluf.points[0].sources[0]',
        'bluf.sources[0]',
        'bluf.sources[1]',
        'key_judgments.items[0].sources[0]',
        'delegation.members[0].sources[0]',
        'trade_offs.parties[0].may_seek[0].sources[0]',
        'trade_offs.parties[1].may_offer[0].sources[0]',
        'context.history[0].sources[0]',
        'timeline.events[0].sources[0]',
        'quotes.items[0].sources[0]',
        'outlook.gaps[0].sources[0]',
        'images[0].sources[0]',
        'image_credits[0].source',
      ].sort(),
    );
    // Every renamed source is now unused; the `sources[].id` definitions are not citations.
    expect(r.diagnostics.filter((d) => d.code === 'W_UNUSED_SOURCE')).toHaveLength(6);
  });

  it('gives a malformed citation the format error with a suggestion, not a second error', () => {
    const r = parseBrief(text('minimal.yaml').replace('sources: [kcna]', 'sources: [KCNA]'), 'x.yaml');
    expect(heads(r)).toEqual(['8:13 error[E_SCHEMA] bluf.sources[0]']);
    expect(r.diagnostics[0]?.hint).toBe('did you mean "kcna"?');
  });

  it('warns about the same person listed twice in the delegation', () => {
    const member = (name: string) =>
      `    - {name: ${name}, role: Minister, significance: Leads the talks., presence: confirmed, sources: [kcna]}\n`;
    const src = `${text('minimal.yaml')}delegation:\n  members:\n${member('Kim Yo-jong')}${member('Choe Son Hui')}${member('kim yo jong')}`;
    const r = parseBrief(src, 'x.yaml');
    expect(heads(r)).toEqual(['17:14 warning[W_DUPLICATE_MEMBER] delegation.members[2].name']);
    expect(r.diagnostics[0]?.hint).toContain('line 15');
    expect(r.value).toBeDefined();
  });
});

describe('positions and text lookup', () => {
  const loaded = parse('full.yaml').value;

  it('positionOf finds nodes by path and falls back to the nearest ancestor', () => {
    expect(loaded?.positionOf(['delegation', 'members', 0, 'role'])).toEqual({ line: 27, col: 13 });
    expect(loaded?.positionOf(['delegation', 'members', 5, 'role'])).toEqual({ line: 26, col: 5 });
    expect(loaded?.positionOf(['delegation', 'nope'])).toEqual({ line: 24, col: 3 });
    expect(loaded?.positionOf([])).toEqual({ line: 3, col: 1 });
  });
});

describe('loadBrief (files)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'briefdeck-load-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads a file and names it as given', async () => {
    const r = await loadBrief(fixtureFile('minimal.yaml'));
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.file).toBe(fixtureFile('minimal.yaml'));
    const bad = await loadBrief(fixtureFile('unknown-key.yaml'));
    expect(bad.diagnostics[0]?.file).toBe(fixtureFile('unknown-key.yaml'));
  });

  it('reports a missing file as E_READ with a hint', async () => {
    const r = await loadBrief('briefs/does-not-exist.yaml');
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'E_READ', file: 'briefs/does-not-exist.yaml', hint: expect.stringContaining('check the file name') }),
    ]);
  });

  it('reports a folder as E_READ', async () => {
    const r = await loadBrief(tmp);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_READ']);
    expect(r.diagnostics[0]?.message).toContain('folder');
  });

  it('rejects a 20 MB file from its size alone', async () => {
    const file = join(tmp, 'huge.yaml');
    writeFileSync(file, '');
    truncateSync(file, 20 * 1024 * 1024); // sparse: nothing is written, no more than the limit is read
    const t0 = performance.now();
    const r = await loadBrief(file);
    console.log(`20 MB brief file rejected in ${(performance.now() - t0).toFixed(2)} ms`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_TOO_LARGE']);
  });
});
