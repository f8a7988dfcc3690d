/**
 * The brief schema: the single source of truth for what a brief may contain.
 * The loader validates with it, the JSON Schema for editors is derived from it,
 * and the README's field reference follows it.
 */
import { z } from 'zod';
import { isIsoDate } from '../dates.ts';
import { NAME_PATTERN } from './didYouMean.ts';
import { HEDGE_WORDS, LIKELIHOOD_TERMS, SCALES } from '../estimative.ts';

/** Reference to an entry in `sources` by its id. */
export const SourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'a source id is lower-case letters, digits, "-" or "_"')
  .describe('The id of an entry in `sources`.');

/** Citations may be left out: an unsourced item loads, and lint flags it. */
const SourceRefs = z
  .array(SourceId)
  .default([])
  .describe('Ids of the sources that support this item (see `sources`).');

const Text = z.string().trim().min(1, 'must not be empty');

const Notes = z.string().describe('Speaker notes: the script for this section.');

/** A section's own slide title, used instead of the template's topic-neutral default. */
const Title = Text.optional().describe("This section's slide title, instead of the template's default.");
const Subtitle = Text.optional().describe("The line under this section's divider title, instead of the template's default.");

/**
 * Likelihood terms of every scale (ICD 203's first row and the PHIA yardstick). The schema
 * accepts any of them; the loader checks each against the brief's `meta.likelihood_scale`.
 */
export const LIKELIHOOD = LIKELIHOOD_TERMS;

/**
 * ICD 203's second row of likelihood terms, each mapped to its first-row equivalent. A brief
 * accepts only the first row (mixing rows is an error), so an analyst who writes "probable" is
 * told the first-row term, "likely"; lint flags second-row terms in prose.
 */
export const LIKELIHOOD_SECOND_ROW: Readonly<Record<string, string>> = {
  remote: 'almost no chance',
  'highly improbable': 'very unlikely',
  improbable: 'unlikely',
  improbably: 'unlikely',
  'roughly even odds': 'roughly even chance',
  probable: 'likely',
  probably: 'likely',
  'highly probable': 'very likely',
  'nearly certain': 'almost certain',
};

export const CONFIDENCE = ['low', 'moderate', 'high'] as const;

/** What a claim rests on: an established fact, a source's reporting, or the brief's own assessment. */
export const BASIS = ['fact', 'reporting', 'assessment'] as const;

/** Admiralty code: source reliability A (completely reliable) to F (cannot be judged). */
export const RELIABILITY = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

export const MARKINGS = [
  'UNCLASSIFIED',
  'CUI',
  'CONFIDENTIAL',
  'SECRET',
  'TOP SECRET',
  'TLP:CLEAR',
  'TLP:GREEN',
  'TLP:AMBER',
  'TLP:AMBER+STRICT',
  'TLP:RED',
  'OFFICIAL',
  'OFFICIAL-SENSITIVE',
] as const;

/**
 * Portion marks, shown as "(U)" before the text they mark: US classification levels and CUI,
 * and TLP 2.0 labels. All or none of a brief's items carry one (a lint rule).
 */
export const PORTIONS = ['U', 'CUI', 'C', 'S', 'TS', 'TLP:CLEAR', 'TLP:GREEN', 'TLP:AMBER', 'TLP:AMBER+STRICT', 'TLP:RED'] as const;
export type Portion = (typeof PORTIONS)[number];
export type Marking = (typeof MARKINGS)[number];

/** Each system's levels, lowest first: a portion and a banner compare within one system. */
const PORTION_SYSTEMS: ReadonlyArray<ReadonlyArray<readonly [Portion, Marking]>> = [
  [['U', 'UNCLASSIFIED'], ['CUI', 'CUI'], ['C', 'CONFIDENTIAL'], ['S', 'SECRET'], ['TS', 'TOP SECRET']],
  [['TLP:CLEAR', 'TLP:CLEAR'], ['TLP:GREEN', 'TLP:GREEN'], ['TLP:AMBER', 'TLP:AMBER'], ['TLP:AMBER+STRICT', 'TLP:AMBER+STRICT'], ['TLP:RED', 'TLP:RED']],
];

/**
 * Ranks a portion mark against the banner marking: negative when the portion is below the
 * banner, 0 when it is the banner's level, positive when it is above it (the banner must then
 * be raised). Undefined when the two belong to different systems (a TLP portion under a US
 * banner, or any portion under a UK OFFICIAL banner), which no ranking can reconcile.
 */
