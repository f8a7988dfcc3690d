/**
 * Runs a template set through Handlebars: strict (a missing field is an error), HTML-escaping
 * (user text can never inject markup), only the registered helpers and partials.
 * Every error points at the template file and line it came from.
 */
import Handlebars from 'handlebars';
import { error, type Diagnostic, type Result } from '../diagnostics.ts';
import { HELPERS } from './helpers.ts';
import { PRECOMPILED } from './precompiled.ts';
import { instrumentTemplate, templateKey, type Instrumented } from './sourceLocs.ts';
import type { TemplateFile, TemplateSet } from './templateSet.ts';

const KNOWN_HELPERS = Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true]));
const COMPILE_OPTIONS = { strict: true, knownHelpersOnly: true, knownHelpers: KNOWN_HELPERS, noEscape: false, data: true } as const;

/** A Handlebars error, tagged with the template file it was thrown in. */
class TemplateError extends Error {
  constructor(
    readonly diagnostic: Diagnostic,
    cause: unknown,
  ) {
    super(diagnostic.message, { cause });
  }
}

/**
 * The column of a parse error. Handlebars' parser gives only the line and a snippet: up to 20
 * characters before the error and 20 after, newlines removed, with a caret between. The column
 * is where that snippet lines up with the error line. 0-based; undefined when it cannot tell.
 */
function parseErrorCol(message: string, lineText: string): number | undefined {
  const [, snippet = '', caret = ''] = message.split('\n');
  const at = caret.indexOf('^');
  if (at < 0) return undefined;
  const pre = snippet.slice(0, at).replace(/^\.\.\./, '');
  const post = snippet.slice(at).replace(/\.\.\.$/, '');
  for (let c = lineText.length; c >= 0; c--) {
    const left = lineText.slice(0, c);
    const leftOk = left.length <= pre.length ? pre.endsWith(left) : left.endsWith(pre);
    const right = lineText.slice(c, c + post.length);
    if (leftOk && post.startsWith(right)) return c;
  }
  return undefined;
}

/** The first place in `text` matching `re`, as a 1-based line and 0-based column. */
function find(text: string, re: RegExp): { line: number; col: number } | undefined {
  const m = re.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Reads the position out of a Handlebars exception, in the instrumented text: compile errors
 * carry it, parse errors only in the message, and some run-time errors not at all, so those are
 * found by searching the template for the construct that failed.
 */
function positionOf(e: unknown, text: string): { line: number; col: number } | undefined {
  const ex = e as { message?: string; lineNumber?: number; column?: number; hash?: { loc?: { first_line: number; first_column: number } } };
  const message = ex.message ?? '';
  if (ex.hash?.loc) return { line: ex.hash.loc.first_line, col: ex.hash.loc.first_column };
  if (typeof ex.lineNumber === 'number') return { line: ex.lineNumber, col: ex.column ?? 0 };
  const parse = /^Parse error on line (\d+)/.exec(message);
  if (parse) {
    const line = Number(parse[1]);
    return { line, col: parseErrorCol(message, text.split('\n')[line - 1] ?? '') ?? 0 };
  }
  const partial = /partial (\S+) could not be found/.exec(message);
  if (partial) return find(text, new RegExp(`\\{\\{~?>\\s*${escapeRe(partial[1]!)}\\b`));
  const prop = /reading '([^']+)'/.exec(message);
  if (prop) return find(text, new RegExp(`\\.${escapeRe(prop[1]!)}\\b`));
  return undefined;
}

function toDiagnostic(e: unknown, tf: TemplateFile, inst: Instrumented): Diagnostic {
  if (e instanceof TemplateError) return e.diagnostic;
  const raw = e instanceof Error ? e.message : String(e);
  const pos = positionOf(e, inst.text);
  const line = pos?.line ?? 1;
  const col = pos ? inst.originalCol(line, pos.col) + 1 : 1;
  // Handlebars appends " - line:col" and multi-line parser context; keep what the reader needs.
  const parse = /^Parse error on line \d+:?\n[^\n]*\n[^\n]*\n(.*)$/s.exec(raw);
  let message = parse ? `syntax error: ${parse[1]!.replace(/\n/g, ' ')}` : raw.split('\n')[0]!.replace(/\s+-\s+\d+:\d+$/, '');
  let code = 'E_TEMPLATE_SYNTAX';
  let hint: string | undefined = 'check the {{...}} expressions on this line';
  const unknownHelper = /unknown helper (\S+)/.exec(message);
  const missing = /^"([^"]+)" not defined/.exec(message);
  const missingParent = e instanceof TypeError ? /reading '([^']+)'/.exec(message) : null;
  if (missingParent) {
    code = 'E_TEMPLATE_FIELD';
    // Name the whole path as written (`closing.questions`), and the part that is missing.
    const lineText = inst.text.split('\n')[line - 1] ?? '';
    const expr = new RegExp(`([\\w@.]+)\\.${escapeRe(missingParent[1]!)}\\b`).exec(lineText);
    message = expr ? `"${expr[1]}" is not in the brief, so "${expr[0]}" cannot be read` : `the brief has no object holding "${missingParent[1]}" here`;
    hint = 'an optional section is missing from the brief: guard it with {{#if section}} ... {{/if}}';
  } else if (unknownHelper) {
    code = 'E_TEMPLATE_HELPER';
    hint = `available helpers: ${Object.keys(HELPERS).join(', ')}, plus if, unless, each, with, lookup`;
  } else if (missing) {
    code = 'E_TEMPLATE_FIELD';
    message = `"${missing[1]}" is not in the brief here`;
    hint = `the brief has no field "${missing[1]}" here; guard optional fields with {{#if ...}}`;
  } else if (/partial .* could not be found/i.test(message)) {
    code = 'E_TEMPLATE_PARTIAL';
    hint = 'partials live in templates/partials/ or templates/<template>/partials/ as <name>.hbs';
  }
  return error(code, message, { file: tf.file, line, col, hint });
}

