/** `theme import`: a theme from an organisation's PowerPoint template. */
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { error, hasErrors } from '../../diagnostics.ts';
import { NAME_PATTERN } from '../../load/didYouMean.ts';
import { PACKAGE_ROOT } from '../../packageRoot.ts';
import { DEFAULT_THEME } from '../../theme/defaultTheme.ts';
import { COMMON, EXIT, Failure, UsageError, userPath, type Command } from '../command.ts';
import { paintStdout, printable, printableJson, printDiagnostics } from '../output.ts';

/** A template may be large (embedded pictures and fonts); its theme is a few kilobytes of it. */
const TEMPLATE_MAX_BYTES = 100 * 1024 * 1024;

export const themeCommand: Command = {
  summary: 'Import a theme from a PowerPoint template: a .potx or .pptx',
  usage: 'briefdeck theme import TEMPLATE.potx|.pptx --name NAME [--force] [--json]',
  options: { ...COMMON, name: { type: 'string', short: 'n' }, force: { type: 'boolean' } },
  help: `Writes templates/themes/NAME.yaml from the template's theme: its colours (dk1, lt1,
dk2, lt2, accent1-6) given briefdeck's colour roles, and its heading and body fonts as the
nearest face briefdeck can measure (Arial or Calibri), with a warning when that is not the
template's own font. Every text colour is checked against the fill it is set on (WCAG
4.5:1; 3:1 for large bold text); a pair under it is reported, and the theme gets the
nearest shade that passes. The slide size and the master's footer text are noted in the
theme. The master's logo is saved as templates/themes/NAME-logo.<ext>, and the theme's
logo: places it on content and cover slides where the master does (a PNG, JPEG or GIF). Sizes and the fitting policy are those of the "${DEFAULT_THEME}" theme.
A project without a templates/ folder gets a copy of the bundled templates to hold the theme.

Options:
  -n, --name NAME  the theme's name: lower-case letters, digits, - and _ (required)
      --force      replace an existing theme of that name
      --json       print the result and diagnostics as JSON
  -h, --help       show this help

Examples:
  briefdeck theme import house.potx --name house
  briefdeck build --theme house`,
  async run(positionals, values, ctx) {
    const [sub, file, ...extra] = positionals;
    if (sub !== 'import') throw new UsageError(sub === undefined ? 'name a subcommand: theme import TEMPLATE --name NAME' : `unknown subcommand "${sub}"; the subcommand is import`);
    if (file === undefined) throw new UsageError('name the template to import: theme import TEMPLATE.potx --name NAME');
    if (extra.length) throw new UsageError(`one template at a time; also given: ${extra.join(', ')}`);
    const name = values.name as string | undefined;
    if (name === undefined) throw new UsageError('--name NAME is required: the theme is written to templates/themes/NAME.yaml');
    if (!NAME_PATTERN.test(name)) throw new UsageError(`--name "${name}" is not a theme name: use lower-case letters, digits, - and _, starting with a letter or digit`);
    // Loaded when importing: the reader, the theme loader and the template parser.
    const [{ displayPath, readInput }, { writeFileAtomic }, { importTheme, themePaths }, { loadTheme }] = await Promise.all([
      import('../../load/readInput.ts'),
      import('../../package/write.ts'),
      import('../../theme/import.ts'),
      import('../../theme/loadTheme.ts'),
    ]);
    const path = userPath(ctx.cwd, file);
    const shown = displayPath(path);
    const bytes = readInput(path, { file: shown, noun: 'template', maxBytes: TEMPLATE_MAX_BYTES });
    if (!bytes.value) throw new Failure(bytes.diagnostics);
    const root = resolve(ctx.cwd ?? process.cwd());
    // Written into the project's own templates/, which builds read before the bundled ones.
    const { theme: out, dir } = themePaths(join(root, 'templates'), name);
    if (existsSync(out) && !values.force) {
      throw new Failure([error('E_THEME_EXISTS', `a theme named "${name}" exists already`, { file: displayPath(out), hint: 'choose another --name, or pass --force to replace it' })]);
    }
    const own = join(root, 'templates', 'themes');
    const base = loadTheme(existsSync(join(own, `${DEFAULT_THEME}.yaml`)) ? own : join(PACKAGE_ROOT, 'templates', 'themes'), DEFAULT_THEME);
    if (!base.value) throw new Failure(base.diagnostics);
    const imported = importTheme(bytes.value, shown, name, base.value);
    if (!imported.value) throw new Failure(imported.diagnostics);
    // Builds read templates/ whole (templates, partials, themes) when a project has one, so a
    // project without one gets a copy of the bundled templates to hold its theme.
    const seeded = !existsSync(join(root, 'templates'));
    if (seeded) cpSync(join(PACKAGE_ROOT, 'templates'), join(root, 'templates'), { recursive: true });
    mkdirSync(dir, { recursive: true });
    const written = [out];
    try {
      if (imported.value.logo) {
        const logo = join(dir, imported.value.logo.name);
        await writeFileAtomic(logo, imported.value.logo.bytes);
        written.push(logo);
      }
      await writeFileAtomic(out, new TextEncoder().encode(imported.value.yaml));
    } catch (e) {
      throw new Failure([error('E_WRITE', `could not write ${displayPath(out)}: ${(e as Error).message}`, { file: displayPath(out), hint: 'check that templates/themes/ is writable' })]);
    }
    // Validated like any theme, as a build will read it.
    const check = loadTheme(dir, name);
    const diagnostics = [...imported.diagnostics, ...check.diagnostics];
    if (values.json) ctx.out.stdout(printableJson({ ok: !hasErrors(diagnostics), theme: displayPath(out), files: written.map(displayPath), colors: imported.value.theme.colors, fonts: imported.value.theme.fonts, diagnostics }, 2));
    else {
      printDiagnostics(ctx.out, diagnostics);
      for (const w of written) ctx.out.stdout(`${paintStdout(ctx.out, 'green', '✓')} ${printable(displayPath(w))}`);
      if (seeded) ctx.out.stderr(`This project had no templates/ folder: it now holds a copy of the bundled templates, with the new theme.`);
      ctx.out.stderr(`Build with it: briefdeck build --theme ${name}`);
    }
    return hasErrors(diagnostics) ? EXIT.failed : EXIT.ok;
  },
};