export function rankPortion(portion: Portion, marking: Marking): number | undefined {
  for (const system of PORTION_SYSTEMS) {
    const p = system.findIndex(([mark]) => mark === portion);
    const m = system.findIndex(([, banner]) => banner === marking);
    if (p >= 0 && m >= 0) return p - m;
  }
  return undefined;
}

/** The banner a portion calls for: "S" -> "SECRET". */
export function bannerOf(portion: Portion): Marking {
  for (const system of PORTION_SYSTEMS) for (const [mark, banner] of system) if (mark === portion) return banner;
  throw new Error(`unknown portion ${portion}`);
}

const PortionField = z.enum(PORTIONS).optional().describe('Portion mark, shown before the text: U, CUI, C, S, TS or a TLP label.');
const BasisField = z
  .enum(BASIS)
  .optional()
  .describe('What the claim rests on: "fact" (shown plain), "reporting" (attributed to its sources) or "assessment" (shown as "We assess ...").');

export const SOURCE_KINDS = [
  'state-media',
  'wire',
  'official',
  'government-briefing',
  'imagery',
  'analyst',
  'press',
  'other',
] as const;

/** A statement that rests on sources. */
export const Claim = z
  .strictObject({
    text: Text.describe('The statement, in your own words.'),
    sources: SourceRefs,
    basis: BasisField,
    portion: PortionField,
  })
  .describe('A statement and the sources it rests on.');

const Meta = z
  .strictObject({
    title: Text.describe('Deck title: the first slide and the document title.'),
    subtitle: Text.optional().describe('One line under the title.'),
    as_of: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
      .refine(isIsoDate, 'not a calendar date')
      .optional()
      .describe('Date the information is current as of (YYYY-MM-DD), shown in every footer. Leave it out when the sources give no date.'),
    prepared_by: Text.describe('Who prepared the brief.'),
    audience: Text.optional().describe('Who the brief is for.'),
    type: z
      .enum(['information', 'decision'])
      .default('information')
      .describe('Information briefings state facts and assessments only; decision briefings end in a request.'),
    marking: z
      .enum(MARKINGS)
      .default('UNCLASSIFIED')
      .describe('Banner marking on every slide. Open-source material is UNCLASSIFIED or TLP:CLEAR.'),
    likelihood_scale: z
      .enum(SCALES)
      .default('icd203')
      .describe('The likelihood scale judgments use: "icd203" (US, the default) or "phia" (the UK yardstick, with its deliberate gaps).'),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as en-US')
      .default('en-US')
      .describe('Document language (BCP 47 tag).'),
  })
  .describe('What the brief is, for whom, and how it is marked.');

const Bluf = z
  .strictObject({
    title: Title,
    text: Text.describe('The bottom line, up front: the main point in one or two sentences, active voice.'),
    points: z.array(Claim).default([]).describe('Two to four supporting points.'),
    sources: SourceRefs,
    portion: PortionField,
    notes: Notes.optional(),
  })
  .describe('Bottom line up front.');

const KeyJudgment = z.strictObject({
  statement: Text.describe('The judgment ("we assess ..."), without the likelihood term.'),
  likelihood: z
    .enum(LIKELIHOOD)
    .optional()
    .describe('Likelihood term from the brief\'s scale (meta.likelihood_scale). Leave it out where the sources give no basis: the deck then shows "Not assessed".'),
  confidence: z.enum(CONFIDENCE).optional().describe('Analytic confidence in the judgment. Leave it out where there is no basis for one.'),
  hedge: z
    .enum(HEDGE_WORDS)
    .optional()
    .describe('The source\'s own hedge word ("could", "probably", "unclear"), shown in the speaker notes.'),
  basis: BasisField,
  portion: PortionField,
  sources: SourceRefs,
});

const KeyJudgments = z
  .strictObject({
    title: Title,
    scope_note: Text.optional().describe('What the judgments cover and what they rest on.'),
    items: z.array(KeyJudgment).min(1).describe('The judgments, most important first.'),
    notes: Notes.optional(),
  })
  .describe('Key judgments, each with its likelihood and confidence.');

export const PRESENCE = ['confirmed', 'reported', 'likely'] as const;

