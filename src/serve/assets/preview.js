// briefdeck preview page: draws the brief's state.json (slides as SVG, notes, diagnostics) and
// updates it in place when the server says the brief was rebuilt (server-sent events), so the
// page keeps its scroll position and nothing reloads.
'use strict';
(() => {
  const brief = document.body.dataset.brief;
  if (!brief) return;
  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const SVG_NS = 'http://www.w3.org/2000/svg';
  let version = 0;
  let loading = null;
  let again = false;

  function card(number) {
    let c = $(`slide-${number}`);
    if (c) return c;
    c = el('section', 'card');
    c.id = `slide-${number}`;
    c.dataset.slide = String(number);
    const label = el('div', 'label', `Slide ${number}`);
    const art = el('div', 'art');
    const notes = el('div', 'notes');
    c.append(label, art, notes);
    return c;
  }

  function drawSlides(slides) {
    const main = $('slides');
    slides.forEach((s, i) => {
      const c = card(s.number);
      if (main.children[i] !== c) main.insertBefore(c, main.children[i] || null);
      const art = c.querySelector('.art');
      if (art.dataset.svg !== s.svg) {
        art.innerHTML = s.svg;
        art.dataset.svg = s.svg;
      }
      const notes = c.querySelector('.notes');
      const text = s.notes.trim();
      notes.textContent = text;
      notes.hidden = text === '';
    });
    while (main.children.length > slides.length) main.lastElementChild.remove();
  }

  function highlight(diagnostics) {
    document.querySelectorAll('.hl').forEach((h) => h.remove());
    document.querySelectorAll('.card.flagged').forEach((c) => c.classList.remove('flagged', 'error', 'warning'));
    for (const d of diagnostics) {
      for (const p of d.places) {
        const c = $(`slide-${p.slide}`);
        const g = c && c.querySelector(`svg [data-el="${p.el}"]`);
        if (!g) continue;
        const [x, y, w, h] = g.dataset.frame.split(' ').map(Number);
        const r = document.createElementNS(SVG_NS, 'rect');
        r.setAttribute('class', `hl ${d.severity}`);
        r.setAttribute('x', String(x * 72 - 3));
        r.setAttribute('y', String(y * 72 - 3));
        r.setAttribute('width', String(w * 72 + 6));
        r.setAttribute('height', String(h * 72 + 6));
        g.closest('svg').append(r);
        c.classList.add('flagged', d.severity);
      }
    }
  }

  function drawPanel(state) {
    const panel = $('panel');
    panel.replaceChildren();
    panel.hidden = state.diagnostics.length === 0;
    panel.classList.toggle('failed', !state.ok);
    if (!state.diagnostics.length) return;
    const errors = state.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = state.diagnostics.length - errors;
    const head = [errors && `${errors} error${errors > 1 ? 's' : ''}`, warnings && `${warnings} warning${warnings > 1 ? 's' : ''}`].filter(Boolean).join(', ');
    panel.append(el('h2', '', state.ok ? head : `${head}: the deck was not rebuilt; these are the last good slides`));
    const list = el('ul');
    for (const d of state.diagnostics) {
      const li = el('li', `diag ${d.severity}`);
      const [first, ...hint] = d.text.split('\n');
      li.append(el('code', 'where', first));
      for (const h of hint) li.append(el('div', 'hint', h.trim()));
      for (const p of d.places) {
        const a = el('a', 'goto', `slide ${p.slide}`);
        a.href = `#slide-${p.slide}`;
        li.append(' ', a);
      }
      list.append(li);
    }
    panel.append(list);
  }

  function drawBar(state) {
    const t = state.builtAt ? new Date(state.builtAt).toLocaleTimeString() : '';
    $('status').textContent = state.ok ? `${state.slides.length} slides · built ${t}` : `build failed · last good deck from ${t || 'never'}`;
    const nav = $('downloads');
    nav.replaceChildren();
    for (const [kind, href] of Object.entries(state.downloads)) {
      const a = el('a', 'download', `Download .${kind}`);
      a.href = href;
      a.setAttribute('download', '');
      nav.append(a);
    }
  }

  async function load() {
    if (loading) {
      again = true;
      return loading;
    }
    loading = (async () => {
      const res = await fetch(`/brief/${encodeURIComponent(brief)}/state.json`, { cache: 'no-store' });
      if (!res.ok) return;
      const state = await res.json();
      const y = window.scrollY;
      drawSlides(state.slides);
      drawPanel(state);
      drawBar(state);
      highlight(state.diagnostics);
      window.scrollTo(window.scrollX, y);
      version = state.version;
      document.body.dataset.version = String(version);
      document.body.dataset.ok = String(state.ok);
      // When the page finished drawing this state (the bench times save-to-page with it).
      document.body.dataset.drawnAt = String(Date.now());
    })();
    try {
      await loading;
    } finally {
      loading = null;
      if (again) {
        again = false;
        load();
      }
    }
  }

  const events = new EventSource('/events');
  events.addEventListener('build', (e) => {
    const msg = JSON.parse(e.data);
    if (msg.brief === brief && msg.version !== version) load();
  });
  // After the server restarts, the stream reconnects: read the state again.
  events.addEventListener('open', () => version && load());
  load();
})();
