/**
 * Prints the module that stands in for src/compose/precompiled.ts in the compiled bundle: the
 * specs of the templates in templates/ (src/compose/precompile.ts). Run by scripts/compile.mjs.
 */
import { join } from 'node:path';
import { precompiledModule } from '../src/compose/precompile.ts';
import { PACKAGE_ROOT } from '../src/packageRoot.ts';

process.stdout.write(precompiledModule(join(PACKAGE_ROOT, 'templates')).source);
