/**
 * A seeded generator of valid briefs with hostile Unicode in every string field.
 *
 * Each brief is a plain JS object (serialise it with `yaml`'s `stringify`, see `briefYaml`)
 * plus the list of every string it holds, with its field path, so a test can check that each
 * string reaches the deck. Every string carries a unique marker (`~<seed>.<n>~`), so a string
 * cannot be "found" in the deck because some other text happens to contain it.
 *
 * Strings mix: control characters (XML-forbidden C0, allowed tab/CR/LF, DEL, C1 incl. NEL);
 * XML and HTML specials; Handlebars braces; slide-markup tags; right-to-left text, bidi
 * controls and combining marks; emoji (ZWJ sequences, flags, keycaps, skin tones); CJK incl.
 * astral ideographs; odd white space (NBSP, U+2028/9, U+3000, U+FEFF); YAML syntax; lone
 * surrogates and U+FFFE/U+FFFF; and, for some fields, very long strings.
 *
 * The analytic fields vary too: a brief may or may not carry `as_of` and a likelihood scale;
 * judgments may be rated fully, in part or not at all ("Not assessed"), with a hedge that can
 * carry their likelihood; claims and judgments may carry a `basis` (an assessment reads "We
 * assess that ...", reporting gains "(reported by ...)", which counts against the field's
 * limit); sources may carry an Admiralty grade.
 *
 * Length limits (see LIMITS below) keep every string placeable: one item that does not fit on an
 * empty slide even at the absolute floor (10 pt) is E_TEXT_TOO_LONG by design, so the generator
 * stays within what each kind of frame can hold. The limits sit below the measured break-even
 * points (listed at LIMITS); test/fuzz/limits.test.ts re-checks them against the layout.
 */
import { stringify } from 'yaml';
import { textWidthIn } from '../../src/layout/measure.ts';
import { HEDGE_WORDS, hedgeWeakerThan, LIKELIHOOD_SCALES, SCALES } from '../../src/estimative.ts';
import { BASIS, CERTAINTY, CONFIDENCE, MARKINGS, PRESENCE, RELIABILITY, SOURCE_KINDS } from '../../src/load/schema.ts';

/** mulberry32: a tiny, well-mixed 32-bit PRNG. Same seed, same sequence, on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
}

/** XML 1.0 forbids these (and lone surrogates); the loader removes them, with a warning. */
export const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Fragments by family. Each is inserted whole, so the families stay recognisable in failures. */
export const POOLS = {
  words: ['delegation', 'summit', 'artillery', 'Vladivostok', 'we assess', 'likely', 'train', 'Kremlin', 'oil', 'food', 'munitions', 'the', 'and', 'of', 'Choe', 'Pyongyang', 'Moscow', 'report', 'officials', 'said'],
  control: ['\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B[31m', '\u001F', '\t', '\n', '\r', '\r\n', '\u007F', '\u0080', '\u0085', '\u009B', '\u009F'],
  xml: ['&', '<', '>', '"', "'", '&amp;', '&lt;', '&#x41;', '&#65;', '&nbsp;', ']]>', '<![CDATA[x]]>', '<?xml version="1.0"?>', '<!-- c -->', '<!DOCTYPE x [<!ENTITY e "boom">]>', '&e;', 'a="b"', "x='y'"],
  html: ['<b>bold</b>', '<script>alert(1)</script>', '<br/>', '<img src=x onerror=alert(1)>', '<a href="javascript:x">l</a>', '&copy;', '<p>para</p>', '</div>'],
  handlebars: ['{{meta.title}}', '{{{bluf.text}}}', '{{> claims}}', '{{#each sources}}x{{/each}}', '}}', '{{', '{{!-- c --}}', '\\{{escaped}}', '{{else}}', '{{@root.meta}}', '{{lookup . "constructor"}}', '{{#with this}}'],
  markup: ['<slide layout="title" title="x">', '</slide>', '</deck>', '<item>', '<notes><p>n</p></notes>', '<table><tr header="true"><td>x</td></tr></table>', 'data-loc="f:1:1"', '<image path="/etc/passwd" alt="x"/>', '<a:t>run</a:t>', '<p:sp>'],
  rtl: ['مرحبا بالعالم', 'שלום עולם', 'كيم جونغ أون', '\u202Eevil\u202C', '\u200F', '\u200E', '\u2067iso\u2069', 'עברית and English', '۱۲۳'],
  combining: ['e\u0301', 'n\u0303', 'Z\u0351\u0360\u0368\u0363\u0346a\u0308\u0347\u032Cl\u0344\u0352g\u0350o\u0359', '\u1100\u1161\u11A8', 'ก\u0E31\u0E49', 'क्षि', 'a\u20DD', '\u0627\u064E'],
  emoji: ['😀', '👩\u200D👩\u200D👧\u200D👦', '🇰🇷', '🇷🇺', '👍🏽', '1\uFE0F\u20E3', '❤\uFE0F', '🏳\uFE0F\u200D🌈', '🧑🏿\u200D🚀', '\u{1FAE0}'],
  cjk: ['김정은', '최선희', '中华人民共和国', '日本語のテキスト', '한국어 문장입니다', '\u3000', '𠀀𠀁', '「引用」', '、。', 'ｆｕｌｌｗｉｄｔｈ'],
  space: ['\u00A0', '\u2028', '\u2029', '\uFEFF', '\u200B', '\u200D', '\u2003', '\u202F', '  ', '\t\t'],
  yaml: ['key: value', '- item', '# not a comment', '&anchor', '*alias', '!tag', '%YAML 1.2', '---', '...', '? q', '|', '>-', '@', '`', 'null', 'true', '0x1F', '1e3', '~', '<<: *x'],
  forbidden: ['\uD800', '\uDFFF', '\uFFFE', '\uFFFF', '\u0002'],
} as const;

