/**
 * Nothing a brief says is lost: every field of the brief schema reaches at least one shipped
 * template's deck. The schema is walked (through its JSON Schema) for its leaf fields; a fixture
 * that sets every one of them, each string a unique marker, is composed with every template, and
 * each field is found in the Deck IR: by the field path its text carries, by its text, or (for
 * the fields that steer rather than show, such as enums and citations) by what it changes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeDeck } from '../../src/compose/index.ts';
import type { Deck } from '../../src/compose/ir.ts';
import { listTemplates, readTemplateSet } from '../../src/compose/templateSet.ts';
import { formatDiagnostic } from '../../src/diagnostics.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';
import type { Brief } from '../../src/load/schema.ts';
import { briefJsonSchema } from '../../src/schema/briefSchema.ts';
import { REPO } from '../support/helpers.ts';

type Json = Record<string, unknown>;

/** Leaf field paths of a JSON Schema, lists written as `[]`: `delegation.members[].name`. */
function leaves(node: Json, path: string, defs: Json, out: Set<string>): Set<string> {
  const ref = node.$ref as string | undefined;
  if (ref) return leaves(defs[ref.split('/').pop()!] as Json, path, defs, out);
  const union = (node.anyOf ?? node.oneOf ?? node.allOf) as Json[] | undefined;
  if (union) {
    for (const n of union) leaves(n, path, defs, out);
    return out;
  }
  if (node.properties) {
    for (const [k, v] of Object.entries(node.properties as Json)) leaves(v as Json, path ? `${path}.${k}` : k, defs, out);
    return out;
  }
  const items = node.items as Json | undefined;
  if (node.type === 'array' && items && (items.properties || items.anyOf || items.oneOf || items.$ref)) return leaves(items, `${path}[]`, defs, out);
  out.add(path);
  return out;
}

/** Leaf paths a value sets, in the same notation, with each string leaf's value. */
function setLeaves(v: unknown, path: string, out: Map<string, string[]>): Map<string, string[]> {
  if (Array.isArray(v)) {
    // A list of strings or numbers (chart values) is one leaf.
    if (v.every((x) => typeof x === 'string' || typeof x === 'number')) out.set(path, [...(out.get(path) ?? []), ...v.map(String)]);
    else for (const x of v) setLeaves(x, `${path}[]`, out);
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) setLeaves(x, path ? `${path}.${k}` : k, out);
  } else out.set(path, [...(out.get(path) ?? []), String(v)]);
  return out;
}

/** A field path array as a leaf path: indexes become `[]`. */
const normal = (p: readonly (string | number)[]) => p.map((k) => (typeof k === 'number' ? '[]' : `.${k}`)).join('').replace(/^\./, '');

/** Every field path that travels in the IR. */
function origins(deck: Deck): Set<string> {
  const out = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (/origin$/i.test(k) && Array.isArray(x)) out.add(normal(x as (string | number)[]));
        else visit(x);
      }
    }
  };
  visit(deck.slides);
  return out;
}

/**
 * Fields that steer the deck rather than show their own words, each with what it changes.
 * A check sees the composed deck and the brief.
 */
const STEERS: Record<string, (deck: Deck, text: string, brief: Brief) => boolean> = {
  template: (_d, _t, b) => listTemplates(join(REPO, 'templates')).includes(b.template!),
  theme: (_d, _t, b) => b.theme === 'civic', // chooses the theme file: see the contrast and theme tests
  'meta.as_of': (d, _t, b) => d.meta.asOf === b.meta.as_of && /3 February 2032/.test(d.slides[0]!.layout === 'title' ? d.slides[0]!.lines.join() : ''),
  'meta.type': (_d, text) => text.includes('Decision briefing'),
  'meta.marking': (d) => d.meta.marking.text === 'TLP:AMBER',
  'meta.language': (d) => d.meta.language === 'en-GB',
  'key_judgments.items[].likelihood': (_d, text) => text.includes('"likelihood":"very likely"'),
  'key_judgments.items[].confidence': (_d, text) => text.includes('"confidence":"high"'),
  'delegation.members[].presence': (_d, text) => text.includes('Reported'),
  'timeline.events[].certainty': (_d, text) => text.includes('"certainty":"expected"'),
  'timeline.events[].date': (_d, text) => text.includes('January 2032'),
  'quotes.items[].kind': (_d, text) => text.includes('"kind":"reported"'),
  'extra_slides[].quotes[].kind': (_d, text) => text.includes('"kind":"direct"'),
  'sources[].kind': (_d, text) => text.includes('"kind":"wire service"'),
  'sources[].id': (d) => d.slides.some((s) => s.layout === 'sources' && s.sources.some((x) => x.id === 's1')),
  'image_credits[].source': (_d, text) => text.includes('F credit text [1]'),
  'images[].path': (d) => d.slides.some((s) => s.layout === 'image' && s.path === 'figure.png'),
  // Each extra slide sits right after the section it names.
  'extra_slides[].after': (d) => ['F xb title', 'F xt title', 'F xc title', 'F xq title'].every((t, i) => {
    const at = d.slides.findIndex((s) => s.title === t);
    const before = ['F bluf title', 'F del title', 'F ctx recent_title', 'F q title'][i];
    return at > 0 && d.slides[at - 1]!.title === before;
  }),
  'meta.likelihood_scale': (_d, text) => text.includes('Likelihood: ICD 203 scale'),
  'key_judgments.items[].hedge': (_d, text) => text.includes('“very likely”'),
  'sources[].reliability': (_d, text) => text.includes('"grade":"B2"'),
  'sources[].credibility': (_d, text) => text.includes('"grade":"B2"'),
  'extra_slides[].layout': (d) => ['bullets', 'table', 'comparison', 'quote'].every((l, i) => d.slides.find((s) => s.title === ['F xb title', 'F xt title', 'F xc title', 'F xq title'][i])?.layout === l),
};

