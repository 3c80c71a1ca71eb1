/**
 * The renderer's only door to the desktop shell: the one place that reads `window.zeroSec`, so the rest
 * of the UI works the same in Electron and in a plain browser (web mode, where there is no bridge).
 */
import { BRIDGE_GLOBAL } from '../../src-shared/ipc/contract.js';
import type { BackendInfo, Bridge, CacheBridge } from '../../src-shared/ipc/contract.js';

/** The preload's functions in the desktop app; undefined in web mode. */
export const bridge: Bridge | undefined =
  typeof window === 'undefined'
    ? undefined
    : (window as Window & { [BRIDGE_GLOBAL]?: Bridge })[BRIDGE_GLOBAL];

export const isDesktop = bridge !== undefined;

/**
 * Where the API lives: a remote server when the settings name one, else the shell's embedded backend in Electron
 * and the page's own origin in web mode.
 */
export async function resolveBackend(remote?: { url: string; token: string | null }): Promise<BackendInfo> {
  if (remote) return { url: remote.url, token: remote.token };
  if (bridge) return bridge.getBackend();
  return { url: window.location.origin, token: null };
}

/** The shell's offline cache, when this shell's preload offers every cache function; undefined otherwise. */
export function cacheBridge(): CacheBridge | undefined {
  const b = bridge;
  if (!b?.cacheList || !b.cacheGet || !b.cacheGetArtifact || !b.cachePut || !b.cacheDelete) return undefined;
  return {
    cacheList: b.cacheList.bind(b),
    cacheGet: b.cacheGet.bind(b),
    cacheGetArtifact: b.cacheGetArtifact.bind(b),
    cachePut: b.cachePut.bind(b),
    cacheDelete: b.cacheDelete.bind(b),
  };
}
