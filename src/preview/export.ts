/**
 * PDF and preview export of a built deck. The PDF comes from LibreOffice. The preview (a contact
 * sheet) is rasterised in-process from the deck's SVG slides (src/svg/raster.ts), so it needs no
 * outside tool; given no placed deck, it falls back to LibreOffice's PDF and poppler's page
 * images. A requested export that can't be made is an error with the install hint; the deck
 * itself was already written.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { error, type Diagnostic } from '../diagnostics.ts';
import { convertToPdf, INSTALL_HINT, pdfToPngs, type Tools } from '../convert/libreoffice.ts';
import { writeFileAtomic } from '../package/write.ts';
import { makeTempDir, removeTemp } from '../tempFiles.ts';
import { contactSheet } from './contactSheet.ts';
import type { PlacedDeck } from '../layout/placed.ts';
import { rasterSlides } from '../svg/raster.ts';
import { SLIDE } from '../units.ts';

export interface ExportRequest {
  /** Write `<outDir>/<name>.pdf`. */
  pdf?: boolean;
  /** Write `<outDir>/<name>.png`, a contact sheet of every slide. */
  preview?: boolean;
  outDir: string;
  tools: Tools;
  /** Resolution of each slide in the contact sheet; 36 dpi makes a 13.33 in slide 480 px wide. */
  dpi?: number;
  /** The deck as laid out: the preview is drawn from its SVG, with no outside tool. */
  placed?: PlacedDeck;
}

export interface ExportedFile {
  path: string;
  bytes: number;
  /** Pages (slides) it shows. */
  pages?: number;
}

export interface ExportResult {
  pdf?: ExportedFile;
  preview?: ExportedFile;
  ms: number;
  diagnostics: Diagnostic[];
}

/** The error for each tool the request needs but the machine lacks; empty when all are there. */
export function missingTools(req: Pick<ExportRequest, 'pdf' | 'preview'> & { fromSvg?: boolean }, tools: Tools): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Drawn from the SVG, the preview needs neither LibreOffice nor poppler.
  const preview = req.preview && !req.fromSvg;
  const what = [req.pdf && 'PDF', preview && 'preview'].filter(Boolean).join(' and ');
  if ((req.pdf || preview) && !tools.soffice)
    out.push(error('E_NO_LIBREOFFICE', `cannot make the ${what}: LibreOffice (soffice) is not installed or not on PATH`, { hint: INSTALL_HINT }));
  if (preview && !tools.pdftoppm)
    out.push(error('E_NO_PDFTOPPM', 'cannot make the preview: pdftoppm (poppler) is not installed or not on PATH', { hint: INSTALL_HINT }));
  return out;
}

/** Converts one deck. Never throws: failures come back as diagnostics. */
export async function exportDeck(pptx: string, req: ExportRequest): Promise<ExportResult> {
  const start = performance.now();
  const result: ExportResult = { ms: 0, diagnostics: missingTools({ ...req, fromSvg: req.placed !== undefined }, req.tools) };
  if (result.diagnostics.length || (!req.pdf && !req.preview)) return { ...result, ms: performance.now() - start };
  if (req.preview && req.placed) {
    const path = join(req.outDir, `${basename(pptx, extname(pptx))}.png`);
    try {
      const sheet = contactSheet(rasterSlides(req.placed, Math.round((req.dpi ?? 36) * SLIDE.width)));
      await writeFileAtomic(path, sheet);
      result.preview = { path, bytes: sheet.length, pages: req.placed.slides.length };
    } catch (e) {
      result.diagnostics.push(error('E_PREVIEW', `could not make the preview of ${pptx}: ${firstLine(e)}`, { file: path, hint: 'this is a bug in briefdeck; please report it with the brief' }));
    }
    if (!req.pdf) return { ...result, ms: performance.now() - start };
    const pdf = await exportDeck(pptx, { ...req, preview: false, placed: undefined });
    return { ...pdf, preview: result.preview, diagnostics: [...result.diagnostics, ...pdf.diagnostics], ms: performance.now() - start };
  }
  const work = makeTempDir(tmpdir(), 'export');
  try {
    let pdf: string;
    try {
      pdf = await convertToPdf(pptx, req.pdf ? req.outDir : work, req.tools);
    } catch (e) {
      result.diagnostics.push(error('E_CONVERT', `LibreOffice could not convert ${pptx} to PDF: ${firstLine(e)}`, { hint: 'open the deck in PowerPoint or LibreOffice to check it; a stuck soffice process can also block conversions' }));
      return result;
    }
    if (req.pdf) result.pdf = { path: pdf, bytes: (await stat(pdf)).size };
    if (req.preview) {
      try {
        const pagesDir = join(work, 'pages');
        await mkdir(pagesDir);
        const pages = await pdfToPngs(pdf, pagesDir, req.dpi ?? 36, req.tools);
        const sheet = contactSheet(await Promise.all(pages.map((p) => readFile(p))));
        const path = join(req.outDir, `${basename(pptx, extname(pptx))}.png`);
        await writeFileAtomic(path, sheet);
        result.preview = { path, bytes: sheet.length, pages: pages.length };
        if (result.pdf) result.pdf.pages = pages.length;
      } catch (e) {
        result.diagnostics.push(error('E_PREVIEW', `could not make the preview of ${pptx}: ${firstLine(e)}`, { hint: 'check that poppler (pdftoppm) works: pdftoppm -v' }));
      }
    }
    return result;
  } finally {
    result.ms = performance.now() - start;
    removeTemp(work);
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0]!.trim();
}
