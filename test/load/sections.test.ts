/**
 * The section parse (src/load/yaml/sections.ts) against the whole-document parse: for every
 * YAML file in the project, generated briefs of hostile text, and thousands of edits of them
 * (characters put in and taken out, lines moved, indented, doubled), parseYaml gives the same
 * data, the same diagnostics and the same position for every field either way.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setMemoProfile } from '../../src/memoBudget.ts';
import { parseYaml, type FieldPath } from '../../src/load/yamlDocument.ts';
import { clearSections, parseBySections } from '../../src/load/yaml/sections.ts';
import { briefYaml, generateBrief, mulberry32 } from '../fuzz/generate.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.') || e.name === 'dist' || e.name === 'out') return [];
    const p = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}

/** Every path in a value, and a few that are not there (under each mapping and list). */
function paths(value: unknown, path: FieldPath = []): FieldPath[] {
  const out: FieldPath[] = [path];
  if (Array.isArray(value)) {
    value.forEach((v, i) => out.push(...paths(v, [...path, i])));
    out.push([...path, value.length]);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...path, k]));
    out.push([...path, 'no_such_field']);
  }
  return out;
}

/** What parseYaml makes of `text`, with the position of every path, as plain data. */
function observed(text: string) {
  const result = parseYaml(text, 'doc.yaml');
  const parsed = result.value;
  return {
    diagnostics: result.diagnostics,
    value: parsed?.value,
    positions: parsed ? paths(parsed.value).map((p) => [p.join('.'), parsed.positionOf(p), parsed.keyPositionOf(p)]) : [],
  };
}

function whole(text: string) {
  const was = setMemoProfile('batch');
  try {
    return observed(text);
  } finally {
    setMemoProfile(was);
  }
}

/** Parsed by sections, twice: the second time from the kept sections. */
function bySections(text: string) {
  clearSections();
  const first = observed(text);
  expect(observed(text)).toEqual(first);
  return first;
}

/** Edits an analyst (or a slip of the keyboard) could make to a text. */
function edits(text: string, seed: number, count: number): string[] {
  const rand = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const bits = ['x', ' ', '\n', ':', ': ', '- ', '#', '"', "'", '[', ']', '{', '}', '&a ', '*a', '|', '>', '\t', '---\n', '%YAML 1.2\n', 'key: v\n', '\u0007', 'é', '\uD800', '? ', '!!str ', '...\n', '  '];
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    let t = text;
    const lines = () => t.split('\n');
    const kind = Math.floor(rand() * 6);
    const at = Math.floor(rand() * (t.length + 1));
    if (kind === 0) t = t.slice(0, at) + pick(bits) + t.slice(at);
    else if (kind === 1) t = t.slice(0, at) + t.slice(at + 1 + Math.floor(rand() * 8));
    else {
      const ls = lines();
      const i = Math.floor(rand() * ls.length);
      if (kind === 2) ls.splice(i, 0, ls[Math.floor(rand() * ls.length)]!); // a line doubled elsewhere
      else if (kind === 3) ls[i] = ls[i]!.trimStart(); // a line moved to column 0
      else if (kind === 4) ls[i] = `  ${ls[i]}`; // a line indented
      else ls.splice(i, 1); // a line deleted
      t = ls.join('\n');
    }
    out.push(t);
  }
  return out;
}

afterEach(() => clearSections());

