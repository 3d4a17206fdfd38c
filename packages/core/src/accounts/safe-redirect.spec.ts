import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect.js';

describe('safeRedirectPath (issue 15: open redirect after login)', () => {
  it('keeps a path of this site with its query and fragment', () => {
    expect(safeRedirectPath('/dashboard?x=1#top', '/d')).toBe('/dashboard?x=1#top');
    expect(safeRedirectPath('/registry/R09-0001', '/d')).toBe('/registry/R09-0001');
  });

  it('refuses a control character that a browser would drop (/\\t/evil → //evil)', () => {
    for (const c of ['\t', '\n', '\r', '\u0000', '\u001f', '\u007f'])
      expect(safeRedirectPath(`/${c}/evil.example`, '/d')).toBe('/d');
  });

  it('refuses other origins, protocol-relative and backslash forms', () => {
    for (const v of [
      '//evil.example',
      '/\\evil.example',
      '/\\/evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '',
      null,
    ])
      expect(safeRedirectPath(v, '/d')).toBe('/d');
  });
});
