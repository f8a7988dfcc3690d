import { afterEach, describe, expect, it, vi } from 'vitest';
import { Document, parseDocument, YAMLError, type ErrorCode } from 'yaml';
import { parseBrief } from '../../../src/load/loadBrief.ts';
import { DEFAULT_SYNTAX_HINT, explainSyntaxError } from '../../../src/load/yaml/explainSyntaxError.ts';
import { parseYaml } from '../../../src/load/yamlDocument.ts';

/**
 * An error made up here, not taken from yaml: a code and a position, no message at all. `at`
 * is a marker in `source` ("⟨" is removed; the error is where it stood).
 */
function explain(code: ErrorCode, marked: string, width = 1) {
  const at = marked.indexOf('⟨');
  const source = marked.replace('⟨', '');
  return explainSyntaxError({ code, pos: [at, at + width] }, source, parseDocument(source));
}

describe('explainSyntaxError reads the code, the text and the document, never yaml\'s wording', () => {
  it.each<[string, ErrorCode, string, RegExp]>([
    ['": " inside text', 'BLOCK_AS_IMPLICIT_KEY', 'text: ⟨Kim said: we will go\n', /contains ": "/],
    ['text after a closing quote', 'UNEXPECTED_TOKEN', 'text: "It\'s a "⟨big" deal"\n', /after its closing quote/],
    ['@ at the start', 'BAD_SCALAR_START', 'text: ⟨@handle is here\n', /cannot start with this character/],
    ['` at the start', 'BAD_SCALAR_START', 'text: ⟨`x` is here\n', /cannot start with this character/],
    ['a dash after a key', 'UNEXPECTED_TOKEN', 'text: ⟨- a list here\n', /starts a list/],
  ])('%s', (_, code, marked, message) => {
    expect(explain(code, marked).message).toMatch(message);
  });

  it('a key line with no ": " (its whole key is the error)', () => {
    expect(explain('MISSING_CHAR', 'a: 1\n⟨not a field\n', 'not a field'.length)).toMatchObject({
      message: expect.stringContaining('neither "name: value"'),
      offset: 5,
    });
  });

  it('points an unclosed quote and an unclosed bracket at where they open', () => {
    expect(explain('MISSING_CHAR', 'a: "open\nb: c\n⟨')).toEqual({ hint: expect.stringMatching(/never closed/), offset: 3 });
    expect(explain('BAD_INDENT', 'a: [b, [c]\n⟨d: e\n')).toMatchObject({ message: 'the list opened with "[" is never closed', offset: 3 });
    expect(explain('MISSING_CHAR', 'x: 1\n{a: b⟨')).toMatchObject({ message: 'the group opened with "{" is never closed', offset: 5 });
  });

  it('keeps yaml\'s own message where the same code means something else', () => {
    // A list used as a key; text after a closing bracket, not a quote; a dash at the start of a line.
    expect(explain('BLOCK_AS_IMPLICIT_KEY', 'a:\n  b:\n⟨- c\n').message).toBeUndefined();
    expect(explain('UNEXPECTED_TOKEN', 'a: [x] ⟨b\n').message).toBeUndefined();
    expect(explain('UNEXPECTED_TOKEN', 'a: x\n⟨- b\n').message).toBeUndefined();
    // "%" is no reserved character; "#" right after a closed bracket is no unclosed bracket.
    expect(explain('BAD_SCALAR_START', 'text: ⟨%x\n')).toEqual({ hint: DEFAULT_SYNTAX_HINT, offset: 6 });
    expect(explain('MISSING_CHAR', 'a: [b]⟨#c\n')).toEqual({ hint: expect.stringMatching(/never closed/), offset: 6 });
  });
});

describe('warnings get a hint by their code', () => {
  it('an unresolved tag is an error, with the tag hint', () => {
    expect(parseYaml('a: !foo x\n', 'x.yaml').diagnostics).toMatchObject([{ code: 'E_YAML_TAG', hint: expect.stringMatching(/"!" tags/) }]);
  });

  it.each([
    ['a: &x: 1\n', /ends in ":"/],
    ['%FOO bar\n---\na: 1\n', /starting with "%"/],
  ])('%s', (text, hint) => {
    expect(parseYaml(text, 'x.yaml').diagnostics).toMatchObject([{ code: 'W_YAML', hint: expect.stringMatching(hint) }]);
  });
});

describe('with yaml\'s messages replaced by nonsense, the plain messages are unchanged', () => {
  const NONSENSE = 'zzz qqq';
  /** Every YAMLError's message reads as NONSENSE, whatever yaml wrote into it. */
  function garbleYamlMessages() {
    Object.defineProperty(YAMLError.prototype, 'message', { configurable: true, get: () => NONSENSE, set() {} });
  }
  afterEach(() => {
    delete (YAMLError.prototype as { message?: string }).message;
    vi.restoreAllMocks();
  });

  /** A brief whose last line (7) is `line`. */
  const brief = (line: string) => `meta:\n  title: T\n  as_of: "2023-09-12"\n  prepared_by: D\nbluf:\n  sources: [a]\n  ${line}\n`;
  it.each<[string, Record<string, unknown>]>([
    ['text: Kim said: we will go', { message: expect.stringContaining('contains ": "') }],
    [`text: "It's a "big" deal"`, { message: expect.stringContaining('after its closing quote') }],
    ['text: @handle is here', { message: expect.stringContaining('cannot start with this character') }],
    ['text: - a list here: b', { message: expect.stringContaining('starts a list') }],
    ['text: a\n  not a field', { line: 8, col: 3, message: expect.stringContaining('neither "name: value"') }],
    // yaml's own message, but the opening quote's position and the hint are this program's.
    ['text: "never closed', { line: 7, col: 9, hint: expect.stringContaining('never closed') }],
    ['text: [never closed', { line: 7, col: 9, message: expect.stringContaining('opened with "["') }],
    ['text: {never: closed', { line: 7, col: 9, message: expect.stringContaining('opened with "{"') }],
  ])('%s', (line, first) => {
    const plain = parseBrief(brief(line), 'b.yaml').diagnostics;
    garbleYamlMessages();
    const garbled = parseBrief(brief(line), 'b.yaml').diagnostics;
    expect(garbled[0]).toMatchObject(first);
    // Where yaml's own message is shown (there is no plain one), only that message changes.
    const unGarbled = garbled.map((d, i) => (d.message.startsWith(NONSENSE) ? { ...d, message: plain[i]?.message } : d));
    expect(unGarbled).toEqual(plain);
  });

  it('the garbling works: yaml\'s own messages do change, and keep their hints', () => {
    garbleYamlMessages();
    const d = parseBrief(brief('text: a\n\tmore: b'), 'b.yaml').diagnostics.find((x) => x.message.includes('TAB_AS_INDENT'));
    expect(d).toMatchObject({ message: `${NONSENSE} (YAML TAB_AS_INDENT)`, hint: expect.stringContaining('not tabs') });
  });

  it('aliases: an anchorless one and a bomb are told apart by the document, not by what toJS says', () => {
    vi.spyOn(Document.prototype, 'toJS').mockImplementation(() => {
      throw new ReferenceError(NONSENSE);
    });
    expect(parseYaml('a: &x 1\nb: *missing\n', 'x.yaml').diagnostics).toMatchObject([
      { code: 'E_YAML_SYNTAX', line: 2, col: 4, message: 'the alias *missing refers to no anchor &missing above it' },
    ]);
    expect(parseYaml('a: &x 1\nb: *x\n', 'x.yaml').diagnostics).toMatchObject([{ code: 'E_ALIAS', line: 2, col: 4 }]);
  });
});
