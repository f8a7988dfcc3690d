/** The ASCII pass compile.mjs runs on the bundle (scripts/asciiOnly.mjs): same program, no byte over 0x7f. */
import { describe, expect, it } from 'vitest';
import { asciiOnly } from '../../scripts/asciiOnly.mjs';

const run = (js: string): unknown => new Function(`return (\n${js}\n);`)();

describe('asciiOnly', () => {
  it('escapes what is left in comments and regular expressions, with the same meaning', () => {
    const js = [
      '// a dash — in a comment',
      '/* and ’ here */ [/^(\\d+)–(\\d+)%$/.exec("55–80%")?.slice(1), /[\\s‐]+/.test("a‐b"), /😀/u.test("😀"), /^.$/u.test("😀"), /“[^”]*”/.exec("x “q” y")?.[0]]',
    ].join('\n');
    const out = asciiOnly(js);
    expect(out).toMatch(/^[\x00-\x7f]*$/);
    expect(out.split('\n')).toHaveLength(2);
    expect(run(out)).toEqual(run(js));
    expect(run(out)).toEqual([['55', '80'], true, true, true, '“q”']);
  });

  it('leaves ASCII text as it is', () => {
    const js = 'const a = "\\u2014"; // plain\n';
    expect(asciiOnly(js)).toBe(js);
  });

  it('refuses a non-ASCII character on a line of code with a template literal, naming the line', () => {
    expect(() => asciiOnly('const a = 1;\nconst b = String.raw`—`;')).toThrow(/line 2: .*U\+2014.*template literal/);
    // In a comment line, a backtick is only prose.
    expect(asciiOnly(' * `x` — y')).toBe(' * `x` \\u2014 y');
  });
});
