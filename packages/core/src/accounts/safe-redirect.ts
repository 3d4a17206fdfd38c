/**
 * The one rule for where a `redirectTo` may send the browser after login (OWASP ASVS 5.1.5, issue 15:
 * `/\t/evil.example` passed a prefix check, and browsers drop tabs and newlines from a URL, so it
 * went to `//evil.example`). Only a path of this site: it starts with one `/`, holds no backslash
 * and no control character, and resolves to this origin; anything else gives `fallback`.
 */
export function safeRedirectPath(value: string | null | undefined, fallback: string): string {
  if (!value || value.length > 2048 || !value.startsWith('/')) return fallback;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  if (value.startsWith('//')) return fallback;
  const base = 'http://this.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
