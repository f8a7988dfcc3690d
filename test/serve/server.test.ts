/**
 * The preview server over HTTP: its pages, the deck's state and downloads, live updates as server-
 * sent events, and what it refuses: paths that try to leave its tables (.., encoded dots and
 * slashes, backslashes, NUL), a symlink put where a deck was written, other Host names, methods
 * other than GET and HEAD.
 */
import { readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CSP, requestSegments } from '../../src/serve/server.ts';
import { pptxSlideCount } from '../support/helpers.ts';
import { BRIEF_ID, portOf, raw, startProject, type Project } from './project.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

let p: Project;
let port: number;
beforeAll(async () => {
  p = await startProject();
  port = portOf(p.server);
});
afterAll(() => p.close());

const state = async () => JSON.parse((await raw(port, `/brief/${BRIEF_ID}/state.json`)).body.toString('utf8'));

/** Resolves with the next build event's data for the brief. */
function nextEvent(): Promise<{ brief: string; version: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/events', headers: { host: `127.0.0.1:${port}` } }, (res) => {
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        buf += c;
        const m = /event: build\ndata: (.*)\n\n/.exec(buf);
        if (m) {
          req.destroy();
          resolve(JSON.parse(m[1]!));
        }
      });
    });
    req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
    req.end();
  });
}

