/**
 * The command line. Parses arguments (node:util parseArgs), runs commands, prints results and
 * diagnostics, and returns the exit code: 0 success, 1 invalid input or a failed deck,
 * 2 bad command-line usage. Each command lives in src/cli/commands/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PACKAGE_ROOT } from '../packageRoot.ts';
import { error } from '../diagnostics.ts';
import { EXIT, Failure, UsageError, type Command, type Ctx } from './command.ts';
import { build, check } from './commands/build.ts';
import { lint } from './commands/lint.ts';
import { newCommand } from './commands/new.ts';
import { schema } from './commands/schema.ts';
import { serveCommand } from './commands/serve.ts';
import { themeCommand } from './commands/theme.ts';
import { watchCommand } from './commands/watch.ts';
import { defaultOut, printable, printableJson, printDiagnostics, type Out } from './output.ts';

export { EXIT, Failure, UsageError, type Command, type Ctx } from './command.ts';
export { installSignalCleanup } from './signals.ts';
export { briefFiles, resultsJson } from './commands/build.ts';

export const COMMANDS: Record<string, Command> = {
  build,
  check,
  lint,
  watch: watchCommand,
  new: newCommand,
  schema,
  serve: serveCommand,
  theme: themeCommand,
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

Examples:
  briefdeck new china-trade        start briefs/china-trade.yaml
  briefdeck build                  build every briefs/*.yaml into out/
  briefdeck build --pdf --preview  also write PDFs and contact sheets
  briefdeck lint --strict          check sourcing, hedges and markings
  briefdeck watch                  rebuild as you edit

Run "briefdeck <command> --help" for a command's options and examples.
Colour is used on a terminal only, and never when NO_COLOR is set.
Exit status: 0 success, 1 invalid input or a failed deck, 2 bad usage.`;
}

/** Where a command runs, for tests and embedding; everything defaults to the real process. */
export type MainOptions = Omit<Ctx, 'out'>;

/** Runs the CLI with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], out: Out = defaultOut(), opts: MainOptions = {}): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    out.stdout(mainHelp());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    out.stdout(version());
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    out.stderr(`briefdeck: unknown command "${printable(name)}"\n  hint: commands are ${Object.keys(COMMANDS).join(', ')}; see briefdeck --help`);
    return EXIT.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (e) {
    out.stderr(`briefdeck ${name}: ${printable((e as Error).message)}\n  usage: ${command.usage}`);
    return EXIT.usage;
  }
  if (parsed.values.help) {
    out.stdout(`Usage: ${command.usage}\n\n${command.help}`);
    return EXIT.ok;
  }
  try {
    return await command.run(parsed.positionals, parsed.values as Record<string, unknown>, { ...opts, out });
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`briefdeck ${name}: ${printable(e.message)}\n  usage: ${command.usage}`);
      return EXIT.usage;
    }
    // A bug in briefdeck: reported like any failure, without a stack trace nobody asked for.
    const diagnostics = e instanceof Failure ? e.diagnostics : [error('E_INTERNAL', `briefdeck ${name} failed unexpectedly: ${(e as Error)?.message ?? e}`, { file: `briefdeck ${name}`, hint: 'this is a bug in briefdeck; please report it with the command that caused it' })];
    if (parsed.values.json) out.stdout(printableJson({ ok: false, diagnostics }, 2));
    else printDiagnostics(out, diagnostics);
    return EXIT.failed;
  }
}
