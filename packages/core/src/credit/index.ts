export * from './credit-grade.js';
