import { describe, expect, it } from 'vitest';
import { todayInShanghai } from './output.js';

describe("the CLI's today", () => {
  it('is the bureau date of the clock (Asia/Shanghai) unless SUPERVISE_TODAY pins it', () => {
    // 2026-11-30 17:00 UTC is already 1 December in Shijiazhuang.
    expect(todayInShanghai(new Date('2026-11-30T17:00:00Z'), undefined)).toBe('2026-12-01');
    expect(todayInShanghai(new Date('2026-11-30T17:00:00Z'), '')).toBe('2026-12-01');
    expect(todayInShanghai(new Date('2026-11-30T17:00:00Z'), '2026-11-27')).toBe('2026-11-27');
  });
  it('refuses a malformed pinned date, naming the variable', () => {
    expect(() => todayInShanghai(new Date(), '2026-13-01')).toThrow(/SUPERVISE_TODAY/);
  });
});
