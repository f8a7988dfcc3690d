import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS } from '../../src/cli/main.ts';
import { Brief } from '../../src/load/schema.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

type Node = { type?: string; properties?: Record<string, Node>; items?: Node; anyOf?: Node[] };

/** Every field path of the brief, as the README's field reference writes it (`a.b[].c`). */
function fieldPaths(node: Node, prefix = ''): string[] {
  const n = node.anyOf?.find((x) => x.type !== 'null') ?? node;
  if (n.type === 'object') return Object.entries(n.properties ?? {}).flatMap(([k, v]) => [prefix + k, ...fieldPaths(v, `${prefix}${k}.`)]);
  if (n.type === 'array' && n.items) return fieldPaths(n.items, `${prefix.replace(/\.$/, '')}[].`);
  return [];
}

describe('README', () => {
  it('shows how to build the decks and run the tests', () => {
    expect(readme).toContain('npm install');
    expect(readme).toContain('npm run build');
    expect(readme).toContain('npm test');
  });

  it('documents every field of the brief schema', () => {
    const paths = fieldPaths(z.toJSONSchema(Brief, { io: 'input', unrepresentable: 'any' }) as Node);
    expect(paths.length).toBeGreaterThan(50);
    const missing = paths.filter((p) => !readme.includes(`\`${p}\``));
    expect(missing).toEqual([]);
  });

  it('documents every command', () => {
    for (const name of Object.keys(COMMANDS)) expect(readme, name).toContain(`briefdeck ${name}`);
  });

  it('shows contact sheets that exist', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const img of images) expect(() => readFileSync(join(ROOT, img)), img).not.toThrow();
  });
});
