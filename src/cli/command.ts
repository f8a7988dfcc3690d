/**
 * What every command shares: its shape in the COMMANDS table, the context it runs in, exit codes,
 * and path handling relative to the working folder.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import type { BuildOptions } from '../build.ts';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { Out } from './output.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** Bad command-line usage: printed with the command's usage line, exit 2. */
export class UsageError extends Error {}

/** A command that cannot go on, for reasons given as diagnostics: printed, exit 1. */
export class Failure extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
  }
}

/** The value of a path option; an empty one (`--out ""`) is a usage error, not the working folder. */
export function pathOption(values: Record<string, unknown>, name: string): string | undefined {
  const v = values[name] as string | undefined;
  if (v !== undefined && v.trim() === '') throw new UsageError(`--${name} needs a path; "${v}" names no folder or file`);
  return v;
}

/** Where and how a command runs. Everything but `out` defaults to the real process. */
export interface Ctx {
  out: Out;
  /** Working folder that relative paths are read against; default process.cwd(). */
  cwd?: string;
  /** Stops a long-running command (watch); the CLI wires it to Ctrl-C. */
  signal?: AbortSignal;
  /** Environment (PATH for LibreOffice, SOURCE_DATE_EPOCH); default process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * The process ends with this command (bin/briefdeck.js sets it): `build` and `check` then keep
   * no memo for builds to come (memoBudget.ts). Unset, as for main() called from a watch-like
   * loop or a test, the thread's memos serve the next call.
   */
  exitsAfter?: boolean;
}

export interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  help: string;
  run: (positionals: string[], values: Record<string, unknown>, ctx: Ctx) => Promise<number>;
}

export const COMMON = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const;

/** True when the command works in the process's own folder (paths stay as the user typed them). */
export function inProcessCwd(cwd: string | undefined): boolean {
  return cwd === undefined || resolve(cwd) === process.cwd();
}

/**
 * A path the user gave, made usable from this process: unchanged when the command runs in
 * process.cwd() (so messages name files exactly as typed), else resolved against ctx.cwd.
 */
export function userPath(cwd: string | undefined, p: string): string {
  return inProcessCwd(cwd) || isAbsolute(p) ? p : resolve(cwd!, p);
}

/** Build options for a command run in ctx: output, templates and the image root follow ctx.cwd. */
export function buildOptionsIn(ctx: Ctx, values: Record<string, unknown>): BuildOptions {
  const outDir = pathOption(values, 'out') ?? 'out';
  const opts: BuildOptions = {
    template: values.template as string | undefined,
    theme: values.theme as string | undefined,
    outDir: userPath(ctx.cwd, outDir),
    strict: Boolean(values.strict),
  };
  if (ctx.env) opts.env = ctx.env;
  if (!inProcessCwd(ctx.cwd)) {
    const local = join(resolve(ctx.cwd!), 'templates');
    opts.templatesDir = existsSync(local) ? local : join(PACKAGE_ROOT, 'templates');
    opts.projectRoot = resolve(ctx.cwd!);
  }
  return opts;
}
