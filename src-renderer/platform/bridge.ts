/**
 * The renderer's only door to the desktop shell: the one place that reads `window.zeroSec`, so the rest
 * of the UI works the same in Electron and in a plain browser (web mode, where there is no bridge).
 */
import { BRIDGE_GLOBAL } from '../../src-shared/ipc/contract.js';
import type { BackendInfo, Bridge } from '../../src-shared/ipc/contract.js';

/** The preload's functions in the desktop app; undefined in web mode. */
export const bridge: Bridge | undefined = (window as Window & { [BRIDGE_GLOBAL]?: Bridge })[BRIDGE_GLOBAL];

export const isDesktop = bridge !== undefined;

/** Where the API lives: the shell's backend in Electron, the page's own origin in web mode. */
export async function resolveBackend(): Promise<BackendInfo> {
  if (bridge) return bridge.getBackend();
  return { url: window.location.origin, token: null };
}
