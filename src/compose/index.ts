/**
 * The compose stage: brief + template set -> Deck IR. Pure: the template set was read already.
 */
import { hasErrors, type Diagnostic, type Result } from '../diagnostics.ts';
import type { Brief } from '../load/schema.ts';
import type { Deck } from './ir.ts';
import { markFields } from './fieldMarks.ts';
import { markingFor } from './marking.ts';
import { markupToSlides, type PortionOf } from './markupToDeck.ts';
import { parseMarkupTree } from './markupTree.ts';
import { renderTemplate, templateFiles } from './renderTemplate.ts';
import type { TemplateSet } from './templateSet.ts';

/** Renders the template with the brief and parses the markup into a Deck. */
export function composeDeck(brief: Brief, set: TemplateSet): Result<Deck> {
  const diagnostics: Diagnostic[] = [];
  // The template sees the brief with its strings marked by field, so the IR knows where each text came from.
  const marked = markFields(brief);
  const rendered = renderTemplate(set, marked.data as object);
  diagnostics.push(...rendered.diagnostics);
  if (rendered.value === undefined) return { diagnostics };
  const tree = parseMarkupTree(rendered.value, { file: set.main.file, line: 1, col: 1 }, templateFiles(set));
  diagnostics.push(...tree.diagnostics);
  if (!tree.root) return { diagnostics };
  const { slides, diagnostics: d } = markupToSlides(tree.root, marked.paths, portionsOf(brief));
  diagnostics.push(...d);
  if (hasErrors(diagnostics)) return { diagnostics };
  if (slides.length === 0) {
    diagnostics.push({ severity: 'error', code: 'E_TEMPLATE_EMPTY', file: set.main.file, line: 1, col: 1, message: 'the template produced no slides' });
    return { diagnostics };
  }
  const meta = brief.meta;
  return {
    value: {
      meta: {
        title: meta.title,
        subject: meta.subtitle,
        author: meta.prepared_by,
        language: meta.language,
        ...(meta.as_of !== undefined ? { asOf: meta.as_of } : {}),
        marking: markingFor(meta.marking),
      },
      slides,
    },
    diagnostics,
  };
}

/**
 * Portion marks by field: a text's mark is the `portion` of the nearest object around its
 * field (a claim's text, a member's name, a table row's cell), so an unmarked item never
 * borrows the mark of the section around it.
 */
export function portionsOf(brief: Brief): PortionOf {
  return (path) => {
    for (let n = path.length - 1; n >= 0; n--) {
      let v: unknown = brief;
      for (const k of path.slice(0, n)) v = (v as Record<string | number, unknown> | undefined)?.[k];
      if (Array.isArray(v)) continue;
      if (!v || typeof v !== 'object') return undefined;
      const p = (v as { portion?: unknown }).portion;
      return typeof p === 'string' ? p : undefined;
    }
    return undefined;
  };
}

export type { Deck } from './ir.ts';
export { readTemplateSet, listTemplates, type TemplateSet } from './templateSet.ts';
