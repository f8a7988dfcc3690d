import { describe, expect, it } from 'vitest';
import { parseBrief } from '../../src/load/loadBrief.ts';

/** A valid brief of 11 lines; its one source is the last mapping, so lines can be added to it. */
const BASE = `meta:
  title: T
  as_of: "2023-09-12"
  prepared_by: Desk
bluf:
  text: The bottom line.
  sources: [a]
sources:
  - id: a
    publisher: A
    kind: wire
`;

const brief = (url: string) => `${BASE}    url: "${url}"\n`;

describe('source urls', () => {
  it('accepts http and https links', () => {
    for (const url of ['https://example.org/a?b=1', 'http://example.org/']) expect(parseBrief(brief(url), 'x.yaml').value, url).toBeDefined();
  });

  it('refuses links that would run code or read files when clicked', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x']) {
      const r = parseBrief(brief(url), 'x.yaml');
      expect(r.value, url).toBeUndefined();
      expect(r.diagnostics[0]).toMatchObject({ code: 'E_SCHEMA', line: 12, path: 'sources[0].url' });
    }
  });
});

describe('sections need content', () => {
  const base = BASE;
  it.each([
    ['context', 'context:\n  notes: A script with no slide to go with it.\n'],
    ['outlook', 'outlook:\n  indicators: []\n  gaps: []\n'],
    ['trade_offs', 'trade_offs:\n  parties:\n    - name: A\n    - name: B\n'],
  ])('an empty %s section is an error at the section, not a silently empty slide', (section, yaml) => {
    const r = parseBrief(base + yaml, 'x.yaml');
    expect(r.value).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_SCHEMA', path: section, line: 13 });
    expect(r.diagnostics[0]!.message).toContain(`leave ${section} out`);
  });
});
