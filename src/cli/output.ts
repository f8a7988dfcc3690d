/**
 * Terminal output: colour only on a TTY and never with NO_COLOR set (to any non-empty value,
 * as no-color.org asks) or TERM=dumb; diagnostics in the contract's one-line format.
 */
import { formatDiagnostic, type Diagnostic } from '../diagnostics.ts';

export interface Out {
  /** Colour for stderr (diagnostics, progress, summaries). */
  color: boolean;
  /** Colour for stdout (result lines); defaults to `color`. Separate so `briefdeck build > log` stays plain. */
  stdoutColor?: boolean;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Whether each stream is a terminal; injectable for tests. */
export interface Ttys {
  stdout: boolean;
  stderr: boolean;
}

/** Whether colour is allowed at all by the environment. */
export function colorAllowed(env: NodeJS.ProcessEnv): boolean {
  return !env.NO_COLOR && env.TERM !== 'dumb';
}

export function defaultOut(
  env: NodeJS.ProcessEnv = process.env,
  ttys: Ttys = { stdout: Boolean(process.stdout.isTTY), stderr: Boolean(process.stderr.isTTY) },
): Out {
  const allowed = colorAllowed(env);
  return {
    color: allowed && ttys.stderr,
    stdoutColor: allowed && ttys.stdout,
    stdout: (s) => process.stdout.write(`${s}\n`),
    stderr: (s) => process.stderr.write(`${s}\n`),
  };
}

const CODES = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1 } as const;
export type Style = keyof typeof CODES;

/** Styles text meant for stderr. */
export function paint(out: Out, style: Style, s: string): string {
  return out.color ? `\u001b[${CODES[style]}m${s}\u001b[0m` : s;
}

/** Styles text meant for stdout. */
export function paintStdout(out: Out, style: Style, s: string): string {
  return (out.stdoutColor ?? out.color) ? `\u001b[${CODES[style]}m${s}\u001b[0m` : s;
}

export function printDiagnostics(out: Out, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const text = formatDiagnostic(d);
    out.stderr(out.color ? text.replace(/(error|warning)(\[[A-Z_]+\])/, (_, sev: string, code: string) => paint(out, sev === 'error' ? 'red' : 'yellow', sev) + code) : text);
  }
}

export function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** "1 brief", "2 briefs". */
export function noun(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
