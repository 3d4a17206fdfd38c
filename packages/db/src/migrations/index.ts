import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-statutory-calendar.js';

/** Every migration, in order. Add a new file and list it here; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-statutory-calendar': m0002,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
