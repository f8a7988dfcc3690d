/** One pass over a parsed document for what yaml itself does not report. */
import { isCollection, type Document } from 'yaml';
import { error, formatPath, warning, type Diagnostic } from '../../diagnostics.ts';
import { cleanString, formatCodePoints } from '../sanitize.ts';
import type { PositionAt } from './types.ts';
import { keyName, walk } from './walk.ts';

/** Duplicate keys and forbidden characters; strings are cleaned in place, keys too. */
export function scanDocument(doc: Document.Parsed, pos: PositionAt, file: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  walk(doc.contents, [], {
    map(node, path) {
      const first = new Map<string, number>();
      for (const pair of [...node.items]) {
        if (isCollection(pair.key)) {
          // Reported here and dropped: the plain data would hold its text ("[ a, b ]") as a key.
          node.items.splice(node.items.indexOf(pair), 1);
          diagnostics.push(
            error('E_YAML_KEY', 'a field name must be plain text, not a list or a group of fields', {
              file,
              path: formatPath(path) || undefined,
              ...pos(pair.key.range?.[0] ?? 0),
              hint: 'remove the "? " line, or write the field as "name: value"',
            }),
          );
          continue;
        }
        const name = keyName(pair.key);
        const offset = (pair.key as { range?: number[] } | null)?.range?.[0] ?? 0;
        const earlier = first.get(name);
        if (earlier === undefined) first.set(name, offset);
        else
          diagnostics.push(
            error('E_DUPLICATE_KEY', `the field "${name}" appears twice`, {
              file,
              path: formatPath([...path, name]),
              ...pos(offset),
              hint: `it is already set on line ${pos(earlier).line}; keep one of them`,
            }),
          );
      }
    },
    string(node, path, isKey) {
      const cleaned = cleanString(node.value);
      node.value = cleaned.text;
      // Keys are cleaned too: they end up in messages, and a stray escape code must not reach a terminal.
      const fieldPath = isKey ? [...path, cleaned.text] : path;
      if (cleaned.removed.length > 0) {
        diagnostics.push(
          warning('W_FORBIDDEN_CHAR', `removed invisible control characters that PowerPoint cannot store: ${formatCodePoints(cleaned.removed)}`, {
            file,
            path: formatPath(fieldPath),
            ...pos(node.range?.[0] ?? 0),
            hint: 'these usually come from copying text out of a PDF or terminal; check the text still reads as intended',
          }),
        );
      }
    },
  });
  return diagnostics;
}
