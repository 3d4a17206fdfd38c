export * from './regimes/entity-kinds.js';
