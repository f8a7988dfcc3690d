/**
 * Theme contrast, by the WCAG 2.x formula: every text colour against the fill the layouts set
 * it on. Normal text needs 4.5:1; the two pairs used only for large bold text (cards' badges at
 * body size, section kickers at 20 pt bold) need the large-text 3:1.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listThemes, loadTheme } from '../../src/theme/loadTheme.ts';
import { CONTRAST_PAIRS, contrast } from '../../src/theme/contrast.ts';

const THEMES = resolve(import.meta.dirname, '../../templates/themes');
/** The pairs the layouts set text on (src/theme/contrast.ts, which theme import checks too). */
const PAIRS = CONTRAST_PAIRS;

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
