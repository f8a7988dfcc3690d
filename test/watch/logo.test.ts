/**
 * Watch mode and the theme's logo: replacing the picture a theme names rebuilds the decks built
 * in that theme, wherever in the templates folder it is; a theme that names another picture
 * has that one watched from then on, and the old one no longer.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { startWatch, type Watcher } from '../../src/watch/watcher.ts';
import { nextBuild, tempProject } from '../cli/helpers.ts';

// Generous: how fast a rebuild is belongs to `npm run bench -- watch`, not to a test on a loaded machine.
const REBUILD_MS = 15_000;

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A 40 x 20 px PNG of one colour. */
function png(rgb: [number, number, number]): Buffer {
  const p = new PNG({ width: 40, height: 20 });
  for (let i = 0; i < 40 * 20; i++) p.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(p);
}

/** Whether the deck embeds exactly these picture bytes. */
function deckHas(deck: string, bytes: Buffer): boolean {
  const parts = unzipSync(readFileSync(deck));
  return Object.entries(parts).some(([k, v]) => k.startsWith('ppt/media/') && Buffer.from(v).equals(bytes));
}

/** A project whose civic theme (the shipped brief's) names `logo`, relative to the theme. */
function project(logo: string) {
  const p = tempProject();
  cleanups.push(p.cleanup);
  const theme = join(p.root, 'templates/themes/civic.yaml');
  const original = readFileSync(theme, 'utf8');
  const withLogo = (path: string) => `${original}\nlogo: { path: ${path}, x: 12.783, y: 0.4, w: 0.5, h: 0.25 }\n`;
  writeFileSync(theme, withLogo(logo));
  return { root: p.root, theme, withLogo, deck: join(p.root, 'out/kim-putin-2023.pptx') };
}

async function watcher(root: string): Promise<Watcher> {
  const w = await startWatch({ root });
  cleanups.push(() => w.close());
  return w;
}

describe('watch and the theme logo', () => {
  it('rebuilds when the logo is replaced, in place or by a rename over it, from a folder of its own', async () => {
    const { root, deck } = project('../brand/logo.png');
    mkdirSync(join(root, 'templates/brand'));
    const logo = join(root, 'templates/brand/logo.png');
    writeFileSync(logo, png([0x1b, 0x3a, 0x5c]));
    const w = await watcher(root);
    expect(deckHas(deck, png([0x1b, 0x3a, 0x5c]))).toBe(true);

    let built = nextBuild(w, REBUILD_MS);
    writeFileSync(logo, png([0xc0, 0x20, 0x20]));
    let b = await built;
    expect(b.trigger).toEqual([logo]);
    expect(b.result.ok).toBe(true);
    expect(deckHas(deck, png([0xc0, 0x20, 0x20]))).toBe(true);

    // As an editor saves: a new file beside it, renamed over it.
    built = nextBuild(w, REBUILD_MS);
    writeFileSync(`${logo}.tmp`, png([0x20, 0x90, 0x40]));
    renameSync(`${logo}.tmp`, logo);
    b = await built;
    expect(b.trigger).toEqual([logo]);
    expect(deckHas(deck, png([0x20, 0x90, 0x40]))).toBe(true);
  }, 60_000);

  it('watches the picture a theme names once it names another, and no longer the old one', async () => {
    const { root, theme, withLogo, deck } = project('house-logo.png');
    const old = join(root, 'templates/themes/house-logo.png');
    mkdirSync(join(root, 'templates/brand'));
    const other = join(root, 'templates/brand/other-logo.png');
    writeFileSync(old, png([0x1b, 0x3a, 0x5c]));
    // Already there, and nobody's logo while the watcher starts.
    writeFileSync(other, png([0x60, 0x20, 0x80]));
    const w = await watcher(root);

    let built = nextBuild(w, REBUILD_MS);
    writeFileSync(theme, withLogo('../brand/other-logo.png'));
    expect((await built).trigger).toEqual([theme]);
    expect(deckHas(deck, png([0x60, 0x20, 0x80]))).toBe(true);

    // The old picture first, then the new one: only the second is an input of the deck.
    built = nextBuild(w, REBUILD_MS);
    writeFileSync(old, png([0xc0, 0x20, 0x20]));
    writeFileSync(other, png([0x20, 0x90, 0x40]));
    const b = await built;
    expect(b.trigger).toEqual([other]);
    expect(b.result.ok).toBe(true);
    expect(deckHas(deck, png([0x20, 0x90, 0x40]))).toBe(true);
  }, 60_000);

  it('does not rebuild decks in another theme when a logo changes', async () => {
    const { root } = project('house-logo.png');
    const logo = join(root, 'templates/themes/house-logo.png');
    writeFileSync(logo, png([0x1b, 0x3a, 0x5c]));
    // A second theme with its own logo, used by no brief.
    const dark = join(root, 'templates/themes/dark.yaml');
    const darkLogo = join(root, 'templates/themes/dark-logo.png');
    writeFileSync(darkLogo, png([0xee, 0xee, 0xee]));
    writeFileSync(dark, `${readFileSync(dark, 'utf8')}\nlogo: { path: dark-logo.png, x: 12.783, y: 0.4, w: 0.5, h: 0.25 }\n`);
    const w = await watcher(root);
    const built = nextBuild(w, REBUILD_MS);
    writeFileSync(darkLogo, png([0xdd, 0xdd, 0xdd]));
    writeFileSync(logo, png([0xc0, 0x20, 0x20]));
    expect((await built).trigger).toEqual([logo]);
  }, 60_000);
});
