/**
 * Where finished jobs' result.json and artifacts are kept offline: the desktop shell's cache through the preload
 * bridge when it offers one, IndexedDB in a browser. Both variants implement `ResultStore`, so result-cache.ts never
 * knows which it has. Counterpart: `CACHE_CHANNELS` in src-shared/ipc/contract.ts (the shell's side).
 */
import type { Artifact } from '../../../src-shared/api/index.js';
import { cacheBridge } from '../../platform/bridge.js';
import { bridgeResultStore } from './result-store.bridge.js';
import { idbResultStore } from './result-store.idb.js';

export interface CachedResult {
  jobId: string;
  /** result.json as parsed JSON; decoded (and version-checked) by the view. */
  result: unknown;
  artifacts: Artifact[];
  cachedAt: string;
}

export interface ArtifactFile {
  artifact: Artifact;
  bytes: Uint8Array;
}

export interface ResultStore {
  readonly kind: 'bridge' | 'indexeddb';
  get(jobId: string): Promise<CachedResult | undefined>;
  getArtifact(jobId: string, fileKey: string): Promise<Blob | undefined>;
  /** `resultJson` is the file's text exactly as downloaded. */
  put(cached: CachedResult, resultJson: string, files: readonly ArtifactFile[]): Promise<void>;
  delete(jobId: string): Promise<boolean>;
  /** Cached job ids, newest first. */
  list(): Promise<string[]>;
}

let chosen: ResultStore | null = null;

export function resultStore(): ResultStore {
  if (chosen) return chosen;
  const shell = cacheBridge();
  chosen = shell ? bridgeResultStore(shell) : idbResultStore();
  return chosen;
}

/** For tests: choose again (after stubbing the bridge). */
export function resetResultStore(): void {
  chosen = null;
}
