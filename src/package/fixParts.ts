/**
 * Every XML part of a package through the fixes, one part at a time (each tree lives only
 * while its part is fixed): renumber charts, then per part parse, retarget renamed parts,
 * fix, normalise GUIDs and dates, write back. Every parsed part is written back, edited or
 * not, so a part's bytes depend only on its content, never on whether some fix happened to
 * touch it (chart renumbering edits relationship parts in one build and not the next).
 */
import type { Diagnostic } from '../diagnostics.ts';
import { setCoreDates } from './dates.ts';
import { fixPart } from './fixes.ts';
import { memoisable, recall, remember } from './fixMemo.ts';
import { chartRenames, normaliseGuids, renameKeys, retarget } from './normalise.ts';
import { parseXml, serialiseXml, type XmlDocument } from './xmlTree.ts';
import { rememberScan, rememberTreeScan } from './verify.ts';
import { partKey, type Parts } from './zip.ts';

/**
 * Fixes and normalises the XML parts of `parts` in place (renaming chart parts); returns
 * the fixes' warnings. `label` prefixes part names for a nested package and keeps its
 * memo entries apart. A part that does not parse is left as it is: no fix touches it, and
 * the verifier reports it with its position. Parts named in `finished` are left as they are.
 */
export function fixParts(parts: Parts, when: Date, label = '', finished?: ReadonlySet<string>): Diagnostic[] {
  // Renumber first: the stable GUIDs are seeded by part name.
  const renames = chartRenames(parts.keys());
  renameKeys(parts, renames);
  const partKeys = new Set([...parts.keys()].map(partKey));
  const diagnostics: Diagnostic[] = [];
  for (const [name, raw] of parts) {
    if (typeof raw !== 'string') continue;
    // Written finished (render/slideXml.ts): nothing here would change a byte of it.
    if (finished?.has(name)) continue;
    const key = label + name;
    const hit = memoisable(name) ? recall(key, raw) : undefined;
    if (hit) {
      parts.set(name, hit.text);
      diagnostics.push(...hit.warnings);
      if (hit.scan !== undefined) rememberScan(name, hit.text, hit.scan);
      continue;
    }
    let doc: XmlDocument;
    try {
      doc = parseXml(raw);
    } catch {
      continue; // left for the verifier, which parses independently
    }
    retarget(name, doc, renames);
    const warnings = fixPart(name, doc, partKeys, raw).map((d) => ({ ...d, message: label + d.message }));
    normaliseGuids(name, doc);
    if (name === 'docProps/core.xml') setCoreDates(doc, when);
    const text = serialiseXml(doc);
    parts.set(name, text);
    // The verifier's rules, walked over the tree just written, spare it parsing the text again.
    const scan = rememberTreeScan(name, text, doc.root);
    diagnostics.push(...warnings);
    if (memoisable(name)) remember(key, { raw, text, warnings, scan });
  }
  return diagnostics;
}
