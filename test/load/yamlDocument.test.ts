import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Result } from '../../src/diagnostics.ts';
import { parseYaml, parseYamlWithSchema } from '../../src/load/yamlDocument.ts';
import { Theme } from '../../src/theme/schema.ts';

const heads = (r: Result<unknown>) => r.diagnostics.map((d) => `${d.line}:${d.col} ${d.severity}[${d.code}] ${d.path ?? ''}`.trim());

const THEME = `name: plain
fonts:
  heading: Arial
  body: Calibri
colors:
  background: "ffffff"
  text: "1a1a1a"
  muted: "666666"
  title: "0b2545"
  accent: "13315c"
  accentText: "ffffff"
  panel: "eef1f5"
  panelText: "1a1a1a"
  rule: "cccccc"
  cover: "0b2545"
  coverText: "ffffff"
  coverMuted: "c0c8d0"
  tableHeader: "13315c"
  tableHeaderText: "ffffff"
  tableStripe: "f4f6f8"
sizes: {title: 28, coverTitle: 40, body: 18, table: 14, ref: 10, footer: 9, banner: 10}
fit:
  titleFloor: 20
  bodyFloor: 14
  tableFloor: 10
  absoluteFloor: 8
  titleMaxLines: 2
  widthReserve: 0.1
  heightReserveLines: 1
  lineSpacing: 1.2
`;

describe('parseYamlWithSchema is generic (the theme schema)', () => {
  it('loads a valid theme, applying the schema transforms', () => {
    const r = parseYamlWithSchema(THEME, 'plain.yaml', Theme);
    expect(r.diagnostics).toEqual([]);
    expect(r.value?.value.colors.title).toBe('0B2545');
    expect(r.value?.positionOf(['fit', 'lineSpacing'])).toEqual({ line: 30, col: 16 });
  });

  it('suggests enum values and keys from the theme schema', () => {
    const bad = THEME.replace('body: Calibri', 'body: calibrii').replace('  accent: "13315c"', '  acent: "13315c"').replace('ref: 10', 'ref: 4');
    const r = parseYamlWithSchema(bad, 'plain.yaml', Theme);
    expect(heads(r)).toEqual([
      '4:9 error[E_SCHEMA] fonts.body',
      '6:3 error[E_MISSING_FIELD] colors.accent',
      '10:3 error[E_UNKNOWN_KEY] colors.acent',
      '21:62 error[E_SCHEMA] sizes.ref',
    ]);
    expect(r.diagnostics.map((d) => d.hint?.split(';')[0])).toEqual([
      'did you mean "Calibri"?',
      expect.stringContaining('add a line "accent: ..." under colors'),
      'did you mean "accent"?',
      'Source references and captions.',
    ]);
    expect(r.diagnostics[3]?.message).toBe('must be at least 6, got 4');
  });

  it('explains that an unquoted colour like 666666 is read as a number', () => {
    const r = parseYamlWithSchema(THEME.replace('muted: "666666"', 'muted: 666666'), 'plain.yaml', Theme);
    expect(heads(r)).toEqual(['8:10 error[E_SCHEMA] colors.muted']);
    expect(r.diagnostics[0]?.message).toBe('expected text, got a number (666666)');
    expect(r.diagnostics[0]?.hint).toBe('put the value in double quotes so it is read as text');
  });

  it('uses the schema\'s own message for a refinement', () => {
    const r = parseYamlWithSchema(THEME.replace('absoluteFloor: 8', 'absoluteFloor: 12'), 'plain.yaml', Theme);
    expect(heads(r)).toEqual(['23:3 error[E_SCHEMA] fit']);
    expect(r.diagnostics[0]?.message).toContain('absoluteFloor <= tableFloor');
  });

  it('honours maxBytes', () => {
    // The position is where the limit falls: byte 100 of the theme.
    const at = THEME.slice(0, 100).split('\n');
    expect(heads(parseYamlWithSchema(THEME, 'plain.yaml', Theme, { maxBytes: 100 }))).toEqual([`${at.length}:${at[at.length - 1]!.length + 1} error[E_TOO_LARGE]`]);
  });
});

