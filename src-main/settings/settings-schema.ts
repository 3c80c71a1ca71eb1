/**
 * What the shell remembers between launches (window placement, recent files, which backend), as zod schemas:
 * a change is checked strictly before it is saved, while a hand-edited or older file is repaired field by field
 * on reading instead of stopping the app.
 */
import { z } from 'zod';
import { BackendSettings } from '../../src-shared/ipc/contract.js';

export const WindowBounds = z.strictObject({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(200).max(20000),
  height: z.number().int().min(200).max(20000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.infer<typeof WindowBounds>;

export const MAX_RECENT_FILES = 10;
const DEFAULT_CACHE_BYTES = 2 * 1024 * 1024 * 1024;

const fields = {
  window: WindowBounds.nullable(),
  recentFiles: z.array(z.string().min(1).max(4096)).max(MAX_RECENT_FILES),
  backend: BackendSettings,
  /** Offline cache size cap in bytes. */
  cacheMaxBytes: z
    .number()
    .int()
    .min(16 * 1024 * 1024),
};

/** The settings as saved: every field checked. */
export const ShellSettings = z.object({
  version: z.literal(1),
  ...fields,
});
export type ShellSettings = z.infer<typeof ShellSettings>;

export const DEFAULT_SETTINGS: ShellSettings = {
  version: 1,
  window: null,
  recentFiles: [],
  backend: { mode: 'embedded' },
  cacheMaxBytes: DEFAULT_CACHE_BYTES,
};

/** The settings as read: a missing or invalid field takes its default, the others are kept. */
export const StoredSettings = z.object({
  version: z.literal(1).catch(1),
  window: fields.window.catch(DEFAULT_SETTINGS.window),
  recentFiles: fields.recentFiles.catch(DEFAULT_SETTINGS.recentFiles),
  backend: fields.backend.catch(DEFAULT_SETTINGS.backend),
  cacheMaxBytes: fields.cacheMaxBytes.catch(DEFAULT_SETTINGS.cacheMaxBytes),
});
