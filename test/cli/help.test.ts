import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../src/cli/main.ts';
import { captureOut } from '../support/helpers.ts';

describe('help', () => {
  it('briefdeck --help lists every command', async () => {
    const out = captureOut();
    expect(await main(['--help'], out)).toBe(0);
    const text = out.out.join('\n');
    for (const [name, c] of Object.entries(COMMANDS)) expect(text).toMatch(new RegExp(`^  ${name}\\s+${c.summary}$`, 'm'));
    for (const name of ['build', 'check', 'watch', 'new', 'schema']) expect(COMMANDS).toHaveProperty(name);
  });

  it('shows help and exits 2 with no command', async () => {
    const out = captureOut();
    expect(await main([], out)).toBe(2);
    expect(out.out.join('\n')).toContain('Commands:');
  });

  it.each(Object.keys(COMMANDS))('%s --help shows usage, options and examples', async (name) => {
    const out = captureOut();
    expect(await main([name, '--help'], out)).toBe(0);
    const text = out.out.join('\n');
    expect(text).toMatch(new RegExp(`^Usage: briefdeck ${name}`));
    expect(text).toContain('-h, --help');
    expect(text).toMatch(/Examples:\n {2}briefdeck /);
    expect(out.err).toEqual([]);
  });

  it('rejects unknown commands, including names inherited by every object', async () => {
    for (const name of ['bulid', 'constructor', 'toString', '__proto__']) {
      const out = captureOut();
      expect(await main([name], out), name).toBe(2);
      expect(out.err.join('\n')).toContain(`unknown command "${name}"`);
    }
  });

  it('rejects unknown options with the usage line', async () => {
    const out = captureOut();
    expect(await main(['new', 'x', '--frobnicate'], out)).toBe(2);
    expect(out.err.join('\n')).toContain('usage: briefdeck new <name>');
  });
});
