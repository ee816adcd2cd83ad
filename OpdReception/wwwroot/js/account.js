// Sign-in and sign-out must reach the browser's cookie jar, which a Blazor circuit cannot: the page posts JSON
// from the browser itself (same origin, so the API's cross-site guard lets it through).
export async function post(url, body) {
    const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body ?? {}),
    });
    let data = null;
    try {
        data = await response.json();
    } catch {
        // 204 and other answers without a body.
    }
    return {
        status: response.status,
        retryAfter: response.headers.get('Retry-After'),
        detail: data?.detail ?? null,
        startPage: data?.startPage ?? null,
        errors: data?.errors ?? null,
        twoFactor: data?.twoFactor === true,
        recoveryCodes: data?.recoveryCodes ?? null,
    };
}
