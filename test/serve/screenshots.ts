/**
 * Takes the README's screenshots of the preview and the presenter's speaker window, from the
 * shipped brief as it is, in Debian's chromium: `npx tsx test/serve/screenshots.ts` writes
 * docs/preview.png and docs/presenter.png. (A script, not a test: it writes into the repository.)
 */
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { REPO } from '../support/helpers.ts';
import { BRIEF_ID, startProject } from './project.ts';

const project = await startProject(true);
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 860 });
  await page.goto(new URL(`/brief/${BRIEF_ID}`, project.server.url).href, { waitUntil: 'load' });
  await page.waitForSelector('body[data-version]');
  // The shipped brief as it is: no warning panel, the slides as the deck has them.
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(REPO, 'docs/preview.png') });
  const speaker = await browser.newPage();
  await speaker.setViewport({ width: 1280, height: 860 });
  await speaker.goto(new URL(`/present/${BRIEF_ID}#speaker`, project.server.url).href, { waitUntil: 'load' });
  await speaker.waitForSelector('body[data-version]');
  for (let i = 0; i < 3; i++) await speaker.keyboard.press('ArrowRight');
  await new Promise((r) => setTimeout(r, 2100));
  await speaker.evaluate(() => document.fonts.ready);
  await speaker.screenshot({ path: join(REPO, 'docs/presenter.png') });
} finally {
  await browser.close();
  await project.close();
}
