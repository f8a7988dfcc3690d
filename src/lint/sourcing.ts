/**
 * Rules over citations (ICD 206): every claim names its sources, and every source listed is
 * cited by something (the loader's check), so the sources slide lists what the deck rests on.
 */
import { Brief } from '../load/schema.ts';
import type { FieldPath } from '../load/yamlDocument.ts';
import type { BriefRule, Finding, LoaderRule } from './rule.ts';
import { objectsWithField } from './schemaWalk.ts';

/** Every `sources` list in the brief, with its owner's path. */
function citing(brief: Brief): Array<{ path: FieldPath; ids: string[] }> {
  return objectsWithField(Brief, brief, 'sources')
    .filter((f) => f.path.length > 0)
    .map((f) => ({ path: f.path, ids: (f.value.sources as string[] | undefined) ?? [] }));
}

export const unsourced: BriefRule = {
  stage: 'brief',
  code: 'W_UNSOURCED',
  severity: 'warning',
  what: 'a claim, row or item that cites no source',
  hint: 'add `sources: [id]` naming who states it (ICD 206: a reader must be able to check every claim); cite the source the text relays, not the outlet that relayed it, where the brief lists both',
  check(brief) {
    // An image's sources are optional: the picture is evidence, its credit names where it came from.
    return citing(brief)
      .filter((c) => c.ids.length === 0 && c.path[0] !== 'images')
      .map((c): Finding => ({ path: c.path, message: 'cites no source' }));
  },
};

/** The loader's check (src/load/loadBrief.ts): it knows every citation, including the ones it rejects. */
export const unusedSource: LoaderRule = {
  stage: 'load',
  code: 'W_UNUSED_SOURCE',
  severity: 'warning',
  what: 'a source in `sources` that nothing cites',
  hint: 'cite it in the sources of the claim it supports, or remove it',
};
