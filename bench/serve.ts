/**
 * Preview latency: from saving a brief to the preview page showing the new deck, in Debian's
 * chromium. `npx tsx bench/serve.ts`, or through `npm run bench` (bench/index.ts runs this file).
 *
 * A temp project holds the shipped brief; the preview server (src/serve) runs in this process
 * and a page is open on the brief. The brief's title is edited several times; each edit is
 * timed from just before the write to the moment the page finished redrawing (the page stamps
 * body[data-drawn-at] with Date.now(), the same clock). That spans the watcher's 50 ms quiet
 * period, the build, the SVG, the server-sent event, the state fetch and the redraw.
 * Budget: 200 ms (the preview issue's target), for the median.
 */
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { BRIEF_ID, startProject } from '../test/serve/project.ts';
import { budgetLine, median } from './budget.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const EDITS = 8;

console.log('Preview: save to updated page (bench/serve.ts, chromium)');
if (!existsSync(CHROMIUM)) {
  console.log(`  skipped: chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  process.exit(0);
}
const project = await startProject();
const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(new URL(`/brief/${BRIEF_ID}`, project.server.url).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-version]');
  const samples: number[] = [];
  const served: number[] = [];
  const browserMs: number[] = [];
  let updatedAt = 0;
  project.server.on('update', () => (updatedAt = Date.now()));
  for (let i = 0; i < EDITS; i++) {
    const v = await page.$eval('body', (b) => Number(b.dataset.version));
    const t0 = Date.now();
    project.edit((t) => t.replace(/^(\s*)title: (.*)$/m, `$1title: Kim Jong Un's Train Trip to Russia (edit ${i + 1})`));
    await page.waitForFunction((x) => Number(document.body.dataset.version) > x, { timeout: 30_000 }, v);
    const drawn = await page.$eval('body', (b) => Number(b.dataset.drawnAt));
    samples.push(drawn - t0);
    served.push(updatedAt - t0);
    browserMs.push(drawn - updatedAt);
  }
  console.log(`  save to page, ${EDITS} edits, ms: ${samples.join(' ')}`);
  console.log(`  of which save to state ready (quiet period, build, SVG), median ${median(served)} ms; event, fetch and redraw in the page, median ${median(browserMs)} ms`);
  console.log(budgetLine('save to updated page, median', median(samples), 200, 'includes the 50 ms quiet period'));
  console.log(budgetLine('save to updated page, slowest', Math.max(...samples), 400));
} finally {
  await browser.close();
  await project.close();
}
