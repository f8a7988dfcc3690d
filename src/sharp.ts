/**
 * sharp (libvips), loaded when a build first needs it: to prove a picture whole (imageCheck.ts)
 * and to prepare it for the deck (render/pictures.ts). Loading libvips costs some 40-50 ms and
 * 20 MB, so a deck without pictures never loads it. sharp ships prebuilt binaries as npm
 * packages; where none loads (a platform it has none for), the promise gives undefined and the
 * callers say what they do without it.
 */
import type sharpFunction from 'sharp';

export type Sharp = typeof sharpFunction;
let sharpModule: Promise<Sharp | undefined> | undefined;

/** sharp, or undefined when it does not load here. */
export const loadSharp = (): Promise<Sharp | undefined> => (sharpModule ??= import('sharp').then((m) => m.default as Sharp, () => undefined));
