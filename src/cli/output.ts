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

/**
 * Characters a terminal acts on rather than shows: C0 and C1 controls (ESC starts sequences
 * that clear the screen or retitle the window; C1's CSI does the same alone), DEL, line and
 * paragraph separators, and the bidirectional overrides that reorder what is shown.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** What JSON.stringify leaves raw; a raw newline in its output is layout, outside any string. */
const UNESCAPED_BY_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * `s` with every character a terminal would act on shown as an escape (`\n`, `\x1b`, `\u202e`),
 * so a file name can neither split a line nor send the terminal a command. For every path and
 * user-given text the CLI prints.
 */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    return NAMED[c] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/**
 * JSON for stdout: JSON.stringify escapes C0 controls already; the rest of what `printable`
 * escapes is escaped here as \uXXXX, which JSON reads back as the same characters.
 */
export function printableJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNESCAPED_BY_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A diagnostic with every text field made printable. */
function printableDiagnostic(d: Diagnostic): Diagnostic {
  const p = (s: string | undefined) => (s === undefined ? undefined : printable(s));
  return { ...d, file: p(d.file), path: p(d.path), message: printable(d.message), hint: p(d.hint) };
}

export function printDiagnostics(out: Out, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    const text = formatDiagnostic(printableDiagnostic(d));
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
