/**
 * The brief that `briefdeck new` writes: every section present, each field explained in a
 * comment, valid and buildable as created (test/cli/new.test.ts builds it).
 * Placeholder text says what to write; replace it, or delete an optional section.
 */
import { SCHEMA_MODELINE } from '../schema/names.ts';

/** "china-trade_2025" -> "China trade 2025". */
export function titleFromName(name: string): string {
  const words = name.replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The YAML of a new brief. It carries no date and no likelihood of its own: a brief states
 * only the dates its sources give and rates only what their hedges support, so `as_of`, a
 * source's date and a rated judgment are shown as commented examples.
 */
export function scaffoldBrief(name: string): string {
  const title = JSON.stringify(titleFromName(name));
  return `${SCHEMA_MODELINE}
#
# A new brief. Every section is filled in with placeholder text that says what
# belongs there: replace it, or delete a section you don't need (only meta,
# bluf and sources are required). Build it with:
#
#   npx briefdeck build briefs/${name}.yaml
#
# Every claim cites the sources it rests on, by the ids listed under
# \`sources\` at the end. The line above gives editors with the YAML extension
# completion and checking; run \`npx briefdeck schema\` if schema/ is missing.

# Which template and theme to use (folders/files under templates/).
# The defaults are shown; the --template and --theme options override them.
# template: briefing
# theme: civic

meta:
  title: ${title}
  subtitle: One line that says what the briefing is about
  # as_of: "2025-01-31"   # optional: the date the information is current as of,
  #                       # shown in every footer; only a date your sources give
  prepared_by: Your name or team
  audience: Who the briefing is for
  type: information       # information | decision
  marking: UNCLASSIFIED   # banner on every slide, e.g. UNCLASSIFIED or TLP:CLEAR
  language: en-US
  # likelihood_scale: icd203  # or phia (the UK yardstick); the terms judgments use

# Bottom line up front: the main point in one or two sentences, active voice.
bluf:
  text: State the main point here, in one or two sentences and the active voice.
  points:                 # two to four supporting points
    - text: A supporting point, in your own words.
      sources: [source-one]
    - text: Another supporting point.
      sources: [source-two]
  sources: [source-one, source-two]
  notes: >-
    Speaker notes: what to say on this slide. Every section can have notes.

# Judgments, most important first. Rate one only where a source's own hedge
# supports it: likelihood is a term of meta.likelihood_scale (ICD 203: almost no
# chance, very unlikely, unlikely, roughly even chance, likely, very likely,
# almost certain) and confidence is low, moderate or high. Left out, the deck
# shows "Not assessed". hedge is the source's own word (could, may, probably,
# unclear, ...), shown in the notes; it must carry the likelihood ("could" does
# not carry "likely", "unclear" carries none). basis: fact | reporting |
# assessment ("We assess that ..."), on any claim.
key_judgments:
  scope_note: What the judgments cover and what they rest on.
  items:
    - statement: The main development will continue.
      basis: assessment
      sources: [source-one]
    # A rated judgment, where a source says "probably":
    # - statement: The second development will follow.
    #   hedge: probably
    #   likelihood: likely
    #   confidence: low
    #   basis: assessment
    #   sources: [source-one, source-two]

# Who is at the table and why it matters. presence: confirmed | reported | likely.
# Where several delegations meet, leader takes a list (one leader per side) and
# each member's side names one of the parties under trade_offs.
delegation:
  # host: Who hosts the meeting, if anyone (a member, or e.g. a country)
  leader: Name of the leader
  members:
    - name: Member name
      # native_name: name in native script
      # aliases: [other spellings]
      role: Title or position
      portfolio: What the person is responsible for
      significance: Why their presence matters.
      presence: reported
      # side: First side
      sources: [source-one]

# What each side may give and get: two to four parties.
trade_offs:
  parties:
    - name: First side
      may_seek:
        - text: What the first side may want.
          sources: [source-one]
      may_offer:
        - text: What the first side may give.
          sources: [source-one]
    - name: Second side
      may_seek:
        - text: What the second side may want.
          sources: [source-two]
      may_offer: []
  risks:
    - text: A risk that the exchange creates.
      sources: [source-two]

# Background and recent developments.
context:
  history:
    - text: How the situation got here.
      sources: [source-one]
  recent:
    - text: What happened recently.
      basis: reporting    # shown attributed to its sources' publishers
      sources: [source-two]

# Events in order. certainty: confirmed | reported | expected.
# date is optional: YYYY, YYYY-MM or YYYY-MM-DD, where the sources give one.
timeline:
  events:
    - when: Last week
      event: Something that happened.
      certainty: reported
      sources: [source-one]
    - when: Next week
      event: Something that is expected.
      place: Where it happens
      certainty: expected
      sources: [source-two]

# What officials said. kind: direct (verbatim) | reported (paraphrased).
quotes:
  items:
    - text: The words as reported.
      kind: reported
      speaker: Speaker name
      role: Their role
      organisation: Their organisation
      sources: [source-two]

# What to watch next, and what is not known.
outlook:
  indicators:
    - text: An indicator to watch.
      sources: [source-one]
  gaps:
    - text: Something that is not known.
      sources: [source-two]

# A decision briefing (meta.type: decision) ends in a request: the problem,
# two to four options, the one recommended and why, and the decision asked for.
# An information briefing has no decision section, so this one is commented out:
# decision:
#   problem:
#     text: The problem the decision answers.
#     sources: [source-one]
#   options:
#     - name: Option A
#       summary: What option A is, in a sentence.
#       pros: [{ text: What speaks for it., sources: [source-one] }]
#       cons: [{ text: What speaks against it., sources: [source-two] }]
#     - name: Option B
#       summary: What option B is.
#   recommendation:
#     option: Option A
#     rationale: [{ text: Why option A., sources: [source-one] }]
#   request: The decision asked for, in one sentence.

# Slides of your own, each after a named section (bluf, key_judgments,
# delegation, trade_offs, context, images, timeline, quotes, outlook or
# decision); layout is bullets, table, comparison or quote, e.g.:
#   - after: context
#     layout: bullets
#     title: A slide of your own
#     items:
#       - text: A point no section models.
#         sources: [source-one]
extra_slides: []

# Figures, each on its own slide. The path is relative to the brief and must
# stay inside the project, e.g.:
#   - path: ../images/map.png
#     alt: What the image shows, for screen readers
#     caption: A caption
#     credit: AP Photo/Photographer name   (shown as "(AP Photo/Photographer name)")
#     fit: contain                          (or cover: fill the box, cropped)
#     sources: [source-one]
# A purely decorative image takes decorative: true instead of alt.
images: []

# Native, editable charts (bar, line or pie), each on its own slide, e.g.:
#   - type: bar
#     title: What the chart measures
#     headline: What it shows, as a statement (the slide title)
#     categories: [A, B, C]
#     series:
#       - name: Series name
#         values: [40, 25, 10]
#     x_label: Category axis title
#     y_label: Value axis title, with its unit
#     source: Where the numbers come from
#     sources: [source-one]
charts: []

# A map of the places the brief is about, drawn as editable shapes.
# Coordinates are reference data: mark them as added in a comment.
# role: capital, origin, destination, waypoint or other. A route's
# stated_distance is checked against the great-circle distance.
# map:
#   title: Where it happens
#   places:
#     - { name: Place one, lat: 51.5072, lon: -0.1276, role: capital }
#     - { name: Place two, lat: 48.8566, lon: 2.3522, role: destination }
#   routes:
#     - from: Place one
#       to: Place two
#       stated_distance: about 340 km
#       sources: [source-one]

# Every source the brief cites. kind: state-media, wire, official,
# government-briefing, imagery, analyst, press or other. An Admiralty grade,
# where you have one, is shown as "B2" beside the kind: reliability A
# (completely reliable) to F (cannot be judged), credibility 1 (confirmed) to 6
# (cannot be judged).
sources:
  - id: source-one
    publisher: Who published it
    title: Title or description of the item
    kind: press
    # date: "2025-01-30"   # when it was published, as the source gives it
    # url: https://example.org/article
    # reliability: B
    # credibility: 2
    note: A caveat, if any
  - id: source-two
    publisher: Another publisher
    kind: official

# Credits for images seen or used, e.g.:
#   - text: "Photos: Agency name"
#     source: source-one
image_credits: []

# The closing slide: questions to prompt discussion.
closing:
  questions:
    - A question for discussion?
  notes: >-
    Close the briefing and take questions.
`;
}
