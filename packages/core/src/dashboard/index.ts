export * from './figures.js';
export * from './period.js';
