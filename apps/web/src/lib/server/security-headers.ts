/**
 * Issue 15 (low): the headers every response carries, and the one guard against input that can only
 * be an attack. The Content-Security-Policy of pages comes from `kit.csp` (svelte.config.js: SvelteKit
 * adds a nonce to its own inline scripts); responses without one (endpoints, errors, files) get a
 * policy that allows nothing, since they are never documents that run code.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
  // The inspectors' record takes photos with the camera of their phone; nothing else is needed.
  'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
};

export const FALLBACK_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Sets the security headers on a response (its own CSP, when it has one, is kept). */
export function withSecurityHeaders(response: Response): Response {
  const set = (h: Headers) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) h.set(k, v);
    if (!h.has('content-security-policy')) h.set('content-security-policy', FALLBACK_CSP);
  };
  try {
    set(response.headers);
    return response;
  } catch {
    // Immutable headers (a fetched response passed through): copy it.
    const copy = new Response(response.body, response);
    set(copy.headers);
    return copy;
  }
}

/** The first NUL character in the path or the query (decoded), or null. PostgreSQL refuses NUL in text. */
export function nulInUrl(url: URL): 'path' | 'query' | null {
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape is SvelteKit's to answer.
  }
  if (path.includes('\0')) return 'path';
  for (const [k, v] of url.searchParams) if (k.includes('\0') || v.includes('\0')) return 'query';
  return null;
}

/** A `page` query parameter: a whole number from 1 to 1,000,000, else 1 (issue 15: `page=1e308` was a 500). */
export function pageNumber(value: string | null): number {
  const n = Number(value ?? '1');
  return Number.isSafeInteger(n) && n >= 1 && n <= 1_000_000 ? n : 1;
}
