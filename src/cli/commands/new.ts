/** `new <name>`: scaffolds briefs/<name>.yaml, valid as created; never overwrites. */
// `promises` is read when a brief is written: importing node:fs/promises loads Node's promise-based
// fs and readline with it (about 1.4 ms), at the start of every command, since this one is not lazy.
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { error } from '../../diagnostics.ts';
import { SCHEMA_FILE } from '../../schema/names.ts';
import { COMMON, EXIT, UsageError, userPath, type Command } from '../command.ts';
import { paint, paintStdout, printable, printableJson, printDiagnostics } from '../output.ts';
import { scaffoldBrief } from '../scaffold.ts';

/** The brief name from the argument: "my-brief" or "my-brief.yaml"; throws UsageError when unusable. */
export function briefName(arg: string): string {
  const name = arg.replace(/\.ya?ml$/i, '');
  if (/[/\\]/.test(arg)) throw new UsageError(`"${arg}" is a path; give a name only, e.g. "china-trade" (the brief goes in briefs/)`);
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name) || name.length > 80)
    throw new UsageError(`"${arg}" is not a usable brief name; use letters, digits, "-", "_" or ".", starting with a letter or digit (at most 80)`);
  return name;
}

export const newCommand: Command = {
  summary: 'Start a new brief from a commented scaffold',
  usage: 'briefdeck new <name> [--json]',
  options: COMMON,
  help: `Writes briefs/<name>.yaml: every section filled with placeholder text and a comment
that explains it. The file is valid as created, so it builds at once. Refuses to
overwrite an existing brief. Its first line points editors at schema/brief.schema.json
(see "briefdeck schema") for completion and checking.

Options:
      --json      print {"ok", "file"} as JSON
  -h, --help      show this help

Examples:
  briefdeck new china-trade
  briefdeck new china-trade && briefdeck build briefs/china-trade.yaml`,
  async run(positionals, values, ctx) {
    const { out } = ctx;
    if (positionals.length !== 1) throw new UsageError(positionals.length ? 'give one name only' : 'give the new brief a name');
    const name = briefName(positionals[0]!);
    const dir = userPath(ctx.cwd, 'briefs');
    const file = join(dir, `${name}.yaml`);
    const fail = (code: string, message: string, hint: string) => {
      const d = error(code, message, { file, hint });
      if (values.json) out.stdout(printableJson({ ok: false, file, diagnostics: [d] }, 2));
      else printDiagnostics(out, [d]);
      return EXIT.failed;
    };
    const other = join(dir, `${name}.yml`);
    if (existsSync(other)) return fail('E_EXISTS', `a brief named "${name}" already exists (${other})`, 'choose another name, or edit the existing brief');
    try {
      await fsp.mkdir(dir, { recursive: true });
      // 'wx' fails if the file exists, so a brief is never overwritten, even in a race.
      await fsp.writeFile(file, scaffoldBrief(name), { flag: 'wx' });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      // mkdir says EEXIST too when briefs/ is a file; only the brief itself existing is E_EXISTS.
      if (err.code === 'EEXIST' && err.path === file) return fail('E_EXISTS', 'this brief already exists; briefdeck new never overwrites', 'choose another name, or delete the file first');
      const why = err.code === 'EEXIST' || err.code === 'ENOTDIR' ? `${dir} is a file, not a folder` : err.code === 'EACCES' || err.code === 'EPERM' ? `permission denied in ${dir}` : err.message;
      return fail('E_WRITE', `could not create the brief: ${why}`, 'briefs/ must be a folder you may write to; move the file that is in the way, or fix its permissions');
    }
    if (values.json) {
      out.stdout(printableJson({ ok: true, file }, 2));
      return EXIT.ok;
    }
    out.stdout(`${paintStdout(out, 'green', '✓')} ${printable(file)}  created`);
    out.stderr(`Next: fill it in, then run: briefdeck build ${printable(file)}`);
    if (!existsSync(userPath(ctx.cwd, SCHEMA_FILE))) out.stderr(paint(out, 'dim', `For completion in your editor, run: briefdeck schema (writes ${SCHEMA_FILE})`));
    return EXIT.ok;
  },
};