export type Pool = keyof typeof POOLS;
const POOL_NAMES = Object.keys(POOLS) as Pool[];

/** Average advance of a character of English words in Arial, in em (measured: 0.421). */
const LATIN_EM = 0.421;

/**
 * How wide a string is, in "average Latin character" units, measured with layout's own font
 * metrics (so ideographs and emoji count about 2.4, combining marks 0, a character no bundled
 * font has a full em).
 */
export function weight(s: string): number {
  return textWidthIn(s, { face: 'Arial', sizePt: 72 }) / LATIN_EM;
}

/**
 * The most a single string may weigh (see `weight`) in each kind of field, so that it always
 * places. One item too large for an empty slide even at the 10 pt absolute floor is
 * E_TEXT_TOO_LONG by design. Measured break-even points (test/fuzz/limits.test.ts re-checks
 * the limits below; the numbers are characters of Latin words / of all-wide CJK text, one item
 * alone on its slide, civic theme):
 *
 *   bullets (bluf.points, context.*)        ~4550 / ~2200   (context alone: ~5490 / ~2620)
 *   key_judgments.items[].statement         ~3790 / ~1530   (badge 3.4 in wide)
 *   key_judgments.scope_note (lead)         ~4390 / ~2130
 *   delegation table: significance          ~2290 / ~1075
 *                     role                  ~820  / ~420
 *                     name (+native, aliases) ~980 / ~450
 *   comparison columns (may_seek, outlook)  ~2100 / ~980
 *   timeline: event ~4250 / ~2000, when ~910 / ~490, place ~4950 / ~2340
 *   quotes.items[].text, speaker            ~4790 / ~2290
 *   sources (publisher + title + ...)       ~5490 / ~2660
 *   image_credits (all on one line)         ~4930 / ~2400
 *   closing.questions[]                     ~3250 / ~1540
 *
 * The generator's limits are lower: the break-even is for one item alone, while a generated
 * slide also holds a lead (bullets, judgments), the heading bars and the risk callout (a
 * comparison row is two items side by side, under both), a "when" and a place (timeline).
 * The closing slide does not continue onto another slide, so its limit is for all questions
 * together. test/fuzz/limits.test.ts builds each limit in its worst company, in Latin and in
 * CJK, so a layout change that lowers a break-even shows there first.
 *
 * Titles, subtitles, bluf.text (a lead and the closing subtitle), delegation.leader, party
 * names and the trade-off risk (callout) never fail: they are set small, or overflow their
 * frame without a diagnostic (see test/robustness/overflow.test.ts), so they are kept short.
 */
export const LIMITS = {
  bullet: 3600,
  judgment: 3000,
  cell: 1500,
  role: 650,
  column: 1100,
  event: 3300,
  quote: 3800,
  source: 3800,
  /** All closing questions together: the closing slide does not continue onto more slides. */
  closing: 1800,
  notes: 3000,
  /** Titles, leads, headings, callouts: fields that are not fitted; see above. */
  short: 300,
  /** Names and other short labels. */
  name: 60,
} as const;

