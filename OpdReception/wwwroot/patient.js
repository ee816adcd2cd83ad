// The patient's token page, kept live without a circuit: a server-sent event stream, or a fetch of the state every
// few seconds where streams are blocked; it catches up by itself after the phone sleeps or the network returns.
(() => {
  const root = document.documentElement;
  const base = location.pathname.replace(/\/+$/, '');
  const poll = (+root.dataset.poll || 15) * 1000;
  const beat = (+root.dataset.beat || 25) * 1000;
  const conn = document.querySelector('[data-testid=connection]');
  let stream = null;
  let heard = Date.now();
  // A form on its way brings the new page itself: a reload now would cancel it and lose its answer.
  let posting = false;

  const connected = on => {
    root.dataset.live = on ? 'on' : 'off';
    const words = on ? conn.dataset.live : conn.dataset.off;
    if (conn.textContent === words) return;
    conn.textContent = words;
    conn.className = on ? '' : 'off';
  };

  const apply = s => {
    heard = Date.now();
    // New forms (the visit completed, messages stopped elsewhere) come with the page itself.
    if (s.shape !== root.dataset.shape) return posting || location.reload();
    document.title = s.f.title;
    document.querySelectorAll('[data-f]').forEach(e => { const v = s.f[e.dataset.f]; if (v != null && e.textContent !== v) e.textContent = v; });
    document.querySelectorAll('[data-w]').forEach(e => { e.hidden = s.f[e.dataset.w] == null; });
    const box = document.querySelector('[data-state]');
    box.dataset.state = s.state;
    box.className = 'state state-' + s.state;
    connected(true);
  };

  const fetchState = async () => {
    try {
      const r = await fetch(base + '/state', { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (r.status === 404) return location.reload();
      if (!r.ok) throw new Error(r.status);
      apply(await r.json());
    } catch {
      connected(false);
    }
  };

  const listen = () => {
    if (stream) stream.close();
    stream = null;
    if (!window.EventSource) return;
    const s = stream = new EventSource(base + '/events');
    s.onmessage = e => apply(JSON.parse(e.data));
    s.addEventListener('beat', () => { heard = Date.now(); connected(true); });
    s.addEventListener('gone', () => { s.close(); location.reload(); });
    // A dropped stream reconnects by itself; one the server refused (too many open) is closed, and the poll takes over.
    s.onerror = () => connected(false);
  };

  const live = () => stream && stream.readyState === EventSource.OPEN && Date.now() - heard < beat * 2.5;

  const catchUp = () => {
    if (live()) return;
    fetchState();
    if (!stream || stream.readyState !== EventSource.CONNECTING) listen();
  };

  setInterval(() => { if (!live()) fetchState(); }, poll);
  // A stream silent for too long (a phone woken from sleep keeps a dead socket) is opened again.
  setInterval(() => { if (stream && stream.readyState === EventSource.OPEN && !live()) catchUp(); }, beat);
  document.addEventListener('visibilitychange', () => { if (!document.hidden) catchUp(); });
  window.addEventListener('online', catchUp);
  window.addEventListener('offline', () => connected(false));

  // A write button is pressed once: it waits, disabled, for its answer (the next page).
  document.querySelectorAll('form').forEach(f => f.addEventListener('submit', () => {
    posting = true;
    const b = f.querySelector('button[type=submit]');
    setTimeout(() => { b.disabled = true; b.textContent = b.dataset.sending; });
  }));

  listen();
})();
