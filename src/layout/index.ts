/**
 * The layout stage: Deck IR + theme -> placed deck. Pure: measures text with shipped font
 * metrics, fits every text to its frame, and splits long content onto continuation slides.
 */
import type { Deck, Slide } from '../compose/ir.ts';
import { hasErrors, warning, type Diagnostic, type Result } from '../diagnostics.ts';
import { KINDS } from '../kinds/index.ts';
import { roundIn, SLIDE } from '../units.ts';
import { formatLongDate } from '../dates.ts';
import type { KindResult, LayoutContext, Part } from './context.ts';
import { bodyFor, frame, GRID } from './grid.ts';
import { textWidthIn } from './measure.ts';
import type { Chrome, Frame, MasterName, PlacedDeck, PlacedSlide } from './placed.ts';
import { COVER_ZONES, type CoverMaster } from './cover.ts';
import { fitTitle, partTitle } from './title.ts';
import { hanVariantFor } from '../scripts.ts';
import { recallSlide, rememberSlide, slideMemoOn } from './slideMemo.ts';

export { partTitle } from './title.ts';

function layoutSlide(slide: Slide, ctx: LayoutContext): KindResult {
  // The registry's type ties each kind to its own slide type; TS cannot follow that through an index.
  return (KINDS[slide.layout].layout as (s: Slide, c: LayoutContext) => KindResult)(slide, ctx);
}

/** Continuation parts get notes of their own: what this part covers, then the section's notes. */
function partNotes(slide: Slide, part: Part, index: number, count: number): string {
  if (count === 1 || index === 0) return part.notes;
  const covers = part.itemTexts?.length ? `\nOn this slide: ${part.itemTexts.join('; ')}` : '';
  const section = part.notes.trim() ? `\n${part.notes}` : '';
  return `Continuation ${index + 1} of ${count} of "${slide.title}".${covers}${section}`;
}

/** The footer line, with the deck title shortened (by measurement) to fit its frame. */
function footerText(deck: Deck, ctx: Pick<LayoutContext, 'theme'>, width: number): string {
  const t = ctx.theme;
  const asOf = deck.meta.asOf;
  const font = { face: t.fonts.body, sizePt: t.sizes.footer };
  const avail = width * (1 - t.fit.widthReserve) - 2 * GRID.inset;
  const full = deck.meta.title;
  const line = (s: string) => (asOf === undefined ? s : `${s} · As of ${formatLongDate(asOf)}`);
  if (textWidthIn(line(full), font) <= avail) return line(full);
  const title = longestFittingPrefix(full, (prefix) => textWidthIn(line(`${prefix}…`), font) <= avail);
  // If the cut fell inside a word, drop that word's start, so no word is left half-shown.
  const inWord = !/\s/.test(full.charAt(title.length));
  const word = inWord ? title.replace(/\s+\S*$/, '') : title;
  return line(`${(word.length > 0 ? word : title).trimEnd()}…`);
}

/**
 * The longest prefix of `text` (whole code points, at least one) that `fits`, which must hold
 * for every prefix of a prefix that holds (widths only grow). A doubling search then a binary
 * search: about 2·log2(k) measurements of prefixes no longer than 2k, for a k-character answer,
 * however long the text (cutting one character at a time re-measured the whole text each time,
 * quadratic in its length: 24 s for a 20 000-character title).
 */
function longestFittingPrefix(text: string, fits: (prefix: string) => boolean): string {
  const cps = Array.from(text);
  const prefix = (n: number) => cps.slice(0, n).join('');
  let good = 1;
  let bad = cps.length;
  for (let n = 2; n < bad; n *= 2) {
    if (!fits(prefix(n))) {
      bad = n;
      break;
    }
    good = n;
  }
  while (bad - good > 1) {
    const mid = (good + bad) >>> 1;
    if (fits(prefix(mid))) good = mid;
    else bad = mid;
  }
  return prefix(good);
}

/** The picture's aspect inside the theme's frame, centred in it. */
function logoFrame(l: { x: number; y: number; w: number; h: number }, img: { widthPx: number; heightPx: number }): Frame {
  const s = Math.min(l.w / img.widthPx, l.h / img.heightPx);
  const w = img.widthPx * s;
  const h = img.heightPx * s;
  return frame(l.x + (l.w - w) / 2, l.y + (l.h - h) / 2, w, h);
}

const overlaps = (a: Frame, b: Frame) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** The masters in the order a warning names them, and what it calls their slides. */
const LOGO_MASTERS: ReadonlyArray<readonly [MasterName, string]> = [
  ['CONTENT', 'content'],
  ['TITLE', 'title'],
  ['SECTION', 'section'],
  ['CLOSING', 'closing'],
];

