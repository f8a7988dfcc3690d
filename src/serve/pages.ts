/**
 * The preview's HTML pages: shells that load the stylesheets and the client script, which reads
 * the brief's state.json and draws it. No inline script or style, so the CSP can forbid both.
 */
import { xmlText as esc } from '../svg/render.ts';
import type { BriefState } from './state.ts';

function shell(title: string, body: string, opts: { css: string; js: string; attrs?: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/fonts/fonts.css">
<link rel="stylesheet" href="/assets/${opts.css}">
<script src="/assets/${opts.js}" defer></script>
</head>
<body${opts.attrs ? ` ${opts.attrs}` : ''}>
${body}
</body>
</html>
`;
}

/** The list of briefs being served. */
export function indexPage(states: BriefState[]): string {
  const items = states
    .map((s) => `<li><a href="/brief/${encodeURIComponent(s.id)}">${esc(s.file)}</a> ${s.ok ? '' : '<span class="bad">(has errors)</span>'} · <a href="/present/${encodeURIComponent(s.id)}">present</a></li>`)
    .join('\n');
  return shell('briefdeck preview', `<main class="index"><h1>briefdeck preview</h1><ul>${items}</ul></main>`, { css: 'preview.css', js: 'preview.js' });
}

/** One brief: slides with notes, the diagnostics panel and the downloads; preview.js fills it. */
export function briefPage(s: BriefState): string {
  return shell(
    `${s.file} · briefdeck`,
    `<header class="bar"><span class="file">${esc(s.file)}</span><span class="status" id="status"></span><nav id="downloads"></nav><a href="/present/${encodeURIComponent(s.id)}" id="present">Present</a></header>
<section id="panel" class="panel" hidden></section>
<main id="slides" class="slides"></main>`,
    { css: 'preview.css', js: 'preview.js', attrs: `data-brief="${esc(s.id)}"` },
  );
}

/** The presenter: full-window slides; with #notes, the speaker's window. presenter.js runs both. */
export function presenterPage(s: BriefState): string {
  return shell(`${s.file} · present`, `<main id="stage" class="stage"></main><aside id="speaker" class="speaker" hidden></aside>`, {
    css: 'presenter.css',
    js: 'presenter.js',
    attrs: `data-brief="${esc(s.id)}"`,
  });
}
