/**
 * The PDF side of the render check: text lines with their word boxes, read with
 * `pdftotext -bbox-layout` (as src/convert/libreoffice.ts `pdfTextLines` reads lines), and
 * whether the tools are there at all.
 *
 * `pdfTextLines` gives one box per line. poppler groups words on one baseline into one line
 * even when they come from different frames (two table cells side by side, for instance), so
 * the check needs the words' own boxes to tell which frame each part of a line belongs to.
 * `pdfWordLines` reads the same output keeping the words; render.test.ts checks that both
 * readers agree line for line.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { INSTALL_HINT, type Tools } from '../../src/convert/libreoffice.ts';
import { toolGate, type ToolGate } from '../support/toolGate.ts';
import type { Box, PdfPage, PdfWordLine } from './frames.ts';

const run = promisify(execFile);

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const PT = 72;

function box(m: RegExpMatchArray, from = 1): Box {
  return { x0: Number(m[from]) / PT, y0: Number(m[from + 1]) / PT, x1: Number(m[from + 2]) / PT, y1: Number(m[from + 3]) / PT };
}

/** Parses `pdftotext -bbox-layout` output: pages, and every line with its words, in inches. */
export function parseBboxLayout(xhtml: string): { pages: PdfPage[]; lines: PdfWordLine[] } {
  const pages: PdfPage[] = [];
  const lines: PdfWordLine[] = [];
  for (const pm of xhtml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    pages.push({ width: Number(pm[1]) / PT, height: Number(pm[2]) / PT });
    const page = pages.length;
    for (const lm of pm[3]!.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
      const words = [...lm[5]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
        text: unescape(w[5]!),
        box: box(w),
      }));
      lines.push({ page, text: words.map((w) => w.text).join(' '), box: box(lm), words });
    }
  }
  return { pages, lines };
}

/** Every text line of the PDF with its words' boxes. */
export async function pdfWordLines(pdf: string, tools: Tools): Promise<{ pages: PdfPage[]; lines: PdfWordLine[] }> {
  if (!tools.pdftotext) throw new Error(`pdftotext is not installed; ${INSTALL_HINT}`);
  const { stdout } = await run(tools.pdftotext, ['-bbox-layout', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return parseBboxLayout(stdout);
}

/** The render tests' gate: they need LibreOffice and pdftotext (the rule is test/support/toolGate.ts). */
export function renderGate(tools: Tools, env: NodeJS.ProcessEnv = process.env): ToolGate {
  return toolGate('render check', tools, ['soffice', 'pdftotext'], env);
}
