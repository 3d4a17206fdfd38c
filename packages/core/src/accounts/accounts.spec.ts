import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, characterClasses, passwordExpired } from './password-policy.js';
import { accountThrottleKey, currentFailures, nextCounter, throttleDecision, type ThrottleCounter } from './login-throttle.js';

describe('password policy', () => {
  it('wants 10 characters, 3 of 4 classes and not the username', () => {
    expect(checkPasswordPolicy('Zhian#2026x', 'wang')).toEqual([]);
    expect(checkPasswordPolicy('Sh0rt!', 'wang')).toEqual(['too_short']);
    expect(checkPasswordPolicy('alllowercase1', 'wang')).toEqual(['too_few_classes']);
    expect(checkPasswordPolicy('Wang.Police2026', 'wang')).toEqual(['contains_username']);
    expect(checkPasswordPolicy('x'.repeat(129) + 'A1', 'wang')).toContain('too_long');
    // The demo password is 9 characters: it would not be accepted as a new password.
    expect(checkPasswordPolicy('Demo@2026', 'leader')).toEqual(['too_short']);
  });
  it('counts character classes, Chinese counting as "other"', () => {
    expect(characterClasses('abc')).toBe(1);
    expect(characterClasses('aB3!')).toBe(4);
    expect(characterClasses('密码abcDEF')).toBe(3);
  });
  it('expires a password at its maximum age (0: never)', () => {
    const changed = new Date('2026-01-01T00:00:00Z');
    expect(passwordExpired(changed, new Date('2026-03-31T23:59:59Z'), 90)).toBe(false);
    expect(passwordExpired(changed, new Date('2026-04-01T00:00:00Z'), 90)).toBe(true);
    expect(passwordExpired(changed, new Date('2036-01-01T00:00:00Z'), 0)).toBe(false);
  });
});

describe('login throttle windows', () => {
  const t0 = new Date('2026-05-01T08:00:00Z');
  const at = (min: number) => new Date(t0.getTime() + min * 60_000);
  const W = 15 * 60_000;

  it('counts failures within a fixed window and starts over after it', () => {
    let c: ThrottleCounter | undefined;
    for (let i = 0; i < 5; i++) c = nextCounter(c, at(i), W);
    expect(c).toEqual({ windowStart: t0, failures: 5 });
    expect(currentFailures(c, at(14.9), W)).toBe(5);
    expect(currentFailures(c, at(15), W)).toBe(0);
    expect(nextCounter(c, at(16), W)).toEqual({ windowStart: at(16), failures: 1 });
  });

  it('locks the account after 5 failures and the address after 20, until the window ends', () => {
    const five = { windowStart: t0, failures: 5 };
    expect(throttleDecision({ windowStart: t0, failures: 4 }, undefined, at(1))).toEqual({ allowed: true });
    expect(throttleDecision(five, undefined, at(1))).toEqual({ allowed: false, reason: 'account_locked', retryAt: at(15) });
    expect(throttleDecision(five, undefined, at(15))).toEqual({ allowed: true });
    expect(throttleDecision(undefined, { windowStart: t0, failures: 20 }, at(2))).toMatchObject({ reason: 'address_locked' });
    expect(throttleDecision(undefined, { windowStart: t0, failures: 19 }, at(2))).toEqual({ allowed: true });
  });

  it('case-folds the account key', () => {
    expect(accountThrottleKey(' Leader ')).toBe(accountThrottleKey('leader'));
  });
});
