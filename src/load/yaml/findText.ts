/**
 * Finding a brief field by the text a slide shows. A stopgap until field paths travel with the
 * text through compose; deleting it is this file plus `Loaded.findText`.
 */
import type { Document } from 'yaml';
import { formatPath } from '../../diagnostics.ts';
import type { Loaded, PositionAt } from './types.ts';
import { walk } from './walk.ts';

/** The containment fallback ignores shorter strings, which match by accident. */
const MIN_CONTAINED_TEXT = 12;

interface IndexedString {
  path: string;
  offset: number;
  text: string;
}

/**
 * `Loaded.findText` for a document whose strings are already cleaned. The strings are indexed
 * on first use: most builds never ask.
 */
export function textFinder(doc: Document.Parsed, pos: PositionAt): Loaded<unknown>['findText'] {
  let strings: IndexedString[] | undefined;
  // Slides show text with white space collapsed, so a literal block ("|") with line breaks
  // inside is found only by comparing collapsed forms. Collapsed once, on first use.
  let collapsed: string[] | undefined;
  return (text) => {
    const wanted = text.trim();
    if (wanted === '') return undefined;
    strings ??= indexStrings(doc);
    let hit = strings.find((s) => s.text === wanted);
    if (hit === undefined) {
      collapsed ??= strings.map((s) => collapseSpace(s.text));
      const want = collapseSpace(wanted);
      let i = collapsed.indexOf(want);
      if (i < 0) {
        for (let j = 0; j < collapsed.length; j++) {
          const c = collapsed[j] as string;
          if (c.length >= MIN_CONTAINED_TEXT && (i < 0 || c.length > (collapsed[i] as string).length) && want.includes(c)) i = j;
        }
      }
      hit = strings[i];
    }
    return hit && { path: hit.path, ...pos(hit.offset) };
  };
}

function indexStrings(doc: Document.Parsed): IndexedString[] {
  const strings: IndexedString[] = [];
  walk(doc.contents, [], {
    string(node, path, isKey) {
      if (!isKey) strings.push({ path: formatPath(path), offset: node.range?.[0] ?? 0, text: node.value.trim() });
    },
  });
  return strings;
}

/**
 * Collapses runs of ASCII white space to one space and trims, as slide markup does
 * (compose/markupTree.ts `collapse`): a no-break or ideographic space is meant as written.
 */
function collapseSpace(s: string): string {
  return s.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
}
