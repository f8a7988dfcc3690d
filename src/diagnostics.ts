/**
 * Diagnostics are data: every stage returns them, only the CLI prints them.
 * A diagnostic names where (file:line:col), what (code + message) and what to do (hint).
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. E_SCHEMA, E_YAML_SYNTAX, W_TEXT_TOO_LONG. */
  code: string;
  /** Path of the file the problem is in, as the user named it (relative where possible). */
  file?: string;
  /** 1-based line and column, when the problem has a position. */
  line?: number;
  col?: number;
  /** Field path inside the brief or theme, e.g. `delegation.members[2].role`. */
  path?: string;
  message: string;
  hint?: string;
}

/** A stage's output: a value (absent when the stage failed) and everything it noticed. */
export interface Result<T> {
  value?: T;
  diagnostics: Diagnostic[];
}

export function error(code: string, message: string, at: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'error', code, message, ...at };
}

export function warning(code: string, message: string, at: Partial<Diagnostic> = {}): Diagnostic {
  return { severity: 'warning', code, message, ...at };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Formats a field path array as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/**
 * One line per diagnostic, in the contract's format:
 * `file:line:col: error[CODE]: path: message` then an indented `hint:` line.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.col ?? 1}` : ''}: ` : '';
  const path = d.path ? `${d.path}: ` : '';
  const head = `${where}${d.severity}[${d.code}]: ${path}${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}
