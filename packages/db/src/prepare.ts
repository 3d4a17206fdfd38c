import type { Database } from './client.js';
import { migrateToLatest } from './migrate.js';
import { seedCalendarFromPackage } from './repositories/calendar.repository.js';
import { ensureInServiceFrom } from './repositories/service-setting.repository.js';

export interface PreparedDatabase {
  /** Migrations applied by this call. */
  applied: string[];
  /** Statutory-calendar years seeded from `chinese-days` by this call. */
  calendarSeeded: number[];
  /** The day the system went into service (set by the first call). */
  inServiceFrom: string;
}

/**
 * What `supervise migrate` and `supervise start` do, and what every CLI command does first on the
 * embedded database: the schema up to date, the statutory calendar 2004–2026 seeded once (imported
 * years kept), and the in-service day set once (issue 8 §4). Idempotent and quick when done.
 */
export async function prepareDatabase(db: Database, today: string): Promise<PreparedDatabase> {
  const { applied } = await migrateToLatest(db);
  const calendarSeeded = await seedCalendarFromPackage(db);
  const inServiceFrom = await ensureInServiceFrom(db, today);
  return { applied, calendarSeeded, inServiceFrom };
}
