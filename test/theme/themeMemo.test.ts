/**
 * loadTheme's memo of the last theme read from each file: the same bytes give the very theme
 * they gave, frozen; an edited theme is parsed again; the logo is read afresh every time; a
 * batch worker keeps nothing.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setMemoProfile } from '../../src/memoBudget.ts';
import { loadTheme } from '../../src/theme/loadTheme.ts';
import { REPO } from '../support/helpers.ts';
import { logoPng } from './template.ts';

const DIR = mkdtempSync(join(tmpdir(), 'briefdeck-themememo-'));
const THEMES = join(DIR, 'templates', 'themes');
mkdirSync(THEMES, { recursive: true });
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
afterEach(() => setMemoProfile('session'));

const CIVIC = readFileSync(join(REPO, 'templates/themes/civic.yaml'), 'utf8');
const write = (name: string, text: string) => writeFileSync(join(THEMES, `${name}.yaml`), text.replace(/^name: .*$/m, `name: ${name}`));

describe('the parsed-theme memo', () => {
  it('gives the same bytes the theme they gave, frozen, and a fresh diagnostics list each time', () => {
    write('same', CIVIC);
    const first = loadTheme(THEMES, 'same');
    const again = loadTheme(THEMES, 'same');
    expect(again.value!.colors).toBe(first.value!.colors);
    expect(Object.isFrozen(first.value!.colors)).toBe(true);
    expect(again.diagnostics).not.toBe(first.diagnostics);
    expect(again.diagnostics).toEqual(first.diagnostics);
  });

  it('parses an edited theme again', () => {
    write('edited', CIVIC);
    const before = loadTheme(THEMES, 'edited');
    write('edited', CIVIC.replace('accent: "13807A"', 'accent: "AA3300"'));
    const after = loadTheme(THEMES, 'edited');
    expect(before.value!.colors.accent).toBe('13807A');
    expect(after.value!.colors.accent).toBe('AA3300');
    write('edited', CIVIC.replace('colors:', 'colors: [\n'));
    const broken = loadTheme(THEMES, 'edited');
    expect(broken.value).toBeUndefined();
    expect(broken.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });

  it('reads the logo afresh when only the logo changed', () => {
    write('logo', `${CIVIC}\nlogo: { path: logo.png, x: 0.4, y: 0.4, w: 1, h: 0.5 }\n`);
    writeFileSync(join(THEMES, 'logo.png'), logoPng(40, 20));
    const small = loadTheme(THEMES, 'logo');
    writeFileSync(join(THEMES, 'logo.png'), logoPng(80, 40));
    const large = loadTheme(THEMES, 'logo');
    expect(small.value!.logoImage!.widthPx).toBe(40);
    expect(large.value!.logoImage!.widthPx).toBe(80);
    expect(large.value!.colors).toBe(small.value!.colors);
  });

  it('keeps nothing in a batch worker', () => {
    setMemoProfile('batch');
    write('batch', CIVIC);
    expect(loadTheme(THEMES, 'batch').value!.colors).not.toBe(loadTheme(THEMES, 'batch').value!.colors);
  });
});
