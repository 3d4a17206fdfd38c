export { noticePrefixOfRegime, parseDocumentNumber } from './notice-number.js';
export * from './deadline-policy.js';
export * from './extension.js';
export * from './service.js';
export * from './review.js';
export * from './state-machine.js';
