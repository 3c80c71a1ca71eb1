/**
 * Answers the renderer's bridge calls, and only for the main window's top frame on the app's own origin, on a
 * `zs:` channel, with arguments that pass the contract's schema, so a compromised page or an injected frame gets
 * nothing. Answers are checked too: a handler bug must not leak unexpected data into the page.
 */
import {
  CHANNEL_PREFIX,
  CHANNEL_SCHEMAS,
  CHANNELS,
  EVENT_SCHEMAS,
  isChannel,
} from '../../src-shared/ipc/contract.js';
import type {
  Channel,
  ChannelRequest,
  ChannelResponse,
  EventChannel,
  EventPayload,
} from '../../src-shared/ipc/contract.js';
import { isAppUrl } from '../security/app-origin.js';

export type Handlers = {
  [C in Channel]: (...args: ChannelRequest<C>) => Promise<ChannelResponse<C>> | ChannelResponse<C>;
};

export class IpcRejected extends Error {
  override name = 'IpcRejected';
}

/** The parts of Electron's IpcMainInvokeEvent the checks read. */
export interface InvokeEvent {
  sender: unknown;
  senderFrame: { url: string } | null;
}

/** The parts of a BrowserWindow the checks read. */
export interface TrustedWindow {
  isDestroyed(): boolean;
  webContents: { mainFrame: unknown; send(channel: string, payload: unknown): void };
}

/** The parts of Electron's ipcMain this module uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** Throws unless the event comes from `window`'s own top frame showing an app:// page. */
export function assertTrustedSender(event: InvokeEvent, window: TrustedWindow | null): void {
  if (!window || window.isDestroyed()) throw new IpcRejected('no main window');
  if (event.sender !== window.webContents) throw new IpcRejected('sender is not the main window');
  const frame = event.senderFrame;
  if (!frame || frame !== window.webContents.mainFrame) throw new IpcRejected('sender is not the top frame');
  if (!isAppUrl(frame.url)) throw new IpcRejected('sender is not an app page');
}

/**
 * Registers one handler per channel of the contract. `getWindow` is read on every call, so a re-created window
 * is trusted and a closed one is not. Returns a function that removes the handlers.
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  handlers: Handlers,
  getWindow: () => TrustedWindow | null,
): () => void {
  const channels = Object.values(CHANNELS);
  for (const channel of channels) {
    if (!isChannel(channel) || !channel.startsWith(CHANNEL_PREFIX)) {
      throw new Error(`IPC channel ${channel} lacks the ${CHANNEL_PREFIX} prefix (STYLE.md §6)`);
    }
    const schema = CHANNEL_SCHEMAS[channel];
    const handler = handlers[channel] as (...args: unknown[]) => unknown;
    ipcMain.handle(channel, async (event, ...args: unknown[]) => {
      assertTrustedSender(event, getWindow());
      const request = schema.request.safeParse(args);
      if (!request.success) throw new IpcRejected(`invalid arguments for ${channel}`);
      const response = schema.response.safeParse(await handler(...request.data));
      if (!response.success) throw new IpcRejected(`invalid answer on ${channel}`);
      return response.data;
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

/** Sends an event to the page after checking its payload; nothing is sent to a closed window. */
export function sendEvent<E extends EventChannel>(
  window: TrustedWindow | null,
  event: E,
  payload: EventPayload<E>,
): void {
  if (!window || window.isDestroyed()) return;
  window.webContents.send(event, EVENT_SCHEMAS[event].parse(payload));
}
