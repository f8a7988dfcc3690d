/**
 * Resolves the images a brief names: relative to the brief, inside the project, existing, and
 * really an image (sniffed from its bytes, not its name). Each problem points at the brief field.
 */
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { imageSize } from 'image-size';
import { error, type Diagnostic } from './diagnostics.ts';
import type { ResolvedImage } from './layout/context.ts';
import type { Loaded } from './load/yamlDocument.ts';
import type { Brief } from './load/schema.ts';

const TYPES = new Set(['png', 'jpg', 'gif']);
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Resolves every image in the brief; returns the map for layout and any errors. */
export function resolveImages(loaded: Loaded<Brief>, projectRoot: string): { images: Map<string, ResolvedImage>; diagnostics: Diagnostic[] } {
  const images = new Map<string, ResolvedImage>();
  const diagnostics: Diagnostic[] = [];
  const root = realpathSync(projectRoot);
  const projectRootResolved = resolve(projectRoot);
  loaded.value.images.forEach((img, i) => {
    const pos = loaded.positionOf(['images', i, 'path']);
    const at = { file: loaded.file, ...pos, path: `images[${i}].path` };
    const abs = resolve(dirname(resolve(loaded.file)), img.path);
    const outside = () =>
      diagnostics.push(error('E_IMAGE_OUTSIDE', `image "${img.path}" is outside the project`, { ...at, hint: 'copy the image into the project (e.g. next to the brief) and point at the copy' }));
    // Refuse paths that leave the project before looking at them: whether a file exists outside
    // the project is none of the deck's business. Then again after resolving links.
    if (!inside(projectRootResolved, abs) && !inside(root, abs)) return void outside();
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      diagnostics.push(error('E_IMAGE_MISSING', `image "${img.path}" does not exist`, { ...at, hint: 'image paths are relative to the brief file' }));
      return;
    }
    if (!inside(root, real)) return void outside();
    try {
      const size = statSync(real).size;
      if (size > MAX_IMAGE_BYTES) throw new Error('too large');
      const dim = imageSize(readFileSync(real));
      if (!dim.type || !TYPES.has(dim.type) || !dim.width || !dim.height) throw new Error(`type ${dim.type}`);
      images.set(img.path, { abs: real, widthPx: dim.width, heightPx: dim.height });
    } catch {
      diagnostics.push(error('E_IMAGE_TYPE', `"${img.path}" is not a PNG, JPEG or GIF image (or is over 20 MB)`, { ...at, hint: 'save the figure as PNG or JPEG' }));
    }
  });
  return { images, diagnostics };
}
