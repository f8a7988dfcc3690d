/**
 * Real pptxgenjs decks for the package-stage tests. Run directly
 * (`node --import tsx test/package/deck-fixture.ts`) it packages the reference
 * deck and prints the sha256 of the bytes, for cross-process determinism tests.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import pptxgen from 'pptxgenjs';
import { packageDeck } from '../../src/package/index.ts';

/** An 8x8 grey baseline JPEG (155 bytes; decodes with libjpeg's djpeg). */
export const TINY_JPEG =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCAAIAAgBAREA/8QAJgABAAAAAAAAAAAAAAAAAAAAABABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAAPwA//9k=';

type Pres = any;

function addContentSlides(pres: Pres, index: number): void {
  const bg = pres.addSlide();
  bg.background = { color: '1F3864' };
  bg.addText(`Section ${index}`, { x: 0.5, y: 0.5, w: 9, h: 1, fontSize: 32, color: 'FFFFFF' });
  bg.addText('Body text that repeats across slides, as briefing decks do.', { x: 0.5, y: 2, w: 9, h: 1 });

  const table = pres.addSlide();
  table.addTable(
    [
      [{ text: 'Item' }, { text: 'Owner' }, { text: 'Due' }],
      [{ text: 'Agenda' }, { text: 'Kim' }, { text: '2024-05-01' }],
      [{ text: 'Minutes' }, { text: 'Lee' }, { text: '2024-05-02' }],
    ],
    { x: 0.5, y: 0.5, w: 6 },
  );
  table.addShape(pres.ShapeType.rect, { x: 7, y: 0.5, w: 2, h: 1, fill: { color: 'C00000' } });

  const charts = pres.addSlide();
  const data = [{ name: 'Visits', labels: ['Q1', 'Q2', 'Q3', 'Q4'], values: [3, 5, 4, 6] }];
  charts.addChart(pres.ChartType.bar, data, { x: 0.5, y: 0.5, w: 4, h: 3 });
  charts.addChart(pres.ChartType.line, data, { x: 5, y: 0.5, w: 4, h: 3 });
  // `image/jpeg` data becomes a .jpeg part, `image/jpg` a .jpg part (content type image/jpg).
  charts.addImage({ data: `image/jpeg;base64,${TINY_JPEG}`, x: 0.5, y: 4, w: 1, h: 1 });
  charts.addImage({ data: `image/jpg;base64,${TINY_JPEG}`, x: 2, y: 4, w: 1, h: 1 });
}

/**
 * The reference deck: per group, a slide with a solid background, one with a
 * table plus a shape, one with a bar chart, a line chart and two JPEGs.
 * `groups` = 1 gives 3 slides; more groups give larger decks of the same kind.
 */
export async function buildDeck(groups = 1, extraSlides = 0): Promise<Uint8Array> {
  const pres: Pres = new (pptxgen as Pres)();
  pres.layout = 'LAYOUT_16x9';
  for (let i = 1; i <= groups; i++) addContentSlides(pres, i);
  for (let i = 0; i < extraSlides; i++) pres.addSlide().addText(`Extra ${i}`, { x: 1, y: 1, w: 4, h: 1 });
  const out: unknown = await pres.write({ outputType: 'nodebuffer' });
  if (!(out instanceof Uint8Array)) throw new Error('pptxgenjs did not return a Buffer');
  return new Uint8Array(out);
}

/** sha256 of the packaged reference deck. */
export async function packagedDigest(env: NodeJS.ProcessEnv = {}): Promise<string> {
  const result = packageDeck(await buildDeck(), { date: '2024-05-01', env });
  if (!result.value) throw new Error(JSON.stringify(result.diagnostics));
  return createHash('sha256').update(result.value).digest('hex');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = process.env.SOURCE_DATE_EPOCH ? { SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH } : {};
  process.stdout.write(`${await packagedDigest(env)}\n`);
}
