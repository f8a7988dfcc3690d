import { describe, expect, it } from 'vitest';
import { defaultOut, paint, paintStdout, printDiagnostics, type Out } from '../../src/cli/output.ts';
import { main } from '../../src/cli/main.ts';
import { error } from '../../src/diagnostics.ts';
import { SHIPPED_BRIEF } from '../support/helpers.ts';

const tty = { stdout: true, stderr: true };
const ESC = '\u001b[';

describe('colour', () => {
  it('is used on a terminal', () => {
    const out = defaultOut({}, tty);
    expect(out.color).toBe(true);
    expect(out.stdoutColor).toBe(true);
  });

  it('is never used with NO_COLOR set, whatever its value', () => {
    for (const value of ['1', 'true', '0', 'false']) {
      const out = defaultOut({ NO_COLOR: value }, tty);
      expect(out.color, `NO_COLOR=${value}`).toBe(false);
      expect(out.stdoutColor, `NO_COLOR=${value}`).toBe(false);
    }
  });

  it('ignores an empty NO_COLOR, as no-color.org specifies', () => {
    expect(defaultOut({ NO_COLOR: '' }, tty).color).toBe(true);
  });

  it('is not used on a dumb terminal or when not a TTY', () => {
    expect(defaultOut({ TERM: 'dumb' }, tty).color).toBe(false);
    expect(defaultOut({}, { stdout: false, stderr: false }).color).toBe(false);
    expect(defaultOut({}, { stdout: false, stderr: false }).stdoutColor).toBe(false);
  });

  it('is decided per stream: a redirected stdout stays plain while stderr is coloured', () => {
    const out = defaultOut({}, { stdout: false, stderr: true });
    expect(out.color).toBe(true);
    expect(paint(out, 'red', 'x')).toContain(ESC);
    expect(paintStdout(out, 'green', 'x')).toBe('x');
  });

  it('colours diagnostics only when enabled', () => {
    const lines: string[] = [];
    const base = { stdout: () => {}, stderr: (s: string) => lines.push(s) };
    const d = error('E_SCHEMA', 'bad', { file: 'b.yaml', line: 1, col: 2, hint: 'fix it' });
    printDiagnostics({ ...base, color: true }, [d]);
    printDiagnostics({ ...base, color: false }, [d]);
    expect(lines[0]).toContain(`${ESC}31merror${ESC}0m[E_SCHEMA]`);
    expect(lines[1]).toBe('b.yaml:1:2: error[E_SCHEMA]: bad\n  hint: fix it');
  });

  it('reaches the result lines of a real run, and only when asked', async () => {
    const run = async (color: boolean) => {
      const all: string[] = [];
      const out: Out = { color, stdout: (s) => all.push(s), stderr: (s) => all.push(s) };
      expect(await main(['check', SHIPPED_BRIEF], out)).toBe(0);
      return all.join('\n');
    };
    expect(await run(true)).toContain(`${ESC}32m✓${ESC}0m`);
    expect(await run(false)).not.toContain(ESC);
  });
});
