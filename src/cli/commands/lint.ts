/**
 * `lint`: the briefing-convention and tradecraft rules (src/lint/) on each brief, through
 * compose and layout so the rules see the deck as built, writing nothing. It reports the
 * rules' findings and anything that stopped the brief from being linted; `--strict` fails on
 * any finding.
 */
import { error, type Diagnostic } from '../../diagnostics.ts';
import { briefFiles } from './build.ts';
import { buildOptionsIn, COMMON, EXIT, type Command } from '../command.ts';
import { noun, paint, paintStdout, printable, printableJson, printDiagnostics } from '../output.ts';

interface LintResult {
  brief: string;
  ok: boolean;
  findings: number;
  diagnostics: Diagnostic[];
}

export const lint: Command = {
  summary: 'Check briefs against briefing conventions and analytic tradecraft',
  usage: 'briefdeck lint [FILES...] [--template NAME] [--theme NAME] [--strict] [--json]',
  options: { ...COMMON, template: { type: 'string', short: 't' }, theme: { type: 'string' }, strict: { type: 'boolean' } },
  help: `Runs the lint rules on each brief (with no FILES, every briefs/*.yaml): sourcing,
estimative language, confidence, hedges, portion marks and banners, slide titles,
alternative text, and the type size and contrast of the deck as it would be built.
Each finding names the field with file:line:col, a rule code and a hint. Writes nothing.
"check" and "build" run the same rules.

Exit status 1 if a brief cannot be read or built, or a portion mark is above its banner;
with --strict, also if there is any finding.

Options:
  -t, --template NAME  template folder under templates/ (default: the brief's, else "briefing")
      --theme NAME     theme under templates/themes/ (default: the brief's, else "civic")
      --strict         fail on any finding
      --json           print results and findings as JSON
  -h, --help           show this help

Examples:
  briefdeck lint
  briefdeck lint briefs/kim-putin-2023.yaml --strict
  briefdeck lint --json > findings.json`,
  async run(positionals, values, ctx) {
    const { out } = ctx;
    const files = briefFiles(positionals, ctx.cwd);
    const opts = { ...buildOptionsIn(ctx, values), checkOnly: true, strict: false };
    // Loaded when linting: the pipeline up to layout, and the rules.
    const [{ buildBrief }, { LINT_CODES }] = await Promise.all([import('../../build.ts'), import('../../lint/index.ts')]);
    const results: LintResult[] = [];
    for (const file of files) {
      const r = await buildBrief(file, opts);
      // Whatever kept the brief from being linted is reported too; other build warnings are check's.
      const diagnostics = r.diagnostics.filter((d) => d.severity === 'error' || LINT_CODES.has(d.code));
      const findings = diagnostics.filter((d) => LINT_CODES.has(d.code)).length;
      if (values.strict && findings > 0 && r.ok) diagnostics.push(error('E_STRICT', `${noun(findings, 'lint finding')} under --strict`, { file, hint: 'fix the findings above, or lint without --strict' }));
      const ok = r.ok && !(values.strict && findings > 0);
      results.push({ brief: file, ok, findings, diagnostics });
      if (values.json) continue;
      printDiagnostics(out, diagnostics);
      const mark = ok ? paintStdout(out, 'green', '✓') : paintStdout(out, 'red', '✗');
      // A brief with errors that are not findings (it does not load or build) was not linted: "clean" would claim too much.
      const stopped = diagnostics.some((d) => d.severity === 'error' && !LINT_CODES.has(d.code) && d.code !== 'E_STRICT');
      const what = stopped ? 'not linted: it has errors' : findings ? noun(findings, 'finding') : 'clean';
      out.stdout(`${mark} ${printable(file)}  ${what}`);
    }
    const failed = results.filter((r) => !r.ok).length;
    if (values.json) out.stdout(printableJson({ ok: failed === 0, results }, 2));
    else out.stderr(paint(out, failed ? 'red' : 'dim', `Linted ${noun(results.length, 'brief')}: ${noun(results.reduce((n, r) => n + r.findings, 0), 'finding')}, ${failed} failed.`));
    return failed ? EXIT.failed : EXIT.ok;
  },
};
