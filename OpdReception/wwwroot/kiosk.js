// The kiosk: check in by the slip's QR (the camera, where the browser can read QR codes) or by phone and token
// number; show the answer for a few seconds, then clear it for the next patient. Every word comes from the page.
(() => {
    const root = document.querySelector('[data-kiosk]');
    const words = JSON.parse(document.getElementById('kiosk-words').textContent);
    const resetMs = Number(root.dataset.reset) * 1000;
    const ask = document.getElementById('ask');
    const answer = document.getElementById('answer');
    const form = document.getElementById('typed');
    const submit = form.querySelector('button[type=submit]');
    let lang = 'en';
    let busy = false;
    let timer = null;
    let shown = null;

    function say(key) { return words[lang][key] ?? words.en[key]; }

    function setLanguage(next) {
        lang = next;
        document.documentElement.lang = next;
        for (const el of document.querySelectorAll('[data-w]')) {
            el.textContent = say(el.dataset.w);
        }
        for (const button of document.querySelectorAll('[data-lang]')) {
            button.setAttribute('aria-pressed', String(button.dataset.lang === next));
        }
        if (shown) {
            render(shown);
        }
    }

    function render(result) {
        document.getElementById('number').textContent = result.tokenNumber ?? '';
        document.getElementById('said').textContent = result.words?.[lang] ?? say(result.fallback ?? 'Offline');
        document.getElementById('place').textContent = result.place?.[lang] ?? '';
        answer.className = result.ok ? 'ok' : 'refused';
    }

    function show(result) {
        shown = result;
        render(result);
        ask.hidden = true;
        answer.hidden = false;
        clearTimeout(timer);
        timer = setTimeout(reset, resetMs);
    }

    // The next patient finds an empty form in English: nothing of the last one stays on the screen.
    function reset() {
        shown = null;
        form.reset();
        answer.hidden = true;
        ask.hidden = false;
        setLanguage('en');
    }

    async function checkIn(body) {
        if (busy || shown) {
            return;
        }
        busy = true;
        submit.disabled = true;
        submit.textContent = say('Busy');
        try {
            const response = await fetch('/api/kiosk/check-in', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({ kiosk: root.dataset.kiosk, key: root.dataset.key, ...body }),
            });
            const data = await response.json().catch(() => ({}));
            show({
                ok: response.ok,
                tokenNumber: data.tokenNumber,
                words: data.words,
                place: data.place,
                fallback: response.status === 429 ? 'TooMany' : response.status === 403 ? 'NotSetUp' : 'Offline',
            });
        } catch {
            show({ ok: false, fallback: 'Offline' });
        } finally {
            busy = false;
            submit.disabled = false;
            submit.textContent = say('Submit');
        }
    }

    form.addEventListener('submit', event => {
        event.preventDefault();
        checkIn({ phone: form.phone.value, label: form.label.value });
    });
    for (const button of document.querySelectorAll('[data-lang]')) {
        button.addEventListener('click', () => setLanguage(button.dataset.lang));
    }

    // Locked to one use: no way back, no menu, no text selection to copy a patient's answer.
    history.pushState(null, '', location.href);
    addEventListener('popstate', () => history.pushState(null, '', location.href));
    addEventListener('contextmenu', event => event.preventDefault());

    async function watchCamera() {
        if (!('BarcodeDetector' in window) || !navigator.mediaDevices?.getUserMedia) {
            return;
        }
        try {
            const formats = await BarcodeDetector.getSupportedFormats();
            if (!formats.includes('qr_code')) {
                return;
            }
            const detector = new BarcodeDetector({ formats: ['qr_code'] });
            const video = document.getElementById('video');
            video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'user' }, audio: false });
            await video.play();
            document.getElementById('camera').hidden = false;
            let last = '';
            setInterval(async () => {
                if (busy || shown || video.readyState < 2) {
                    return;
                }
                const codes = await detector.detect(video).catch(() => []);
                const scanned = codes[0]?.rawValue;
                // The same slip held up again right after its answer cleared is not sent twice.
                if (scanned && scanned !== last) {
                    last = scanned;
                    setTimeout(() => { last = ''; }, resetMs * 2);
                    checkIn({ scanned });
                }
            }, 400);
        } catch {
            // No camera, or permission refused: typing still works.
        }
    }

    watchCamera();
})();