const Member = z.strictObject({
  name: Text.describe('Name in the usual English form (Korean: family name first).'),
  native_name: Text.optional().describe('Name in native script, e.g. Hangul or Cyrillic.'),
  aliases: z.array(Text).default([]).describe('Other spellings seen in sources.'),
  role: Text.describe('Title or position.'),
  portfolio: Text.optional().describe('What the person is responsible for.'),
  significance: Text.describe('Why their presence matters.'),
  presence: z.enum(PRESENCE).describe('How certain it is that they are in the delegation.'),
  side: Text.optional().describe('The party the member belongs to: a name from trade_offs.parties, where the brief has them.'),
  portion: PortionField,
  sources: SourceRefs,
});

const Delegation = z
  .strictObject({
    title: Title,
    section_title: Text.optional().describe("The divider slide's title, instead of the template's default."),
    subtitle: Subtitle,
    host: Text.optional().describe('Who hosts the meeting: a member, or free text (e.g. "North Korea").'),
    leader: z
      .union([Text, z.array(Text).min(1)])
      .optional()
      .describe('Who leads the delegation; a list where several delegations meet (one leader per side).'),
    members: z.array(Member).min(1).describe('Delegation members, most senior first.'),
    notes: Notes.optional(),
  })
  .describe('Who is at the table and why it matters.');

const Party = z.strictObject({
  name: Text.describe('The side, e.g. "Moscow".'),
  may_seek: z.array(Claim).default([]).describe('What this side may want to get.'),
  may_offer: z.array(Claim).default([]).describe('What this side may be willing to give.'),
});

/** Sides a trade-off compares: a comparison slide holds up to four columns. */
export const PARTIES = { min: 2, max: 4 } as const;

const TradeOffs = z
  .strictObject({
    title: Title,
    risks_title: Text.optional().describe("The risks slide's title, instead of the template's default."),
    parties: z
      .array(Party)
      .min(PARTIES.min, `a trade-off compares ${PARTIES.min} to ${PARTIES.max} sides`)
      .max(PARTIES.max, `a trade-off compares ${PARTIES.min} to ${PARTIES.max} sides; split a larger meeting into groups`)
      .describe('The sides, two to four.'),
    risks: z.array(Claim).default([]).describe('Risks that the exchange creates.'),
    notes: Notes.optional(),
  })
  .refine((t) => t.parties.some((p) => p.may_seek.length + p.may_offer.length > 0), 'give at least one thing a side may seek or offer, or leave trade_offs out')
  .describe('What each side may give and get.');

const Context = z
  .strictObject({
    title: Text.optional().describe("The background slide's title, instead of the template's default."),
    recent_title: Text.optional().describe("The recent-developments slide's title, instead of the template's default."),
    history: z.array(Claim).default([]).describe('Background: how the relationship got here.'),
    recent: z.array(Claim).default([]).describe('Recent developments.'),
    notes: Notes.optional(),
  })
  .refine((c) => c.history.length + c.recent.length > 0, 'give at least one history or recent item, or leave context out')
  .describe('The diplomatic context.');

export const CERTAINTY = ['confirmed', 'reported', 'expected'] as const;

const TimelineEvent = z.strictObject({
  when: Text.describe('When, as the sources put it ("Sunday afternoon", "2019").'),
  date: z
    .string()
    .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'expected YYYY, YYYY-MM or YYYY-MM-DD')
    .optional()
    .describe('Calendar date where the sources give one.'),
  event: Text.describe('What happened or is expected.'),
  place: Text.optional().describe('Where.'),
  certainty: z.enum(CERTAINTY).describe('Whether the event is confirmed, reported, or expected.'),
  portion: PortionField,
  sources: SourceRefs,
});

const Timeline = z
  .strictObject({
    title: Title,
    events: z.array(TimelineEvent).min(1).describe('Events in the order they happened.'),
    notes: Notes.optional(),
  })
  .describe('A timeline of events.');

const Quote = z.strictObject({
  text: Text.describe('The words as reported.'),
  kind: z
    .enum(['direct', 'reported'])
    .default('direct')
    .describe('"direct" for a verbatim quotation, "reported" for a statement paraphrased by the source.'),
  speaker: Text.optional().describe('Who said it. A reported statement may leave it out (its source then stands alone).'),
  role: Text.optional().describe('Their role.'),
  organisation: Text.optional().describe('Their organisation.'),
  portion: PortionField,
  sources: SourceRefs,
});

const Quotes = z
  .strictObject({
    title: Title,
    items: z.array(Quote).min(1),
    notes: Notes.optional(),
  })
  .describe('What officials said.');

