/**
 * Resolves the images a brief names: relative to the brief, inside the project, a regular file,
 * really an image (sniffed from its bytes, not its name), and whole (decoded to the end).
 * Each problem points at the brief field.
 */
import { realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { imageSize } from 'image-size';
import { error, type Diagnostic } from './diagnostics.ts';
import { imageProblemNative, type ImageType } from './imageCheck.ts';
import type { ResolvedImage } from './layout/context.ts';
import { isInside as inside, readInput } from './load/readInput.ts';
import type { Loaded } from './load/yamlDocument.ts';
import type { Brief } from './load/schema.ts';

// SVG is rasterised at render (src/render/pictures.ts); the others are decoded here to prove them whole.
const TYPES: ReadonlySet<string> = new Set<string>(['png', 'jpg', 'gif', 'svg']);
const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

/** Resolves every image in the brief; returns the map for layout and any errors. */
export async function resolveImages(loaded: Loaded<Brief>, projectRoot: string): Promise<{ images: Map<string, ResolvedImage>; diagnostics: Diagnostic[] }> {
  const images = new Map<string, ResolvedImage>();
  const diagnostics: Diagnostic[] = [];
  const root = realpathSync(projectRoot);
  const projectRootResolved = resolve(projectRoot);
  for (const [i, img] of loaded.value.images.entries()) {
    const pos = loaded.positionOf(['images', i, 'path']);
    const at = { file: loaded.file, ...pos, path: `images[${i}].path` };
    const abs = resolve(dirname(resolve(loaded.file)), img.path);
    const outside = () =>
      diagnostics.push(error('E_IMAGE_OUTSIDE', `image "${img.path}" is outside the project`, { ...at, hint: 'copy the image into the project (e.g. next to the brief) and point at the copy' }));
    // Refuse paths that leave the project before looking at them: whether a file exists outside
    // the project is none of the deck's business. Then again after resolving links.
    if (!inside(projectRootResolved, abs) && !inside(root, abs)) {
      outside();
      continue;
    }
    let real: string;
    try {
      real = realpathSync(abs);
    } catch {
      diagnostics.push(error('E_IMAGE_MISSING', `image "${img.path}" does not exist`, { ...at, hint: 'image paths are relative to the brief file' }));
      continue;
    }
    if (!inside(root, real)) {
      outside();
      continue;
    }
    const read = readInput(real, { file: img.path, noun: 'image', maxBytes: MAX_IMAGE_BYTES });
    if (read.value === undefined) {
      const d = read.diagnostics[0]!;
      if (d.code === 'E_TOO_LARGE') diagnostics.push(error('E_IMAGE_TYPE', `"${img.path}" is over 20 MB`, { ...at, hint: 'save a smaller copy of the figure, as PNG or JPEG' }));
      else diagnostics.push(error('E_READ', `image "${img.path}": ${d.message}`, { ...at, hint: d.hint }));
      continue;
    }
    let dim: ReturnType<typeof imageSize> | undefined;
    try {
      dim = imageSize(read.value);
    } catch {
      dim = undefined;
    }
    if (!dim?.type || !TYPES.has(dim.type) || !dim.width || !dim.height) {
      diagnostics.push(error('E_IMAGE_TYPE', `"${img.path}" is not a PNG, JPEG, GIF or SVG image`, { ...at, hint: 'save the figure as PNG, JPEG or SVG' }));
      continue;
    }
    const problem = dim.type === 'svg' ? svgProblem(read.value) : await imageProblemNative(read.value, dim.type as ImageType, dim.width, dim.height);
    if (problem) {
      diagnostics.push(error('E_IMAGE', `"${img.path}" is not a whole image: ${problem}`, { ...at, hint: 'export or download the image again; if it opens in an image viewer, save it from there as PNG or JPEG' }));
      continue;
    }
    images.set(img.path, { abs: real, widthPx: dim.width, heightPx: dim.height });
  }
  return { images, diagnostics };
}

/** An SVG must at least be a whole document: it ends with its root's closing tag. */
function svgProblem(bytes: Uint8Array): string | undefined {
  const text = Buffer.from(bytes).toString('utf8').trimEnd();
  return /<\/svg>$/.test(text) ? undefined : 'it ends before its closing </svg> tag';
}
