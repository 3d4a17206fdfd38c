import { describe, expect, it } from 'vitest';
import { isValidUsername, normaliseUsername, officerLinkRequired } from './account-rules.js';

describe('account rules (issue 9 §6, issue 11)', () => {
  it('accepts lower-case login names of 3–32 characters starting with a letter', () => {
    expect(isValidUsername(normaliseUsername('  Zhang.Wei '))).toBe(true);
    expect(isValidUsername('ab')).toBe(false);
    expect(isValidUsername('1abc')).toBe(false);
    expect(isValidUsername('zhang wei')).toBe(false);
    expect(isValidUsername('a'.repeat(33))).toBe(false);
  });
  it('requires an officer for inspectors and schedulers only', () => {
    expect(officerLinkRequired([{ role: 'inspector', brigadeId: 'B-ZA' }])).toBe(true);
    expect(officerLinkRequired([{ role: 'leader' }, { role: 'scheduler' }])).toBe(true);
    expect(officerLinkRequired([{ role: 'leader' }, { role: 'security_admin' }])).toBe(false);
  });
});
