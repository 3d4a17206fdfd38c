import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THROTTLE_POLICY,
  accountThrottleKey,
  loginName,
  throttleDecisionAfterClaim,
  totpThrottleKey,
} from './login-throttle.js';

describe('login throttle (issue 15)', () => {
  const now = new Date('2026-11-30T10:00:00Z');
  const counted = (failures: number) => ({ windowStart: new Date(now.getTime() - 60_000), failures });

  it('an attempt already counted may go on up to the limit, and not one more', () => {
    const max = DEFAULT_THROTTLE_POLICY.maxPerAccount;
    expect(throttleDecisionAfterClaim(counted(max), undefined, now).allowed).toBe(true);
    expect(throttleDecisionAfterClaim(counted(max + 1), undefined, now)).toMatchObject({
      allowed: false,
      reason: 'account_locked',
    });
  });

  it('the second factor has its own counter, apart from the password’s', () => {
    expect(totpThrottleKey('Leader')).not.toBe(accountThrottleKey('Leader'));
  });

  it('a 10 kB name gets a key of bounded length, the same for every name with that start', () => {
    const long = 'a'.repeat(10_000);
    expect(accountThrottleKey(long).length).toBeLessThan(100);
    expect(accountThrottleKey(long)).toBe(accountThrottleKey(`${long}b`));
  });
});

describe('loginName (issue 15 §5: a NUL in the name ended in a 500, found by the fuzz drill)', () => {
  it('drops NUL characters before trimming and cutting', () => {
    expect(loginName(' leader\u0000 ')).toBe('leader');
    expect(loginName('\u0000')).toBe('');
    expect(accountThrottleKey('Lea\u0000der')).toBe('account:leader');
  });
});
