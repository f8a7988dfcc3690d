/**
 * A contact sheet: every slide's image tiled into one PNG, in reading order, numbered.
 * Decoding and encoding PNG is pngjs's job (pure JS, no native build); the tiling and the
 * few digit glyphs for the slide numbers are drawn here.
 */
import { PNG } from 'pngjs';

export interface SheetOptions {
  /** Columns; default 3 for up to 9 slides, else 4 (fewer when there are fewer slides). */
  columns?: number;
  /** Pixels between thumbnails and around the sheet. */
  gap?: number;
  /** Draw each slide's number under it. */
  numbers?: boolean;
}

const BACKGROUND = [0xe4, 0xe6, 0xea] as const;
const FRAME = [0x9a, 0xa0, 0xa8] as const;
const INK = [0x3c, 0x42, 0x4a] as const;

/** 5x7 bitmaps of the digits 0-9, one string per row. */
const DIGITS = [
  ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  ['11111', '00010', '00100', '00010', '00001', '10001', '01110'],
  ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
] as const;
const DIGIT_SCALE = 2;
const DIGIT_W = 5 * DIGIT_SCALE;
const DIGIT_H = 7 * DIGIT_SCALE;
const LABEL_H = DIGIT_H + 8;

/** Default number of columns for `n` slides. */
export function sheetColumns(n: number): number {
  return Math.max(1, Math.min(n, n <= 9 ? 3 : 4));
}

function fillRect(img: PNG, x0: number, y0: number, w: number, h: number, rgb: readonly number[]): void {
  for (let y = Math.max(0, y0); y < Math.min(img.height, y0 + h); y++) {
    for (let x = Math.max(0, x0); x < Math.min(img.width, x0 + w); x++) {
      const i = (y * img.width + x) * 4;
      img.data[i] = rgb[0]!;
      img.data[i + 1] = rgb[1]!;
      img.data[i + 2] = rgb[2]!;
      img.data[i + 3] = 255;
    }
  }
}

function drawNumber(img: PNG, n: number, cx: number, y: number): void {
  const text = String(n);
  const width = text.length * DIGIT_W + (text.length - 1) * DIGIT_SCALE;
  let x = Math.round(cx - width / 2);
  for (const ch of text) {
    const rows = DIGITS[Number(ch)]!;
    rows.forEach((row, ry) => {
      for (let rx = 0; rx < 5; rx++) if (row[rx] === '1') fillRect(img, x + rx * DIGIT_SCALE, y + ry * DIGIT_SCALE, DIGIT_SCALE, DIGIT_SCALE, INK);
    });
    x += DIGIT_W + DIGIT_SCALE;
  }
}

/** Tiles the page images (PNG bytes, in slide order) into one PNG. */
export function contactSheet(pages: readonly Uint8Array[], opts: SheetOptions = {}): Buffer {
  if (pages.length === 0) throw new Error('a contact sheet needs at least one page');
  const images = pages.map((p) => PNG.sync.read(Buffer.from(p.buffer, p.byteOffset, p.byteLength)));
  const columns = Math.max(1, Math.min(opts.columns ?? sheetColumns(images.length), images.length));
  const rows = Math.ceil(images.length / columns);
  const gap = opts.gap ?? 16;
  const label = opts.numbers === false ? 0 : LABEL_H;
  // Cells fit the largest page; a smaller one is centred in its cell.
  const cellW = Math.max(...images.map((i) => i.width));
  const cellH = Math.max(...images.map((i) => i.height));
  const sheet = new PNG({ width: gap + columns * (cellW + gap), height: gap + rows * (cellH + label + gap) });
  fillRect(sheet, 0, 0, sheet.width, sheet.height, BACKGROUND);
  images.forEach((img, i) => {
    const col = i % columns;
    const row = Math.floor(i / columns);
    const x = gap + col * (cellW + gap) + Math.floor((cellW - img.width) / 2);
    const y = gap + row * (cellH + label + gap) + Math.floor((cellH - img.height) / 2);
    fillRect(sheet, x - 1, y - 1, img.width + 2, img.height + 2, FRAME);
    PNG.bitblt(img, sheet, 0, 0, img.width, img.height, x, y);
    if (label) drawNumber(sheet, i + 1, gap + col * (cellW + gap) + cellW / 2, gap + row * (cellH + label + gap) + cellH + 5);
  });
  return PNG.sync.write(sheet, { colorType: 2, inputHasAlpha: true, deflateLevel: 6 });
}
