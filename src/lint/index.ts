/**
 * The lint: briefing conventions and analytic tradecraft that a schema cannot express, run by
 * `briefdeck lint`, `check` and `build`. Each rule is one entry of RULES, with a stable code, a
 * line saying what it finds, and a hint; findings are warnings at the field (`--strict` makes
 * them errors), except a portion mark above the banner, which is an error: the deck would be
 * under-marked. Brief rules read the loaded brief; deck rules read the composed and the placed
 * deck (titles, images, type sizes and contrast as built).
 */
import type { Diagnostic } from '../diagnostics.ts';
import type { Brief } from '../load/schema.ts';
import type { Loaded } from '../load/yamlDocument.ts';
import { type DeckInput, type DeckRule } from './deck.ts';
import { duplicateTitle, imageNoAlt } from './deckRules.ts';
import { analystOnly, hedgeWeaker, singleSource } from './judgments.ts';
import { timelineOrder, tooManyItems } from './lists.ts';
import { distanceMismatch, distanceUnreadable } from './map.ts';
import { lowContrast, smallBodyText } from './placedRules.ts';
import { bannerAbovePortions, portionAboveBanner, portionsPartial, portionSystem } from './portions.ts';
import { confidenceWithLikelihood, likelihoodRow, likelihoodScaleField, likelihoodScaleProse, recommendation } from './prose.ts';
import { diagnosticsOf, type BriefRule, type LoaderRule } from './rule.ts';
import { unsourced, unusedSource } from './sourcing.ts';

/** Every rule, in the order findings are reported (and the README lists them). */
export const RULES: ReadonlyArray<BriefRule | DeckRule | LoaderRule> = [
  unsourced,
  unusedSource,
  likelihoodScaleField,
  likelihoodScaleProse,
  likelihoodRow,
  confidenceWithLikelihood,
  singleSource,
  analystOnly,
  hedgeWeaker,
  portionAboveBanner,
  portionsPartial,
  portionSystem,
  bannerAbovePortions,
  recommendation,
  tooManyItems,
  timelineOrder,
  duplicateTitle,
  imageNoAlt,
  distanceMismatch,
  distanceUnreadable,
  smallBodyText,
  lowContrast,
];

/** Codes of every rule: what `briefdeck lint` reports. */
export const LINT_CODES: ReadonlySet<string> = new Set(RULES.map((r) => r.code));

/** Runs the brief rules; findings carry the brief's file and the field's line:col. */
export function lintBrief(loaded: Loaded<Brief>): Diagnostic[] {
  return RULES.flatMap((rule) => (rule.stage === 'brief' ? diagnosticsOf(rule, rule.check(loaded.value), loaded) : []));
}

/** Runs the deck rules on the composed (and, when layout succeeded, the placed) deck. */
export function lintDeck(loaded: Pick<Loaded<Brief>, 'file' | 'positionOf'>, input: DeckInput): Diagnostic[] {
  return RULES.flatMap((rule) => (rule.stage === 'deck' ? diagnosticsOf(rule, rule.check(input), loaded) : []));
}

export type { BriefRule, Finding, LoaderRule, RuleInfo } from './rule.ts';
export type { DeckInput, DeckRule } from './deck.ts';
