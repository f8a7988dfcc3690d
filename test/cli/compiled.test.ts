/**
 * The compiled bundle (scripts/compile.mjs, loaded by bin/compiled.js) against the sources: the
 * CLI run from dist/ builds every test deck byte for byte as src/ does in this process; V8 takes
 * the code cache made for the bundle; the bundled templates are in the bundle precompiled.
 * Skipped when dist/ is older than src/ (an edit since the last compile), except under CI,
 * where `npm ci` has just compiled it.
 */
import { isAscii } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { precompiledModule } from '../../src/compose/precompile.ts';
import { instrumentTemplate, templateKey } from '../../src/compose/sourceLocs.ts';
import { readTemplateSet } from '../../src/compose/templateSet.ts';
import { buildDeck, DECKS } from '../render/decks.ts';
import { buildTemplate } from '../theme/template.ts';
import { distIsCurrent, REPO } from '../support/helpers.ts';
import { isCI } from '../support/toolGate.ts';

const TMP = mkdtempSync(join(tmpdir(), 'briefdeck-compiled-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

const current = distIsCurrent();
if (!current && isCI()) throw new Error('dist/ is not current under CI: `npm ci` runs `npm run compile` (the prepare script)');

const { SOURCE_DATE_EPOCH: _unset, ...ENV } = process.env;

describe.skipIf(!current)('the compiled bundle', () => {
  it('builds every test deck byte for byte as the sources do', async () => {
    const specs = DECKS.filter((d) => !d.fixtureTemplate);
    const out = join(TMP, 'cli');
    const r = spawnSync(process.execPath, [join(REPO, 'bin/briefdeck.js'), 'build', ...specs.map((d) => d.file), '--out', out, '--jobs', '1'], { cwd: REPO, env: { ...ENV, NO_COLOR: '1' }, encoding: 'utf8', timeout: 240_000 });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    for (const spec of specs) {
      const src = await buildDeck(spec, join(TMP, 'src', spec.name));
      expect(src.ok, spec.name).toBe(true);
      const compiled = readFileSync(join(out, `${basename(spec.file, '.yaml')}.pptx`));
      expect(Buffer.compare(compiled, Buffer.from(src.pptx!)), `${spec.name}: the compiled CLI's deck differs from the sources'`).toBe(0);
    }
  }, 300_000);

  it('runs with the code cache V8 accepts', () => {
    const probe = "import { loadCompiled, codeCacheState } from './bin/compiled.js'; loadCompiled(); console.log(codeCacheState());";
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: REPO, encoding: 'utf8' });
    expect(r.stdout.trim(), r.stderr).toBe('accepted');
  });

  it('is ASCII, so each thread holds its text once and as one byte per character', () => {
    const size = readFileSync(join(REPO, 'dist/briefdeck.cjs')).length;
    expect(isAscii(readFileSync(join(REPO, 'dist/briefdeck.cjs')))).toBe(true);
    // The strings of over 1 MB a thread holds once the bundle is loaded, from a heap snapshot: the
    // script's text alone, at one byte per character. A two-byte string (a character beyond
    // Latin-1), or the loader keeping the file's text besides the script's, would show here.
    const snap = join(TMP, 'loaded.heapsnapshot');
    const probe = `import v8 from 'node:v8'; import { loadCompiled } from './bin/compiled.js'; loadCompiled(); v8.writeHeapSnapshot(${JSON.stringify(snap)});`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: REPO, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const heap = JSON.parse(readFileSync(snap, 'utf8')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
    const { node_fields: fields, node_types: [types] } = heap.snapshot.meta;
    const [type, selfSize] = [fields.indexOf('type'), fields.indexOf('self_size')];
    const big: number[] = [];
    for (let i = 0; i < heap.nodes.length; i += fields.length) {
      if (types[heap.nodes[i + type]!]!.includes('string') && heap.nodes[i + selfSize]! > 1024 * 1024) big.push(heap.nodes[i + selfSize]!);
    }
    expect(big).toHaveLength(1);
    expect(big[0]).toBeGreaterThan(size);
    expect(big[0]).toBeLessThan(size + 64 * 1024);
  }, 60_000);

  it('imports a builtin dynamically without copying its exports at every call', () => {
    // esbuild's form of import() of a module outside the bundle; compile.mjs resolves a builtin's
    // to a module inside it (pptxgenjs imports node:fs and node:https so for every slide).
    const bundle = readFileSync(join(REPO, 'dist/briefdeck.cjs'), 'utf8');
    expect(bundle).not.toMatch(/Promise\.resolve\(\)\.then\(\(\) => __toESM\(require\("node:/);
    expect(bundle).toMatch(/yield Promise\.resolve\(\)\.then\(\(\) => \(init_node_fs\(\), node_fs_exports\)\)/);
  });

  it('builds a deck without loading node:https or node:crypto, and hands pptxgenjs the real https when it reads it', () => {
    // pptxgenjs imports node:https for images at URLs, which briefdeck never gives it; the
    // bundle's stand-in loads the builtin (with http, tls and net) only when a property is read.
    // node:crypto is loaded at its first use too (compile.mjs's lazy-packages): only pictures
    // and charts are hashed. The first test above builds the visuals deck, which uses it.
    const out = join(TMP, 'https');
    const probe = [
      "import { loadCompiled } from './bin/compiled.js';",
      `const code = await loadCompiled().main(['build', 'briefs/kim-putin-2023.yaml', '--out', ${JSON.stringify(out)}], { color: false, stdout: () => {}, stderr: () => {} });`,
      "console.log(code, process.moduleLoadList.some((m) => / https$/.test(m)), process.moduleLoadList.some((m) => / crypto$/.test(m)));",
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout.trim(), r.stderr).toBe('0 false false');
    // The stand-in as pptxgenjs uses it: `default`, then `.get`.
    const bundle = readFileSync(join(REPO, 'dist/briefdeck.cjs'), 'utf8');
    // The module's init, run on its own with a stand-in require: its assignments, whatever names
    // esbuild gave the variables, declared first.
    const init = /"builtin-namespace:node:https"\(\) \{\n([\s\S]*?)\n {2}\}\n/.exec(bundle);
    expect(init, 'the bundle has no stand-in for node:https').not.toBeNull();
    const names = new Set([...init![1]!.matchAll(/^\s*(\w+) = |(\w+) \?\?= /gm)].map((m) => (m[1] ?? m[2])!));
    const exported = /^\s*(\w+) = new Proxy\(/m.exec(init![1]!)?.[1];
    expect(exported, 'the stand-in is not a Proxy').toBeDefined();
    const https = new Function('require', `let ${[...names].join(', ')};\n${init![1]}\nreturn ${exported};`)((id: string) => (id === 'node:https' ? { get: 'the real get' } : undefined)) as { get: unknown };
    expect(https.get).toBe('the real get');
    expect('get' in https).toBe(true);
  }, 60_000);

  it('builds the shipped brief from the bundle alone, with linebreak\'s class table unpacked by zlib', () => {
    // Every package a build of a brief without pictures runs is in the bundle, so its code comes
    // from the code cache: none is read from node_modules (linebreak was, for 6 ms of a cold build).
    const out = join(TMP, 'alone');
    const probe = [
      "import { createRequire } from 'node:module';",
      "import { loadCompiled } from './bin/compiled.js';",
      `const code = await loadCompiled().main(['build', 'briefs/kim-putin-2023.yaml', '--out', ${JSON.stringify(out)}], { color: false, stdout: () => {}, stderr: () => {} });`,
      "console.log(JSON.stringify({ code, fromNodeModules: Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('node_modules') && !f.endsWith('.json')) }));",
    ].join('\n');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { cwd: REPO, encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(r.stdout.trim() || '{}'), r.stderr).toEqual({ code: 0, fromNodeModules: [] });
    // compile.mjs replaces the packed table only when zlib unpacks it as unicode-trie does.
    const bundle = readFileSync(join(REPO, 'dist/briefdeck.cjs'), 'utf8');
    expect(bundle, 'linebreak still unpacks its table with tiny-inflate').not.toMatch(/toByteArray\("[A-Za-z0-9+/]{64}/);
    expect(bundle).toMatch(/\.inflateRawSync\(\w+\.inflateRawSync\(bytes\.subarray\(12\)\)\)/);
  }, 60_000);

  it('loads fflate and pngjs at their first use and runs them as the sources do: a theme imported from a template with a PNG logo, and a deck built with it', () => {
    // compile.mjs hands fflate and the image decoders over as stand-ins that load each package at
    // the first read of an export; the template's unzipping and the logo's check go through them.
    const run = (dir: string, env: NodeJS.ProcessEnv) => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'house.potx'), buildTemplate());
      for (const args of [['theme', 'import', 'house.potx', '--name', 'house'], ['build', join(REPO, 'briefs/kim-putin-2023.yaml'), '--theme', 'house', '--out', 'decks']]) {
        const r = spawnSync(process.execPath, [join(REPO, 'bin/briefdeck.js'), ...args], { cwd: dir, env: { ...ENV, NO_COLOR: '1', ...env }, encoding: 'utf8', timeout: 120_000 });
        expect(r.status, `${args.join(' ')}: ${r.stderr}${r.stdout}`).toBe(0);
      }
      return ['templates/themes/house.yaml', 'templates/themes/house-logo.png', 'decks/kim-putin-2023.pptx'].map((f) => readFileSync(join(dir, f)));
    };
    const compiled = run(join(TMP, 'lazy-compiled'), {});
    const sources = run(join(TMP, 'lazy-sources'), { BRIEFDECK_FROM_SOURCE: '1' });
    for (const [i, name] of ['the theme', 'its logo', 'the deck'].entries()) expect(Buffer.compare(compiled[i]!, sources[i]!), `${name} differs`).toBe(0);
    const bundle = readFileSync(join(REPO, 'dist/briefdeck.cjs'), 'utf8');
    for (const pkg of ['fflate', 'pngjs', 'jpeg-js', 'omggif']) expect(bundle, pkg).toContain(`"lazy-package:${pkg}"(exports`);
  }, 240_000);

  it('holds every bundled template precompiled, under the text renderTemplate looks up', () => {
    // The bundle's PRECOMPILED map, evaluated on its own (defining the specs' functions runs none).
    const bundle = readFileSync(join(REPO, 'dist/briefdeck.cjs'), 'utf8');
    const start = bundle.indexOf('PRECOMPILED = /* @__PURE__ */ new Map([');
    expect(start, 'the bundle has no PRECOMPILED map').toBeGreaterThan(0);
    const end = bundle.indexOf('\n    ]);\n', start);
    const map = new Function(`return ${bundle.slice(bundle.indexOf('new Map', start), end)}\n]);`)() as Map<string, { main: unknown }>;
    const { count } = precompiledModule(join(REPO, 'templates'));
    expect(map.size).toBe(count);
    for (const name of ['briefing', 'executive']) {
      const set = readTemplateSet(join(REPO, 'templates'), name).value!;
      const texts = [instrumentTemplate(set.main.text, templateKey()).text, ...[...set.partials].map(([p, tf]) => instrumentTemplate(tf.text, templateKey(p)).text)];
      for (const text of texts) expect(typeof map.get(text)?.main, `${name}: ${text.slice(0, 60)}`).toBe('function');
    }
  });
});
