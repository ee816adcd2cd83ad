// Desk shortcuts: Alt+letter works everywhere; a bare key only when the person is not typing in a field.
export function listen(dotnet, keys) {
    const wanted = new Set(keys);
    const handler = e => {
        if (e.defaultPrevented || e.ctrlKey || e.metaKey) return;
        const t = e.target;
        const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
        let key = null;
        if (e.altKey && e.code.startsWith("Key")) key = "Alt+" + e.code.substring(3);
        else if (!e.altKey && !typing) key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
        if (key && wanted.has(key)) {
            e.preventDefault();
            dotnet.invokeMethodAsync("OnShortcut", key);
        }
    };
    document.addEventListener("keydown", handler);
    return { dispose: () => document.removeEventListener("keydown", handler) };
}

export function print() { window.print(); }