const listed = (xs: readonly string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * What every slide of each master may show where a master picture would sit: the marking
 * banners, the footer and the slide number on all of them; the title and the body on content
 * slides; the title placeholder and the bands the cover kinds set text in (COVER_ZONES) on
 * cover-style slides, whatever a slide holds.
 */
function masterZones(parts: Pick<Chrome, 'bannerTop' | 'bannerBottom' | 'footerFrame' | 'slideNumberFrame'>): Record<MasterName, Array<readonly [string, Frame]>> {
  const top = bodyFor(1).y;
  const banners = [['the top marking banner', parts.bannerTop], ['the bottom marking banner', parts.bannerBottom]] as const;
  const footer = [['the footer', parts.footerFrame], ['the slide number', parts.slideNumberFrame]] as const;
  const cover = (m: CoverMaster) => [...banners, ...COVER_ZONES[m], ...footer];
  return {
    CONTENT: [...banners, ['the slide title', GRID.title], ['the slide body', frame(GRID.body.x, top, GRID.body.w, GRID.bodyBottom - top)], ...footer],
    TITLE: cover('TITLE'),
    SECTION: cover('SECTION'),
    CLOSING: cover('CLOSING'),
  };
}

/**
 * The theme's logo on each master, in the theme's frame, unless it would overlap what every
 * slide of that master shows there (see masterZones). So a logo in a margin is on every slide,
 * and one above the cover title is on the title slide even where it would cover a content
 * slide's title. A master it is left off, if the deck has slides on it, gets a warning at the
 * theme's logo, rather than the logo drawn over its text.
 */
function placeLogo(t: LayoutContext['theme'], parts: Pick<Chrome, 'bannerTop' | 'bannerBottom' | 'footerFrame' | 'slideNumberFrame'>, used: ReadonlySet<MasterName>): { logo?: Chrome['logo']; diagnostics: Diagnostic[] } {
  if (!t.logo || !t.logoImage) return { diagnostics: [] };
  const f = logoFrame(t.logo, t.logoImage);
  const zones = masterZones(parts);
  const frames: Partial<Record<MasterName, Frame>> = {};
  // Masters with slides that go without it, grouped by what it would overlap there.
  const missed = new Map<string, { hit: string[]; masters: MasterName[] }>();
  for (const [m] of LOGO_MASTERS) {
    const hit = zones[m].filter(([, z]) => overlaps(f, z)).map(([name]) => name);
    if (hit.length === 0) frames[m] = f;
    else if (used.has(m)) {
      const key = hit.join('\n');
      const group = missed.get(key) ?? { hit, masters: [] };
      group.masters.push(m);
      missed.set(key, group);
    }
  }
  const logo = Object.keys(frames).length ? { path: t.logoImage.abs, frames } : undefined;
  if (missed.size === 0) return { logo, diagnostics: [] };
  const noun = (ms: readonly MasterName[]) => `${listed(LOGO_MASTERS.filter(([m]) => ms.includes(m)).map(([, n]) => n))} slides`;
  const where = [...missed.values()].map((g) => `${g.hit.join(', ')} on ${noun(g.masters)}`).join('; ');
  const drawn = LOGO_MASTERS.filter(([m]) => frames[m] && used.has(m)).map(([m]) => m);
  const outcome = drawn.length ? `so it is left off there (it is drawn on ${noun(drawn)})` : 'so it is not drawn';
  const clear = `x ${roundIn(GRID.title.x + GRID.title.w)}-${SLIDE.width} in (the right margin) or 0-${GRID.margin} in (the left), between y ${GRID.bannerH} and ${roundIn(SLIDE.height - GRID.bannerH)} in`;
  const coversMissed = LOGO_MASTERS.filter(([m]) => m !== 'CONTENT' && [...missed.values()].some((g) => g.masters.includes(m)));
  const above = coversMissed.map(([m, n]) => `${n} slides y ${GRID.bannerH}-${Math.min(...COVER_ZONES[m as CoverMaster].map(([, z]) => z.y))} in`);
  return {
    logo,
    diagnostics: [
      warning('W_LOGO_OVERLAP', `the logo (x ${f.x}, y ${f.y}, ${f.w} x ${f.h} in) would overlap ${where}, ${outcome}`, {
        ...t.logoImage.at,
        path: 'logo',
        hint: `move the logo's frame clear of them: every slide leaves ${clear}${above.length ? `; above their text, ${listed(above)}` : ''}`,
      }),
    ],
  };
}

function chrome(deck: Deck, ctx: Pick<LayoutContext, 'theme'>): Chrome {
  const t = ctx.theme;
  const footerFrame = frame(GRID.margin, GRID.footer.y, SLIDE.width - 2 * GRID.margin - 1.2, GRID.footer.h);
  return {
    bannerTop: frame(0, 0, SLIDE.width, GRID.bannerH),
    bannerBottom: frame(0, SLIDE.height - GRID.bannerH, SLIDE.width, GRID.bannerH),
    bannerFont: t.fonts.heading,
    bannerSize: t.sizes.banner,
    footerFrame,
    footerText: footerText(deck, ctx, footerFrame.w),
    slideNumberFrame: frame(SLIDE.width - GRID.margin - 1.0, GRID.footer.y, 1.0, GRID.footer.h),
    footerFont: t.fonts.body,
    footerSize: t.sizes.footer,
    footerColor: t.colors.muted,
    coverFooterColor: t.colors.coverMuted,
    background: t.colors.background,
    titleBackground: t.colors.cover,
    headingFont: t.fonts.heading,
    bodyFont: t.fonts.body,
    titleFrames: { CONTENT: GRID.title, ...GRID.coverTitle },
    measure: { widthReserve: t.fit.widthReserve, han: t.fonts.han ?? 'sc' },
  };
}

/**
 * The smallest size each kind was set at across the deck: the cap under which slides of that
 * kind grow together (a slide that had to shrink does not hold the others down; see bodyRange).
 */
function kindCaps(deck: Deck, results: readonly KindResult[]): Map<Slide['layout'], number> {
  const caps = new Map<Slide['layout'], number>();
  deck.slides.forEach((slide, i) => {
    const size = results[i]?.size;
    if (size !== undefined) caps.set(slide.layout, Math.min(size, caps.get(slide.layout) ?? Infinity));
  });
  return caps;
}

/**
 * Lays out every slide; errors from any slide fail the deck, warnings are passed on. Slides are
 * laid out once each, then those of a kind that grew past what every slide of the kind could
 * take again under that cap, so a deck's slides of one kind share their size.
 */
export function layoutDeck(deck: Deck, given: Omit<LayoutContext, 'body'>): Result<PlacedDeck> {
  // Han is measured in the Chinese font the deck's language reads it in, unless the theme says.
  const han = given.theme.fonts.han ?? hanVariantFor(deck.meta.language);
  const ctx = { ...given, theme: { ...given.theme, fonts: { ...given.theme.fonts, han } } };
  const t = ctx.theme;
  const titleStyle = { color: t.colors.title, valign: 'top' as const };
  // Each slide's layout, kept for the next build in this process when it had no diagnostics.
  const memo = slideMemoOn();
  const context = memo ? JSON.stringify([t, [...(ctx.images ?? [])]]) : '';
  const keys = deck.slides.map((slide) => (memo ? `${context}\n${JSON.stringify(slide)}` : ''));
  const laidOut = (key: string, make: () => { body: Frame; result: KindResult }) => {
    if (!memo) return make();
    const hit = recallSlide<{ body: Frame; result: KindResult }>(key);
    if (hit) return hit;
    const made = make();
    return made.result.diagnostics.length === 0 ? rememberSlide(key, made) : made;
  };
  const first = deck.slides.map((slide, i) =>
    laidOut(keys[i]!, () => {
      // A continuation suffix can push a title to a second line; size the body for the longest one.
      const lines = Math.max(...[slide.title, partTitle(slide.title, 98, 99)].map((text) => fitTitle({ text }, GRID.title, t.sizes.title, titleStyle, ctx, slide).lines));
      const body = bodyFor(lines);
      return { body, result: layoutSlide(slide, { ...ctx, body }) };
    }),
  );
  const caps = kindCaps(deck, first.map((f) => f.result));
  const results = deck.slides.map((slide, i) => {
    const { body, result: r } = first[i]!;
    const cap = caps.get(slide.layout);
    return r.size !== undefined && cap !== undefined && r.size > cap ? laidOut(`${keys[i]!}\ncap ${cap}`, () => ({ body, result: layoutSlide(slide, { ...ctx, body, maxSize: cap }) })).result : r;
  });

  const diagnostics: Diagnostic[] = [];
  const slides: PlacedSlide[] = [];
  deck.slides.forEach((slide, i) => {
    const { parts, diagnostics: d } = results[i]!;
    diagnostics.push(...d);
    let titleWarned = false;
    parts.forEach((part, index) => {
      let title = part.titleElement;
      if (!title) {
        const text = partTitle(slide.title, index, parts.length);
        const fit = fitTitle({ text, origin: slide.titleOrigin }, GRID.title, t.sizes.title, titleStyle, ctx, slide);
        // One title warning per slide, from whichever part needed it first.
        if (fit.diagnostic && !titleWarned) {
          diagnostics.push(fit.diagnostic);
          titleWarned = true;
        }
        title = fit.element;
      }
      slides.push({ master: part.master, title, elements: part.elements, notes: partNotes(slide, part, index, parts.length), number: slides.length + 1 });
    });
  });
  if (hasErrors(diagnostics)) return { diagnostics };
  const base = chrome(deck, ctx);
  const logo = placeLogo(t, base, new Set(slides.map((s) => s.master)));
  diagnostics.push(...logo.diagnostics);
  return { value: { meta: deck.meta, chrome: logo.logo ? { ...base, logo: logo.logo } : base, slides }, diagnostics };
}

export type { LayoutContext, ResolvedImage, TextOrigin } from './context.ts';
