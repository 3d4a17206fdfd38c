export * from './window-service.js';
