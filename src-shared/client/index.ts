/** The API client in one import, for the renderer, the CLI and scripts. */
export * from './api-client.js';
export * from './api-error.js';
export type { RetryEvent } from './http-transport.js';
export type { WatchJobOptions } from './job-watcher.js';
export type { RetryPolicy } from './retry-policy.js';
export type { UploadBody } from './upload-body.js';