const Outlook = z
  .strictObject({
    title: Title,
    indicators: z.array(Claim).default([]).describe('Indicators to watch.'),
    gaps: z.array(Claim).default([]).describe('What is not known.'),
    notes: Notes.optional(),
  })
  .refine((o) => o.indicators.length + o.gaps.length > 0, 'give at least one indicator or gap, or leave outlook out')
  .describe('What to watch next.');

const Source = z.strictObject({
  id: SourceId.describe('Short id that claims cite, e.g. "kcna".'),
  publisher: Text.describe('Who published or said it.'),
  title: Text.optional().describe('Title or description of the item.'),
  kind: z.enum(SOURCE_KINDS).describe('What kind of source it is.'),
  date: z.string().optional().describe('When it was published or said.'),
  url: z.url({ protocol: /^https?$/, hostname: z.regexes.domain }).optional().describe('Where to find it (http or https).'),
  note: Text.optional().describe('A caveat, e.g. "state media".'),
  reliability: z.enum(RELIABILITY).optional().describe('Admiralty source reliability: A (completely reliable) to F (cannot be judged).'),
  credibility: z
    .number()
    .int('credibility is a whole number from 1 to 6')
    .min(1, 'credibility runs from 1 (confirmed) to 6 (cannot be judged)')
    .max(6, 'credibility runs from 1 (confirmed) to 6 (cannot be judged)')
    .optional()
    .describe('Admiralty information credibility: 1 (confirmed by other sources) to 6 (cannot be judged).'),
});

/** Options a decision brief weighs: each is a column of its slide. */
export const OPTIONS = { min: 2, max: 4 } as const;

const DecisionOption = z.strictObject({
  name: Text.describe('A short name, e.g. "Option B: targeted sanctions".'),
  summary: Text.describe('What the option is, in a sentence.'),
  portion: PortionField,
  pros: z.array(Claim).default([]).describe('What speaks for it.'),
  cons: z.array(Claim).default([]).describe('What speaks against it.'),
});

const Decision = z
  .strictObject({
    title: Text.optional().describe("The options slide's title, instead of the template's default."),
    recommendation_title: Text.optional().describe("The recommendation slide's title, instead of the template's default."),
    problem: Claim.describe('The problem the decision answers.'),
    options: z
      .array(DecisionOption)
      .min(OPTIONS.min, `a decision weighs ${OPTIONS.min} to ${OPTIONS.max} options`)
      .max(OPTIONS.max, `a decision weighs ${OPTIONS.min} to ${OPTIONS.max} options; merge or drop the weakest`)
      .describe('The options, two to four.'),
    recommendation: z
      .strictObject({
        option: Text.describe('The name of the recommended option, as in options[].name.'),
        rationale: z.array(Claim).min(1).describe('Why this option.'),
      })
      .describe('The option recommended, and why.'),
    request: Text.describe('The decision asked for, in one sentence.'),
    notes: Notes.optional(),
  })
  .describe('A decision briefing: the problem, the options, the recommendation and the request. Only with meta.type: decision.');

/** Sections an extra slide may follow (the order of the briefing template). */
export const SECTIONS = ['bluf', 'key_judgments', 'delegation', 'trade_offs', 'context', 'images', 'timeline', 'quotes', 'outlook', 'decision'] as const;

const ExtraBase = {
  after: z.enum(SECTIONS).describe('The section this slide follows. It keeps its place when that section is left out.'),
  title: Text.describe('The slide title.'),
  notes: Notes.optional(),
};

const ExtraSlide = z
  .discriminatedUnion('layout', [
    z.strictObject({
      ...ExtraBase,
      layout: z.literal('bullets'),
      lead: Claim.optional().describe('A statement above the list.'),
      items: z.array(Claim).min(1).describe('The bullets.'),
    }),
    z.strictObject({
      ...ExtraBase,
      layout: z.literal('table'),
      columns: z.array(Text).min(1).max(6).describe('Column headings.'),
      rows: z
        .array(z.strictObject({ cells: z.array(Text).min(1), sources: SourceRefs, portion: PortionField }))
        .min(1)
        .describe('Rows: one cell per column, and the sources of the row.'),
    }),
    z.strictObject({
      ...ExtraBase,
      layout: z.literal('comparison'),
      columns: z
        .array(z.strictObject({ heading: Text, items: z.array(Claim).min(1) }))
        .min(2)
        .max(4)
        .describe('Two to four columns, each a heading over its claims.'),
    }),
    z.strictObject({
      ...ExtraBase,
      layout: z.literal('quote'),
      quotes: z.array(Quote).min(1).describe('The quotations.'),
    }),
  ])
  .describe('A slide for content no section models: bullets, a table, a comparison or quotes.');

