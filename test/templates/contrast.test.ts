/**
 * Theme contrast, by the WCAG 2.x formula: every text colour against the fill the layouts set
 * it on. Normal text needs 4.5:1; the two pairs used only for large bold text (cards' badges at
 * body size, section kickers at 20 pt bold) need the large-text 3:1.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listThemes, loadTheme } from '../../src/theme/loadTheme.ts';
import type { Theme } from '../../src/theme/schema.ts';
import { contrastRatio } from '../../src/lint/placedRules.ts';

const THEMES = resolve(import.meta.dirname, '../../templates/themes');

/** The WCAG 2.x formula, as the lint's W_CONTRAST applies it to the built deck. */
const contrast = contrastRatio;

type Color = keyof Theme['colors'];

/** [text, fill, minimum ratio, where the layouts use the pair]. */
const PAIRS: Array<[Color, Color, number, string]> = [
  ['text', 'background', 4.5, 'body text, bullets, table body rows'],
  ['muted', 'background', 4.5, 'refs at the ref size, captions, footers, scope notes'],
  ['title', 'background', 4.5, 'slide titles'],
  ['accentText', 'accent', 4.5, 'heading bars, likelihood badges, agenda numbers, callout labels'],
  ['panelText', 'panel', 4.5, 'comparison, cards and placemat panels'],
  ['coverText', 'cover', 4.5, 'title, section and closing slides'],
  ['coverMuted', 'cover', 4.5, 'subtitles and footers on covers'],
  ['tableHeaderText', 'tableHeader', 4.5, 'table header rows'],
  ['text', 'tableStripe', 4.5, 'striped table rows'],
  ['muted', 'panel', 4.5, 'refs inside comparison, cards and placemat panels'],
  ['title', 'panel', 4.5, 'the bullets lead panel, card titles'],
  ['accent', 'background', 4.5, 'source numbers at reference size, timeline dates, the reported-statement label'],
  ['accent', 'panel', 3, 'card badges (bold, body size)'],
  ['accent', 'cover', 3, 'section kickers (bold, 20 pt)'],
];

describe('WCAG contrast formula', () => {
  it('matches known values', () => {
    expect(contrast('000000', 'FFFFFF')).toBeCloseTo(21, 5);
    expect(contrast('FFFFFF', 'FFFFFF')).toBeCloseTo(1, 5);
    expect(contrast('777777', 'FFFFFF')).toBeCloseTo(4.48, 2);
    expect(contrast('767676', 'FFFFFF')).toBeGreaterThanOrEqual(4.5);
  });
});

describe.each(['civic', 'dark'])('theme %s', (name) => {
  const r = loadTheme(THEMES, name);

  it('is valid and ships in templates/themes', () => {
    expect(r.diagnostics).toEqual([]);
    expect(listThemes(THEMES)).toContain(name);
  });

  it.each(PAIRS)('%s on %s is at least %d:1 (%s)', (fg, bg, min) => {
    const c = r.value!.colors;
    expect(contrast(c[fg], c[bg]), `${fg} ${c[fg]} on ${bg} ${c[bg]}`).toBeGreaterThanOrEqual(min);
  });
});
