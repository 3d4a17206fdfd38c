export * from './task-groups.js';
export * from './entity-file.js';
