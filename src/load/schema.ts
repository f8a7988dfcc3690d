/**
 * The brief schema: the single source of truth for what a brief may contain.
 * The loader validates with it, the JSON Schema for editors is derived from it,
 * and the README's field reference follows it.
 */
import { z } from 'zod';
import { isIsoDate } from '../dates.ts';
import { NAME_PATTERN } from './didYouMean.ts';

/** Reference to an entry in `sources` by its id. */
export const SourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'a source id is lower-case letters, digits, "-" or "_"')
  .describe('The id of an entry in `sources`.');

const SourceRefs = z
  .array(SourceId)
  .min(1, 'every claim cites at least one source')
  .describe('Ids of the sources that support this item (see `sources`).');

const Text = z.string().trim().min(1, 'must not be empty');

const Notes = z.string().describe('Speaker notes: the script for this section.');

/** ICD 203 likelihood terms, first row. Mixing rows is a lint error, so only one row is accepted. */
export const LIKELIHOOD = [
  'almost no chance',
  'very unlikely',
  'unlikely',
  'roughly even chance',
  'likely',
  'very likely',
  'almost certain',
] as const;

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
      .describe('Date the information is current as of (YYYY-MM-DD). Shown in every footer.'),
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
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language tag such as en-US')
      .default('en-US')
      .describe('Document language (BCP 47 tag).'),
  })
  .describe('What the brief is, for whom, and how it is marked.');

const Bluf = z
  .strictObject({
    text: Text.describe('The bottom line, up front: the main point in one or two sentences, active voice.'),
    points: z.array(Claim).default([]).describe('Two to four supporting points.'),
    sources: SourceRefs,
    notes: Notes.optional(),
  })
  .describe('Bottom line up front.');

const KeyJudgment = z.strictObject({
  statement: Text.describe('The judgment ("we assess ..."), without the likelihood term.'),
  likelihood: z.enum(LIKELIHOOD).describe('ICD 203 likelihood term.'),
  confidence: z.enum(CONFIDENCE).describe('Analytic confidence in the judgment.'),
  sources: SourceRefs,
});

const KeyJudgments = z
  .strictObject({
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
  sources: SourceRefs,
});

const Delegation = z
  .strictObject({
    leader: Text.optional().describe('Who leads the delegation.'),
    members: z.array(Member).min(1).describe('Delegation members, most senior first.'),
    notes: Notes.optional(),
  })
  .describe('Who is travelling and why it matters.');

const Party = z.strictObject({
  name: Text.describe('The side, e.g. "Moscow".'),
  may_seek: z.array(Claim).default([]).describe('What this side may want to get.'),
  may_offer: z.array(Claim).default([]).describe('What this side may be willing to give.'),
});

const TradeOffs = z
  .strictObject({
    parties: z.array(Party).length(2, 'a trade-off compares exactly two sides').describe('The two sides.'),
    risks: z.array(Claim).default([]).describe('Risks that the exchange creates.'),
    notes: Notes.optional(),
  })
  .refine((t) => t.parties.some((p) => p.may_seek.length + p.may_offer.length > 0), 'give at least one thing a side may seek or offer, or leave trade_offs out')
  .describe('What each side may give and get.');

const Context = z
  .strictObject({
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
  sources: SourceRefs,
});

const Timeline = z
  .strictObject({
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
  speaker: Text.describe('Who said it.'),
  role: Text.optional().describe('Their role.'),
  organisation: Text.optional().describe('Their organisation.'),
  sources: SourceRefs,
});

const Quotes = z
  .strictObject({
    items: z.array(Quote).min(1),
    notes: Notes.optional(),
  })
  .describe('What officials said.');

const Outlook = z
  .strictObject({
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
});

const ImageCredit = z.strictObject({
  text: Text.describe('The credit line, as the rights holder asks.'),
  source: SourceId.optional(),
});

export const Image = z.strictObject({
  path: Text.describe('Image file, relative to the brief. Must stay inside the project.'),
  alt: Text.describe('Alternative text: what the image shows, for screen readers.'),
  caption: Text.optional(),
  credit: Text.optional().describe('Credit line for the image.'),
  sources: z.array(SourceId).default([]),
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
    images: z.array(Image).default([]).describe('Figures, each on its own slide.'),
    sources: z.array(Source).min(1).describe('Every source the brief cites.'),
    image_credits: z.array(ImageCredit).default([]).describe('Credits for images seen or used.'),
    closing: z
      .strictObject({
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
