/** The HTTP contract in one import for clients. */
export * from './artifacts.js';
export * from './errors.js';
export * from './http.js';
export * from './job-status.js';
export * from './job-types.js';
export * from './results.js';
