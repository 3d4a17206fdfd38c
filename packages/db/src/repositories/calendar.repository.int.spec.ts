import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_COUNCIL_NOTICES, noticeDays } from '@supervise/core';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import { listCalendarYears, loadStatutoryCalendar, replaceCalendarYear, seedCalendarFromPackage } from './calendar.repository.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe('statutory calendar table', () => {
  it('seeds 2004–2026 from chinese-days once; a second seed adds nothing', async () => {
    const added = await seedCalendarFromPackage(t.db);
    expect(added[0]).toBe(2004);
    expect(added.at(-1)).toBe(2026);
    expect(added).toHaveLength(23);
    expect(await seedCalendarFromPackage(t.db)).toEqual([]);
    const years = await listCalendarYears(t.db);
    expect(years.filter((y) => y.verified).map((y) => y.year)).toEqual([2025, 2026]);
    expect(years.find((y) => y.year === 2027)).toBeUndefined();
  });

  // The package data must match the State Council's notices day by day, makeup working days included.
  it.each([2025, 2026] as const)('the %i data equals the State Council notice, day by day', async (year) => {
    const { days } = await loadStatutoryCalendar(t.db);
    const stored = days.filter((d) => d.date.startsWith(`${year}-`)).map((d) => `${d.date} ${d.kind}`);
    const notice = noticeDays(STATE_COUNCIL_NOTICES[year])
      .map((d) => `${d.date} ${d.kind}`)
      .sort();
    expect(stored).toEqual(notice);
  });

  it('replacing a year is all or nothing: a bad day leaves the old year intact', async () => {
    const before = await loadStatutoryCalendar(t.db);
    await expect(
      replaceCalendarYear(t.db, {
        year: 2026,
        source: 'import',
        verified: true,
        notice: 'bad',
        // 2027-01-01 does not belong to 2026: the check constraint refuses it, mid-transaction.
        days: [
          { date: '2026-01-01', kind: 'holiday', name: '元旦' },
          { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        ],
      }),
    ).rejects.toThrow();
    expect(await loadStatutoryCalendar(t.db)).toEqual(before);
  });
});
