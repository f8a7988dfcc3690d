/**
 * The preview's fonts: the @fontsource faces layout measures with, served from the installed
 * packages. The page gets one stylesheet of @font-face rules (the packages' own, each subset with
 * its unicode-range, so a browser fetches only the subsets a deck uses); a font request is
 * answered only for a file one of those rules names, so no request path reaches the file system.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The packages, by the name their files are served under. */
const PACKAGES = ['arimo', 'carlito', 'noto-sans-kr', 'noto-sans-sc', 'noto-sans-tc'] as const;
/** The weights and styles briefdeck sets. */
const STYLES = ['400', '700', '400-italic', '700-italic'];

export interface FontSet {
  /** The stylesheet, with every url() pointing under /fonts/. */
  css: string;
  /** Served path ("/fonts/arimo/arimo-latin-400-normal.woff2") -> file on disk. */
  files: Map<string, string>;
}

let cached: FontSet | undefined;

/** The stylesheet and the files it names; read once per process. */
export function fontSet(): FontSet {
  if (cached) return cached;
  const files = new Map<string, string>();
  const css: string[] = [];
  for (const pkg of PACKAGES) {
    const dir = dirname(require.resolve(`@fontsource/${pkg}/package.json`));
    for (const style of STYLES) {
      const file = join(dir, `${style}.css`);
      if (!existsSync(file)) continue;
      css.push(
        readFileSync(file, 'utf8').replace(/url\(\s*['"]?\.\/files\/([A-Za-z0-9._-]+\.woff2?)['"]?\s*\)/g, (_, name: string) => {
          const served = `/fonts/${pkg}/${name}`;
          files.set(served, join(dir, 'files', name));
          return `url(${served})`;
        }),
      );
    }
  }
  cached = { css: css.join('\n'), files };
  return cached;
}
