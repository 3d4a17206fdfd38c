export * from './roles.js';
export * from './scope.js';
export * from './permissions.js';
export * from './routes.js';
