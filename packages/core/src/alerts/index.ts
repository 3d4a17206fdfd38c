export * from './alert-rules.js';
export * from './escalation.js';
export * from './quiet-hours.js';
export * from './render.js';
export * from './inbox-line.js';
