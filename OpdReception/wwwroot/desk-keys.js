// Desk shortcuts: Alt+letter works everywhere; a bare key only when the person is not typing in a field.
// A key that moves the cursor into a field (focus: key -> selector) does so here, before the server hears of it,
// so the letters typed right after it land in the field instead of being lost on the page.
export function listen(dotnet, keys, focus) {
    const wanted = new Set(keys);
    const fields = focus || {};
    const handler = e => {
        if (e.defaultPrevented || e.ctrlKey || e.metaKey) return;
        const t = e.target;
        const typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
        let key = null;
        if (e.altKey && e.code.startsWith("Key")) key = "Alt+" + e.code.substring(3);
        else if (!e.altKey && !typing) key = e.key.length === 1 ? e.key.toUpperCase() : e.key;
        if (key && wanted.has(key)) {
            e.preventDefault();
            let field = fields[key] && document.querySelector(fields[key]);
            if (field && field.tagName !== "INPUT") field = field.querySelector("input");
            if (field && !field.disabled) {
                // Tells a focus the server asked for earlier (picker.js) not to pull the cursor back from here.
                window.opdShortcutFocus = { field, at: Date.now() };
                field.focus();
                if (field.select) field.select();
            }
            dotnet.invokeMethodAsync("OnShortcut", key);
        }
    };
    document.addEventListener("keydown", handler);
    return { dispose: () => document.removeEventListener("keydown", handler) };
}

export function print() { window.print(); }
