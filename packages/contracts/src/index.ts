export * from './enums.js';
export * from './validators.js';
export * from './permissions.js';
export * from './errors.js';
export * from './limits.js';
export * from './auth.js';
export * from './modules-catalogue.js';
export * from './reference.js';
