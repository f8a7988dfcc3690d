/**
 * The preview in a real browser: Debian's chromium driven by puppeteer-core (which never
 * downloads a browser; CHROMIUM_PATH overrides /usr/bin/chromium). Without chromium the tests
 * are skipped, except under CI, where .ci/run installs it and its absence fails.
 *
 * The page shows one SVG per slide with the text the server rendered, in the served fonts; a
 * save updates the page in place (no reload: a value set on window survives, the scroll stays);
 * a broken brief shows its file:line:col error over the last good slides; a warning highlights
 * the element it is about; the presenter view follows the keys and its speaker window follows it.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isCI } from '../support/toolGate.ts';
import { parseSlideSvg } from '../svg/parse.ts';

/**
 * Polling by timer, not by animation frame (puppeteer's default): a window behind another, as the
 * stage is while the speaker window is in front, gets no animation frames, so a frame-polled wait
 * whose condition is not already true when it starts never ends.
 */
const POLL = 100;
import { BRIEF_ID, startProject, type Project } from './project.ts';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 120_000 });

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const have = existsSync(CHROMIUM);
if (!have && isCI()) throw new Error(`chromium not found at ${CHROMIUM}; .ci/run installs it (apt-get install chromium)`);
if (!have) console.warn(`browser tests skipped: chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

let project: Project;
let browser: Browser;
beforeAll(async () => {
  if (!have) return;
  project = await startProject();
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});
afterAll(async () => {
  await browser?.close();
  await project?.close();
});

const url = (path: string) => new URL(path, project.server.url).href;
const version = (page: Page) => page.$eval('body', (b) => Number(b.dataset.version ?? 0));
async function open(path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1200, height: 900 });
  await page.goto(url(path), { waitUntil: 'load' });
  await page.waitForSelector('body[data-version]');
  return page;
}
async function nextVersion(page: Page, after: number): Promise<void> {
  await page.waitForFunction((v) => Number(document.body.dataset.version ?? 0) > v, { timeout: 60_000, polling: POLL }, after);
}

describe.skipIf(!have)('preview page in chromium', () => {
  let page: Page;
  beforeAll(async () => {
    page = await open(`/brief/${BRIEF_ID}`);
  });

  it('shows one SVG per slide, with the text the server set, in the served fonts', async () => {
    const state = project.server.states.get(BRIEF_ID)!;
    expect(state.good!.slides.length).toBeGreaterThan(1);
    expect(await page.$$eval('#slides .card svg.slide', (s) => s.length)).toBe(state.good!.slides.length);
    const shown = await page.$$eval('#slides .card svg.slide', (svgs) => svgs.map((s) => [...s.querySelectorAll('text.ln')].map((t) => t.textContent)));
    expect(shown).toEqual(state.good!.slides.map((s) => parseSlideSvg(s.svg).lines.filter((l) => l.p !== undefined).map((l) => l.text)));
    const notes = await page.$$eval('#slides .card .notes', (n) => n.map((x) => x.textContent));
    expect(notes).toEqual(state.good!.slides.map((s) => s.notes.trim()));
    await page.evaluate(() => document.fonts.ready);
    expect(await page.evaluate(() => document.fonts.check('20px Arimo') && [...document.fonts].some((f) => f.family.replace(/'|"/g, '') === 'Arimo' && f.status === 'loaded'))).toBe(true);
    expect(await page.$$eval('#downloads a', (a) => a.map((x) => x.getAttribute('href')))).toContain(`/brief/${BRIEF_ID}/${BRIEF_ID}.pptx`);
  });

  it('updates in place on save: no reload, scroll kept', async () => {
    await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
      document.getElementById('slide-8')!.scrollIntoView();
    });
    const y = await page.evaluate(() => window.scrollY);
    expect(y).toBeGreaterThan(1000);
    const v = await version(page);
    project.edit((t) => t.replace(/^(\s*)title: (.*)$/m, '$1title: Kim Jong Un Travels East'));
    await nextVersion(page, v);
    expect(await page.$eval('#slide-1 svg', (s) => s.textContent)).toContain('Kim Jong Un Travels East');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    expect(await page.evaluate(() => window.scrollY)).toBe(y);
  });

  it('a broken brief shows its file:line:col error over the last good slides', async () => {
    const v = await version(page);
    project.edit((t) => `${t}\nbroken: [unclosed\n`);
    await nextVersion(page, v);
    expect(await page.$eval('#panel', (p) => !(p as HTMLElement).hidden && p.classList.contains('failed'))).toBe(true);
    const text = await page.$eval('#panel', (p) => p.textContent ?? '');
    expect(text).toMatch(new RegExp(`${BRIEF_ID}\\.yaml:\\d+:\\d+: error\\[E_YAML`));
    expect(text).toContain('these are the last good slides');
    expect(await page.$$eval('#slides .card svg.slide', (s) => s.length)).toBe(project.server.states.get(BRIEF_ID)!.good!.slides.length);
    await page.screenshot({ path: '/tmp/briefdeck-preview-broken.png' });
    // Fixed again: the panel goes.
    const v2 = await version(page);
    project.edit((t) => t.replace(/\nbroken: \[unclosed\n$/, '\n'));
    await nextVersion(page, v2);
    expect(await page.$eval('#panel', (p) => (p as HTMLElement).hidden)).toBe(true);
  });

  it('a warning highlights the slide and the element it is about', async () => {
    const v = await version(page);
    const long = Array.from({ length: 14 }, (_, i) => `Kim Jong Un Travels East part ${i + 1}`).join(' ');
    project.edit((t) => t.replace(/^(\s*)title: (.*)$/m, `$1title: ${long}`));
    await nextVersion(page, v);
    const panel = await page.$eval('#panel', (p) => p.textContent ?? '');
    expect(panel).toMatch(/kim-putin-2023\.yaml:\d+:\d+: warning\[W_TITLE_TOO_LONG\]: meta\.title/);
    const hl = await page.$$eval('rect.hl.warning', (r) => r.map((x) => (x.closest('section') as HTMLElement).dataset.slide));
    expect(hl).toContain('1');
    expect(await page.$eval('#slide-1', (c) => c.classList.contains('flagged'))).toBe(true);
    await page.screenshot({ path: '/tmp/briefdeck-preview-warning.png' });
  });
});

describe.skipIf(!have)('presenter view in chromium', () => {
  it('follows the keys, and the speaker window keeps in step', async () => {
    const stage = await open(`/present/${BRIEF_ID}`);
    const at = () => stage.$eval('body', (b) => [Number(b.dataset.index), b.dataset.black]);
    expect(await at()).toEqual([1, 'false']);
    await stage.keyboard.press('ArrowRight');
    expect(await at()).toEqual([2, 'false']);
    await stage.keyboard.press('End');
    expect(await at()).toEqual([project.server.states.get(BRIEF_ID)!.good!.slides.length, 'false']);
    await stage.keyboard.press('Home');
    expect(await at()).toEqual([1, 'false']);
    await stage.keyboard.type('12');
    await stage.keyboard.press('Enter');
    expect(await at()).toEqual([12, 'false']);
    await stage.keyboard.press('ArrowLeft');
    expect(await at()).toEqual([11, 'false']);
    await stage.keyboard.press('b');
    expect(await at()).toEqual([11, 'true']);
    expect(await stage.$eval('#stage svg', (s) => getComputedStyle(s).visibility)).toBe('hidden');
    await stage.keyboard.press('b');
    expect(await stage.$eval('#stage svg', (s) => s.dataset.slide)).toBe('11');

    const speaker = await open(`/present/${BRIEF_ID}#speaker`);
    await speaker.waitForFunction(() => document.body.dataset.index === '11', { polling: POLL });
    await stage.bringToFront();
    await stage.keyboard.press('ArrowRight');
    await speaker.waitForFunction(() => document.body.dataset.index === '12', { polling: POLL });
    const notes = project.server.states.get(BRIEF_ID)!.good!.slides[11]!.notes;
    expect(await speaker.$eval('#notes', (n) => n.textContent)).toBe(notes);
    expect(await speaker.$$eval('.now svg', (s) => s.map((x) => x.dataset.slide))).toEqual(['12']);
    expect(await speaker.$$eval('.next svg', (s) => s.map((x) => x.dataset.slide))).toEqual(['13']);
    expect(await speaker.$eval('#clock', (c) => c.textContent)).toMatch(/^\d{2}:\d{2}$/);
    // Keys in the speaker window drive the audience's.
    await speaker.bringToFront();
    await speaker.keyboard.press('ArrowRight');
    await stage.waitForFunction(() => document.body.dataset.index === '13', { polling: POLL });
    await speaker.screenshot({ path: '/tmp/briefdeck-speaker.png' });
  });
});
