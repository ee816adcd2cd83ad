// A screen that stays open still counts as idle unless the person uses it: a touch, click or key press tells the
// server at most once per interval, and nothing else does (a board that refreshes itself is not a person at work).
let handler = null;

export function watch(dotnet, intervalMs) {
    stop();
    let last = 0;
    handler = () => {
        const now = Date.now();
        if (now - last >= intervalMs) {
            last = now;
            dotnet.invokeMethodAsync('Active').catch(() => { });
        }
    };
    for (const type of ['pointerdown', 'keydown', 'wheel']) {
        document.addEventListener(type, handler, { capture: true, passive: true });
    }
}

export function stop() {
    if (handler) {
        for (const type of ['pointerdown', 'keydown', 'wheel']) {
            document.removeEventListener(type, handler, { capture: true });
        }
        handler = null;
    }
}
