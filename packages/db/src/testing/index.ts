export { bulkInsertFloorMs } from './bench-baseline.js';
export { createTestDatabase, ensureTemplate, templateName, testServerUrl, type TestDatabase } from './test-database.js';
