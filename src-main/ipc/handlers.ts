/**
 * Answers the renderer's bridge calls, and only for the main window's top frame on a `zs:` channel with
 * arguments that pass the contract's schema, so a compromised page or an injected frame gets nothing.
 */
import { ipcMain } from 'electron';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_PREFIX, CHANNEL_SCHEMAS, CHANNELS, isChannel } from '../../src-shared/ipc/contract.js';
import type { Channel, ChannelRequest, ChannelResponse } from '../../src-shared/ipc/contract.js';

export type Handlers = {
  [C in Channel]: (...args: ChannelRequest<C>) => Promise<ChannelResponse<C>> | ChannelResponse<C>;
};

export class IpcRejected extends Error {
  override name = 'IpcRejected';
}

/** Throws unless the event comes from `window`'s own top frame (not a sub-frame, not another window). */
export function assertTrustedSender(event: IpcMainInvokeEvent, window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) throw new IpcRejected('no main window');
  if (event.sender !== window.webContents) throw new IpcRejected('sender is not the main window');
  const frame = event.senderFrame;
  if (!frame || frame !== window.webContents.mainFrame) throw new IpcRejected('sender is not the top frame');
}

/**
 * Registers one `ipcMain.handle` per channel of the contract. `getWindow` is read on every call, so a
 * re-created window is trusted and a closed one is not. Returns a function that removes the handlers.
 */
export function registerIpcHandlers(handlers: Handlers, getWindow: () => BrowserWindow | null): () => void {
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
      // The response is checked too: a handler bug must not leak unexpected data into the page.
      return schema.response.parse(await handler(...request.data));
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