export interface FieldString {
  /** Field path, e.g. `delegation.members[2].role`. */
  path: string;
  /** The string as written into the brief. */
  value: string;
  /** Notes-only fields reach the speaker notes, not the slide. */
  where: 'slide' | 'notes' | 'meta';
}

export interface GeneratedBrief {
  seed: number;
  size: 'small' | 'medium' | 'large';
  brief: Record<string, unknown>;
  strings: FieldString[];
}

/** The generalised field (indices dropped): `delegation.members[].role`. */
export function fieldOf(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/**
 * The brief as YAML. `doubleQuotedAsJSON` because yaml 2.9.1's folded double-quoted style does
 * not round-trip every string: `stringify({ v: '0123456789012345678901234567890123456789\n \n\u0007' })`
 * parses back with a backslash in place of the space. (The fuzz test checks every loaded string
 * against the generated one, so a serialisation fault would show there.)
 */
export function briefYaml(brief: Record<string, unknown>): string {
  return stringify(brief, { lineWidth: 0, doubleQuotedAsJSON: true });
}

/**
 * The string as the deck should show it: forbidden characters gone, then CR LF and CR as LF
 * (the loader's order: "\r\u0007\n" is one line break once the U+0007 is gone).
 */
export function cleaned(s: string): string {
  return s.replace(FORBIDDEN, '').replace(/\r\n?/g, '\n');
}

/** Share of long-capable fields that get a very long string. */
const LONG_CHANCE = 0.12;

export function generateBrief(seed: number): GeneratedBrief {
  const rng = new Rng(seed);
  const strings: FieldString[] = [];
  let counter = 0;
  const size: GeneratedBrief['size'] = rng.float() < 0.75 ? 'small' : rng.float() < 0.88 ? 'medium' : 'large';
  const count = (small: [number, number], medium: [number, number], large: [number, number]) =>
    rng.int(...(size === 'small' ? small : size === 'medium' ? medium : large));

  /** Random fragments, `target` characters or so. */
  const fragments = (target: number, pools: readonly Pool[]): string => {
    let s = '';
    while (s.length < target) {
      const pool = rng.pick(pools);
      s += rng.pick(POOLS[pool]);
      if (rng.chance(0.6)) s += ' ';
    }
    return s;
  };

  /**
   * A string for one field: a unique marker, random hostile fragments around it, and sometimes
   * a long body of words. `max` is the field's limit; `long` allows 500..max characters.
   */
  const str = (path: string, where: FieldString['where'], max: number, long = false): string => {
    const marker = `~${seed}.${counter++}~`;
    const pools: Pool[] = [];
    for (const p of POOL_NAMES) if (rng.chance(0.35)) pools.push(p);
    if (pools.length === 0) pools.push(rng.pick(POOL_NAMES));
    let before = fragments(rng.int(0, 30), pools);
    let after = fragments(rng.int(0, 30), pools);
    if (long && max >= 700 && rng.chance(LONG_CHANCE)) {
      // "Very long": 500..3000 characters, mostly words (so a line can break), within the limit.
      const target = rng.int(500, Math.min(3000, max));
      after += fragments(target, ['words', 'words', 'words', ...pools]);
    }
    // Trim to the field's limit by weight, from the ends, keeping the marker. No character
    // weighs more than 1 / LATIN_EM (a full em), so short strings need no measuring.
    const heavy = (a: string, b: string) => (a.length + marker.length + b.length) / LATIN_EM > max && weight(a) + weight(marker) + weight(b) > max;
    while (heavy(before, after)) {
      if (after.length >= before.length) after = after.slice(0, Math.max(0, after.length - Math.max(1, after.length >> 3)));
      else before = before.slice(Math.max(1, before.length >> 3));
    }
    // A cut may split a surrogate pair: that lone half is then a forbidden character (removed).
    const s = `${before}${marker}${after}`;
    strings.push({ path, value: s, where });
    return s;
  };

  const sourceCount = count([1, 2], [2, 5], [6, 14]);
  const ids = Array.from({ length: sourceCount }, (_, i) => `s${i}-${rng.int(0, 999)}`);
  // Publishers first: a claim with basis "reporting" is shown with them, "(reported by ...)".
  const publishers = ids.map((_, i) => str(`sources[${i}].publisher`, 'slide', LIMITS.short));
  const cite = () => {
    const n = rng.int(1, Math.min(3, ids.length));
    const out = new Set<string>();
    while (out.size < n) out.add(rng.pick(ids));
    return [...out];
  };
  const maybe = <T>(p: number, f: () => T): T | undefined => (rng.chance(p) ? f() : undefined);
  /**
   * A basis for a claim that cites `refs` within `max`, and what is left of `max` for its text:
   * "We assess that " or " (reported by A, B and C)" is shown with the text. Reporting is left
   * out where its attribution would not leave room for a text.
   */
  const basisFor = (refs: string[], max: number): { basis?: (typeof BASIS)[number]; max: number } => {
    const basis = maybe(0.4, () => rng.pick(BASIS));
    if (basis === 'assessment') return { basis, max: max - 20 };
    if (basis !== 'reporting') return { basis, max };
    const by = weight(` (reported by ${refs.map((id) => cleaned(publishers[ids.indexOf(id)]!)).join(', ')})`) + 4;
    return max - by >= 40 ? { basis, max: max - by } : { max };
  };
  /** One claim at `path`, its text within `max` less what its basis adds. */
  const claim = (path: string, max: number) => {
    const sources = cite();
    const b = basisFor(sources, max);
    return clean({ text: str(`${path}.text`, 'slide', b.max, true), sources, basis: b.basis });
  };
  const claims = (path: string, n: number, max: number) => Array.from({ length: n }, (_, i) => claim(`${path}[${i}]`, max));
  const notes = (path: string) => maybe(0.6, () => str(path, 'notes', LIMITS.notes, true));
  const clean = (o: Record<string, unknown>) => {
    for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
    return o;
  };

  /** Optional sections: always in medium and large briefs, sometimes in small ones. */
  const section = () => size !== 'small' || rng.chance(0.3);
  const brief: Record<string, unknown> = {};
  // Judgments use the terms of the brief's scale (ICD 203 when it names none).
  const scale = maybe(0.6, () => rng.pick(SCALES));
  brief.meta = clean({
    title: str('meta.title', 'meta', LIMITS.short),
    subtitle: maybe(0.7, () => str('meta.subtitle', 'slide', LIMITS.short)),
    as_of: maybe(0.5, () => `20${rng.int(10, 30)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`),
    prepared_by: str('meta.prepared_by', 'slide', LIMITS.short),
    audience: maybe(0.6, () => str('meta.audience', 'slide', LIMITS.short)),
    type: rng.chance(0.3) ? 'decision' : 'information',
    marking: rng.pick(MARKINGS),
    language: rng.pick(['en-US', 'ko-KR', 'ar', 'he-IL', 'zh-Hans-CN', 'ru']),
    likelihood_scale: scale,
  });
  brief.bluf = clean({
    // bluf.text is the lead of a bullets slide and the closing slide's subtitle: keep it moderate.
    text: str('bluf.text', 'slide', LIMITS.short),
    points: claims('bluf.points', count([0, 2], [1, 3], [4, 10]), LIMITS.bullet),
    sources: cite(),
    notes: notes('bluf.notes'),
  });
  if (section()) {
    brief.key_judgments = clean({
      scope_note: maybe(0.6, () => str('key_judgments.scope_note', 'slide', LIMITS.short)),
      items: Array.from({ length: count([1, 2], [1, 3], [4, 10]) }, (_, i) => {
        // Rated fully, in likelihood or confidence only, or not at all ("Not assessed").
        const rating = rng.pick(['both', 'both', 'likelihood', 'confidence', 'none', 'none'] as const);
        const likelihood = rating === 'both' || rating === 'likelihood' ? rng.pick(Object.keys(LIKELIHOOD_SCALES[scale ?? 'icd203'])) : undefined;
        // The source's hedge must carry the likelihood ("could" never carries "likely").
        const hedges = likelihood ? HEDGE_WORDS.filter((h) => !hedgeWeakerThan(h, likelihood, scale ?? 'icd203')) : HEDGE_WORDS;
        const sources = cite();
        const b = basisFor(sources, LIMITS.judgment);
        return clean({
          statement: str(`key_judgments.items[${i}].statement`, 'slide', b.max, true),
          likelihood,
          confidence: rating === 'both' || rating === 'confidence' ? rng.pick(CONFIDENCE) : undefined,
          hedge: maybe(0.5, () => rng.pick(hedges)),
          basis: b.basis,
          sources,
        });
      }),
      notes: notes('key_judgments.notes'),
    });
  }
  // Two to four parties, named before the delegation so members can name their side.
  const partyNames = section() ? Array.from({ length: rng.int(2, size === 'small' ? 2 : 4) }, (_, i) => str(`trade_offs.parties[${i}].name`, 'slide', LIMITS.name)) : [];
  const title = (path: string) => maybe(0.3, () => str(path, 'slide', LIMITS.name));
  if (section()) {
    const leaders = rng.int(0, 2);
    brief.delegation = clean({
      title: title('delegation.title'),
      section_title: title('delegation.section_title'),
      host: maybe(0.3, () => str('delegation.host', 'notes', LIMITS.name)),
      leader: leaders === 0 ? undefined : leaders === 1 ? str('delegation.leader', 'notes', LIMITS.short) : [0, 1].map((k) => str(`delegation.leader[${k}]`, 'notes', LIMITS.name)),
      members: Array.from({ length: count([1, 2], [1, 3], [5, 12]) }, (_, i) => {
        const p = `delegation.members[${i}]`;
        return clean({
          name: str(`${p}.name`, 'slide', LIMITS.name),
          native_name: maybe(0.6, () => str(`${p}.native_name`, 'slide', LIMITS.name)),
          aliases: Array.from({ length: rng.int(0, 2) }, (_, k) => str(`${p}.aliases[${k}]`, 'slide', LIMITS.name)),
          role: str(`${p}.role`, 'slide', LIMITS.role, true),
          portfolio: maybe(0.5, () => str(`${p}.portfolio`, 'slide', LIMITS.role)),
          significance: str(`${p}.significance`, 'slide', LIMITS.cell, true),
          presence: rng.pick(PRESENCE),
          side: partyNames.length && rng.chance(0.7) ? rng.pick(partyNames) : undefined,
          sources: cite(),
        });
      }),
      notes: notes('delegation.notes'),
    });
  }
  if (partyNames.length) {
    // LIMITS.column is for two columns; a column's capacity falls with its width.
    const column = Math.floor((LIMITS.column * 2 * 0.85) / partyNames.length);
    brief.trade_offs = clean({
      title: title('trade_offs.title'),
      parties: partyNames.map((name, i) => ({
        name,
        may_seek: claims(`trade_offs.parties[${i}].may_seek`, Math.max(i === 0 ? 1 : 0, count([0, 2], [1, 3], [3, 8])), column),
        may_offer: claims(`trade_offs.parties[${i}].may_offer`, count([0, 2], [1, 3], [3, 8]), column),
      })),
      risks: claims('trade_offs.risks', count([0, 1], [1, 2], [2, 4]), LIMITS.short),
      notes: notes('trade_offs.notes'),
    });
  }
  if (section()) {
    brief.context = clean({
      // The schema wants at least one item in each of these sections; the first list always has one.
      history: claims('context.history', Math.max(1, count([0, 2], [1, 3], [4, 10])), LIMITS.bullet),
      recent: claims('context.recent', count([0, 2], [1, 3], [4, 10]), LIMITS.bullet),
      notes: notes('context.notes'),
    });
  }
  if (section()) {
    brief.timeline = clean({
      events: Array.from({ length: count([1, 2], [1, 3], [5, 12]) }, (_, i) => {
        const p = `timeline.events[${i}]`;
        return clean({
          when: str(`${p}.when`, 'slide', LIMITS.name),
          date: maybe(0.4, () => `20${rng.int(10, 30)}-0${rng.int(1, 9)}`),
          event: str(`${p}.event`, 'slide', LIMITS.event, true),
          place: maybe(0.5, () => str(`${p}.place`, 'slide', LIMITS.short)),
          certainty: rng.pick(CERTAINTY),
          sources: cite(),
        });
      }),
      notes: notes('timeline.notes'),
    });
  }
  if (section()) {
    brief.quotes = clean({
      items: Array.from({ length: count([1, 2], [1, 3], [4, 8]) }, (_, i) => {
        const p = `quotes.items[${i}]`;
        const kind = rng.pick(['direct', 'reported'] as const);
        return clean({
          text: str(`${p}.text`, 'slide', LIMITS.quote, true),
          kind,
          // A reported statement may leave out who made it.
          speaker: kind === 'reported' && rng.chance(0.3) ? undefined : str(`${p}.speaker`, 'slide', LIMITS.name),
          role: maybe(0.6, () => str(`${p}.role`, 'slide', LIMITS.name)),
          organisation: maybe(0.5, () => str(`${p}.organisation`, 'slide', LIMITS.name)),
          sources: cite(),
        });
      }),
      notes: notes('quotes.notes'),
    });
  }
  if (section()) {
    brief.outlook = clean({
      indicators: claims('outlook.indicators', Math.max(1, count([0, 2], [1, 3], [3, 8])), LIMITS.column),
      gaps: claims('outlook.gaps', count([0, 2], [1, 3], [3, 8]), LIMITS.column),
      notes: notes('outlook.notes'),
    });
  }
  if (brief.meta && (brief.meta as { type: string }).type === 'decision') {
    const options = Array.from({ length: rng.int(2, size === 'small' ? 2 : 4) }, (_, i) => {
      const p = `decision.options[${i}]`;
      return {
        name: str(`${p}.name`, 'slide', LIMITS.name),
        summary: str(`${p}.summary`, 'slide', LIMITS.short),
        pros: claims(`${p}.pros`, rng.int(0, 2), LIMITS.short),
        cons: claims(`${p}.cons`, rng.int(0, 2), LIMITS.short),
      };
    });
    brief.decision = clean({
      problem: claim('decision.problem', LIMITS.short),
      options,
      recommendation: { option: rng.pick(options).name, rationale: claims('decision.recommendation.rationale', rng.int(1, 3), LIMITS.short) },
      request: str('decision.request', 'slide', LIMITS.short),
      notes: notes('decision.notes'),
    });
  }
  if (rng.chance(0.25)) {
    const after = rng.pick(['bluf', 'delegation', 'context', 'timeline', 'outlook'] as const);
    brief.extra_slides = [
      rng.chance(0.5)
        ? { after, layout: 'bullets', title: str('extra_slides[0].title', 'slide', LIMITS.name), items: claims('extra_slides[0].items', rng.int(1, 3), LIMITS.short) }
        : {
            after,
            layout: 'comparison',
            title: str('extra_slides[0].title', 'slide', LIMITS.name),
            columns: [0, 1].map((k) => ({ heading: str(`extra_slides[0].columns[${k}].heading`, 'slide', LIMITS.name), items: claims(`extra_slides[0].columns[${k}].items`, rng.int(1, 2), LIMITS.short) })),
          },
    ];
  }
  brief.sources = ids.map((id, i) => {
    const p = `sources[${i}]`;
    return clean({
      id,
      publisher: publishers[i],
      title: maybe(0.7, () => str(`${p}.title`, 'slide', LIMITS.source, true)),
      kind: rng.pick(SOURCE_KINDS),
      date: maybe(0.5, () => str(`${p}.date`, 'slide', LIMITS.name)),
      url: maybe(0.3, () => {
        // A URL must parse; the marker makes it findable.
        const u = `https://example.org/${encodeURIComponent(rng.pick(POOLS.cjk))}/~${seed}.${counter++}~`;
        strings.push({ path: `${p}.url`, value: u, where: 'slide' });
        return u;
      }),
      note: maybe(0.4, () => str(`${p}.note`, 'slide', LIMITS.short)),
      reliability: maybe(0.4, () => rng.pick(RELIABILITY)),
      credibility: maybe(0.4, () => rng.int(1, 6)),
    });
  });
  brief.image_credits = Array.from({ length: count([0, 1], [0, 2], [1, 5]) }, (_, i) =>
    clean({ text: str(`image_credits[${i}].text`, 'slide', LIMITS.short), source: maybe(0.5, () => rng.pick(ids)) }),
  );
  // `closing` is always present: a brief without it does not build (see the robustness tests).
  const questions = count([0, 2], [1, 3], [3, 8]);
  brief.closing = clean({
    questions: Array.from({ length: questions }, (_, i) => str(`closing.questions[${i}]`, 'slide', Math.floor(LIMITS.closing / questions), true)),
    notes: notes('closing.notes'),
  });
  return { seed, size, brief, strings };
}
