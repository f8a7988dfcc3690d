/**
 * Reading a built deck back: its parts (unzipped with fflate, independently of the package
 * stage), whether each XML part is well-formed (saxes), and the text a reader would see.
 */
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

export type Parts = Map<string, Uint8Array>;

export function unzip(pptx: Uint8Array): Parts {
  return new Map(Object.entries(unzipSync(pptx)));
}

export function isXmlName(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

/** The first well-formedness error of an XML part, or undefined when it parses. */
export function xmlError(xml: string): string | undefined {
  let first: string | undefined;
  const parser = new SaxesParser({ xmlns: true, position: true });
  parser.on('error', (e) => {
    first ??= e.message;
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    first ??= (e as Error).message;
  }
  return first;
}

/**
 * The text of a DrawingML part (slide or notes): each `<a:p>` is its `<a:t>` runs joined as
 * they are (a run boundary adds nothing) with `<a:br/>` as a line break; paragraphs are joined
 * with a line break. Parsed with saxes, so entities and character references are decoded
 * exactly as PowerPoint decodes them.
 */
export function drawingText(xml: string): string {
  const paras: string[] = [];
  let current: string | undefined;
  let inT = false;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    if (tag.name === 'a:p') current = '';
    else if (tag.name === 'a:t') inT = true;
    else if (tag.name === 'a:br' && current !== undefined) current += '\n';
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'a:t') inT = false;
    else if (tag.name === 'a:p') {
      paras.push(current ?? '');
      current = undefined;
    }
  });
  parser.on('text', (t) => {
    if (inT && current !== undefined) current += t;
  });
  parser.write(xml).close();
  return paras.join('\n');
}

/** The text content of the first element named `name` (e.g. `dc:title` in docProps/core.xml). */
export function elementText(xml: string, name: string): string | undefined {
  let depth = 0;
  let out: string | undefined;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    if (tag.name === name && out === undefined) {
      depth = 1;
      out = '';
    } else if (depth > 0) depth += 1;
  });
  parser.on('closetag', () => {
    if (depth > 0) depth -= 1;
  });
  parser.on('text', (t) => {
    if (depth > 0) out += t;
  });
  parser.write(xml).close();
  return out;
}

const byNumber = (a: string, b: string) => Number(/(\d+)\.xml$/.exec(a)?.[1]) - Number(/(\d+)\.xml$/.exec(b)?.[1]);

export interface DeckText {
  /** Text of each slide, in order. */
  slides: string[];
  /** Text of each notes page (by notes part number). */
  notes: string[];
  /** docProps/core.xml dc:title. */
  title?: string;
}

export function deckText(parts: Parts): DeckText {
  const text = (name: string) => strFromU8(parts.get(name)!);
  const names = [...parts.keys()];
  return {
    slides: names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort(byNumber).map((n) => drawingText(text(n))),
    notes: names.filter((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n)).sort(byNumber).map((n) => drawingText(text(n))),
    title: parts.has('docProps/core.xml') ? elementText(text('docProps/core.xml'), 'dc:title') : undefined,
  };
}

/** Runs of XML white space (space, tab, CR, LF) as one space, trimmed: how slide markup treats text. */
export function collapseXmlSpace(s: string): string {
  return s.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
}

/** The same with JavaScript's much wider `\s` (NBSP, U+2028/9, U+3000, U+FEFF, ...). */
export function collapseJsSpace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
