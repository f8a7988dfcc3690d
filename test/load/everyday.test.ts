import { describe, expect, it } from 'vitest';
import { parseBrief } from '../../src/load/loadBrief.ts';

/** A brief whose bluf line 6 is `line`. */
const brief = (line: string) => `meta:
  title: T
  as_of: "2023-09-12"
  prepared_by: D
bluf:
  ${line}
  sources: [a]
sources:
  - id: a
    publisher: A
    kind: wire
`;

describe('everyday YAML mistakes get a plain explanation and a fix', () => {
  it.each([
    ['text: Kim said: we will go', 'contains ": "', 'put the text in quotes'],
    [`text: "It's a "big" deal"`, 'goes on after its closing quote', 'single quotes'],
    ['text: @handle is here', 'cannot start with this character', 'put the text in quotes'],
    ['text: - a list here: b', 'starts a list', 'own line'],
  ])('%s', (line, message, hint) => {
    const d = parseBrief(brief(line), 'b.yaml').diagnostics[0]!;
    expect(d).toMatchObject({ code: 'E_YAML_SYNTAX', file: 'b.yaml', line: 6 });
    expect(d.message).toContain(message);
    expect(d.hint).toContain(hint);
  });
});
