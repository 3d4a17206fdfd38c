import { accountThrottleKey, addressThrottleKey, DEFAULT_THROTTLE_POLICY, totpThrottleKey } from '@supervise/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { throttledCheck } from './login-throttle.repository.js';

// Issue 15 (medium): throttling that cannot be raced or reset.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t?.drop());

const now = new Date('2026-11-30T10:00:00Z');
const max = DEFAULT_THROTTLE_POLICY.maxPerAccount;

describe('throttledCheck', () => {
  it('concurrent wrong passwords: the check runs at most the limit, never about three times it', async () => {
    let checks = 0;
    const keys = [accountThrottleKey('race'), addressThrottleKey('10.1.1.1')] as const;
    const slowWrong = async () => {
      checks++;
      // A hash takes time: every attempt is in flight at once.
      await new Promise((r) => setTimeout(r, 50));
      return false;
    };
    const outcomes = await Promise.all(Array.from({ length: 3 * max }, () => throttledCheck(t.db, keys, now, slowWrong)));
    expect(checks).toBe(max);
    expect(outcomes.filter((o) => o.outcome === 'failed')).toHaveLength(max);
    expect(outcomes.filter((o) => o.outcome === 'locked')).toHaveLength(2 * max);
  });

  it('a correct password does not reset the TOTP counter: codes cannot be guessed without end', async () => {
    const password = [accountThrottleKey('alice'), addressThrottleKey('10.1.1.2')] as const;
    const totp = [totpThrottleKey('alice')] as const;
    let codeChecks = 0;
    const wrongCode = async () => {
      codeChecks++;
      return false;
    };
    for (let round = 0; round < 3 * max; round++) {
      // The attacker knows the password: it succeeds every round …
      expect((await throttledCheck(t.db, password, now, async () => true)).outcome).toBe('ok');
      // … and guesses a code after it.
      await throttledCheck(t.db, totp, now, wrongCode);
    }
    expect(codeChecks).toBe(max);
    // A right code is refused too while locked, and the window's end lets the next one through.
    expect((await throttledCheck(t.db, totp, now, async () => true)).outcome).toBe('locked');
    const later = new Date(now.getTime() + DEFAULT_THROTTLE_POLICY.windowMs);
    expect((await throttledCheck(t.db, totp, later, async () => true)).outcome).toBe('ok');
  });

  it('a success refunds its count on the address: many users behind one address can still log in', async () => {
    const address = addressThrottleKey('10.1.1.3');
    for (let i = 0; i < 3 * DEFAULT_THROTTLE_POLICY.maxPerAddress; i++) {
      expect((await throttledCheck(t.db, [accountThrottleKey(`user${i}`), address], now, async () => true)).outcome).toBe('ok');
    }
  });

  it('a 10 kB username is counted under a bounded key like any other name', async () => {
    const long = 'x'.repeat(10_000);
    for (let i = 0; i < max; i++)
      expect((await throttledCheck(t.db, [accountThrottleKey(long)], now, async () => false)).outcome).toBe('failed');
    expect((await throttledCheck(t.db, [accountThrottleKey(long)], now, async () => false)).outcome).toBe('locked');
  });
});
