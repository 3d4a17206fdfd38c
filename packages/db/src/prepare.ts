import type { Database } from './client.js';
import { migrateToLatest } from './migrate.js';
import { seedCalendarFromPackage } from './repositories/calendar.repository.js';
import { rebuildRollupsIn } from './repositories/dashboard-rollup.repository.js';
import { ensureInServiceFrom } from './repositories/service-setting.repository.js';

/** The migration that adds the dashboard's rollups (issue 12 §5). */
const ROLLUPS_MIGRATION = '0024-dashboard-rollups';

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
  // Issue 12 §5: on the upgrade that adds the dashboard's rollups, the records already there are
  // counted at once (the worker would otherwise fill them in over its first cycles).
  if (applied.includes(ROLLUPS_MIGRATION)) await db.transaction().execute((tx) => rebuildRollupsIn(tx));
  const calendarSeeded = await seedCalendarFromPackage(db);
  const inServiceFrom = await ensureInServiceFrom(db, today);
  return { applied, calendarSeeded, inServiceFrom };
}