/** The objects a list path leads to in the brief: `context.history[]` -> each history item. */
function objectsAt(value: unknown, path: string): Record<string, unknown>[] {
  let level: unknown[] = [value];
  for (const part of path.split('.')) {
    const key = part.replace(/\[\]$/, '');
    level = level.map((v) => (v as Record<string, unknown> | undefined)?.[key]).filter((v) => v !== undefined);
    if (part.endsWith('[]')) level = level.flat();
  }
  return level as Record<string, unknown>[];
}

/**
 * A claim's basis shows in how its text reads: "We assess that ..." for an assessment, "...
 * (reported by F src publisher)" for reporting, the text alone for a fact.
 */
function basisShown(field: string, brief: Brief, text: string): boolean {
  const claims = objectsAt(brief, field.replace(/\.basis$/, '')).filter((c) => typeof c.basis === 'string');
  return claims.length > 0 && claims.every((c) => {
    const body = String(c.text ?? c.statement).replace(/\.$/, '');
    if (c.basis === 'assessment') return text.includes(`We assess that ${body}`);
    if (c.basis === 'reporting') return text.includes(`${body} (reported by F src publisher)`);
    return text.includes(body) && !text.includes(`We assess that ${body}`) && !text.includes(`${body} (reported by`);
  });
}

/** Citation lists show as bracketed references ("[1]") wherever their claim is shown. */
const isCitation = (path: string) => /(^|\.)sources$/.test(path) || path === 'bluf.sources';

const fixture = readFileSync(join(REPO, 'test/fixtures/fields/every-field.yaml'), 'utf8');
const loaded = parseBrief(fixture, 'every-field.yaml');
const schema = briefJsonSchema() as Json;
const fields = leaves(schema, '', (schema.definitions ?? schema.$defs ?? {}) as Json, new Set());

describe('every brief field reaches a deck', () => {
  it('the fixture loads and sets every field the schema has', () => {
    expect(loaded.value, loaded.diagnostics.map(formatDiagnostic).join('\n')).toBeDefined();
    const set = setLeaves(loaded.value!.value, '', new Map());
    const missing = [...fields].filter((f) => !set.has(f));
    expect(missing, 'schema fields the fixture does not set: add them to every-field.yaml').toEqual([]);
    expect(fields.size).toBeGreaterThan(120);
  });

  it('each field is shown, or steers the deck, in at least one template', () => {
    const brief = loaded.value!.value;
    const values = setLeaves(brief, '', new Map());
    const decks = listTemplates(join(REPO, 'templates')).map((name) => {
      const r = composeDeck(brief, readTemplateSet(join(REPO, 'templates'), name).value!);
      expect(r.value, `${name}: ${r.diagnostics.map(formatDiagnostic).join('\n')}`).toBeDefined();
      return r.value!;
    });
    expect(decks.length).toBeGreaterThanOrEqual(2);
    const lost = [...fields].filter((field) =>
      !decks.some((deck) => {
        const text = JSON.stringify(deck);
        if (STEERS[field]) return STEERS[field](deck, text, brief);
        if (field.endsWith('.basis')) return basisShown(field, brief, text);
        if (isCitation(field)) return /\[1\]/.test(text);
        if (origins(deck).has(field)) return true;
        const vs = values.get(field) ?? [];
        return vs.length > 0 && vs.every((v) => text.includes(v));
      }),
    );
    expect(lost, 'fields no template shows').toEqual([]);
  });
});
