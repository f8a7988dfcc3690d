/**
 * LibreOffice and poppler, for PDF export, preview images and the render check. They are
 * optional system tools: callers ask `findTools()` first and say clearly when they are missing.
 * Every conversion gets its own LibreOffice profile folder, because concurrent soffice runs that
 * share a profile block or fail.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../package/write.ts';
import { killGroup, makeTempDir, removeTemp, trackChild } from '../tempFiles.ts';

interface RunOptions {
  timeoutMs?: number;
  /** Most bytes of stdout kept; default 1 MiB. */
  maxBuffer?: number;
}

/**
 * Runs a tool in a process group of its own and resolves with its stdout. soffice starts
 * soffice.bin and leaves it running on its own, so killing the group (on a timeout, or when
 * briefdeck is interrupted: see tempFiles) is the only way to stop the conversion whole.
 */
export function runTool(cmd: string, args: string[], opts: RunOptions = {}): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    // Windows has no process groups to kill; there the child alone is killed.
    const child = spawn(cmd, args, { detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'] });
    trackChild(child);
    const max = opts.maxBuffer ?? 1024 * 1024;
    let stdout = '';
    let stderr = '';
    let failure: string | undefined;
    const stop = (why: string) => {
      failure ??= why;
      killGroup(child);
    };
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.length > max) stop(`printed more than ${max} characters`);
    });
    child.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4096)));
    const timer = opts.timeoutMs === undefined ? undefined : setTimeout(() => stop(`timed out after ${opts.timeoutMs} ms`), opts.timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && failure === undefined) return resolve({ stdout });
      const why = failure ?? (signal ? `was killed (${signal})` : `exited with ${code}`);
      reject(new Error(`${basename(cmd)} ${why}${stderr.trim() ? `: ${stderr.trim()}` : ''}`));
    });
  });
}

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
  const work = makeTempDir(tmpdir(), 'lo');
  try {
    const profile = pathToFileURL(join(work, 'profile')).href;
    await runTool(tools.soffice, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', join(work, 'pdf'), pptx], { timeoutMs });
    const produced = join(work, 'pdf', `${basename(pptx, extname(pptx))}.pdf`);
    if (!existsSync(produced)) throw new Error(`LibreOffice did not produce a PDF for ${pptx}`);
    const target = join(outDir, basename(produced));
    // The temporary folder may be on another file system: written beside the target, then renamed.
    await writeFileAtomic(target, await readFile(produced));
    return target;
  } finally {
    removeTemp(work);
  }
}

/** Renders each PDF page to PNG at `dpi`; returns the files in page order. */
export async function pdfToPngs(pdf: string, outDir: string, dpi = 50, tools: Tools = findTools()): Promise<string[]> {
  if (!tools.pdftoppm) throw new Error(`pdftoppm is not installed; ${INSTALL_HINT}`);
  const prefix = join(outDir, 'page');
  await runTool(tools.pdftoppm, ['-png', '-r', String(dpi), pdf, prefix]);
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
  const { stdout } = await runTool(tools.pdftotext, ['-bbox-layout', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
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
