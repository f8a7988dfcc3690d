/**
 * The preview server: a watcher (src/watch) rebuilds decks as their inputs change, and an HTTP
 * server on 127.0.0.1 shows them: a page per brief with every slide as SVG, its notes and its
 * diagnostics, the .pptx (and PDF, where LibreOffice is installed) to download, a presenter view,
 * and server-sent events that tell open pages to update in place.
 *
 * What it serves is fixed: its own pages and scripts (held in memory), the decks it built (bytes
 * in memory, never read back from out/) and the font files the @fontsource stylesheets name. A
 * request path is split into segments, each decoded once and refused if it is "." or "..", or
 * holds a slash, a backslash or a NUL; the segments are then looked up in those fixed tables, so
 * no request path is ever joined onto a folder. Requests whose Host is not this server's (DNS
 * rebinding) are refused, and every answer carries a Content-Security-Policy that allows nothing
 * but this origin (and data: images, which the slides embed).
 */
import { EventEmitter } from 'node:events';
import { writeFileSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertToPdf, findTools, type Tools } from '../convert/libreoffice.ts';
import { makeTempDir, removeTemp } from '../tempFiles.ts';
import type { Watcher } from '../watch/watcher.ts';
import { fontSet } from './fonts.ts';
import { indexPage, briefPage, presenterPage } from './pages.ts';
import { briefId, nextState, stateJson, type BriefState } from './state.ts';

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const ASSET_DIR = join(dirname(fileURLToPath(import.meta.url)), 'assets');
const ASSET_TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };
/** The client files, read once: name -> [type, bytes]. */
const ASSETS = ['preview.js', 'preview.css', 'presenter.js', 'presenter.css'];

export interface ServeOptions {
  /** A watcher that has not been started; the server starts and closes it. */
  watcher: Watcher;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  /** LibreOffice and poppler, for the PDF download; default found on PATH. */
  tools?: Tools;
}

type Events = { update: [BriefState] };

export class PreviewServer extends EventEmitter<Events> {
  readonly states = new Map<string, BriefState>();
  private readonly server: Server;
  private readonly clients = new Set<ServerResponse>();
  private readonly assets = new Map<string, { type: string; body: Buffer }>();
  private readonly tools: Tools;
  private readonly pdfs = new Map<string, { version: number; pdf: Promise<Buffer> }>();
  private work?: string;
  private port = 0;
  private keepAlive?: NodeJS.Timeout;
  private closing?: Promise<void>;

  constructor(private readonly opts: ServeOptions) {
    super();
    this.tools = opts.tools ?? findTools();
    for (const name of ASSETS) this.assets.set(name, { type: ASSET_TYPES[name.slice(name.lastIndexOf('.'))]!, body: readFileSync(join(ASSET_DIR, name)) });
    this.server = createServer((req, res) => this.handle(req, res));
    opts.watcher.on('build', ({ result }) => {
      const id = briefId(result.brief);
      const state = nextState(this.states.get(id), result.brief, result);
      this.states.set(id, state);
      this.emit('update', state);
      this.broadcast({ brief: id, version: state.version });
    });
  }

  /** The server's address, e.g. http://127.0.0.1:4173/. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  /** Builds every brief once, then listens. Rejects when the port is taken. */
  async start(): Promise<void> {
    await this.opts.watcher.start();
    if (this.closing) return;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.opts.port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    // A comment line now and then keeps idle event streams open through proxies and sleep.
    this.keepAlive = setInterval(() => this.clients.forEach((c) => c.write(': keep-alive\n\n')), 15_000);
    this.keepAlive.unref();
  }

