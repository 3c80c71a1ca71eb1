/**
 * The messages between the shell and the backend's process, checked with zod on both ends: the secret travels
 * in a message (not argv or the environment, which other tools can list), and readiness is an explicit message.
 */
import { z } from 'zod';

export const StartMessage = z.strictObject({
  type: z.literal('start'),
  /** Per-launch bearer token the API will require. */
  token: z.string().min(32),
  /** Page origins allowed by CORS (the app:// origin). */
  origins: z.array(z.string().min(1)).max(4),
  /** The port to listen on: 0 for a random free one, or the last one (a restart keeps the page's URL). */
  port: z.number().int().min(0).max(65535),
  /** Data folder; null for the default (ZEROSEC_DATA_DIR or the OS app-data folder). */
  dataDir: z.string().min(1).nullable(),
});
export type StartMessage = z.infer<typeof StartMessage>;

export const ShutdownMessage = z.strictObject({ type: z.literal('shutdown') });

export const ParentMessage = z.discriminatedUnion('type', [StartMessage, ShutdownMessage]);
export type ParentMessage = z.infer<typeof ParentMessage>;

export const ChildMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ready'), url: z.url({ protocol: /^http$/ }) }),
  z.strictObject({ type: z.literal('fatal'), message: z.string() }),
]);
export type ChildMessage = z.infer<typeof ChildMessage>;
