/**
 * The compose stage: brief + template set -> Deck IR. Pure: the template set was read already.
 */
import { hasErrors, type Diagnostic, type Result } from '../diagnostics.ts';
import type { Brief } from '../load/schema.ts';
import type { Deck } from './ir.ts';
import { markFields } from './fieldMarks.ts';
import { markingFor } from './marking.ts';
import { markupToSlides } from './markupToDeck.ts';
import { parseMarkupTree } from './markupTree.ts';
import { renderTemplate } from './renderTemplate.ts';
import type { TemplateSet } from './templateSet.ts';

/** Renders the template with the brief and parses the markup into a Deck. */
export function composeDeck(brief: Brief, set: TemplateSet): Result<Deck> {
  const diagnostics: Diagnostic[] = [];
  // The template sees the brief with its strings marked by field, so the IR knows where each text came from.
  const marked = markFields(brief);
  const rendered = renderTemplate(set, marked.data as object);
  diagnostics.push(...rendered.diagnostics);
  if (rendered.value === undefined) return { diagnostics };
  const tree = parseMarkupTree(rendered.value, { file: set.main.file, line: 1, col: 1 });
  diagnostics.push(...tree.diagnostics);
  if (!tree.root) return { diagnostics };
  const { slides, diagnostics: d } = markupToSlides(tree.root, marked.paths);
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

export type { Deck } from './ir.ts';
export { readTemplateSet, listTemplates, type TemplateSet } from './templateSet.ts';