  /** Stops watching and serving; open event streams are ended. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.keepAlive);
      for (const c of this.clients) c.end();
      this.clients.clear();
      await new Promise<void>((r) => {
        this.server.close(() => r());
        this.server.closeAllConnections();
      });
      await this.opts.watcher.close();
      if (this.work) removeTemp(this.work);
    })();
    return this.closing;
  }

  private broadcast(msg: unknown): void {
    const line = `event: build\ndata: ${JSON.stringify(msg)}\n\n`;
    for (const c of this.clients) c.write(line);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return this.send(res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    const host = (req.headers.host ?? '').toLowerCase();
    if (host !== `127.0.0.1:${this.port}` && host !== `localhost:${this.port}`) return this.send(res, 421, 'text/plain; charset=utf-8', 'this server answers only for its own address\n');
    const segments = requestSegments(req.url ?? '');
    if (!segments) return this.notFound(res);
    this.route(segments, req, res).catch(() => this.send(res, 500, 'text/plain; charset=utf-8', 'internal error\n'));
  }

  private async route(seg: string[], req: IncomingMessage, res: ServerResponse): Promise<void> {
    const [a, b, c, ...rest] = seg;
    if (rest.length) return this.notFound(res);
    if (a === undefined) return this.send(res, 200, HTML, indexPage([...this.states.values()]));
    // Browsers ask for it unprompted; there is none, and saying so quietly keeps consoles clean.
    if (a === 'favicon.ico' && b === undefined) return this.send(res, 204, 'image/x-icon', '');
    if (a === 'events' && b === undefined) return this.events(req, res);
    if (a === 'assets' && b !== undefined && c === undefined) {
      const asset = this.assets.get(b);
      return asset ? this.send(res, 200, asset.type, asset.body) : this.notFound(res);
    }
    if (a === 'fonts' && b === 'fonts.css' && c === undefined) return this.send(res, 200, 'text/css; charset=utf-8', fontSet().css, 'public, max-age=86400');
    if (a === 'fonts' && b !== undefined && c !== undefined) {
      const file = fontSet().files.get(`/fonts/${b}/${c}`);
      if (!file) return this.notFound(res);
      return this.send(res, 200, c.endsWith('.woff2') ? 'font/woff2' : 'font/woff', readFileSync(file), 'public, max-age=86400');
    }
    const state = b === undefined ? undefined : this.states.get(b);
    if (!state) return this.notFound(res);
    if (a === 'present' && c === undefined) return this.send(res, 200, HTML, presenterPage(state));
    if (a !== 'brief') return this.notFound(res);
    if (c === undefined) return this.send(res, 200, HTML, briefPage(state));
    if (c === 'state.json') return this.send(res, 200, 'application/json; charset=utf-8', JSON.stringify(stateJson(state, this.links(state))));
    if (c === `${state.id}.pptx` && state.good) {
      res.setHeader('Content-Disposition', `attachment; filename="${asciiName(state.id)}.pptx"`);
      return this.send(res, 200, 'application/vnd.openxmlformats-officedocument.presentationml.presentation', Buffer.from(state.good.pptx));
    }
    if (c === `${state.id}.pdf` && state.good && this.tools.soffice) {
      const pdf = await this.pdf(state);
      res.setHeader('Content-Disposition', `attachment; filename="${asciiName(state.id)}.pdf"`);
      return this.send(res, 200, 'application/pdf', pdf);
    }
    return this.notFound(res);
  }

  private links(state: BriefState): { pptx: string; pdf?: string } {
    const base = `/brief/${encodeURIComponent(state.id)}/${encodeURIComponent(state.id)}`;
    return this.tools.soffice ? { pptx: `${base}.pptx`, pdf: `${base}.pdf` } : { pptx: `${base}.pptx` };
  }

  /** The deck as PDF through LibreOffice, converted once per build. */
  private pdf(state: BriefState): Promise<Buffer> {
    const cached = this.pdfs.get(state.id);
    if (cached && cached.version === state.version) return cached.pdf;
    const pptx = state.good!.pptx;
    const pdf = (async () => {
      this.work ??= makeTempDir(tmpdir(), 'serve');
      const dir = makeTempDir(this.work, 'pdf');
      try {
        const file = join(dir, `${state.id}.pptx`);
        writeFileSync(file, pptx);
        return readFileSync(await convertToPdf(file, dir, this.tools));
      } finally {
        removeTemp(dir);
      }
    })();
    this.pdfs.set(state.id, { version: state.version, pdf });
    pdf.catch(() => this.pdfs.delete(state.id));
    return pdf;
  }

  private events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write(`retry: 1000\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  private notFound(res: ServerResponse): void {
    this.send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  }

  private send(res: ServerResponse, status: number, type: string, body: string | Buffer, cache = 'no-store'): void {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': bytes.length, 'Cache-Control': cache });
    res.end(res.req.method === 'HEAD' ? undefined : bytes);
  }
}

const HTML = 'text/html; charset=utf-8';

/** A name safe inside a Content-Disposition header. */
function asciiName(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * The path of a request URL as decoded segments, or undefined when any segment could reach
 * outside the fixed tables: "." and ".." (also as %2e), slashes and backslashes however
 * encoded, NUL, or an encoding that does not decode.
 */
export function requestSegments(url: string): string[] | undefined {
  if (!url.startsWith('/')) return undefined;
  const path = url.split(/[?#]/, 1)[0]!;
  const raw = path.split('/').slice(1);
  if (raw.at(-1) === '') raw.pop();
  const out: string[] = [];
  for (const r of raw) {
    let s: string;
    try {
      s = decodeURIComponent(r);
    } catch {
      return undefined;
    }
    if (s === '' || s === '.' || s === '..' || /[/\\\0]/.test(s)) return undefined;
    out.push(s);
  }
  return out;
}
