import type { Kysely, Transaction } from 'kysely';
import { countNoticeDays, createCalendar, type ParsedNotice, type StatutoryCalendar } from '@supervise/core';
import { listCalendarYears, loadStatutoryCalendar, replaceCalendarYear } from './calendar.repository.js';
import type { DB } from '../generated/db.js';

type Db = Kysely<DB> | Transaction<DB>;

/** The pure calendar of core, built from every covered year in the database. */
export async function loadCalendar(db: Db): Promise<StatutoryCalendar> {
  const { years, days } = await loadStatutoryCalendar(db);
  return createCalendar(days, years);
}

export type CalendarImportOutcome = 'imported' | 'replaced' | 'unchanged';

export interface CalendarImportResult {
  year: number;
  notice: string | null;
  outcome: CalendarImportOutcome;
  /** The source the year had before, when it was already stored (e.g. `chinese-days@1.5.7`). */
  previousSource: string | null;
  holidays: number;
  makeupWorkdays: number;
}

const dayKey = (d: { date: string; kind: string; name: string }) => `${d.date}|${d.kind}|${d.name}`;

/**
 * Stores a parsed State Council notice as its year, whole (source `import`, verified). A repeated
 * import of the same notice changes nothing; a different one replaces the year in one transaction.
 * Used by the CLI's `calendar import` and the web's import form and API.
 */
export async function importCalendarNotice(
  db: Kysely<DB>,
  input: { parsed: ParsedNotice; notice: string | null; importedBy?: number | null },
): Promise<CalendarImportResult> {
  const { parsed, notice } = input;
  const stored = (await listCalendarYears(db)).find((y) => y.year === parsed.year);
  const counts = countNoticeDays(parsed.days);
  const base = { year: parsed.year, notice, previousSource: stored?.source ?? null, ...counts };
  if (stored && stored.source === 'import' && stored.verified && stored.notice === notice) {
    const storedDays = (await loadStatutoryCalendar(db)).days.filter((d) => d.date.startsWith(`${parsed.year}-`));
    const a = storedDays.map(dayKey).sort();
    const b = parsed.days.map(dayKey).sort();
    if (a.length === b.length && a.every((k, i) => k === b[i])) return { ...base, outcome: 'unchanged' };
  }
  await replaceCalendarYear(db, {
    year: parsed.year,
    source: 'import',
    verified: true,
    notice,
    days: parsed.days,
    importedBy: input.importedBy ?? null,
  });
  return { ...base, outcome: stored ? 'replaced' : 'imported' };
}
