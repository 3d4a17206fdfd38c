import { describe, expect, it } from 'vitest';
import {
  hashSessionToken,
  isWellFormedToken,
  newSessionToken,
  sessionCookieOptions,
  sessionExpiry,
  sessionState,
  shouldTouch,
} from './session.js';

const policy = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 };
const t0 = new Date('2026-11-27T01:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const fresh = () => ({ createdAt: t0, lastSeenAt: t0, expiresAt: sessionExpiry(t0, policy), endedAt: null as Date | null });

describe('session tokens', () => {
  it('are 32 random bytes, stored only as a SHA-256 hex digest', () => {
    const a = newSessionToken();
    const b = newSessionToken();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(isWellFormedToken(a)).toBe(true);
    expect(hashSessionToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashSessionToken(a)).toBe(hashSessionToken(a));
    expect(hashSessionToken(a)).not.toContain(a);
  });

  it('rejects malformed cookies before any lookup', () => {
    expect(isWellFormedToken(undefined)).toBe(false);
    expect(isWellFormedToken('')).toBe(false);
    expect(isWellFormedToken('x'.repeat(42))).toBe(false);
    expect(isWellFormedToken('x'.repeat(42) + '=')).toBe(false);
  });
});

describe('session timeouts', () => {
  it('is active within both limits', () => {
    expect(sessionState(fresh(), at(29 * 60_000), policy)).toBe('active');
  });

  it('ends after the idle limit without activity', () => {
    expect(sessionState(fresh(), at(30 * 60_000), policy)).toBe('idle_timeout');
  });

  it('activity keeps it alive, but never past the absolute limit', () => {
    const s = { ...fresh(), lastSeenAt: at(12 * 3_600_000 - 60_000) };
    expect(sessionState(s, at(12 * 3_600_000 - 1), policy)).toBe('active');
    expect(sessionState(s, at(12 * 3_600_000), policy)).toBe('absolute_timeout');
  });

  it('a policy shortened since login still applies', () => {
    const s = { ...fresh(), lastSeenAt: at(2 * 3_600_000) };
    expect(sessionState(s, at(2 * 3_600_000 + 1), { idleMs: policy.idleMs, maxMs: 2 * 3_600_000 })).toBe('absolute_timeout');
  });

  it('an ended session stays ended', () => {
    expect(sessionState({ ...fresh(), endedAt: at(1) }, at(2), policy)).toBe('ended');
  });

  it('touches last_seen_at at most once a minute', () => {
    expect(shouldTouch(t0, at(59_999))).toBe(false);
    expect(shouldTouch(t0, at(60_000))).toBe(true);
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, site-wide, and Secure only over https', () => {
    expect(sessionCookieOptions(new URL('http://localhost:3000/login'))).toEqual({
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: false,
    });
    expect(sessionCookieOptions(new URL('https://jg.example/login')).secure).toBe(true);
  });
});
