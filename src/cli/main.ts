/**
 * The command line. Parses arguments (node:util parseArgs), runs commands, prints results and
 * diagnostics, and returns the exit code: 0 success, 1 invalid input or a failed deck,
 * 2 bad command-line usage.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { buildBrief, PACKAGE_ROOT, type BuildOptions, type BuildResult } from '../build.ts';
import { defaultOut, formatBytes, formatMs, paint, printDiagnostics, type Out } from './output.ts';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  help: string;
  run: (positionals: string[], values: Record<string, unknown>, out: Out) => Promise<number>;
}

const COMMON = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
} as const;

const BUILD_OPTIONS = {
  ...COMMON,
  template: { type: 'string', short: 't' },
  theme: { type: 'string' },
  out: { type: 'string', short: 'o' },
  strict: { type: 'boolean' },
} as const;

export class UsageError extends Error {}

/** The brief files to work on: those named, or every briefs/*.yaml. */
export function briefFiles(positionals: string[]): string[] {
  if (positionals.length) return positionals;
  if (!existsSync('briefs')) throw new UsageError('no brief files named and no briefs/ folder here');
  const files = readdirSync('briefs')
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join('briefs', f));
  if (!files.length) throw new UsageError('briefs/ holds no .yaml files');
  return files;
}

function buildOptions(values: Record<string, unknown>): BuildOptions {
  return {
    template: values.template as string | undefined,
    theme: values.theme as string | undefined,
    outDir: (values.out as string | undefined) ?? 'out',
    strict: Boolean(values.strict),
  };
}

/** JSON form of results: the contract's diagnostics plus what was built. */
export function resultsJson(results: BuildResult[]): string {
  return JSON.stringify(
    {
      ok: results.every((r) => r.ok),
      results: results.map(({ pptx: _pptx, placed: _placed, deck: _deck, ...r }) => ({ ...r, ms: Math.round(r.ms), stages: Object.fromEntries(Object.entries(r.stages).map(([k, v]) => [k, Math.round(v * 10) / 10])) })),
    },
    null,
    2,
  );
}

async function runBriefs(files: string[], opts: BuildOptions, values: Record<string, unknown>, out: Out, verb: 'built' | 'checked'): Promise<number> {
  const results: BuildResult[] = [];
  const many = files.length > 1;
  for (const [i, file] of files.entries()) {
    if (many && !values.json) out.stderr(paint(out, 'dim', `[${i + 1}/${files.length}] ${file}`));
    const r = await buildBrief(file, opts);
    results.push(r);
    if (values.json) continue;
    printDiagnostics(out, r.diagnostics);
    if (r.ok) {
      const what = r.out ? `${r.out}  ${r.slides} slides  ${formatBytes(r.bytes ?? 0)}` : `${file}  ok, ${r.slides} slides`;
      out.stdout(`${paint(out, 'green', '✓')} ${what}  ${formatMs(r.ms)}`);
    } else out.stdout(`${paint(out, 'red', '✗')} ${file}  failed`);
  }
  const failed = results.filter((r) => !r.ok).length;
  if (values.json) out.stdout(resultsJson(results));
  else {
    const warnings = results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === 'warning').length, 0);
    const noun = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    out.stderr(`${verb === 'built' ? 'Built' : 'Checked'} ${noun(results.length - failed, 'brief')} ok, ${failed} failed, ${noun(warnings, 'warning')}.`);
  }
  return failed ? EXIT.failed : EXIT.ok;
}

export const COMMANDS: Record<string, Command> = {
  build: {
    summary: 'Build decks from briefs',
    usage: 'briefdeck build [FILES...] [--template NAME] [--theme NAME] [--out DIR] [--strict] [--json]',
    options: BUILD_OPTIONS,
    help: `Builds each brief into <out>/<name>.pptx. With no FILES, builds every briefs/*.yaml.
A brief that fails does not stop the others; the exit status is 1 if any failed.
The last good deck stays in place when a build fails.

Options:
  -t, --template NAME  template folder under templates/ (default: the brief's, else "briefing")
      --theme NAME     theme under templates/themes/ (default: the brief's, else "civic")
  -o, --out DIR        output folder (default: out)
      --strict         treat warnings (e.g. text set below the size floor) as errors
      --json           print results and diagnostics as JSON
  -h, --help           show this help

Examples:
  briefdeck build
  briefdeck build briefs/kim-putin-2023.yaml --template executive
  briefdeck build --strict --json > results.json`,
    run: (positionals, values, out) => runBriefs(briefFiles(positionals), buildOptions(values), values, out, 'built'),
  },
  check: {
    summary: 'Validate briefs, templates and themes without writing anything',
    usage: 'briefdeck check [FILES...] [--template NAME] [--theme NAME] [--strict] [--json]',
    options: BUILD_OPTIONS,
    help: `Loads, composes and lays out each brief, reporting every problem with file:line:col.
Writes nothing. Exit status 1 if any brief is invalid.

Examples:
  briefdeck check
  briefdeck check briefs/my-brief.yaml --strict`,
    run: (positionals, values, out) => runBriefs(briefFiles(positionals), { ...buildOptions(values), checkOnly: true }, values, out, 'checked'),
  },
};

export function version(): string {
  return (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}

function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return `briefdeck ${version()}: turn YAML briefs into designed, editable PowerPoint decks.

Usage: briefdeck <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Run "briefdeck <command> --help" for a command's options and examples.
Exit status: 0 success, 1 invalid input or a failed deck, 2 bad usage.`;
}

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], out: Out = defaultOut()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out.stdout(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    out.stdout(version());
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    out.stderr(`briefdeck: unknown command "${name}"\n  hint: commands are ${Object.keys(COMMANDS).join(', ')}; see briefdeck --help`);
    return EXIT.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    out.stderr(`briefdeck ${name}: ${(e as Error).message}\n  usage: ${command.usage}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    out.stdout(`Usage: ${command.usage}\n\n${command.help}`);
    return EXIT.ok;
  }
  try {
    return await command.run(parsed.positionals, parsed.values as Record<string, unknown>, out);
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`briefdeck ${name}: ${e.message}\n  usage: ${command.usage}`);
      return EXIT.usage;
    }
    throw e;
  }
}
