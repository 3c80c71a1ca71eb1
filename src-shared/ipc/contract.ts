/**
 * The one agreement between the Electron main process, the preload and the renderer, so none of them
 * can drift: channel names, payload schemas, and the `Bridge` the renderer sees as `window.zeroSec`.
 *
 * Glossary:
 * - *channel*: an `ipcMain.handle` name; every one carries the `zs:` prefix and both sides reject others.
 * - *bridge*: the object of named functions the preload exposes through `contextBridge`; the renderer
 *   never sees raw IPC (STYLE.md §6 "Preload and IPC").
 * - *backend*: the HTTP API the UI talks to, the embedded one the shell started or a remote one.
 *
 * The preload imports this module for types only (a sandboxed preload cannot load our modules at run
 * time), so it re-declares the channel strings and checks them against `Channel`.
 */
import { z } from 'zod';

export const CHANNEL_PREFIX = 'zs:';

export const CHANNELS = {
  getBackend: 'zs:get-backend',
  getAppInfo: 'zs:get-app-info',
} as const;
export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

const CHANNEL_SET: ReadonlySet<string> = new Set(Object.values(CHANNELS));
export const isChannel = (name: string): name is Channel =>
  name.startsWith(CHANNEL_PREFIX) && CHANNEL_SET.has(name);

/** Where the renderer finds the HTTP API, and the bearer token it must send (null: none needed). */
export const BackendInfo = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  token: z.string().min(1).nullable(),
});
export type BackendInfo = z.infer<typeof BackendInfo>;

export const AppInfo = z.strictObject({
  version: z.string().min(1),
  platform: z.string().min(1),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Requests carry no arguments today; the schema still runs so a future argument is never unchecked. */
const NoArgs = z.tuple([]);

/** Request (the `invoke` arguments) and response schema of every channel; the main process validates both. */
export const CHANNEL_SCHEMAS = {
  [CHANNELS.getBackend]: { request: NoArgs, response: BackendInfo },
  [CHANNELS.getAppInfo]: { request: NoArgs, response: AppInfo },
} as const satisfies Record<Channel, { request: z.ZodType<unknown[]>; response: z.ZodType }>;

export type ChannelRequest<C extends Channel> = z.infer<(typeof CHANNEL_SCHEMAS)[C]['request']>;
export type ChannelResponse<C extends Channel> = z.infer<(typeof CHANNEL_SCHEMAS)[C]['response']>;

/** What `window.zeroSec` offers in the desktop app; in web mode there is no bridge at all. */
export interface Bridge {
  getBackend(): Promise<BackendInfo>;
  getAppInfo(): Promise<AppInfo>;
}

/** The property name on `window`; only `src-renderer/platform/bridge.ts` reads it. */
export const BRIDGE_GLOBAL = 'zeroSec';
