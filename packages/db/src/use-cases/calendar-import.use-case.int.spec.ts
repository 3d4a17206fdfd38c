/**
 * Issue 9 §7: the calendar import use-case that the CLI, the /admin/calendar page and POST
 * /api/v1/calendar/import share. Audited in the import's transaction; refusals audited, nothing stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCalendarYears } from '../repositories/calendar.repository.js';
import { createTestDatabase, type TestDatabase } from '../testing/index.js';
import type { Actor } from './actor.js';
import { calendarImportUseCase } from './calendar-import.use-case.js';

let t: TestDatabase;
const sysadmin: Actor = { id: null, username: 'sysadmin', principal: { roles: [{ role: 'system_admin' }] }, via: 'api' };
const leader: Actor = { id: null, username: 'leader', principal: { roles: [{ role: 'leader' }] }, via: 'web' };
const CSV = 'date,kind,name\n2031-01-01,休,元旦\n2031-01-04,班,元旦\n';

const audit = () => t.db.selectFrom('audit_log').selectAll().where('action', '=', 'calendar.import').orderBy('id').execute();

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe('calendarImportUseCase', () => {
  it('refuses anyone without calendar.manage, audited as denied, nothing stored', async () => {
    expect(await calendarImportUseCase(t.db, leader, { text: CSV, format: 'csv', source: 'x.csv' })).toEqual({
      ok: false,
      refused: 'not_allowed',
    });
    expect((await listCalendarYears(t.db)).some((y) => y.year === 2031)).toBe(false);
    expect(await audit()).toEqual([
      expect.objectContaining({ outcome: 'denied', reason: 'not_allowed', actor_username: 'leader' }),
    ]);
  });

  it('refuses a notice with errors, audited with the issues, nothing stored', async () => {
    const r = await calendarImportUseCase(t.db, sysadmin, {
      text: 'date,kind,name\n2031-02-30,休,春节\n',
      format: 'csv',
      source: 'api',
    });
    expect(r.ok).toBe(false);
    const last = (await audit()).at(-1)!;
    expect(last).toMatchObject({ outcome: 'failure', reason: 'notice_invalid' });
    expect(last.details).toMatchObject({ via: 'api', source: 'api', format: 'csv', issueCount: 1 });
    expect((await listCalendarYears(t.db)).some((y) => y.year === 2031)).toBe(false);
  });

  it('imports a year and audits it in the same transaction', async () => {
    const r = await calendarImportUseCase(t.db, sysadmin, { text: CSV, format: 'csv', notice: '2031 通知', source: 'api' });
    expect(r).toMatchObject({ ok: true, result: { year: 2031, outcome: 'imported', holidays: 1, makeupWorkdays: 1 } });
    expect((await listCalendarYears(t.db)).find((y) => y.year === 2031)).toMatchObject({ source: 'import', notice: '2031 通知' });
    const last = (await audit()).at(-1)!;
    expect(last).toMatchObject({
      outcome: 'success',
      entity_type: 'calendar_year',
      entity_id: '2031',
      actor_username: 'sysadmin',
    });
    expect(last.after).toMatchObject({ year: 2031, outcome: 'imported' });
  });
});
