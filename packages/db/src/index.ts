export { createDb, type Database, type DbConfig } from './client.js';
export { migrateToLatest, type MigrateResult } from './migrate.js';
export { canConnect, databaseName, ensureDatabase, withDatabase } from './server.js';
export type * from './generated/db.js';
export { hashPassword, verifyPassword } from './password.js';
export { heartbeatOf, latestHeartbeat, recordHeartbeat, type HeartbeatInput, type WorkerHeartbeatRow } from './repositories/heartbeat.repository.js';
