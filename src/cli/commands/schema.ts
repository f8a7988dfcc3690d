/** `schema`: writes (or checks) the brief's JSON Schema, derived from the zod schema. */
import { existsSync, readFileSync } from 'node:fs';
import { error } from '../../diagnostics.ts';
import { writeFileAtomic } from '../../package/write.ts';
import { SCHEMA_FILE } from '../../schema/names.ts';
import { COMMON, EXIT, Failure, pathOption, UsageError, userPath, type Command } from '../command.ts';
import { formatBytes, paintStdout, printable, printableJson, printDiagnostics } from '../output.ts';

export const schema: Command = {
  summary: 'Write the JSON Schema of a brief, for editor completion and checking',
  usage: `briefdeck schema [--out FILE] [--check | --stdout] [--json]`,
  options: {
    ...COMMON,
    out: { type: 'string', short: 'o' },
    check: { type: 'boolean' },
    stdout: { type: 'boolean' },
  },
  help: `Writes the brief's JSON Schema (draft-07, derived from briefdeck's own schema) to
${SCHEMA_FILE}. Editors with the YAML extension (yaml-language-server) use it for
completion, hover help and checking when a brief starts with:

  # yaml-language-server: $schema=../${SCHEMA_FILE}

("briefdeck new" writes that line.) The JSON Schema can't check everything the
loader does (e.g. that cited source ids exist); "briefdeck check" does.

Options:
  -o, --out FILE  where to write it (default: ${SCHEMA_FILE})
      --check     write nothing; exit 1 if the file is missing or out of date (for CI)
      --stdout    print the schema instead of writing it
      --json      print {"ok", "file", "changed"} as JSON
  -h, --help      show this help

Examples:
  briefdeck schema
  briefdeck schema --check
  briefdeck schema --stdout > brief.schema.json`,
  async run(positionals, values, ctx) {
    const { out } = ctx;
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"; use --out FILE to choose where to write`);
    if (values.check && values.stdout) throw new UsageError('--check and --stdout do not go together');
    // zod and the brief schema, loaded for this command only.
    const text = (await import('../../schema/briefSchema.ts')).briefJsonSchemaText();
    if (values.stdout) {
      out.stdout(text.trimEnd());
      return EXIT.ok;
    }
    const file = userPath(ctx.cwd, pathOption(values, 'out') ?? SCHEMA_FILE);
    const current = existsSync(file) && readFileSync(file, 'utf8') === text;
    const report = (ok: boolean, changed: boolean, line?: string) => {
      if (values.json) out.stdout(printableJson({ ok, file, changed }, 2));
      else if (line) out.stdout(line);
      return ok ? EXIT.ok : EXIT.failed;
    };
    const tick = paintStdout(out, 'green', '✓');
    if (values.check) {
      if (current) return report(true, false, `${tick} ${printable(file)}  up to date`);
      if (!values.json)
        printDiagnostics(out, [
          error('E_SCHEMA_STALE', existsSync(file) ? 'the JSON Schema is out of date with the brief schema' : 'the JSON Schema file is missing', { file, hint: 'run: briefdeck schema' }),
        ]);
      return report(false, false);
    }
    if (current) return report(true, false, `${tick} ${printable(file)}  unchanged`);
    try {
      await writeFileAtomic(file, new TextEncoder().encode(text));
    } catch (e) {
      throw new Failure([error('E_WRITE', `could not write the JSON Schema: ${(e as Error).message}`, { file, hint: 'check that the folder is writable, or choose another with --out FILE' })]);
    }
    return report(true, true, `${tick} ${printable(file)}  ${formatBytes(Buffer.byteLength(text))}`);
  },
};
