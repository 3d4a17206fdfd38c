export * from './case-rules.js';
