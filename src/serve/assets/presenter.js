// briefdeck presenter: full-window slides driven from the keyboard (arrows, Page Up/Down,
// space, Home/End, a slide number then Enter, "b" for a black screen, "s" to open the speaker
// window). The speaker window (#speaker) shows the current and next slide, the notes and the time
// since the talk started; the windows keep in step over a BroadcastChannel.
'use strict';
(() => {
  const brief = document.body.dataset.brief;
  const speaker = location.hash === '#speaker';
  const stage = document.getElementById('stage');
  const side = document.getElementById('speaker');
  const channel = new BroadcastChannel(`briefdeck-present-${brief}`);
  let slides = [];
  let version = 0;
  // `at`: when this position was chosen (0: never moved). Windows keep the latest position, so a
  // window that has just opened (at 0), or a late answer from before a key was pressed, never
  // moves the talk back.
  const state = { index: 0, black: false, startedAt: Date.now(), at: 0 };
  let typed = '';

  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function draw() {
    state.index = Math.max(0, Math.min(state.index, slides.length - 1));
    const cur = slides[state.index];
    document.body.dataset.index = String(state.index + 1);
    document.body.dataset.black = String(state.black);
    document.body.dataset.version = String(version);
    document.title = `${state.index + 1}/${slides.length} · present`;
    if (!speaker) {
      stage.classList.toggle('black', state.black);
      if (cur && stage.dataset.svg !== cur.svg) {
        stage.innerHTML = cur.svg;
        stage.dataset.svg = cur.svg;
      }
      return;
    }
    document.body.classList.add('speaking');
    side.hidden = false;
    side.replaceChildren();
    const now = el('div', 'now');
    now.append(el('div', 'label', `Slide ${state.index + 1} of ${slides.length}${state.black ? ' · screen black' : ''}`));
    const curArt = el('div', 'art');
    if (cur) curArt.innerHTML = cur.svg;
    now.append(curArt);
    const next = el('div', 'next');
    const nx = slides[state.index + 1];
    next.append(el('div', 'label', nx ? `Next: slide ${state.index + 2}` : 'End of deck'));
    const nextArt = el('div', 'art');
    if (nx) nextArt.innerHTML = nx.svg;
    next.append(nextArt);
    const clock = el('div', 'clock');
    clock.id = 'clock';
    const notes = el('div', 'notes', cur ? cur.notes : '');
    notes.id = 'notes';
    side.append(now, next, clock, notes);
    tick();
  }

  function tick() {
    const clock = document.getElementById('clock');
    if (!clock) return;
    const s = Math.max(0, Math.floor((Date.now() - state.startedAt) / 1000));
    const hh = Math.floor(s / 3600), mm = Math.floor((s % 3600) / 60), ss = s % 60;
    clock.textContent = `${hh ? `${hh}:` : ''}${String(mm).padStart(2, '0')}:${String(ss).padStart(2, '0')}`;
  }
  setInterval(tick, 1000);

  function go(index, black = false) {
    state.index = index;
    state.black = black;
    state.at = Date.now();
    draw();
    channel.postMessage({ ...state });
  }

  // A window that opens later asks where the talk is, until some window answers.
  let asking = null;
  channel.onmessage = (e) => {
    const m = e.data;
    if (m && m.type === 'hello') return channel.postMessage({ ...state });
    if (!m || typeof m.index !== 'number') return;
    clearTimeout(asking);
    if (!(m.at > state.at)) return;
    state.index = m.index;
    state.black = Boolean(m.black);
    state.startedAt = m.startedAt;
    state.at = m.at;
    draw();
  };

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const k = e.key;
    if (/^[0-9]$/.test(k)) {
      typed += k;
      return;
    }
    if (k === 'Enter' && typed) {
      const n = Number(typed);
      typed = '';
      if (n >= 1 && n <= slides.length) go(n - 1);
      return;
    }
    typed = '';
    if (k === 'ArrowRight' || k === 'ArrowDown' || k === 'PageDown' || k === ' ') go(state.index + 1);
    else if (k === 'ArrowLeft' || k === 'ArrowUp' || k === 'PageUp') go(state.index - 1);
    else if (k === 'Home') go(0);
    else if (k === 'End') go(slides.length - 1);
    else if (k === 'b' || k === 'B' || k === '.') go(state.index, !state.black);
    else if (k === 's' || k === 'S') window.open(`${location.pathname}#speaker`, `briefdeck-speaker-${brief}`);
    else return;
    e.preventDefault();
  });

  async function load() {
    const res = await fetch(`/brief/${encodeURIComponent(brief)}/state.json`, { cache: 'no-store' });
    if (!res.ok) return;
    const s = await res.json();
    // A failed build keeps the last good slides: the talk goes on.
    if (s.slides.length) slides = s.slides;
    version = s.version;
    draw();
  }

  const events = new EventSource('/events');
  events.addEventListener('build', (e) => {
    const msg = JSON.parse(e.data);
    if (msg.brief === brief && msg.version !== version) load();
  });
  // Asks until a window answers: four times a second at first, then every two seconds, so a
  // window opened beside a busy (or not yet opened) stage still joins the talk when it answers.
  load().then(() => {
    let tries = 0;
    const ask = () => {
      channel.postMessage({ type: 'hello' });
      asking = setTimeout(ask, ++tries < 20 ? 250 : 2000);
    };
    ask();
  });
})();
