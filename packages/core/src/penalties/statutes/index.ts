export * from './statute-types.js';
export * from './statute-table.js';
export * from './statute-lighter.js';
