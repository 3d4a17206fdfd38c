export * from './complaint-rules.js';
