/**
 * The XML parts of a package parsed once for all the package fixes, and written back once.
 * Every parsed part is written back, edited or not, so a part's bytes depend only on its
 * content and never on whether some fix happened to touch it (chart renumbering edits
 * relationship parts in one build and not in the next).
 */
import { parseXml, serialiseXml, type XmlDocument } from './xmlTree.ts';
import type { Parts } from './zip.ts';

/** Parsed XML parts by part name. */
export type ParsedParts = Map<string, XmlDocument>;

/**
 * Parses every XML part that is text. A part that does not parse is left out: no fix
 * touches it, and the verifier reports it with its position.
 */
export function parseParts(parts: Parts): ParsedParts {
  const docs: ParsedParts = new Map();
  for (const [name, data] of parts) {
    if (typeof data !== 'string') continue;
    try {
      docs.set(name, parseXml(data));
    } catch {
      // Reported by the verifier, which parses independently.
    }
  }
  return docs;
}

/** Writes the documents back into `parts` as text. */
export function writeBack(parsed: ParsedParts, parts: Parts): void {
  for (const [name, doc] of parsed) parts.set(name, serialiseXml(doc));
}
