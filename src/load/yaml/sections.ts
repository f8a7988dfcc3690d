/**
 * Parsing a document section by section, each top-level field's lines on their own, keeping the
 * last sections parsed: when an analyst edits one line and saves, the next build parses only the
 * section that holds it. In a watch session the yaml parser is still cold for the first builds
 * after the first (V8 has not optimised it yet), and parsing the whole shipped brief again took
 * 7-11 ms of each of them; its one edited section takes a fraction of that.
 *
 * A section starts at each line that begins, at column 0, with a plain field name and ": " (or
 * ":" at the end of the line). Parsed alone, every section gives what it gives in the whole
 * document: the yaml parser ends whatever was open (a block scalar, a multi-line plain value, a
 * list at column 0) at such a line, and where something cannot end there (a quoted value or a
 * bracket left open) it reports an error, in the whole document and in the section alone. So
 * the section parse is used only when every section is clean, and the whole document is parsed
 * as before whenever anything is not:
 *
 *  - a section with a syntax error or warning, nested too deep, or with anything scanDocument
 *    reports (a duplicate field, a forbidden character, a list as a field name);
 *  - anchors or aliases (they reach across sections), a directive or a document marker
 *    (`%YAML`, `---`, `...`) anywhere, or anything but comments above the first field;
 *  - a tab in a line's indentation: yaml reports some of those only against the line after,
 *    which may be in the next section;
 *  - a tag (`!!timestamp`, `!!binary` make objects a caller could change in a kept section);
 *  - anything yaml throws on (a merge of a scalar);
 *  - the same top-level field in two sections;
 *  - more sections than the memo keeps in one generation (256).
 *
 * Diagnostics thus come only from the whole-document parse, exactly as they always did; a clean
 * document gives the same data and the same positions either way (test/load/sections.test.ts
 * holds the two side by side). Kept sections are scanned (cleaned) once, when they are parsed,
 * and never changed after: the data is made from them afresh each time (toJS), and positions
 * are their offsets plus the section's start in this text.
 *
 * Only where memos are kept (memoBudget.ts): a cold single build or a batch worker parses each
 * file once, whole, as before.
 */
import { isAlias, isMap, LineCounter, YAMLMap, visit, type Document, type Pair } from 'yaml';
import { Generations } from '../../generations.ts';
import { memoBytes } from '../../memoBudget.ts';
import { parseGuarded } from './guardedParse.ts';
import { locator, type Locator } from './locate.ts';
import { scanDocument } from './scan.ts';
import { MAX_ALIAS_COUNT } from './toPlainData.ts';
import type { PositionAt } from './types.ts';
import { keyName } from './walk.ts';

/** A parsed, clean section: its top-level pairs (offsets relative to the section's start). */
interface Section {
  doc: Document.Parsed;
  pairs: readonly Pair[];
}

/** Where the section parse does not apply: the document is parsed whole. */
const WHOLE = null;

// Lines are split at \n alone, as yaml splits them: JavaScript's `^`, `$` and `.` with the `m`
// flag also take U+2028 and U+2029 as line ends, which yaml reads as text.
/** A line that starts a section. */
const SECTION_START = /(?<=^|\n)[A-Za-z_][\w-]*:(?=[ \t\n]|$(?![\s\S]))/g;
/**
 * What the section parse does not take on: directives and document markers, and a tab in a
 * line's indentation (yaml reports some of those only against the line after, which may be in
 * the next section).
 */
