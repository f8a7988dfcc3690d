/**
 * Terminal output: colour only on a TTY and never with NO_COLOR set; diagnostics in the
 * contract's one-line format.
 */
import { formatDiagnostic, type Diagnostic } from '../diagnostics.ts';

export interface Out {
  color: boolean;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

export function defaultOut(env: NodeJS.ProcessEnv = process.env): Out {
  const color = Boolean(process.stderr.isTTY) && env.NO_COLOR === undefined && env.TERM !== 'dumb';
  return { color, stdout: (s) => process.stdout.write(`${s}\n`), stderr: (s) => process.stderr.write(`${s}\n`) };
}

const CODES = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1 } as const;

export function paint(out: Out, style: keyof typeof CODES, s: string): string {
  return out.color ? `\u001b[${CODES[style]}m${s}\u001b[0m` : s;
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