/** The compiler stages a Handlebars environment carries (not in its type declarations). */
interface HbCompilerStages {
  parse(text: string, options: object): unknown;
  Compiler: new () => { compile(ast: unknown, options: object): unknown };
  JavaScriptCompiler: new () => { compile(environment: unknown, options: object, context: undefined, asObject: true): TemplateSpecification };
}

/**
 * Compiles now, so that syntax errors surface here, with their line: Handlebars.compile defers
 * compiling to the first render. These are the steps of Handlebars' own deferred compile (same
 * options, same spec), done once; a dry `precompile` beside a lazy `compile` compiled every
 * template twice, which was most of a cold compose.
 */
function compileNow(hb: typeof Handlebars, text: string): Handlebars.TemplateDelegate {
  const spec = PRECOMPILED.get(text);
  if (spec) return hb.template(spec);
  const env = hb as unknown as HbCompilerStages;
  const options = { ...COMPILE_OPTIONS };
  const environment = new env.Compiler().compile(env.parse(text, options), options);
  return hb.template(new env.JavaScriptCompiler().compile(environment, options, undefined, true));
}

/**
 * The JavaScript source of the template spec that compileNow makes of `text`, for precompiled.ts
 * (Handlebars' own precompile: the same steps and options).
 */
export function precompileSpec(text: string): string {
  return Handlebars.precompile(text, { ...COMPILE_OPTIONS }) as string;
}

/** Compiles a template file, turning errors into diagnostics tagged with that file. */
function compile(hb: typeof Handlebars, tf: TemplateFile, key: string): { fn?: Handlebars.TemplateDelegate; inst: Instrumented; diagnostic?: Diagnostic } {
  const inst = instrumentTemplate(tf.text, key);
  try {
    const fn = compileNow(hb, inst.text);
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

interface Compiled {
  main?: ReturnType<typeof compile>;
  diagnostics: Diagnostic[];
}

/**
 * Compiled template sets, keyed by every file's name and text: watch mode rebuilds the same
 * templates over and over, and compiling them is most of compose's time. An edited template
 * has a new key. Bounded, oldest out first.
 */
const cache = new Map<string, Compiled>();
const CACHE_SIZE = 16;

function keyOf(set: TemplateSet): string {
  const files = [set.main, ...[...set.partials.entries()].map(([name, tf]) => ({ ...tf, file: `${name}=${tf.file}` }))];
  return JSON.stringify(files.map((f) => [f.file, f.text]));
}

function compileSet(set: TemplateSet): Compiled {
  const key = keyOf(set);
  const hit = cache.get(key);
  if (hit) return hit;
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) hb.registerHelper(name, fn);
  const diagnostics: Diagnostic[] = [];
  for (const [name, tf] of set.partials) {
    const c = compile(hb, tf, templateKey(name));
    if (c.diagnostic) diagnostics.push(c.diagnostic);
    else hb.registerPartial(name, c.fn!);
  }
  const main = compile(hb, set.main, templateKey());
  if (main.diagnostic) diagnostics.push(main.diagnostic);
  const compiled = { main: diagnostics.length ? undefined : main, diagnostics };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, compiled);
  return compiled;
}

/** The files of a set by the keys its markup's data-loc values name them by (for parseMarkupTree). */
export function templateFiles(set: TemplateSet): Map<string, string> {
  return new Map([[templateKey(), set.main.file], ...[...set.partials].map(([name, tf]): [string, string] => [templateKey(name), tf.file])]);
}

/** Renders the template set with `data` to slide markup. */
export function renderTemplate(set: TemplateSet, data: object): Result<string> {
  const { main, diagnostics } = compileSet(set);
  if (!main) return { diagnostics };
  try {
    return { value: main.fn!(data), diagnostics: [] };
  } catch (e) {
    return { diagnostics: [toDiagnostic(e, set.main, main.inst)] };
  }
}
