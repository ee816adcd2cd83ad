// The patient's token page, kept live without a circuit: a server-sent event stream, or a fetch of the state every
// few seconds where streams are blocked; it catches up by itself after the phone sleeps or the network returns.
(() => {
  const root = document.documentElement;
  const base = location.pathname.replace(/\/+$/, '');
  const poll = (+root.dataset.poll || 15) * 1000;
  const beat = (+root.dataset.beat || 25) * 1000;
  const conn = document.querySelector('[data-testid=connection]');
  let stream = null;
  let heard = 0;
  let fetched = 0;
  let failures = 0;
  let retryAt = 0;
  let retries = 0;
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

  const streaming = () => stream && stream.readyState === EventSource.OPEN && Date.now() - heard < beat * 2.5;

  const fetchState = async () => {
    fetched = Date.now();
    try {
      const r = await fetch(base + '/state', { cache: 'no-store', headers: { Accept: 'application/json' } });
      if (r.status === 404) return location.reload();
      if (!r.ok) throw new Error(r.status);
      apply(await r.json());
      // The server answers again: a stream given up on is tried again, less often each time it fails.
      if (!stream && Date.now() >= retryAt) listen();
    } catch {
      connected(false);
    }
  };

  const listen = () => {
    if (stream) stream.close();
    stream = null;
    if (!window.EventSource) return;
    const s = stream = new EventSource(base + '/events');
    s.onmessage = e => { failures = 0; retries = 0; apply(JSON.parse(e.data)); };
    s.addEventListener('beat', () => { heard = Date.now(); connected(true); });
    s.addEventListener('gone', () => { s.close(); location.reload(); });
    s.onerror = () => {
      // Is the network gone, or only the stream (blocked on the way, or refused: too many open)? The state says.
      if (Date.now() - fetched > 5000) fetchState();
      if (s.readyState === EventSource.CLOSED || ++failures >= 5) {
        s.close();
        if (stream === s) stream = null;
        failures = 0;
        retryAt = Date.now() + Math.min(600000, 60000 * ++retries);
      }
    };
  };

  const catchUp = () => {
    if (streaming()) return;
    fetchState();
    if (!stream || stream.readyState !== EventSource.CONNECTING) listen();
  };

  setInterval(() => { if (!streaming()) fetchState(); }, poll);
  // A stream silent for too long (a phone woken from sleep keeps a dead socket) is opened again.
  setInterval(() => { if (stream && stream.readyState === EventSource.OPEN && !streaming()) catchUp(); }, beat);
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
