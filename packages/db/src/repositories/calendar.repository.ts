import type { Kysely, Transaction } from 'kysely';
import {
  PACKAGE_FIRST_YEAR,
  PACKAGE_LAST_YEAR,
  VERIFIED_YEARS,
  packageCalendarDays,
  type StatutoryDay,
} from '../calendar/chinese-days-source.js';
import type { DB } from '../generated/db.js';

type Db = Kysely<DB> | Transaction<DB>;

export interface CalendarYearRow {
  year: number;
  source: string;
  verified: boolean;
  notice: string | null;
  holidays: number;
  makeupWorkdays: number;
}

export interface CalendarYearInput {
  year: number;
  source: string;
  verified: boolean;
  notice: string | null;
  days: StatutoryDay[];
  importedBy?: number | null;
}

export async function listCalendarYears(db: Db): Promise<CalendarYearRow[]> {
  const rows = await db
    .selectFrom('calendar_year as y')
    .leftJoin('calendar_day as d', 'd.year', 'y.year')
    .select((eb) => [
      'y.year',
      'y.source',
      'y.verified',
      'y.notice',
      eb.fn.count<number>('d.date').filterWhere('d.kind', '=', 'holiday').as('holidays'),
      eb.fn.count<number>('d.date').filterWhere('d.kind', '=', 'makeup_workday').as('makeupWorkdays'),
    ])
    .groupBy('y.year')
    .orderBy('y.year')
    .execute();
  return rows.map((r) => ({ ...r, holidays: Number(r.holidays), makeupWorkdays: Number(r.makeupWorkdays) }));
}

/** Every covered year and its exceptional days: what the pure calendar in core is built from. */
export async function loadStatutoryCalendar(db: Db): Promise<{ years: number[]; days: StatutoryDay[] }> {
  const years = (await db.selectFrom('calendar_year').select('year').orderBy('year').execute()).map((r) => r.year);
  const days = await db.selectFrom('calendar_day').select(['date', 'kind', 'name']).orderBy('date').execute();
  return { years, days: days as StatutoryDay[] };
}

/** Replaces one year whole, in one transaction: a failed import leaves the old year as it was. */
export async function replaceCalendarYear(db: Kysely<DB>, input: CalendarYearInput): Promise<void> {
  // Inside a caller's transaction (a use-case that audits in it) the caller's transaction holds it whole.
  const inTransaction = <T>(fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> =>
    db.isTransaction ? fn(db) : db.transaction().execute(fn);
  await inTransaction(async (trx) => {
    await trx.deleteFrom('calendar_day').where('year', '=', input.year).execute();
    await trx
      .insertInto('calendar_year')
      .values({
        year: input.year,
        source: input.source,
        verified: input.verified,
        notice: input.notice,
        imported_by: input.importedBy ?? null,
      })
      .onConflict((oc) =>
        oc.column('year').doUpdateSet({
          source: input.source,
          verified: input.verified,
          notice: input.notice,
          imported_by: input.importedBy ?? null,
          imported_at: new Date(),
        }),
      )
      .execute();
    if (input.days.length) {
      await trx
        .insertInto('calendar_day')
        .values(input.days.map((d) => ({ ...d, year: input.year })))
        .execute();
    }
  });
}

/**
 * Seeds 2004–2026 from the chinese-days package, once: a year already present (seeded earlier, or
 * entered by an admin from the State Council's notice) is left as it is. Returns the years added.
 */
export async function seedCalendarFromPackage(db: Kysely<DB>): Promise<number[]> {
  const present = new Set((await db.selectFrom('calendar_year').select('year').execute()).map((r) => r.year));
  const added: number[] = [];
  for (let year = PACKAGE_FIRST_YEAR; year <= PACKAGE_LAST_YEAR; year++) {
    if (present.has(year)) continue;
    await replaceCalendarYear(db, {
      year,
      source: 'chinese-days@1.5.7',
      verified: VERIFIED_YEARS.includes(year),
      notice: null,
      days: packageCalendarDays(year),
    });
    added.push(year);
  }
  return added;
}
