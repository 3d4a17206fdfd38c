export * from './station-report-rules.js';
