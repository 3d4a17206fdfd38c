export * from './road-permit-rules.js';
