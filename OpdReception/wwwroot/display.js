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
    if (window.speechSynthesis) window.speechSynthesis.speak(new SpeechSynthesisUtterance(" "));
    return ctx.state === "running";
}

// Two short tones, about a second in all.
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

export function announce(words, lang) {
    chime();
    if (!words || !window.speechSynthesis) return;
    const say = new SpeechSynthesisUtterance(words);
    say.lang = lang;
    const voice = window.speechSynthesis.getVoices().find(v => v.lang === lang) ||
        window.speechSynthesis.getVoices().find(v => v.lang.startsWith(lang.split("-")[0]));
    if (voice) say.voice = voice;
    setTimeout(() => window.speechSynthesis.speak(say), 900);
}

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
