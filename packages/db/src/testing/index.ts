export { bulkInsertFloorMs, copyRowsFloorMs, copyRowsIntoTablesMs } from './bench-baseline.js';
export {
  cloneDatabase,
  createTestDatabase,
  databaseExists,
  ensureTemplate,
  keepDatabase,
  templateName,
  testServerUrl,
  type TestDatabase,
} from './test-database.js';
export { createCaseFixture, createRoleActor, type CaseFixture, type CaseFixtureOptions } from './case-fixture.js';
export { smallPng } from './small-png.js';
export { rawQuery } from './raw-query.js';
export { rowsAsText } from './rows-as-text.js';
export { tableRowCounts } from './table-row-counts.js';
export { createTestAppRole, type TestAppRole } from './app-role.js';
export { bombStream, lyingZipBombXlsx, zip } from './zip-bomb.js';
export { statementRecorder } from './statement-recorder.js';
