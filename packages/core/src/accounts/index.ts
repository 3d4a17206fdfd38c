export * from './password-policy.js';
export * from './login-throttle.js';
export * from './account-rules.js';
export * from './safe-redirect.js';