const DOCUMENT_LEVEL = /(?:^|\n)(?:%|---|\.\.\.|[ ]*\t)/;
/** Nothing but blank lines and comments. */
const ONLY_COMMENTS = /^(?:[ \t]*(?:#[^\n]*)?(?:\n|$(?![\s\S])))*$(?![\s\S])/;

/** The data and positions of `source`, or null when it must be parsed whole (see above). */
export function parseBySections(source: string, file: string): { value: unknown; locator: Locator } | null {
  if (!kept.on || DOCUMENT_LEVEL.test(source)) return WHOLE;
  try {
    return sectioned(source, file);
  } catch {
    // Whatever yaml throws on (a merge of a scalar, say) the whole parse reports as a diagnostic.
    return WHOLE;
  }
}

function sectioned(source: string, file: string): { value: unknown; locator: Locator } | null {
  const starts: number[] = [];
  for (const m of source.matchAll(SECTION_START)) starts.push(m.index);
  // Past a generation's worth of sections, they would not stay kept, and parsing each alone costs
  // more than parsing them together (40 000 one-line fields: 1.0 s against 0.45 s).
  if (starts.length === 0 || starts.length > SECTIONS_KEPT || !ONLY_COMMENTS.test(source.slice(0, starts[0]))) return WHOLE;
  starts.push(source.length);

  const root = new YAMLMap<unknown, unknown>();
  const bases = new WeakMap<Pair, number>();
  const names = new Set<string>();
  let first: Document.Parsed | undefined;
  for (let i = 0; i + 1 < starts.length; i++) {
    const section = sectionOf(source.slice(starts[i], starts[i + 1]), file);
    if (section === WHOLE) return WHOLE;
    first ??= section.doc;
    for (const pair of section.pairs) {
      const name = keyName(pair.key);
      if (names.has(name)) return WHOLE;
      names.add(name);
      bases.set(pair, starts[i]!);
      root.items.push(pair);
    }
  }
  const start = starts[0]! + (first!.contents!.range?.[0] ?? 0);
  root.range = [start, source.length, source.length];

  // Lines are counted only if a position is asked for (a diagnostic of a later stage).
  let lines: LineCounter | undefined;
  const pos: PositionAt = (offset) => {
    if (lines === undefined) {
      lines = new LineCounter();
      lines.addNewLine(0);
      for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
    }
    return lines.linePos(offset);
  };
  const value = root.toJS(first!, { maxAliasCount: MAX_ALIAS_COUNT });
  return { value, locator: locator(first!, pos, { root, baseOf: (pair) => bases.get(pair) ?? 0 }) };
}

/**
 * The kept sections, by their text. A section that must be parsed whole is kept as such, so that
 * it is not tried again each build. What a kept section holds per character of its text,
 * roughly: its nodes took 12 bytes (the shipped brief, heap measured).
 */
const BYTES_PER_CHAR = 16;
const SECTIONS_KEPT = 256;
const kept = new Generations<Section | typeof WHOLE>(SECTIONS_KEPT, () => memoBytes(4 * 1024 * 1024, 0));

function sectionOf(text: string, file: string): Section | typeof WHOLE {
  const size = text.length * BYTES_PER_CHAR;
  let section = kept.get(text, size);
  if (section === undefined) kept.set(text, (section = parseSection(text, file)), size);
  return section;
}

/** A section parsed alone; what parseGuarded throws is caught by parseBySections. */
function parseSection(text: string, file: string): Section | typeof WHOLE {
  const parsed = parseGuarded(text, new LineCounter());
  if ('tooDeep' in parsed) return WHOLE;
  const { doc } = parsed;
  // A parse stopped early (after too many errors) has errors.
  if (doc.errors.length > 0 || doc.warnings.length > 0 || !isMap(doc.contents)) return WHOLE;
  // Tags too: !!timestamp and !!binary make a Date and a Buffer, which a kept section would share.
  if (/[&*!]/.test(text) && hasAnchorAliasOrTag(doc)) return WHOLE;
  // Positions in scanDocument's diagnostics would be the section's own; there are none to use.
  if (scanDocument(doc, () => ({ line: 0, col: 0 }), file).length > 0) return WHOLE;
  return { doc, pairs: doc.contents.items as Pair[] };
}

function hasAnchorAliasOrTag(doc: Document.Parsed): boolean {
  let found = false;
  visit(doc, {
    Node(_, node) {
      if (isAlias(node) || (node as { anchor?: string }).anchor || (node as { tag?: string }).tag) {
        found = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** For the tests: forget every kept section. */
export function clearSections(): void {
  kept.clear();
}