describe('the section parse', () => {
  const files = yamlFiles(ROOT);

  it('finds the project YAML files to compare', () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.some((f) => f.endsWith('kim-putin-2023.yaml'))).toBe(true);
  });

  it('is used for a clean brief, and gives what the whole parse gives', () => {
    const text = readFileSync(join(ROOT, 'briefs', 'kim-putin-2023.yaml'), 'utf8');
    expect(parseBySections(text, 'b.yaml')).not.toBeNull();
    expect(bySections(text)).toEqual(whole(text));
  });

  it('every YAML file of the project: the same data, diagnostics and positions either way', () => {
    let sectioned = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (parseBySections(text, file) !== null) sectioned++;
      clearSections();
      expect(bySections(text), file).toEqual(whole(text));
    }
    expect(sectioned).toBeGreaterThan(files.length / 2);
  });

  it('generated briefs of hostile text, and edits of them and of the project files', () => {
    const texts = [...Array.from({ length: 12 }, (_, seed) => briefYaml(generateBrief(seed).brief)), ...files.slice(0, 40).map((f) => readFileSync(f, 'utf8'))];
    let sectioned = 0;
    let fellBack = 0;
    texts.forEach((text, i) => {
      for (const t of [text, ...edits(text, i, 30)]) {
        const used = parseBySections(t, 'doc.yaml') !== null;
        clearSections();
        if (used) sectioned++;
        else fellBack++;
        expect(bySections(t), JSON.stringify(t.slice(0, 200))).toEqual(whole(t));
      }
    });
    // Both ways were exercised: most edits leave a document clean, many do not.
    expect(sectioned).toBeGreaterThan(300);
    expect(fellBack).toBeGreaterThan(100);
  });

  it('keeps sections across edits: an edit of one section parses that section alone', () => {
    const text = readFileSync(join(ROOT, 'briefs', 'kim-putin-2023.yaml'), 'utf8');
    clearSections();
    parseBySections(text, 'b.yaml');
    const edited = text.replace(/^(bluf:.*\n(?: .*\n)*? +- text: )/m, '$1Edited: ');
    expect(edited).not.toBe(text);
    expect(bySections(edited)).toEqual(whole(edited));
  });

  it('falls back to the whole parse where sections could differ', () => {
    const cases: Record<string, string> = {
      anchors: 'a: &x 1\nb: *x\n',
      directive: '%YAML 1.2\n---\na: 1\nb: 2\n',
      marker: 'a: 1\n---\nb: 2\n',
      'end marker': 'a: 1\n...\nb: 2\n',
      'directive between fields': 'a: 1\n%TAG !e! tag:example.com,2000:\nb: 2\n',
      duplicate: 'a: 1\nb: 2\na: 3\n',
      'indented root': '  a: 1\nb: 2\n',
      'open quote': 'a: "one\nb: two"\n',
      'open bracket': 'a: [1,\nb: 2]\n',
      'forbidden character': 'a: 1\nb: "\u0007"\n',
      'text above the first field': 'just text\na: 1\n',
      'flow mapping': '{a: 1,\nb: 2}\n',
      'U+2028 before a field name': 'a: x\u2028b: y\n',
      'a line of one tab before the next field': 'a:\n\t\nb: 1\n',
      'a tab-indented comment': 'c:\n\t# note\n  x\na: 1\n',
      'a merge of a scalar (yaml throws)': 'a:\n  !!merge <<: x\n',
      'a timestamp and binary (shared objects)': 'b: !!timestamp 2001-12-14\nc: !!binary aGVsbG8=\n',
      'more fields than a generation keeps': Array.from({ length: 257 }, (_, i) => `f${i}: ${i}\n`).join(''),
    };
    for (const [name, text] of Object.entries(cases)) {
      expect(parseBySections(text, 'x.yaml'), name).toBeNull();
      expect(bySections(text), name).toEqual(whole(text));
    }
  });

  it('documents near the rules give the same either way, section parse or not', () => {
    const cases = [
      'a: 1\r\nb: 2\r\n',
      'a: 1\rb: 2\r',
      '\uFEFFa: 1\nb: 2\n',
      'a:\tx\nb:\ty\n',
      'a: |2\n   indented\nb: >-\n  folded\n  text\n',
      'a: |+\n  kept\n\n\nb: 1',
      'a: !!str 123\nb: !custom x\n',
      'a:\n  <<: {x: 1}\n  y: 2\nb: 3\n',
      'a: 1\n# a comment at column 0\n\nb: 2\n',
      'a: plain\n  continued\nb: "quoted\n  on two lines"\n',
      'a:\n- one\n- two\nb: [x,\n  y]\n',
      '"quoted": 1\nb: 2\n"b": 3\n',
      'true: 1\nnull: 2\n123: 3\n',
      'a-b: 1\na_b: 2\nA: 3\n',
      'a: 𝒳 astral 😀\nb: é\n',
      'a:\nb:\n',
      'a: 1\nb: 2',
      'a: 1\n? b\n: 2\n',
      'a: x\na: y\n',
      'a:\n  b: 1\n  b: 2\nc: 3\n',
      'a: [1, 2]\nb: {c: d}\nc: 1 # trailing\n',
      'a:\n  b\u2029c: 1\n',
      'a: x\u2028y\nb: 1\n',
    ];
    for (const text of cases) expect(bySections(text), JSON.stringify(text)).toEqual(whole(text));
  });

  it('is not used where no memo is kept (a cold build, a batch worker)', () => {
    const was = setMemoProfile('batch');
    try {
      expect(parseBySections('a: 1\nb: 2\n', 'x.yaml')).toBeNull();
    } finally {
      setMemoProfile(was);
    }
    expect(parseBySections('a: 1\nb: 2\n', 'x.yaml')).not.toBeNull();
  });

  it('a kept section is not changed by the builds that use it', () => {
    const text = 'meta:\n  title: One\nbluf:\n  - text: "two \\u0007"\nnotes: three\n';
    // The forbidden character makes that section fall back; the clean ones are kept.
    expect(bySections(text)).toEqual(whole(text));
    // Tagged values (a Date, a Buffer) are not kept: a caller could change them.
    const tagged = 'b: !!timestamp 2001-12-14\nc: !!binary aGVsbG8=\n';
    const v = observed(tagged).value as { b: Date; c: Uint8Array };
    v.b.setUTCFullYear(1999);
    v.c[0] = 0x4a;
    expect(observed(tagged).value).toEqual(whole(tagged).value);
    const clean = 'meta:\n  title: One\nnotes: three\n';
    clearSections();
    const first = observed(clean);
    (first.value as { meta: { title: string } }).meta.title = 'changed by a caller';
    expect(observed(clean).value).toEqual({ meta: { title: 'One' }, notes: 'three' });
  });
});
