/**
 * The built CLI (`node apps/cli/dist/main.js`, as `pnpm supervise` runs it) against its own database,
 * cloned from the migrated template and seeded with the 2004–2026 calendar like `supervise migrate` does.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCalendarYears, loadStatutoryCalendar, migrateToLatest, seedCalendarFromPackage } from '@supervise/db';
import { createTestDatabase, type TestDatabase } from '@supervise/db/testing';
import { cliRunner } from '../test-support/run-cli.js';

const NOTICE_2027 = fileURLToPath(new URL('../../test/fixtures/notice-2027.json', import.meta.url));

let t: TestDatabase;
const cli = cliRunner(() => t.url);
let dir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await migrateToLatest(t.db);
  await seedCalendarFromPackage(t.db);
  dir = await mkdtemp(join(tmpdir(), 'supervise-cli-'));
});
afterAll(async () => {
  await t?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const calendarAudit = () =>
  t.db.selectFrom('audit_log').selectAll().where('action', '=', 'calendar.import').orderBy('id').execute();

describe('supervise calendar (built CLI, real PostgreSQL)', () => {
  it.each([
    [['--from', '2026-09-30', '--working-days', '5'], '2026-10-13'],
    [['--from', '2026-09-20', '--days', '15'], '2026-10-08'],
    [['--from', '2026-03-31', '--months', '2'], '2026-06-01'],
  ])('calendar add %j prints %s', async (args, due) => {
    const r = await cli('calendar', 'add', ...args);
    expect(r).toMatchObject({ code: 0, stdout: `${due}\n` });
  });

  it('prints JSON with --json', async () => {
    const r = await cli('calendar', 'add', '--from', '2026-09-30', '--working-days', '5', '--json');
    expect(JSON.parse(r.stdout)).toEqual({ from: '2026-09-30', unit: 'working_days', n: 5, due: '2026-10-13' });
  });

  it('refuses, naming 2027, a computation that reaches a year not yet imported', async () => {
    const r = await cli('calendar', 'add', '--from', '2026-12-20', '--working-days', '30');
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('2027');
    expect(r.stderr).toContain('法定节假日日历缺少 2027 年');
  });

  it('warns from 1 November while next year is missing', async () => {
    const r = await cli('calendar', 'years', '--today', '2026-11-01', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { years: { year: number; verified: boolean }[]; warning: { code: string } | null };
    expect(out.years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(out.warning?.code).toBe('CALENDAR_NEXT_YEAR_MISSING');
    expect(r.stderr).toContain('2027');
    const october = await cli('calendar', 'years', '--today', '2026-10-31');
    expect(october.stderr).toBe('');
    expect(october.stdout.trim().split('\n')).toHaveLength(23);
  });

  it('refuses a file with bad rows, naming each row and field, and stores nothing', async () => {
    const file = join(dir, 'notice-2027-bad.csv');
    await writeFile(
      file,
      '\uFEFFdate,kind,name\n2027-01-01,休,元旦\n2027-01-04,班,元旦\n2027-01-01,休,元旦\n2027-02-30,休,春节\n2027-02-06,rest,春节\n',
    );
    const before = await loadStatutoryCalendar(t.db);
    const r = await cli('calendar', 'import', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`${file}:3:date:`);
    expect(r.stderr).toContain(`${file}:4:date:`);
    expect(r.stderr).toContain(`${file}:5:date:`);
    expect(r.stderr).toContain(`${file}:6:kind:`);
    expect(r.stderr).toContain('nothing was imported');
    expect(await loadStatutoryCalendar(t.db)).toEqual(before);
    // Issue 9 §7: the refusal is in the audit log, as the CLI's.
    const refused = await calendarAudit();
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ outcome: 'failure', reason: 'notice_invalid', user_agent: 'supervise-cli' });
    expect(refused[0]!.actor_username).toMatch(/^cli:/);
    expect(refused[0]!.details).toMatchObject({ via: 'cli', source: 'notice-2027-bad.csv', issueCount: 4 });
  });

  it('imports the 2027 notice; then the 2027 computation succeeds; a second import changes nothing', async () => {
    const r = await cli('calendar', 'import', NOTICE_2027);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^2027: 已导入，放假 33 天、调休上班 8 天 \/ imported: 33 holidays, 8 makeup working days/);
    const years = await listCalendarYears(t.db);
    const y2027 = years.find((y) => y.year === 2027);
    expect(y2027).toMatchObject({ source: 'import', verified: true, notice: '国务院办公厅关于2027年部分节假日安排的通知' });
    const audited = (await calendarAudit()).filter((a) => a.outcome === 'success');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ entity_type: 'calendar_year', entity_id: '2027', user_agent: 'supervise-cli' });
    expect(audited[0]!.after).toMatchObject({ year: 2027, outcome: 'imported', holidays: 33, makeupWorkdays: 8 });

    // 9 working days left in December; 1–3 January off; 20 in 4–29 January; Sunday 31 January is a makeup working day.
    const due = await cli('calendar', 'add', '--from', '2026-12-20', '--working-days', '30');
    expect(due).toMatchObject({ code: 0, stdout: '2027-01-31\n' });

    const snapshot = { days: await loadStatutoryCalendar(t.db), years };
    const again = await cli('calendar', 'import', NOTICE_2027, '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      ok: true,
      year: 2027,
      outcome: 'unchanged',
      holidays: 33,
      makeupWorkdays: 8,
    });
    expect({ days: await loadStatutoryCalendar(t.db), years: await listCalendarYears(t.db) }).toEqual(snapshot);

    // The same notice as CSV is the same year: nothing changes either.
    const json = JSON.parse(await readFile(NOTICE_2027, 'utf8')) as { days: { date: string; kind: string; name: string }[] };
    const csv = join(dir, 'notice-2027.csv');
    await writeFile(
      csv,
      ['date,kind,name', ...json.days.map((d) => `${d.date},${d.kind === 'holiday' ? '休' : '班'},${d.name}`)].join('\n'),
    );
    const asCsv = await cli('calendar', 'import', csv, '--notice', '国务院办公厅关于2027年部分节假日安排的通知');
    expect(asCsv.stdout).toContain('nothing changed');
  });
});
