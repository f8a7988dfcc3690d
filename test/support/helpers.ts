/**
 * Shared helpers for the compose, layout, e2e and CLI tests: a capturing CLI output, briefs
 * and template sets built in memory, and small readers for the parts of a .pptx.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import type { Out } from '../../src/cli/output.ts';
import type { TemplateSet } from '../../src/compose/templateSet.ts';
import { formatDiagnostic, type Diagnostic } from '../../src/diagnostics.ts';
import { parseBrief } from '../../src/load/loadBrief.ts';
import type { Brief } from '../../src/load/schema.ts';
import type { Theme } from '../../src/theme/schema.ts';
import { loadTheme } from '../../src/theme/loadTheme.ts';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = join(REPO, 'test/fixtures');
export const SHIPPED_BRIEF = join(REPO, 'briefs/kim-putin-2023.yaml');

/** The newest modification time in a folder tree, files and folders (what bin/briefdeck.js checks too). */
function newest(dir: string): number {
  let latest = statSync(dir).mtimeMs;
  for (const e of readdirSync(dir, { withFileTypes: true })) latest = Math.max(latest, e.isDirectory() ? newest(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs);
  return latest;
}

/** Whether dist/ was compiled after the last change to src/, so bin/briefdeck.js runs the bundle. */
export function distIsCurrent(): boolean {
  try {
    return newest(join(REPO, 'src')) <= statSync(join(REPO, 'dist/BUILT')).mtimeMs;
  } catch {
    return false;
  }
}

/** The smallest brief that builds: meta, bluf and one source. */
export const MINIMAL_BRIEF = `meta:
  title: Minimal brief
  as_of: "2025-01-15"
  prepared_by: Open-source desk
bluf:
  text: The delegation arrived in Moscow on Sunday.
  sources: [kcna]
sources:
  - id: kcna
    publisher: Korean Central News Agency
    kind: state-media
`;

/** A CLI `Out` that records what was printed, without colour. */
export interface CapturedOut extends Out {
  out: string[];
  err: string[];
  /** stdout then stderr, joined by newlines. */
  all(): string;
}

export function captureOut(): CapturedOut {
  const out: string[] = [];
  const err: string[] = [];
  return {
    color: false,
    out,
    err,
    stdout: (s) => out.push(s),
    stderr: (s) => err.push(s),
    all: () => [...out, ...err].join('\n'),
  };
}

/** Every diagnostic in the contract's one-line form (handy in assertion messages). */
export function formatAll(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map(formatDiagnostic).join('\n');
}

/** Parses and validates a brief written inline; throws with its diagnostics if it is invalid. */
export function briefFrom(yaml: string, file = 'inline-brief.yaml'): Brief {
  const r = parseBrief(yaml, file);
  if (!r.value) throw new Error(`test brief is invalid:\n${formatAll(r.diagnostics)}`);
  return r.value.value;
}

/** The small brief of test/fixtures/compose/small-brief.yaml, validated. */
export function smallBrief(): Brief {
  return briefFrom(readFileSync(join(FIXTURES, 'compose/small-brief.yaml'), 'utf8'), 'small-brief.yaml');
}

/** A template set in memory: `main` is shown as `file`, partials as `fx/partials/<name>.hbs`. */
export function templateSet(main: string, partials: Record<string, string> = {}, file = 'fx/deck.hbs'): TemplateSet {
  return {
    name: 'fx',
    main: { file, text: main },
    partials: new Map(Object.entries(partials).map(([name, text]) => [name, { file: `fx/partials/${name}.hbs`, text }])),
  };
}

/** A one-slide template around `body` (lines 1-2 open the deck and slide, body starts on line 3). */
export function oneSlide(body: string, layout = 'bullets', title = 'T'): string {
  return `<deck>\n  <slide layout="${layout}" title="${title}">\n${body}\n  </slide>\n</deck>\n`;
}

/** The civic theme shipped in templates/themes. */
export function civicTheme(): Theme {
  const r = loadTheme(join(REPO, 'templates/themes'), 'civic');
  if (!r.value) throw new Error(`civic theme failed to load:\n${formatAll(r.diagnostics)}`);
  return r.value;
}

/** Unzips a package into part name -> text (decoded as UTF-8; only the XML parts are meant to be read). */
export function unzipParts(bytes: Uint8Array): Map<string, string> {
  const files = unzipSync(bytes);
  return new Map(Object.entries(files).map(([name, data]) => [name, strFromU8(data)]));
}

/** How many slides a .pptx holds: its ppt/slides/slideN.xml parts. */
export function pptxSlideCount(bytes: Uint8Array): number {
  return Object.keys(unzipSync(bytes)).filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length;
}

/** saxes errors for an XML text; empty when the text is well-formed. */
export function xmlErrors(xml: string): string[] {
  const errors: string[] = [];
  const parser = new SaxesParser({ xmlns: true });
  parser.on('error', (e) => errors.push(e.message));
  try {
    parser.write(xml).close();
  } catch (e) {
    errors.push((e as Error).message);
  }
  return errors;
}

/** The text of each `<a:p>` paragraph in a part (runs joined), decoded. */
export function paragraphs(xml: string): string[] {
  const paras: string[] = [];
  let current: string[] | undefined;
  const parser = new SaxesParser();
  const stack: string[] = [];
  parser.on('opentag', (tag) => {
    stack.push(tag.name);
    if (tag.name === 'a:p') current = [];
  });
  parser.on('closetag', (tag) => {
    stack.pop();
    if (tag.name === 'a:p' && current) {
      paras.push(current.join(''));
      current = undefined;
    }
  });
  parser.on('text', (t) => {
    if (current && stack[stack.length - 1] === 'a:t') current.push(t);
  });
  parser.write(xml).close();
  return paras;
}

/** A drawing shape (`<p:sp>` or `<p:pic>`) of a slide, layout or master part. */
export interface PartShape {
  tag: 'p:sp' | 'p:pic';
  /** `type` of its placeholder (`<p:ph type="title">`), if it is one. */
  ph?: string;
  /** Attributes of its `<p:cNvPr>` (name, descr, ...). */
  nvPr: Record<string, string>;
  /** Offset and extent in EMU, from its `<a:xfrm>`. */
  off?: { x: number; y: number };
  ext?: { cx: number; cy: number };
  /** Text of each paragraph, decoded. */
  paragraphs: string[];
}

/** The shapes of a drawing part, in document order (group children included). */
export function shapes(xml: string): PartShape[] {
  const out: PartShape[] = [];
  const open: PartShape[] = [];
  let para: string[] | undefined;
  const parser = new SaxesParser();
  let inT = false;
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    const cur = open[open.length - 1];
    if (tag.name === 'p:sp' || tag.name === 'p:pic') {
      const s: PartShape = { tag: tag.name, nvPr: {}, paragraphs: [] };
      out.push(s);
      open.push(s);
    } else if (cur) {
      if (tag.name === 'p:cNvPr') cur.nvPr = { ...a };
      else if (tag.name === 'p:ph') cur.ph = a.type ?? 'body';
      else if (tag.name === 'a:off' && !cur.off) cur.off = { x: Number(a.x), y: Number(a.y) };
      else if (tag.name === 'a:ext' && !cur.ext && a.cx !== undefined) cur.ext = { cx: Number(a.cx), cy: Number(a.cy) };
      else if (tag.name === 'a:p') para = [];
      else if (tag.name === 'a:t') inT = true;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'p:sp' || tag.name === 'p:pic') open.pop();
    else if (tag.name === 'a:t') inT = false;
    else if (tag.name === 'a:p' && para) {
      open[open.length - 1]?.paragraphs.push(para.join(''));
      para = undefined;
    }
  });
  parser.on('text', (t) => {
    if (inT && para) para.push(t);
  });
  parser.write(xml).close();
  return out;
}
