/**
 * LibreOffice and poppler, for PDF export, preview images and the render check. They are
 * optional system tools: callers ask `findTools()` first and say clearly when they are missing.
 * Every conversion gets its own LibreOffice profile folder, because concurrent soffice runs that
 * share a profile block or fail.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Tools {
  soffice?: string;
  pdftoppm?: string;
  pdftotext?: string;
}

function which(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const p = join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

/** The tools found on PATH (soffice or libreoffice; pdftoppm and pdftotext from poppler). */
export function findTools(env: NodeJS.ProcessEnv = process.env): Tools {
  return { soffice: which('soffice', env) ?? which('libreoffice', env), pdftoppm: which('pdftoppm', env), pdftotext: which('pdftotext', env) };
}

/** Why a tool is missing and how to get it, for messages. */
export const INSTALL_HINT = 'install LibreOffice and poppler, e.g. `apt-get install libreoffice-impress poppler-utils fonts-liberation2 fonts-crosextra-carlito fonts-noto-cjk`';

/**
 * Converts a .pptx to PDF with LibreOffice, writing `<outDir>/<name>.pdf` atomically
 * (converted in a temporary folder, then renamed). Returns the PDF's path.
 */
export async function convertToPdf(pptx: string, outDir: string, tools: Tools = findTools(), timeoutMs = 120_000): Promise<string> {
  if (!tools.soffice) throw new Error(`LibreOffice (soffice) is not installed; ${INSTALL_HINT}`);
  const work = await mkdtemp(join(tmpdir(), 'briefdeck-lo-'));
  try {
    const profile = pathToFileURL(join(work, 'profile')).href;
    await run(tools.soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', join(work, 'pdf'), pptx], { timeout: timeoutMs });
    const produced = join(work, 'pdf', `${basename(pptx, extname(pptx))}.pdf`);
    if (!existsSync(produced)) throw new Error(`LibreOffice did not produce a PDF for ${pptx}`);
    const target = join(outDir, basename(produced));
    // The temporary folder may be on another file system: copy beside the target, then rename.
    const staged = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
    await mkdir(outDir, { recursive: true });
    await copyFile(produced, staged);
    await rename(staged, target);
    return target;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Renders each PDF page to PNG at `dpi`; returns the files in page order. */
export async function pdfToPngs(pdf: string, outDir: string, dpi = 50, tools: Tools = findTools()): Promise<string[]> {
  if (!tools.pdftoppm) throw new Error(`pdftoppm is not installed; ${INSTALL_HINT}`);
  const prefix = join(outDir, 'page');
  await run(tools.pdftoppm, ['-png', '-r', String(dpi), pdf, prefix]);
  return (await readdir(outDir))
    .filter((f) => f.startsWith('page') && f.endsWith('.png'))
    .sort()
    .map((f) => join(outDir, f));
}

/** One text line of a PDF page, in inches from the page's top-left corner. */
export interface PdfLine {
  page: number;
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The text lines of every page with their boxes (pdftotext -bbox-layout). */
export async function pdfTextLines(pdf: string, tools: Tools = findTools()): Promise<{ pages: Array<{ width: number; height: number }>; lines: PdfLine[] }> {
  if (!tools.pdftotext) throw new Error(`pdftotext is not installed; ${INSTALL_HINT}`);
  const { stdout } = await run(tools.pdftotext, ['-bbox-layout', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  const pages: Array<{ width: number; height: number }> = [];
  const lines: PdfLine[] = [];
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  for (const pm of stdout.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    pages.push({ width: Number(pm[1]) / 72, height: Number(pm[2]) / 72 });
    for (const lm of pm[3]!.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...lm[5]!.matchAll(/<word[^>]*>([^<]*)<\/word>/g)].map((w) => unescape(w[1]!));
      lines.push({ page: pages.length, text: words.join(' '), x0: Number(lm[1]) / 72, y0: Number(lm[2]) / 72, x1: Number(lm[3]) / 72, y1: Number(lm[4]) / 72 });
    }
  }
  return { pages, lines };
}
