// The waiting-room display: the chime, the spoken announcement, and the "Connection lost" banner.
let audio = null;

function context() {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctx) audio = new Ctx();
    return audio;
}

// Browsers allow sound only after someone touched the page; until then the display offers "Enable sound".
export function soundAllowed() {
    const ctx = context();
    return !!ctx && ctx.state === "running" && !!(navigator.userActivation && navigator.userActivation.hasBeenActive);
}

export async function enableSound() {
    const ctx = context();
    if (!ctx) return false;
    try { await ctx.resume(); } catch { return false; }
    chime();
    // Some browsers speak only after a first utterance started by a person's tap: an empty one, said now.
    if (window.speechSynthesis) window.speechSynthesis.speak(new SpeechSynthesisUtterance(" "));
    return ctx.state === "running";
}

// Two short tones, about a second in all; the words start after them.
const chimeMs = 1000;
function chime() {
    const ctx = context();
    if (!ctx || ctx.state !== "running") return;
    [[880, 0], [660, 0.35]].forEach(([freq, at]) => {
        const osc = ctx.createOscillator(), gain = ctx.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, ctx.currentTime + at);
        gain.gain.exponentialRampToValueAtTime(0.4, ctx.currentTime + at + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + at + 0.5);
        osc.connect(gain).connect(ctx.destination);
        osc.start(ctx.currentTime + at);
        osc.stop(ctx.currentTime + at + 0.55);
    });
}

// ---- Voices: the best one this browser has for each language ----

const norm = lang => (lang || "").replace(/_/g, "-").toLowerCase();

// A voice whose language matches exactly (hi-IN) before one of the same language elsewhere (hi), a voice on this
// machine before one over the network (which fails when the network does), the browser's default last.
export function bestVoice(voices, tag) {
    const want = norm(tag), base = want.split("-")[0];
    let best = null, bestRank = -1;
    for (const v of voices) {
        const lang = norm(v.lang);
        if (lang !== want && lang.split("-")[0] !== base) continue;
        const rank = (lang === want ? 4 : 0) + (v.localService ? 2 : 0) + (v.default ? 1 : 0);
        if (rank > bestRank) { best = v; bestRank = rank; }
    }
    return best;
}

// Chromium fills its list of voices a moment after the page opens and says so with "voiceschanged"; some
// browsers never do, so the wait is bounded.
export function voicesReady(timeoutMs = 3000) {
    const synth = window.speechSynthesis;
    if (!synth) return Promise.resolve([]);
    const now = synth.getVoices();
    if (now.length) return Promise.resolve(now);
    return new Promise(resolve => {
        const done = () => { synth.removeEventListener("voiceschanged", done); clearTimeout(timer); resolve(synth.getVoices()); };
        const timer = setTimeout(done, timeoutMs);
        synth.addEventListener("voiceschanged", done);
    });
}

// For the settings page: each language with the voice that will say it, or none.
export async function describeVoices(languages) {
    if (!window.speechSynthesis) return languages.map(l => ({ code: l.code, voice: null, lang: null, local: false, canSpeak: false }));
    const voices = await voicesReady();
    return languages.map(l => {
        const v = bestVoice(voices, l.tag);
        return { code: l.code, voice: v ? v.name : null, lang: v ? v.lang : null, local: !!(v && v.localService), canSpeak: true };
    });
}

// The display names, in its header, each of its languages this TV has no voice for; updated when voices arrive late.
let watched = [];
let watchingVoices = false;
export function watchVoices(languages) {
    watched = languages || [];
    if (!watchingVoices && window.speechSynthesis) {
        watchingVoices = true;
        window.speechSynthesis.addEventListener("voiceschanged", showMissing);
    }
    voicesReady().then(showMissing);
}

