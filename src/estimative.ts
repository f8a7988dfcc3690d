/**
 * Estimative language: the likelihood scales a brief may use, each term with the probability
 * range shown beside it so that everyone in the room reads the same probability, and the
 * source's own hedge words with the most each of them can carry.
 *
 * - ICD 203 (US), first row: seven terms that tile 1–99%.
 * - The UK PHIA yardstick: seven terms with deliberate gaps between them (there is no term for
 *   5–10%, 20–25%, 35–40%, 50–55%, 75–80% or 90–95%), so that a judgment cannot sit on a
 *   boundary.
 */

export const SCALES = ['icd203', 'phia'] as const;
export type ScaleName = (typeof SCALES)[number];

/** Each scale as data: term -> range text, least likely first. */
export const LIKELIHOOD_SCALES: Readonly<Record<ScaleName, Readonly<Record<string, string>>>> = {
  icd203: {
    'almost no chance': '1–5%',
    'very unlikely': '5–20%',
    unlikely: '20–45%',
    'roughly even chance': '45–55%',
    likely: '55–80%',
    'very likely': '80–95%',
    'almost certain': '95–99%',
  },
  phia: {
    'remote chance': '≤5%',
    'highly unlikely': '10–20%',
    unlikely: '25–35%',
    'realistic possibility': '40–50%',
    likely: '55–75%',
    'highly likely': '80–90%',
    'almost certain': '≥95%',
  },
};

/** Each scale's full name, for the legend. */
export const SCALE_NAMES: Readonly<Record<ScaleName, string>> = {
  icd203: 'ICD 203 scale',
  phia: 'PHIA yardstick',
};

/** The PHIA yardstick writes its 55–75% band "likely or probable"; the brief writes `likely`. */
export const TERM_LABELS: Readonly<Record<ScaleName, Readonly<Record<string, string>>>> = {
  icd203: {},
  phia: { likely: 'likely or probable' },
};

/** Every term of every scale, least likely first, without repeats: what `likelihood` accepts. */
export const LIKELIHOOD_TERMS = [
  'almost no chance',
  'remote chance',
  'very unlikely',
  'highly unlikely',
  'unlikely',
  'realistic possibility',
  'roughly even chance',
  'likely',
  'very likely',
  'highly likely',
  'almost certain',
] as const;
export type LikelihoodTerm = (typeof LIKELIHOOD_TERMS)[number];

/** ICD 203's confidence levels, as the legend explains them (ODNI usage). */
export const CONFIDENCE_LEVELS: Readonly<Record<'low' | 'moderate' | 'high', string>> = {
  high: 'Good-quality information from multiple sources; the judgment can still be wrong.',
  moderate: 'Credibly sourced and plausible, but not corroborated enough for high confidence.',
  low: 'Information is scant, questionable, fragmented or poorly corroborated.',
};

/**
 * "55–80%" -> [55, 80]; "≤5%" -> [0, 5]; "≥95%" -> [95, 100]. Undefined for a term the scale
 * does not have.
 */
export function likelihoodBounds(scale: ScaleName, term: string): [number, number] | undefined {
  const text = LIKELIHOOD_SCALES[scale][term];
  return text === undefined ? undefined : parseRange(text);
}

/** A range as a scale writes it, in %: "55–80%" -> [55, 80], "≤5%" -> [0, 5], "≥95%" -> [95, 100]. */
export function parseRange(text: string): [number, number] | undefined {
  const m = /^(\d+)–(\d+)%$/.exec(text) ?? /^(≤|≥)(\d+)%$/.exec(text);
  if (!m) return undefined;
  if (m[1] === '≤') return [0, Number(m[2])];
  if (m[1] === '≥') return [Number(m[2]), 100];
  return [Number(m[1]), Number(m[2])];
}

/** The range text of `term` on `scale` ("55–80%"), or undefined when the scale lacks the term. */
export function likelihoodRange(scale: ScaleName, term: string): string | undefined {
  return LIKELIHOOD_SCALES[scale][term];
}

/** The scale's term whose range lies nearest `term`'s (on whichever scale has it). */
export function nearestTerm(scale: ScaleName, term: string): string | undefined {
  const own = likelihoodBounds(scale, term) ?? SCALES.map((s) => likelihoodBounds(s, term)).find((b) => b !== undefined);
  if (!own) return undefined;
  const mid = (b: [number, number]) => (b[0] + b[1]) / 2;
  let best: { term: string; d: number } | undefined;
  for (const t of Object.keys(LIKELIHOOD_SCALES[scale])) {
    const d = Math.abs(mid(likelihoodBounds(scale, t)!) - mid(own));
    if (!best || d < best.d) best = { term: t, d };
  }
  return best?.term;
}

/**
 * The source's own hedge words, each with its strength: the highest probability (in %) the
 * word can honestly carry. A likelihood term asserts at least its range's lower bound (and
 * every term asserts some chance above zero), so a judgment whose hedge is weaker than its
 * likelihood overstates the source. Words of doubt about the facts themselves ("unclear") carry
 * no likelihood at all: a judgment resting on them is not assessed.
 */
export const HEDGES = {
  unclear: 0,
  unknown: 0,
  uncertain: 0,
  might: 50,
  may: 50,
  could: 50,
  possibly: 50,
  perhaps: 50,
  reportedly: 50,
  suggests: 50,
  apparently: 60,
  appears: 60,
  seems: 60,
  expected: 79,
  probably: 79,
  likely: 79,
  'most likely': 79,
  'very likely': 94,
  'highly likely': 94,
  'almost certainly': 99,
} as const satisfies Record<string, number>;
export type Hedge = keyof typeof HEDGES;
export const HEDGE_WORDS = Object.keys(HEDGES) as [Hedge, ...Hedge[]];

/** The least probability `term` asserts, in %: its range's lower bound, and never zero. */
export function likelihoodStrength(scale: ScaleName, term: string): number | undefined {
  const b = likelihoodBounds(scale, term) ?? SCALES.map((s) => likelihoodBounds(s, term)).find((x) => x !== undefined);
  return b && Math.max(1, b[0]);
}

/**
 * True when the source's hedge cannot carry the judgment's likelihood, e.g. "could" rated
 * "likely" (55% or more) or "unclear" rated at all. False when either is unknown.
 */
export function hedgeWeakerThan(hedge: string, term: string, scale: ScaleName = 'icd203'): boolean {
  const carries = (HEDGES as Readonly<Record<string, number>>)[hedge];
  const asserts = likelihoodStrength(scale, term);
  return carries !== undefined && asserts !== undefined && carries < asserts;
}
