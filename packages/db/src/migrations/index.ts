import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-statutory-calendar.js';
import * as m0003 from './0003-officer-availability.js';
import * as m0004 from './0004-obligations-and-rosters.js';
import * as m0005 from './0005-draws.js';
import * as m0006 from './0006-alerts-and-reminders.js';
import * as m0007 from './0007-accounts-security-audit.js';
import * as m0008 from './0008-registry-history-and-import.js';
import * as m0009 from './0009-service-settings-and-heartbeat-interval.js';
import * as m0011 from './0011-draw-redraw-requests.js';
import * as m0012 from './0012-accounts-officers-inbox.js';
import * as m0013 from './0013-field-work.js';
import * as m0015 from './0015-rectification-reviews.js';
import * as m0017 from './0017-penalty-procedure.js';
import * as m0018 from './0018-penalty-statutes.js';
import * as m0019 from './0019-lawful-rectification-deadlines.js';
import * as m0022 from './0022-events-and-complaints.js';
import * as m0023 from './0023-roster-load.js';
import * as m0024 from './0024-dashboard-rollups.js';
import * as m0025 from './0025-worker-resilience.js';
import * as m0026 from './0026-road-permits-and-station-reports.js';
import * as m0027 from './0027-cases-window-credit.js';
import * as m0028 from './0028-import-upload-on-disk.js';
import * as m0029 from './0029-dashboard-rollup-generation.js';
import * as m0031 from './0031-reconcile-at-scale.js';
import * as m0032 from './0032-dashboard-and-session-notifications.js';
import * as m0033 from './0033-coverage-index.js';
import * as m0034 from './0034-reconcile-page-reads-and-planned-marks.js';
import * as m0035 from './0035-draw-tasks-after-execution.js';
import * as m0036 from './0036-entity-search-statistics.js';
import * as m0037 from './0037-rollup-refresh-pacing.js';

/** Every migration, in order. Add a new file and list it here; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-statutory-calendar': m0002,
  '0003-officer-availability': m0003,
  '0004-obligations-and-rosters': m0004,
  '0005-draws': m0005,
  '0006-alerts-and-reminders': m0006,
  '0007-accounts-security-audit': m0007,
  '0008-registry-history-and-import': m0008,
  '0009-service-settings-and-heartbeat-interval': m0009,
  '0011-draw-redraw-requests': m0011,
  '0012-accounts-officers-inbox': m0012,
  '0013-field-work': m0013,
  '0015-rectification-reviews': m0015,
  '0017-penalty-procedure': m0017,
  '0018-penalty-statutes': m0018,
  '0019-lawful-rectification-deadlines': m0019,
  '0022-events-and-complaints': m0022,
  '0023-roster-load': m0023,
  '0024-dashboard-rollups': m0024,
  '0025-worker-resilience': m0025,
  '0026-road-permits-and-station-reports': m0026,
  '0027-cases-window-credit': m0027,
  '0028-import-upload-on-disk': m0028,
  '0029-dashboard-rollup-generation': m0029,
  '0031-reconcile-at-scale': m0031,
  '0032-dashboard-and-session-notifications': m0032,
  '0033-coverage-index': m0033,
  '0034-reconcile-page-reads-and-planned-marks': m0034,
  '0035-draw-tasks-after-execution': m0035,
  '0036-entity-search-statistics': m0036,
  '0037-rollup-refresh-pacing': m0037,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