const ImageCredit = z.strictObject({
  text: Text.describe('The credit line, as the rights holder asks.'),
  source: SourceId.optional(),
});

export const Image = z.strictObject({
  path: Text.describe('Image file, relative to the brief. Must stay inside the project.'),
  alt: Text.describe('Alternative text: what the image shows, for screen readers.'),
  caption: Text.optional(),
  credit: Text.optional().describe('Credit line for the image.'),
  portion: PortionField,
  sources: z.array(SourceId).default([]),
});

/** What a place on a map is; its marker's shape says so (see the map kind). */
export const PLACE_ROLES = ['capital', 'origin', 'destination', 'waypoint', 'other'] as const;

const MapPlace = z.strictObject({
  name: Text.describe('The place name as the map labels it.'),
  lat: z.number().min(-85, 'latitude runs from -85 to 85 on a Mercator map').max(85, 'latitude runs from -85 to 85 on a Mercator map').describe('Latitude in decimal degrees, north positive (reference data).'),
  lon: z.number().min(-180, 'longitude runs from -180 to 180').max(180, 'longitude runs from -180 to 180').describe('Longitude in decimal degrees, east positive (reference data).'),
  role: z.enum(PLACE_ROLES).default('other').describe('capital, origin, destination, waypoint or other: sets the marker.'),
});

const MapRoute = z.strictObject({
  from: Text.describe('The name of the place the route starts at, as in places[].name.'),
  to: Text.describe('The name of the place it ends at.'),
  label: Text.optional().describe('The route\'s label; default "<from> to <to>".'),
  stated_distance: Text.optional().describe('The distance as the source states it, e.g. "about 425 miles (680 kilometers)"; lint compares it with the great-circle distance.'),
  sources: z.array(SourceId).default([]).describe('Sources of the stated distance.'),
});

export const MapSection = z
  .strictObject({
    title: Text.optional().describe("The map slide's title. Default: \"Map\"."),
    places: z.array(MapPlace).min(1, 'a map shows at least one place').max(12, 'a map labels at most 12 places; leave out the least important').describe('The places marked and labelled.'),
    routes: z.array(MapRoute).default([]).describe('Lines between places, each labelled with its great-circle distance.'),
    notes: Notes.optional(),
  })
  .superRefine((m, ctx) => {
    const names = new Set(m.places.map((p) => p.name));
    m.places.forEach((p, i) => {
      if (m.places.findIndex((q) => q.name === p.name) !== i) ctx.addIssue({ code: 'custom', path: ['places', i, 'name'], message: `two places are named "${p.name}"` });
    });
    m.routes.forEach((r, i) => {
      for (const end of ['from', 'to'] as const) {
        if (!names.has(r[end])) ctx.addIssue({ code: 'custom', path: ['routes', i, end], message: `"${r[end]}" is not one of the map's places (${[...names].join(', ')})` });
      }
    });
  })
  .describe('A map of the places the brief is about: native, editable country outlines, markers, routes and distances.');

/** The chart types briefdeck draws as native PowerPoint charts. */
export const CHART_TYPES = ['bar', 'line', 'pie'] as const;
export type ChartType = (typeof CHART_TYPES)[number];

const ChartSeries = z.strictObject({
  name: Text.describe('The series name, shown in the legend.'),
  values: z.array(z.number().finite('a chart value is a finite number')).min(1, 'a series has at least one value').describe('One number per category, in order.'),
});

