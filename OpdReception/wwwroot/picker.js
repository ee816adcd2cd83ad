// A picker's Enter sends the text the field shows at that moment, so the choice never rests on a server copy
// of the text that may still be a keystroke behind (issue 17).
export function listen(root, dotnet) {
    const handler = e => {
        if (e.key !== "Enter" || e.altKey || e.ctrlKey || e.metaKey || e.target.tagName !== "INPUT") return;
        e.preventDefault();
        dotnet.invokeMethodAsync("EnterWith", e.target.value);
    };
    root.addEventListener("keydown", handler);
    return {
        dispose: () => root.removeEventListener("keydown", handler),
        // A field the person is already typing in keeps its text: selecting it would let the next key replace
        // letters typed while the server caught up (a shortcut focuses the field in the browser at once).
        focus: () => {
            const input = root.querySelector("input");
            if (!input || document.activeElement === input) return;
            // A shortcut has just put the cursor in another field and it is still there: a focus the server asked for
            // before that key must not undo it.
            const moved = window.opdShortcutFocus;
            if (moved && moved.field === document.activeElement && Date.now() - moved.at < 1500) return;
            input.focus();
            input.select();
        },
    };
}
