/**
 * What a command loads: `--version` and `--help` load no npm package that does real work, `check`
 * leaves out the renderer (pptxgenjs) and the LibreOffice, watch and preview modules, and `build`
 * does load the renderer (so the trace is shown to see what these assert is missing). Modules
 * are listed by test/support/traceModules.mjs in a child process. Both ways bin/briefdeck.js
 * runs: the sources through tsx (forced), and the compiled bundle when `npm run compile` has made
 * it current (there the trace lists the bundle's modules that ran, by their source paths).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { distIsCurrent, REPO, SHIPPED_BRIEF } from '../support/helpers.ts';

const TMP = mkdtempSync(join(tmpdir(), 'briefdeck-loading-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** npm packages that only building, layout or validation needs. */
const HEAVY = ['pptxgenjs', 'jszip', 'fontkit', 'zod', 'handlebars', 'yaml', 'saxes', 'chokidar', 'image-size', 'pngjs', 'jpeg-js', 'linebreak', 'fflate'];
/** Source modules that only --pdf/--preview and watch need. */
const ON_REQUEST = ['src/convert/', 'src/preview/', 'src/watch/'];

let runs = 0;
function loaded(args: string[], fromSource: boolean): { status: number | null; modules: string[]; stderr: string } {
  const trace = join(TMP, `trace-${runs++}`);
  const env: NodeJS.ProcessEnv = { ...process.env, TRACE_MODULES: trace, NO_COLOR: '1' };
  if (fromSource) env.BRIEFDECK_FROM_SOURCE = '1';
  else delete env.BRIEFDECK_FROM_SOURCE;
  const r = spawnSync(process.execPath, ['--import', join(REPO, 'test/support/traceModules.mjs'), join(REPO, 'bin/briefdeck.js'), ...args], { cwd: TMP, env, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, modules: readFileSync(trace, 'utf8').split('\n').filter(Boolean), stderr: r.stderr };
}

const packagesIn = (modules: string[]) => new Set(modules.map((m) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(m)?.[1]).filter((p): p is string => p !== undefined));

describe.each([
  ['the sources', true],
  ['the compiled dist/', false],
])('modules loaded, running %s', (_name, fromSource) => {
  const skip = !fromSource && !distIsCurrent();
  it.skipIf(skip)('--version and --help load no heavy npm package', () => {
    for (const args of [['--version'], ['--help'], ['build', '--help']]) {
      const r = loaded(args, fromSource);
      expect(r.status, r.stderr).toBe(0);
      const pkgs = packagesIn(r.modules);
      for (const p of HEAVY) expect(pkgs, `${args.join(' ')} loaded ${p}`).not.toContain(p);
      // Compiled, the CLI needs nothing from node_modules to print its version or help.
      if (!fromSource) expect([...pkgs], args.join(' ')).toEqual([]);
    }
  });

  it.skipIf(skip)('check loads layout but not the renderer, LibreOffice, watch or preview', () => {
    const r = loaded(['check', SHIPPED_BRIEF], fromSource);
    expect(r.status, r.stderr).toBe(0);
    const pkgs = packagesIn(r.modules);
    expect(pkgs).toContain('handlebars');
    for (const p of ['pptxgenjs', 'jszip', 'chokidar']) expect(pkgs, `check loaded ${p}`).not.toContain(p);
    for (const dir of [...ON_REQUEST, 'src/render/']) expect(r.modules.filter((m) => m.includes(dir)), `check loaded ${dir}`).toEqual([]);
  });

  it.skipIf(skip)('build loads the renderer, still not LibreOffice, watch or preview', () => {
    const r = loaded(['build', SHIPPED_BRIEF, '--out', join(TMP, 'out')], fromSource);
    expect(r.status, r.stderr).toBe(0);
    const pkgs = packagesIn(r.modules);
    expect(pkgs).toContain('pptxgenjs');
    expect(pkgs).not.toContain('chokidar');
    for (const dir of ON_REQUEST) expect(r.modules.filter((m) => m.includes(dir)), `build loaded ${dir}`).toEqual([]);
  });
});

describe("Node's own modules, compiled", () => {
  /** The builtins a command's process loaded (no loader hooks: those load some themselves). */
  function builtins(args: string[]): string[] {
    const script = `process.argv = [process.argv[0], ${JSON.stringify(join(REPO, 'bin/briefdeck.js'))}, ...${JSON.stringify(args)}];
process.on('exit', () => require('node:fs').writeSync(2, '\\nBUILTINS ' + process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)).join(' ') + '\\n'));
require(process.argv[1]);`;
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.BRIEFDECK_FROM_SOURCE;
    const r = spawnSync(process.execPath, ['-e', script], { cwd: TMP, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    return /BUILTINS (.*)/.exec(r.stderr)?.[1]?.split(' ') ?? [];
  }

  // `new` writes with fs.promises, read when it runs: importing node:fs/promises at the top of a
  // module the CLI always evaluates loaded it, and readline with it, for every command.
  it.skipIf(!distIsCurrent())('--version and a build load neither fs/promises nor readline', () => {
    for (const args of [['--version'], ['build', SHIPPED_BRIEF, '--out', join(TMP, 'out-builtins')]]) {
      const loadedBuiltins = builtins(args);
      expect(loadedBuiltins, args.join(' ')).toContain('path');
      for (const m of ['fs/promises', 'internal/fs/promises', 'internal/readline/interface']) expect(loadedBuiltins, `${args.join(' ')} loaded ${m}`).not.toContain(m);
    }
  });
});
