/**
 * The renderer's only door to the desktop shell: the one place that reads `window.zeroSec`, so the rest
 * of the UI works the same in Electron and in a plain browser (web mode, where there is no bridge).
 */
import { checkedBridge } from '../../src-shared/ipc/checked-bridge.js';
import { BRIDGE_GLOBAL } from '../../src-shared/ipc/contract.js';
import type { BackendInfo, Bridge, CacheBridge } from '../../src-shared/ipc/contract.js';

const raw: Bridge | undefined =
  typeof window === 'undefined'
    ? undefined
    : (window as Window & { [BRIDGE_GLOBAL]?: Bridge })[BRIDGE_GLOBAL];

/** The preload's functions in the desktop app, with every argument and answer checked; undefined in web mode. */
export const bridge: Bridge | undefined = raw ? checkedBridge(raw) : undefined;

export const isDesktop = bridge !== undefined;

/**
 * Where the API lives. In Electron the shell decides (its embedded backend, or the remote server saved through
 * `setBackendSettings`; the page's security policy admits only that one). In a browser: a remote server when the
 * settings name one, else the page's own origin.
 */
export async function resolveBackend(remote?: { url: string; token: string | null }): Promise<BackendInfo> {
  if (bridge) return bridge.getBackend();
  if (remote) return { url: remote.url, token: remote.token };
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
