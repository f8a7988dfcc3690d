import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder briefdeck itself is installed in (holds the bundled templates): the one above this
 * module, whether it runs from src/ or compiled into dist/briefdeck.cjs.
 */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
