/** The parsed document as plain data, with aliases expanded under a limit. */
import { isAlias, visit, type Alias, type Document } from 'yaml';
import { error, type Diagnostic } from '../../diagnostics.ts';
import { DEFAULT_SYNTAX_HINT } from './explainSyntaxError.ts';
import type { PositionAt } from './types.ts';

/** yaml's guard against alias bombs ("billion laughs"): expanding more aliases than this fails. */
export const MAX_ALIAS_COUNT = 100;

/**
 * The document's value, or why it has none: an alias bomb (E_ALIAS) or an alias with no anchor.
 * yaml throws a ReferenceError for both and tells them apart only in its wording, so the
 * anchorless alias is looked for in the document instead.
 */
export function toPlainData(doc: Document.Parsed, pos: PositionAt, file: string): { value: unknown } | { failed: Diagnostic } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    if (!(e instanceof ReferenceError)) {
      return { failed: error('E_YAML_SYNTAX', `cannot read the YAML: ${(e as Error).message}`, { file, hint: DEFAULT_SYNTAX_HINT }) };
    }
    const aliases = aliasesInOrder(doc);
    const unresolved = aliases.find((a) => !a.anchored);
    if (unresolved !== undefined) {
      const name = unresolved.node.source;
      return {
        failed: error('E_YAML_SYNTAX', `the alias *${name} refers to no anchor &${name} above it`, {
          file,
          ...at(unresolved.node, pos),
          hint: `define "&${name}" on a value before using "*${name}", or write the value out`,
        }),
      };
    }
    const first = aliases[0]?.node;
    return {
      failed: error('E_ALIAS', `the document uses aliases (*name) so often that it would expand beyond ${MAX_ALIAS_COUNT} copies`, {
        file,
        ...(first ? at(first, pos) : {}),
        hint: 'write the values out instead of repeating them with &anchor and *alias; a brief rarely needs aliases',
      }),
    };
  }
}

function at(node: Alias, pos: PositionAt) {
  return pos(node.range?.[0] ?? 0);
}

/**
 * Every alias in document order, and whether an anchor of its name comes before it: yaml's own
 * rule (Alias.resolve takes the last such anchor in the same visiting order).
 */
function aliasesInOrder(doc: Document.Parsed): { node: Alias; anchored: boolean }[] {
  const anchors = new Set<string>();
  const aliases: { node: Alias; anchored: boolean }[] = [];
  visit(doc, {
    Node(_, node) {
      if (isAlias(node)) aliases.push({ node, anchored: anchors.has(node.source) });
      else if (node.anchor) anchors.add(node.anchor);
    },
  });
  return aliases;
}