describe('parseYaml', () => {
  const S = z.strictObject({ title: z.string(), list: z.array(z.string()).min(2).optional(), n: z.number().optional() });

  it('returns plain data with positions before any schema is applied', () => {
    const r = parseYaml('a:\n  b: [1, two]\n', 'x.yaml');
    expect(r.value?.value).toEqual({ a: { b: [1, 'two'] } });
    expect(r.value?.positionOf(['a', 'b', 1])).toEqual({ line: 2, col: 10 });
    expect(r.value?.keyPositionOf(['a', 'b'])).toEqual({ line: 2, col: 3 });
  });

  it('points an empty value at its key and says it is empty', () => {
    const r = parseYamlWithSchema('title:\nn: 1\n', 'x.yaml', S);
    expect(heads(r)).toEqual(['1:1 error[E_SCHEMA] title']);
    expect(r.diagnostics[0]?.message).toBe('expected text, but it is empty');
    expect(r.diagnostics[0]?.hint).toBe('fill in a value');
  });

  it('explains list sizes in items', () => {
    const r = parseYamlWithSchema('title: t\nlist: [one]\n', 'x.yaml', S);
    expect(r.diagnostics[0]?.message).toBe('needs at least 2 items, but has 1');
  });

  it('follows aliases when locating a path', () => {
    const r = parseYaml('base: &b\n  inner: x\ncopy: *b\n', 'x.yaml');
    expect(r.value?.value).toEqual({ base: { inner: 'x' }, copy: { inner: 'x' } });
    expect(r.value?.positionOf(['copy', 'inner'])).toEqual({ line: 2, col: 10 });
  });

  it('reports an alias with no anchor at the alias', () => {
    const r = parseYaml('a: 1\nb: *missing\n', 'x.yaml');
    expect(heads(r)).toEqual(['2:4 error[E_YAML_SYNTAX]']);
    expect(r.diagnostics[0]?.message).toContain('*missing');
  });

  it('fails on absurd nesting in bounded time, with one error (more in nesting.test.ts)', () => {
    const t0 = performance.now();
    const r = parseYaml('['.repeat(100_000), 'x.yaml');
    console.log(`100 000 nested brackets rejected in ${(performance.now() - t0).toFixed(0)} ms`);
    expect(r.value).toBeUndefined();
    expect(heads(r)).toEqual(['1:65 error[E_TOO_DEEP]']);
  });

  it('refuses tags it cannot resolve, at the tag: the value would be their text', () => {
    const r = parseYaml('a: !custom x\n', 'x.yaml');
    expect(heads(r)).toEqual(['1:4 error[E_YAML_TAG]']);
    expect(r.value).toBeUndefined();
  });

  it('cleans keys too, so a control character cannot reach a message or the terminal', () => {
    const r = parseYamlWithSchema('tit\u001b[31mle: x\n', 'x.yaml', S);
    expect(heads(r)).toEqual(['1:1 warning[W_FORBIDDEN_CHAR] tit[31mle', '1:1 error[E_MISSING_FIELD] title', '1:1 error[E_UNKNOWN_KEY] tit[31mle']);
    expect(JSON.stringify(r.diagnostics)).not.toContain('\u001b');
    const fixed = parseYamlWithSchema('ti\u0007tle: x\n', 'x.yaml', S);
    expect(heads(fixed)).toEqual(['1:1 warning[W_FORBIDDEN_CHAR] title']);
    expect(fixed.value?.value).toEqual({ title: 'x' });
  });

  it('treats a file of only "---" as empty, but not an explicit null', () => {
    expect(heads(parseYaml('---\n# nothing yet\n', 'x.yaml'))).toEqual(['1:1 error[E_EMPTY]']);
    expect(heads(parseYaml('~\n', 'x.yaml'))).toEqual(['1:1 error[E_NOT_MAPPING]']);
  });
});

describe('validate', () => {
  it('reports a required field as missing whatever its type: text, choice, literal or union', () => {
    const S = z.strictObject({
      s: z.string(),
      e: z.enum(['red', 'green']),
      l: z.literal('v1'),
      u: z.union([z.string(), z.number()]),
      o: z.enum(['x', 'y']).optional(),
      other: z.number(),
    });
    const r = parseYamlWithSchema('other: 1\n', 'x.yaml', S);
    expect(heads(r)).toEqual(['1:1 error[E_MISSING_FIELD] s', '1:1 error[E_MISSING_FIELD] e', '1:1 error[E_MISSING_FIELD] l', '1:1 error[E_MISSING_FIELD] u']);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['s', 'e', 'l', 'u'].map((n) => `the required field "${n}" is missing`));
    expect(r.diagnostics[1]?.hint).toBe('add a line "e: ..." at the top level; use one of: "red", "green"');
    expect(r.diagnostics[2]?.hint).toBe('add a line "l: ..." at the top level; use one of: "v1"');
  });

  it('keeps a rule\'s own message when it points at an absent optional field', () => {
    const S = z
      .strictObject({ type: z.string(), ask: z.string().optional() })
      .refine((v) => v.type !== 'decision' || v.ask !== undefined, { message: 'a decision brief needs an ask', path: ['ask'] });
    const r = parseYamlWithSchema('type: decision\n', 'x.yaml', S);
    expect(heads(r)).toEqual(['1:1 error[E_SCHEMA] ask']);
    expect(r.diagnostics[0]?.message).toBe('a decision brief needs an ask');
  });

  it('reports one problem per field, the first, when several checks fail on the same value', () => {
    const S = z.strictObject({ d: z.string().regex(/^\d{4}$/, 'expected four digits').refine((v) => v !== 'x', 'not x') });
    const r = parseYamlWithSchema('d: x\n', 'x.yaml', S);
    expect(r.diagnostics.map((d) => d.message)).toEqual(['expected four digits']);
  });
});
