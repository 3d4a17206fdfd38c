export * from './audit-labels.js';
