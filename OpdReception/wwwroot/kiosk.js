// The kiosk: check in by the slip's QR (the camera, where the browser can read QR codes) or by phone and token
// number; show a check-in for a few seconds, then clear it for the next patient. A refusal stays beside the typed form
// until the patient tries again (cleared after a longer wait if they walk away). Every word comes from the page.
(() => {
    const root = document.querySelector('[data-kiosk]');
    const words = JSON.parse(document.getElementById('kiosk-words').textContent);
    const resetMs = Number(root.dataset.reset) * 1000;
    const ask = document.getElementById('ask');
    const answer = document.getElementById('answer');
    const form = document.getElementById('typed');
    const submit = form.querySelector('button[type=submit]');
    const refused = document.getElementById('refused');
    // Long enough to correct a digit; short enough that the next patient does not find this one's phone number.
    const abandonMs = resetMs * 6;
    let lang = 'en';
    let busy = false;
    let timer = null;
    let shown = null;
    let refusal = null;

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
        if (refusal) {
            renderRefusal(refusal);
        }
    }

    function render(result) {
        document.getElementById('number').textContent = result.tokenNumber ?? '';
        document.getElementById('said').textContent = wordsOf(result);
        document.getElementById('place').textContent = result.place?.[lang] ?? '';
        answer.className = result.ok ? 'ok' : 'refused';
    }

    function wordsOf(result) {
        return result.words?.[lang] ?? say(result.fallback);
    }

    function renderRefusal(result) {
        document.getElementById('refused-words').textContent = wordsOf(result);
    }

    function refuse(result) {
        refusal = result;
        renderRefusal(result);
        refused.hidden = false;
        clearTimeout(timer);
        timer = setTimeout(reset, abandonMs);
    }

    function clearRefusal() {
        refusal = null;
        refused.hidden = true;
        clearTimeout(timer);
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
        clearRefusal();
        form.reset();
        answer.hidden = true;
        ask.hidden = false;
        setLanguage('en');
    }

    async function checkIn(body) {
        if (busy || shown) {
            return;
        }
        clearRefusal();
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
            if (response.ok) {
                show({ ok: true, tokenNumber: data.tokenNumber, words: data.words, place: data.place, fallback: 'Refused' });
            } else {
                // The server's own reason in the patient's language; a gateway answering for a server that is down is no connection.
                const fallback = response.status === 429 ? 'TooMany' : response.status === 403 ? 'NotSetUp'
                    : [502, 503, 504].includes(response.status) ? 'Offline' : 'Refused';
                refuse({ words: data.words, fallback });
            }
        } catch {
            refuse({ fallback: 'Offline' });
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
    document.getElementById('try-again').addEventListener('click', () => {
        clearRefusal();
        form.phone.focus();
    });
    // Correcting a refused answer is not walking away: the wait before clearing starts again.
    form.addEventListener('input', () => {
        if (refusal) {
            clearTimeout(timer);
            timer = setTimeout(reset, abandonMs);
        }
    });

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
