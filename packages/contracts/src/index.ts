export * from './enums.js';
export * from './validators.js';
export * from './permissions.js';
export * from './errors.js';
export * from './limits.js';
export * from './auth.js';
export * from './declaration-modules.js';
export * from './declaration-state.js';
