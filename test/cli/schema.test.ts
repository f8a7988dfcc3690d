import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.ts';
import { scaffoldBrief } from '../../src/cli/scaffold.ts';
import { briefJsonSchema, briefJsonSchemaText, SCHEMA_FILE, SCHEMA_ID } from '../../src/schema/briefSchema.ts';
import { captureOut, REPO } from '../support/helpers.ts';
import { remove, tempProject } from './helpers.ts';

const COMMITTED = join(REPO, SCHEMA_FILE);
const BRIEFS = join(REPO, 'briefs');
const shipped = readdirSync(BRIEFS).filter((f) => /\.ya?ml$/.test(f));

let validate: ValidateFunction;
beforeAll(() => {
  // Draft-07, as the committed schema declares: what VS Code's YAML extension validates with.
  const ajv = new Ajv({ allErrors: true, strict: true });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  validate = ajv.compile(JSON.parse(readFileSync(COMMITTED, 'utf8')) as object);
});

const valid = (data: unknown) => {
  const ok = validate(data) as boolean;
  return { ok, errors: (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`).join('\n') };
};
const kim = () => parse(readFileSync(join(BRIEFS, 'kim-putin-2023.yaml'), 'utf8')) as Record<string, any>;

describe('the committed JSON Schema', () => {
  it('is current with the zod schema (else run: npm run schema)', () => {
    expect(existsSync(COMMITTED), `${SCHEMA_FILE} is missing; run: npm run schema`).toBe(true);
    expect(readFileSync(COMMITTED, 'utf8'), `${SCHEMA_FILE} is out of date; run: npm run schema`).toBe(briefJsonSchemaText());
  });

  it('is a draft-07 schema with an id, a title and the field descriptions', () => {
    const s = briefJsonSchema() as Record<string, any>;
    expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(s.$id).toBe(SCHEMA_ID);
    expect(s.title).toBe('briefdeck brief');
    expect(s.properties.meta.properties.as_of.description).toMatch(/YYYY-MM-DD/);
    expect(s.properties.key_judgments.properties.items.items.properties.likelihood.enum).toContain('roughly even chance');
    expect(s.required).toEqual(expect.arrayContaining(['meta', 'bluf', 'sources']));
    // Fields with defaults are optional to write.
    expect(s.properties.meta.required).not.toContain('marking');
  });

  it.each(shipped)('accepts the shipped brief %s', (file) => {
    const r = valid(parse(readFileSync(join(BRIEFS, file), 'utf8')));
    expect(r.errors).toBe('');
    expect(r.ok).toBe(true);
  });

  it('accepts the brief that "briefdeck new" writes', () => {
    expect(valid(parse(scaffoldBrief('x'))).errors).toBe('');
  });

  it('rejects an unknown key', () => {
    const b = kim();
    b.meta.colour = 'blue';
    const r = valid(b);
    expect(r.ok).toBe(false);
    expect(r.errors).toContain('/meta additionalProperties');
  });

  it('rejects a value outside an enum', () => {
    const b = kim();
    b.key_judgments.items[0].likelihood = 'probable';
    const r = valid(b);
    expect(r.ok).toBe(false);
    expect(r.errors).toContain('/key_judgments/items/0/likelihood enum');
  });

  it('rejects a missing required field', () => {
    const b = kim();
    delete b.meta.title;
    const r = valid(b);
    expect(r.ok).toBe(false);
    expect(r.errors).toMatch(/\/meta required must have required property 'title'/);
  });

  it('rejects a malformed date and a trade-off with one side', () => {
    const b = kim();
    b.meta.as_of = '12 Sep 2023';
    b.trade_offs.parties.pop();
    const r = valid(b);
    expect(r.errors).toContain('/meta/as_of pattern');
    expect(r.errors).toContain('/trade_offs/parties minItems');
  });

  it('is pointed to by the shipped brief, by a path that resolves', () => {
    const modeline = '# yaml-language-server: $schema=../schema/brief.schema.json';
    expect(readFileSync(join(BRIEFS, 'kim-putin-2023.yaml'), 'utf8').split('\n')[0]).toBe(modeline);
    for (const file of shipped) {
      const m = /^# yaml-language-server: \$schema=(\S+)/m.exec(readFileSync(join(BRIEFS, file), 'utf8'));
      if (m) expect(existsSync(join(BRIEFS, m[1]!)), `${file}: ${m[1]}`).toBe(true);
    }
  });
});

describe('briefdeck schema', () => {
  const cleanups: string[] = [];
  afterEach(() => {
    for (const dir of cleanups.splice(0)) remove(dir);
  });
  const project = () => {
    const p = tempProject({ brief: false, templates: false });
    cleanups.push(p.root);
    return p.root;
  };

  it('writes schema/brief.schema.json, then finds it unchanged', async () => {
    const root = project();
    const out = captureOut();
    expect(await main(['schema'], out, { cwd: root })).toBe(0);
    expect(out.out[0]).toMatch(/✓ .*schema\/brief\.schema\.json {2}\d+ KB$/);
    expect(readFileSync(join(root, SCHEMA_FILE), 'utf8')).toBe(briefJsonSchemaText());
    const again = captureOut();
    expect(await main(['schema', '--json'], again, { cwd: root })).toBe(0);
    expect(JSON.parse(again.out.join('\n'))).toMatchObject({ ok: true, changed: false });
  });

  it('--check passes when current and fails (exit 1, nothing written) when stale or missing', async () => {
    const root = project();
    const missing = captureOut();
    expect(await main(['schema', '--check'], missing, { cwd: root })).toBe(1);
    expect(missing.err.join('\n')).toContain('error[E_SCHEMA_STALE]: the JSON Schema file is missing');
    expect(existsSync(join(root, SCHEMA_FILE))).toBe(false);
    expect(await main(['schema'], captureOut(), { cwd: root })).toBe(0);
    expect(await main(['schema', '--check'], captureOut(), { cwd: root })).toBe(0);
    writeFileSync(join(root, SCHEMA_FILE), '{}\n');
    const stale = captureOut();
    expect(await main(['schema', '--check'], stale, { cwd: root })).toBe(1);
    expect(stale.err.join('\n')).toContain('out of date');
    expect(readFileSync(join(root, SCHEMA_FILE), 'utf8')).toBe('{}\n');
  });

  it('--stdout prints the schema; --out chooses the file', async () => {
    const out = captureOut();
    expect(await main(['schema', '--stdout'], out)).toBe(0);
    expect(`${out.out.join('\n')}\n`).toBe(briefJsonSchemaText());
    const root = project();
    expect(await main(['schema', '--out', 'editor/brief.json'], captureOut(), { cwd: root })).toBe(0);
    expect(existsSync(join(root, 'editor/brief.json'))).toBe(true);
    expect(await main(['schema', '--stdout', '--check'], captureOut())).toBe(2);
  });
});