export const Chart = z
  .strictObject({
    type: z.enum(CHART_TYPES).describe('bar, line or pie.'),
    title: Text.describe("The chart's own title, inside the chart."),
    headline: Text.optional().describe('The slide title: what the chart shows, as a statement. Default: the chart title.'),
    categories: z.array(Text).min(1, 'a chart has at least one category').max(24, 'a chart reads best with at most 24 categories').describe('Category labels (bars, points or slices).'),
    series: z.array(ChartSeries).min(1, 'a chart has at least one series').max(6, 'a chart reads best with at most 6 series').describe('The data: one or more named series.'),
    x_label: Text.optional().describe('Category axis title (bar and line).'),
    y_label: Text.optional().describe('Value axis title, with the unit (bar and line).'),
    source: Text.optional().describe('The source line under the chart, e.g. "National statistics office".'),
    sources: z.array(SourceId).default([]).describe('Sources of the data.'),
    notes: Notes.optional(),
  })
  .superRefine((c, ctx) => {
    c.series.forEach((s, i) => {
      if (s.values.length !== c.categories.length) {
        ctx.addIssue({ code: 'custom', path: ['series', i, 'values'], message: `${s.values.length} values for ${c.categories.length} categories; give one value per category` });
      }
      if (c.type === 'pie') s.values.forEach((v, j) => v < 0 && ctx.addIssue({ code: 'custom', path: ['series', i, 'values', j], message: 'a pie slice cannot be negative' }));
    });
    if (c.type === 'pie' && c.series.length > 1) ctx.addIssue({ code: 'custom', path: ['series', 1], message: 'a pie chart shows one series; use a bar chart to compare several' });
    if (c.type === 'pie' && c.categories.length > 6) ctx.addIssue({ code: 'custom', path: ['categories'], message: 'a pie reads best with at most 6 slices; group the smallest as "Other" or use a bar chart' });
  })
  .describe('A native, editable chart on its own slide.');

/** How a figure fills its box: whole and letterboxed (contain), or filling it, cropped (cover). */
export const IMAGE_FITS = ['contain', 'cover'] as const;

/** A figure: the base image fields, with fit, decorative images and alt text required otherwise. */
export const Figure = Image.extend({
  alt: Text.optional().describe('Alternative text: what the image shows, for screen readers. Required unless decorative.'),
  decorative: z.boolean().default(false).describe('Marks an image that carries no information (a texture, a logo band): no alt text needed.'),
  fit: z.enum(IMAGE_FITS).default('contain').describe('contain: the whole image, aspect kept; cover: fills the figure box, cropped to it.'),
  credit: Text.optional().describe('Credit line as the rights holder asks, e.g. "AP Photo/Ahn Young-joon"; shown in parentheses.'),
}).superRefine((img, ctx) => {
  if (!img.decorative && !img.alt) ctx.addIssue({ code: 'custom', path: ['alt'], message: 'an image needs alt text saying what it shows, unless it is marked decorative: true' });
});

export const Brief = z
  .strictObject({
    template: z
      .string()
      .regex(NAME_PATTERN, 'a template name is lower-case letters, digits, "-" or "_", such as briefing or executive')
      .optional()
      .describe('Template to use (a folder under templates/). Default: briefing.'),
    theme: z
      .string()
      .regex(NAME_PATTERN, 'a theme name is lower-case letters, digits, "-" or "_", such as civic or dark')
      .optional()
      .describe('Theme to use (a file under templates/themes/). Default: civic.'),
    meta: Meta,
    bluf: Bluf,
    key_judgments: KeyJudgments.optional(),
    delegation: Delegation.optional(),
    trade_offs: TradeOffs.optional(),
    context: Context.optional(),
    timeline: Timeline.optional(),
    quotes: Quotes.optional(),
    outlook: Outlook.optional(),
    decision: Decision.optional(),
    extra_slides: z.array(ExtraSlide).default([]).describe('Slides of your own, each placed after a named section.'),
    images: z.array(Figure).default([]).describe('Figures, each on its own slide.'),
    map: MapSection.optional(),
    charts: z.array(Chart).default([]).describe('Charts, each on its own slide, after the figures.'),
    sources: z.array(Source).min(1).describe('Every source the brief cites.'),
    image_credits: z.array(ImageCredit).default([]).describe('Credits for images seen or used.'),
    closing: z
      .strictObject({
        title: Text.optional().describe('The closing slide\'s title. Default: "Questions", or "Decision requested" in a decision brief.'),
        subtitle: Text.optional().describe('The line under it. Default: the bottom line, or the decision requested.'),
        questions: z.array(Text).default([]).describe('Questions to prompt discussion.'),
        notes: Notes.optional(),
      })
      .default({ questions: [] })
      .describe('The closing slide.'),
  })
  .describe('A briefing: one brief becomes one deck.');

export type Brief = z.output<typeof Brief>;
export type BriefInput = z.input<typeof Brief>;
export type Claim = z.output<typeof Claim>;
