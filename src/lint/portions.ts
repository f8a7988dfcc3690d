/**
 * Rules over portion marks: all items marked or none, and a banner at least as high as the
 * highest mark (a portion above its banner is a spill: an error, not a style point).
 */
import { bannerOf, Brief, rankPortion, type Portion } from '../load/schema.ts';
import type { FieldPath } from '../load/yamlDocument.ts';
import type { BriefRule, Finding } from './rule.ts';
import { objectsWithField } from './schemaWalk.ts';

/** Every item the schema lets carry a portion mark, and its mark. */
export function portionItems(brief: Brief): Array<{ path: FieldPath; portion?: Portion }> {
  return objectsWithField(Brief, brief, 'portion').map((f) => ({ path: f.path, portion: f.value.portion as Portion | undefined }));
}

const marked = (brief: Brief) => portionItems(brief).filter((p): p is { path: FieldPath; portion: Portion } => p.portion !== undefined);

export const portionsPartial: BriefRule = {
  stage: 'brief',
  code: 'W_PORTION_PARTIAL',
  severity: 'warning',
  what: 'portion marks not all-or-none: some items marked, this one not',
  hint: 'give every claim, row and item a `portion` (U, C, S, TS, CUI or a TLP label), or none: an unmarked portion in a marked brief reads as unassessed',
  check(brief) {
    const items = portionItems(brief);
    const n = items.filter((p) => p.portion !== undefined).length;
    if (n === 0 || n === items.length) return [];
    return items.filter((p) => p.portion === undefined).map((p): Finding => ({ path: p.path, message: `no portion mark, but ${n} of the brief's ${items.length} items carry one` }));
  },
};

export const portionAboveBanner: BriefRule = {
  stage: 'brief',
  code: 'E_PORTION_ABOVE_BANNER',
  severity: 'error',
  what: 'a portion mark above the banner (meta.marking): the deck would be under-marked',
  hint: 'raise meta.marking to the highest portion mark, or correct the portion mark',
  check(brief) {
    const banner = brief.meta.marking;
    return marked(brief).flatMap((p): Finding[] =>
      (rankPortion(p.portion, banner) ?? 0) > 0
        ? [{ path: [...p.path, 'portion'], message: `portion (${p.portion}) is above the banner ${banner}`, hint: `set meta.marking: ${bannerOf(p.portion)} (the banner must be at least the highest portion mark), or correct this portion mark` }]
        : [],
    );
  },
};

export const portionSystem: BriefRule = {
  stage: 'brief',
  code: 'W_PORTION_SYSTEM',
  severity: 'warning',
  what: 'a portion mark from another marking system than the banner (a TLP label under a classification banner)',
  hint: 'mark portions in the banner\'s own system: U/CUI/C/S/TS under a classification banner, TLP labels under a TLP banner',
  check(brief) {
    const banner = brief.meta.marking;
    return marked(brief).flatMap((p): Finding[] => (rankPortion(p.portion, banner) === undefined ? [{ path: [...p.path, 'portion'], message: `portion (${p.portion}) cannot be ranked against the banner ${banner}` }] : []));
  },
};

export const bannerAbovePortions: BriefRule = {
  stage: 'brief',
  code: 'W_BANNER_ABOVE_PORTIONS',
  severity: 'warning',
  what: 'a banner higher than every portion mark (over-marking)',
  hint: 'the banner is the highest portion mark: lower meta.marking to it, or check the portion marks',
  check(brief) {
    const items = portionItems(brief);
    const all = marked(brief);
    if (all.length === 0 || all.length < items.length) return [];
    const ranks = all.map((p) => rankPortion(p.portion, brief.meta.marking));
    if (ranks.some((r) => r === undefined || r >= 0)) return [];
    const top = all.reduce((a, b) => (rankPortion(b.portion, brief.meta.marking)! > rankPortion(a.portion, brief.meta.marking)! ? b : a));
    return [{ path: ['meta', 'marking'], message: `banner ${brief.meta.marking} is above the highest portion mark (${top.portion})`, hint: `set meta.marking: ${bannerOf(top.portion)}, or check the portion marks` }];
  },
};