function showMissing() {
    const box = document.getElementById("display-voices");
    if (!box) return;
    const synth = window.speechSynthesis;
    const voices = synth ? synth.getVoices() : [];
    const missing = !synth ? watched : watched.filter(l => !bestVoice(voices, l.tag));
    box.hidden = missing.length === 0 || (synth && voices.length === 0);
    box.textContent = !synth
        ? "This browser cannot speak: calls are chimed only."
        : `No voice for ${missing.map(l => l.name).join(", ")} on this screen`;
}

// ---- Calls: a queue, each said once, never cut off ----

const queue = [];
let playing = false;
let speaking = null; // Chromium may drop an utterance it holds no reference to, and its "end" with it.
const spokenKey = "opd-display-spoken";

function spoken() {
    try { return JSON.parse(sessionStorage.getItem(spokenKey) || "[]"); } catch { return []; }
}

function remember(key) {
    try { sessionStorage.setItem(spokenKey, JSON.stringify(spoken().concat([key]).slice(-200))); } catch { /* private mode */ }
}

// A call: the chime, then each sentence in turn in its language. Two calls at once are said one after the other;
// a call already said (the same key, kept across a reload) is not said again.
export function announce(key, sentences) {
    if (key) {
        if (spoken().includes(key)) return;
        remember(key);
    }
    queue.push(sentences || []);
    if (!playing) play();
}

// Plays a sample call from the settings page, whose tap allows the sound.
export async function sample(sentences) {
    const ctx = context();
    if (ctx) { try { await ctx.resume(); } catch { /* stays silent */ } }
    announce(null, sentences);
}

async function play() {
    playing = true;
    try {
        while (queue.length) {
            const sentences = queue.shift();
            chime();
            await wait(chimeMs);
            if (!window.speechSynthesis || sentences.length === 0) continue;
            const voices = await voicesReady();
            for (const sentence of sentences) {
                const voice = bestVoice(voices, sentence.tag);
                // Without a voice for it the browser would read Tamil letters in an English voice: the header says it is missing instead.
                if (voice || voices.length === 0) await say(sentence, voice);
            }
        }
    } finally {
        playing = false;
    }
}

function say(sentence, voice) {
    return new Promise(resolve => {
        const utterance = new SpeechSynthesisUtterance(sentence.text);
        utterance.lang = sentence.tag;
        if (voice) utterance.voice = voice;
        speaking = utterance;
        let timer = null;
        const done = () => { clearTimeout(timer); if (speaking === utterance) speaking = null; resolve(); };
        utterance.addEventListener("end", done, { once: true });
        utterance.addEventListener("error", done, { once: true });
        // An engine that never says "end" must not hold back every later call; the next one queues behind it, never over it.
        timer = setTimeout(done, 5000 + sentence.text.length * 200);
        window.speechSynthesis.speak(utterance);
    });
}

const wait = ms => new Promise(resolve => setTimeout(resolve, ms));

// Blazor tells the reconnect dialog when the connection drops and comes back; the display shows its own banner
// instead, quoting the last time the server's clock reached it, and reloads itself once the server answers again.
let watching = false;
export function watchConnection() {
    if (watching) return;
    watching = true;
    const modal = document.getElementById("components-reconnect-modal");
    if (!modal) return;
    // Marks the banner as listening, so a test pulls the cable only once a drop would be noticed.
    document.getElementById("display-offline")?.setAttribute("data-watching", "");
    let poll = null;
    modal.addEventListener("components-reconnect-state-changed", e => {
        const banner = document.getElementById("display-offline");
        if (!banner) return;
        const state = e.detail.state;
        if (state === "hide" || state === "resume") {
            banner.hidden = true;
            if (poll) { clearInterval(poll); poll = null; }
            return;
        }
        const clock = document.getElementById("display-clock");
        const last = clock ? clock.dataset.updated : "";
        banner.textContent = `Connection lost — last update ${last}. Reconnecting…`;
        banner.hidden = false;
        if ((state === "failed" || state === "rejected") && !poll) {
            poll = setInterval(async () => {
                try {
                    const r = await fetch("/health", { cache: "no-store" });
                    if (r.ok) location.reload();
                } catch { /* still down */ }
            }, 5000);
        }
    });
}