describe('pages and the deck', () => {
  it('binds to 127.0.0.1 and prints that address', () => {
    expect(p.server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the brief page with a restrictive CSP and no inline script', async () => {
    const r = await raw(port, `/brief/${BRIEF_ID}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toBe(CSP);
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toContain('unsafe');
    const html = r.body.toString('utf8');
    expect(html).toContain(`data-brief="${BRIEF_ID}"`);
    expect(html).not.toMatch(/<script>|<style>| on\w+=/);
  });

  it('gives the state: each slide of the deck as SVG with its notes, and the downloads', async () => {
    const s = await state();
    expect(s.ok).toBe(true);
    const pptx = await raw(port, `/brief/${BRIEF_ID}/${BRIEF_ID}.pptx`);
    expect(pptx.status).toBe(200);
    expect(pptxSlideCount(pptx.body)).toBeGreaterThan(1);
    expect(s.slides).toHaveLength(pptxSlideCount(pptx.body));
    expect(s.slides[0].svg).toMatch(/^<svg [^>]*data-slide="1"/);
    expect(s.slides.every((x: { notes: string }) => x.notes.trim() !== '')).toBe(true);
    expect(s.downloads.pptx).toBe(`/brief/${BRIEF_ID}/${BRIEF_ID}.pptx`);
  });

  it('serves the built .pptx from memory, not from out/: a symlink put in its place is not followed', async () => {
    const secret = join(p.dir, 'secret.txt');
    writeFileSync(secret, 'not for the browser');
    const deck = join(p.dir, 'out', `${BRIEF_ID}.pptx`);
    const built = readFileSync(deck);
    rmSync(deck);
    symlinkSync(secret, deck);
    const r = await raw(port, `/brief/${BRIEF_ID}/${BRIEF_ID}.pptx`);
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toBe(`attachment; filename="${BRIEF_ID}.pptx"`);
    expect(r.body.equals(built)).toBe(true);
    expect(r.body.toString('latin1')).not.toContain('not for the browser');
  });

  it('serves the font stylesheet and only the font files it names', async () => {
    const css = (await raw(port, '/fonts/fonts.css')).body.toString('utf8');
    const url = /url\((\/fonts\/arimo\/arimo-latin-400-normal\.woff2)\)/.exec(css)?.[1];
    expect(url).toBeDefined();
    const font = await raw(port, url!);
    expect(font.status).toBe(200);
    expect(font.headers['content-type']).toBe('font/woff2');
    expect(font.body.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect((await raw(port, '/fonts/arimo/package.json')).status).toBe(404);
    expect((await raw(port, '/fonts/arimo/LICENSE')).status).toBe(404);
  });
});

describe('what it refuses', () => {
  const attempts = [
    '/../package.json',
    '/assets/../server.ts',
    '/assets/..%2fserver.ts',
    '/assets/%2e%2e/server.ts',
    '/assets/%2E%2E%2F%2E%2E%2Fpackage.json',
    '/fonts/arimo/../../../../package.json',
    '/fonts/%2e%2e/%2e%2e/package.json',
    '/fonts/arimo%2f..%2f..%2fpackage.json',
    '/fonts/arimo/..%5c..%5cpackage.json',
    '/fonts/arimo/%2e%2e%5cpackage.json',
    '/fonts/arimo/arimo-latin-400-normal.woff2%00.json',
    '/fonts/arimo/%252e%252e%252fpackage.json',
    '/brief/..%2f..%2fpackage.json/state.json',
    `/brief/${BRIEF_ID}/..%2f..%2fpackage.json`,
    `/brief/${BRIEF_ID}/../../package.json`,
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/assets/%ZZ',
    '/brief/package',
    '/out/kim-putin-2023.pptx',
    `/briefs/${BRIEF_ID}.yaml`,
  ];
  it.each(attempts)('%s is not found, and no file is read', async (path) => {
    const r = await raw(port, path);
    expect([400, 404]).toContain(r.status);
    const body = r.body.toString('utf8');
    expect(body).not.toContain('"name": "briefdeck"');
    expect(body).not.toContain('root:');
    expect(body).not.toContain('PreviewServer');
  });

  it('splits paths into decoded segments and refuses any that could leave the tables', () => {
    expect(requestSegments('/fonts/arimo/a.woff2?x=1')).toEqual(['fonts', 'arimo', 'a.woff2']);
    expect(requestSegments('/brief/caf%C3%A9/')).toEqual(['brief', 'café']);
    for (const bad of ['/a/../b', '/a/%2e%2E/b', '/a%2fb', '/a%5cb', '/a/%00', '/a//b', '/%E0%A4%A', 'relative']) expect(requestSegments(bad), bad).toBeUndefined();
  });

  it('answers only for its own host name (no DNS rebinding)', async () => {
    expect((await raw(port, `/brief/${BRIEF_ID}`, { host: `evil.example:${port}` })).status).toBe(421);
    expect((await raw(port, `/brief/${BRIEF_ID}`, { host: `localhost:${port}` })).status).toBe(200);
  });

  it('allows GET and HEAD only', async () => {
    const r = await raw(port, `/brief/${BRIEF_ID}`, { method: 'POST' });
    expect(r.status).toBe(405);
    expect(r.headers.allow).toBe('GET, HEAD');
    const h = await raw(port, `/brief/${BRIEF_ID}`, { method: 'HEAD' });
    expect(h.status).toBe(200);
    expect(h.body.length).toBe(0);
  });
});

describe('live updates', () => {
  it('sends an event when the brief is saved, and the state has the new text', async () => {
    const before = await state();
    const event = nextEvent();
    p.edit((y) => y.replace(/^(\s*)title: (.*)$/m, '$1title: Edited Title For The Preview'));
    const e = await event;
    expect(e).toEqual({ brief: BRIEF_ID, version: before.version + 1 });
    const after = await state();
    expect(after.ok).toBe(true);
    expect(after.slides[0].svg).toContain('Edited Title For The Preview');
  });

  it('a broken brief shows its file:line:col error over the last good slides', async () => {
    const good = await state();
    const event = nextEvent();
    p.edit((y) => `${y}\nbroken: [unclosed\n`);
    await event;
    const s = await state();
    expect(s.ok).toBe(false);
    expect(s.slides.map((x: { svg: string }) => x.svg)).toEqual(good.slides.map((x: { svg: string }) => x.svg));
    const err = s.diagnostics.find((d: { severity: string }) => d.severity === 'error');
    expect(err.text).toMatch(new RegExp(`${BRIEF_ID}\\.yaml:\\d+:\\d+: error\\[E_YAML`));
    expect(s.downloads.pptx).toBeDefined();
  });
});
