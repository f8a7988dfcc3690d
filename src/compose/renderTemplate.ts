/**
 * Runs a template set through Handlebars: strict (a missing field is an error), HTML-escaping
 * (user text can never inject markup), only the registered helpers and partials.
 * Every error points at the template file and line it came from.
 */
import Handlebars from 'handlebars';
import { error, type Diagnostic, type Result } from '../diagnostics.ts';
import { HELPERS } from './helpers.ts';
import { instrumentTemplate, type Instrumented } from './sourceLocs.ts';
import type { TemplateFile, TemplateSet } from './templateSet.ts';

const KNOWN_HELPERS = Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true]));
const COMPILE_OPTIONS = { strict: true, knownHelpersOnly: true, knownHelpers: KNOWN_HELPERS, noEscape: false } as const;

/** A Handlebars error, tagged with the template file it was thrown in. */
class TemplateError extends Error {
  constructor(
    readonly diagnostic: Diagnostic,
    cause: unknown,
  ) {
    super(diagnostic.message, { cause });
  }
}

/** Reads the position out of a Handlebars exception (compile, parse or strict-mode runtime). */
function positionOf(e: unknown): { line: number; col: number } | undefined {
  const ex = e as { lineNumber?: number; column?: number; hash?: { loc?: { first_line: number; first_column: number } } };
  if (ex.hash?.loc) return { line: ex.hash.loc.first_line, col: ex.hash.loc.first_column };
  if (typeof ex.lineNumber === 'number') return { line: ex.lineNumber, col: ex.column ?? 0 };
  return undefined;
}

function toDiagnostic(e: unknown, tf: TemplateFile, inst: Instrumented): Diagnostic {
  if (e instanceof TemplateError) return e.diagnostic;
  const raw = e instanceof Error ? e.message : String(e);
  const pos = positionOf(e);
  const line = pos?.line ?? 1;
  const col = pos ? inst.originalCol(line, pos.col) + 1 : 1;
  // Handlebars appends " - line:col" and multi-line parser context; keep the first sentence.
  const message = raw.split('\n')[0]!.replace(/\s+-\s+\d+:\d+$/, '');
  let code = 'E_TEMPLATE_SYNTAX';
  let hint: string | undefined = 'check the {{...}} expressions on this line';
  const unknownHelper = /unknown helper (\S+)/.exec(message);
  const missing = /^"([^"]+)" not defined/.exec(message);
  if (unknownHelper) {
    code = 'E_TEMPLATE_HELPER';
    hint = `available helpers: ${Object.keys(HELPERS).join(', ')}, plus if, unless, each, with, lookup`;
  } else if (missing) {
    code = 'E_TEMPLATE_FIELD';
    hint = `the brief has no field "${missing[1]}" here; guard optional fields with {{#if ...}}`;
  } else if (/partial .* could not be found/i.test(message)) {
    code = 'E_TEMPLATE_PARTIAL';
    hint = 'partials live in templates/partials/ or templates/<template>/partials/ as <name>.hbs';
  }
  return error(code, message.replace(/^Parse error on line \d+:?\s*/, 'syntax error: '), { file: tf.file, line, col, hint });
}

/** Compiles a template file, turning errors into diagnostics tagged with that file. */
function compile(hb: typeof Handlebars, tf: TemplateFile): { fn?: Handlebars.TemplateDelegate; inst: Instrumented; diagnostic?: Diagnostic } {
  const inst = instrumentTemplate(tf.text, tf.file);
  try {
    const fn = hb.compile(inst.text, COMPILE_OPTIONS);
    // Handlebars compiles lazily; a dry precompile surfaces syntax errors now, with their line.
    hb.precompile(inst.text, COMPILE_OPTIONS);
    const wrapped: Handlebars.TemplateDelegate = (ctx, opts) => {
      try {
        return fn(ctx, opts);
      } catch (e) {
        throw new TemplateError(toDiagnostic(e, tf, inst), e);
      }
    };
    return { fn: wrapped, inst };
  } catch (e) {
    return { inst, diagnostic: toDiagnostic(e, tf, inst) };
  }
}

/** Renders the template set with `data` to slide markup. */
export function renderTemplate(set: TemplateSet, data: object): Result<string> {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn);
  const diagnostics: Diagnostic[] = [];
  for (const [name, tf] of set.partials) {
    const c = compile(hb, tf);
    if (c.diagnostic) diagnostics.push(c.diagnostic);
    else hb.registerPartial(name, c.fn!);
  }
  const main = compile(hb, set.main);
  if (main.diagnostic) diagnostics.push(main.diagnostic);
  if (diagnostics.length) return { diagnostics };
  try {
    return { value: main.fn!(data), diagnostics };
  } catch (e) {
    return { diagnostics: [toDiagnostic(e, set.main, main.inst)] };
  }
}
