import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSecurityEnv } from './security-env.js';
import { decryptSecret, encryptSecret, newTotpSecret, totpCode, totpUri, verifyTotp } from './totp.js';

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", in base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('TOTP', () => {
  it('matches the RFC 6238 test vector with a fixed clock', () => {
    const now = new Date(59_000);
    expect(totpCode(RFC_SECRET, now)).toBe('287082'); // RFC: 94287082, 6 digits
    expect(verifyTotp(RFC_SECRET, '287082', now, null)).toBe(1);
    expect(verifyTotp(RFC_SECRET, '287 082', now, null)).toBe(1);
  });

  it('accepts one step of drift either way, no more', () => {
    const t = new Date('2026-05-01T08:00:15Z');
    const step = Math.floor(t.getTime() / 30_000);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(t.getTime() - 30_000)), t, null)).toBe(step - 1);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(t.getTime() + 30_000)), t, null)).toBe(step + 1);
    expect(verifyTotp(RFC_SECRET, totpCode(RFC_SECRET, new Date(t.getTime() - 90_000)), t, null)).toBeNull();
    expect(verifyTotp(RFC_SECRET, 'abcdef', t, null)).toBeNull();
  });

  it('refuses a replayed or older step', () => {
    const t = new Date('2026-05-01T08:00:15Z');
    const code = totpCode(RFC_SECRET, t);
    const step = verifyTotp(RFC_SECRET, code, t, null)!;
    expect(verifyTotp(RFC_SECRET, code, t, step)).toBeNull();
    expect(verifyTotp(RFC_SECRET, code, t, step - 1)).toBe(step);
  });

  it('makes 160-bit secrets and an otpauth URI', () => {
    const s = newTotpSecret();
    expect(s).toMatch(/^[A-Z2-7]{32}$/);
    expect(totpUri(s, 'secadmin')).toMatch(/^otpauth:\/\/totp\/.*secadmin\?.*secret=/);
  });

  it('encrypts secrets with AES-256-GCM bound to the account', () => {
    const key = randomBytes(32);
    const enc = encryptSecret(RFC_SECRET, key, 7);
    expect(enc).not.toContain(RFC_SECRET);
    expect(decryptSecret(enc, key, 7)).toBe(RFC_SECRET);
    expect(() => decryptSecret(enc, key, 8)).toThrow();
    expect(() => decryptSecret(enc, randomBytes(32), 7)).toThrow();
  });
});

describe('security env', () => {
  it('uses the test key only under NODE_ENV=test (issue 15)', () => {
    expect(parseSecurityEnv({ NODE_ENV: 'test' })).toMatchObject({ devTotpKey: true, passwordMaxAgeDays: 90 });
    // Issue 15: no fallback key outside tests, whatever the origin.
    expect(() => parseSecurityEnv({ ORIGIN: 'http://localhost:3000' })).toThrow(/TOTP_ENCRYPTION_KEY/);
    expect(() => parseSecurityEnv({})).toThrow(/TOTP_ENCRYPTION_KEY/);
    expect(() => parseSecurityEnv({ ORIGIN: 'https://supervise.example.gov.cn', NODE_ENV: 'production' })).toThrow(
      /TOTP_ENCRYPTION_KEY/,
    );
    const key = randomBytes(32).toString('base64');
    expect(parseSecurityEnv({ ORIGIN: 'https://x.gov.cn', TOTP_ENCRYPTION_KEY: key, PASSWORD_MAX_AGE_DAYS: '30' })).toMatchObject(
      {
        devTotpKey: false,
        passwordMaxAgeDays: 30,
      },
    );
    expect(() => parseSecurityEnv({ TOTP_ENCRYPTION_KEY: 'c2hvcnQ=' })).toThrow(/TOTP_ENCRYPTION_KEY/);
  });
});
