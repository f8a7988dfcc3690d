/**
 * Parses the markup that a template renders into a small element tree, with every element's
 * template position (from the injected `data-loc`). The package stage's subset reader
 * (package/xmlSubset.ts) reads the plain markup templates render; anything it does not read with
 * certainty goes to a strict XML parser (saxes), so malformed markup is an error at the template
 * line nearest to where it broke.
 */
import { SaxesParser } from 'saxes';
import { error, type Diagnostic } from '../diagnostics.ts';
import { parseXmlSubset } from '../package/xmlSubset.ts';
import type { XmlElement } from '../package/xmlTree.ts';
import type { TemplateLoc } from './ir.ts';
import { unmark } from './fieldMarks.ts';
import { LOC_ATTRIBUTE, parseLoc } from './sourceLocs.ts';

export interface MarkupElement {
  name: string;
  attrs: Record<string, string>;
  children: Array<MarkupElement | string>;
  loc: TemplateLoc;
}

/**
 * Parses rendered markup; `fallback` locates problems before the first element. `files` maps
 * the file keys of data-loc values (sourceLocs.ts templateKey) to the files they stand for.
 *
 * saxes steps through the markup a character at a time, which a cold process runs in the
 * interpreter (3.4 ms for the shipped brief's markup); the subset reader gives the same tree
 * (test/compose/markup.test.ts compares the two on every test deck's markup).
 */
export function parseMarkupTree(
  markup: string,
  fallback: TemplateLoc,
  files?: ReadonlyMap<string, string>,
): { root?: MarkupElement; diagnostics: Diagnostic[] } {
  const doc = parseXmlSubset(markup);
  if (!doc) return parseMarkupTreeWithSaxes(markup, fallback, files);
  let lastLoc = fallback;
  // In document order, as saxes opens them: an element without a data-loc has the last one's.
  const convert = (el: XmlElement): MarkupElement => {
    const out = markupElement(el.name, el.attrs, lastLoc, files);
    lastLoc = out.loc;
    for (const c of el.children) {
      if (c.kind === 'element') out.children.push(convert(c));
      else if (c.kind === 'text') out.children.push(c.text);
    }
    return out;
  };
  return { root: convert(doc.root), diagnostics: [] };
}

/** An element with its attributes but data-loc, at data-loc's position, else at `lastLoc` (the last element opened). */
function markupElement(name: string, attributes: Record<string, string>, lastLoc: TemplateLoc, files?: ReadonlyMap<string, string>): MarkupElement {
  const attrs: Record<string, string> = {};
  let loc = lastLoc;
  for (const [k, v] of Object.entries(attributes)) {
    if (k === LOC_ATTRIBUTE) {
      const at = parseLoc(v);
      if (at) loc = { ...at, file: files?.get(at.file) ?? at.file };
    }
    else attrs[k] = v;
  }
  return { name, attrs, children: [], loc };
}

/** parseMarkupTree by saxes alone: the judge of malformed markup, which says where it broke. */
export function parseMarkupTreeWithSaxes(
  markup: string,
  fallback: TemplateLoc,
  files?: ReadonlyMap<string, string>,
): { root?: MarkupElement; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const parser = new SaxesParser({ position: true });
  const stack: MarkupElement[] = [];
  let root: MarkupElement | undefined;
  let lastLoc: TemplateLoc = fallback;

  parser.on('opentag', (tag) => {
    const el = markupElement(tag.name, tag.attributes as Record<string, string>, lastLoc, files);
    lastLoc = el.loc;
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (!root) root = el;
    stack.push(el);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('text', (text) => {
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(text);
  });
  parser.on('error', (e) => {
    // saxes reports "file:line:col: message"; the position is in the rendered markup,
    // so point at the template element that was open (or last opened) instead.
    const message = e.message.replace(/^(?:[^:]*:)?\d+:\d+:\s*/, '');
    const same = diagnostics.some((d) => d.message.endsWith(message) && d.line === lastLoc.line && d.file === lastLoc.file);
    if (diagnostics.length < 5 && !same) {
      diagnostics.push(
        error('E_TEMPLATE_MARKUP', `malformed slide markup: ${message}`, {
          ...lastLoc,
          hint: 'check that every element near this line is closed and attributes are quoted; user text must use {{...}} (escaped), not {{{...}}}',
        }),
      );
    }
  });
  try {
    parser.write(markup).close();
  } catch (e) {
    diagnostics.push(error('E_TEMPLATE_MARKUP', `malformed slide markup: ${(e as Error).message}`, { ...lastLoc }));
  }
  if (!root && diagnostics.length === 0) {
    diagnostics.push(error('E_TEMPLATE_MARKUP', 'the template rendered no <deck> element', { ...fallback }));
  }
  return diagnostics.length ? { diagnostics } : { root, diagnostics };
}

/** The element's text with whitespace runs collapsed, as a slide shows it. */
export function textOf(el: MarkupElement): string {
  return collapse(rawText(el));
}

/** The element's text as rendered, field marks included (see fieldMarks.ts). */
export function rawText(el: MarkupElement): string {
  return el.children.map((c) => (typeof c === 'string' ? c : rawText(c))).join('');
}

/** Removes field marks, collapses runs of white space to one space and trims, like markup does. */
export function collapse(s: string): string {
  // ASCII white space only: a no-break or ideographic space in a brief is meant as written.
  return unmark(s).replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
}

export function childElements(el: MarkupElement): MarkupElement[] {
  return el.children.filter((c): c is MarkupElement => typeof c !== 'string');
}
