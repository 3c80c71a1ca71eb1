/** The browser's offline result store: IndexedDB's `results` and `artifacts` stores (see result-store.ts). */
import { idbAvailable, idbDelete, idbGet, idbGetAll, idbPut, idbPutMany } from './idb.js';
import type { CachedResult, ResultStore } from './result-store.js';

export function idbResultStore(): ResultStore {
  return {
    kind: 'indexeddb',
    async get(jobId) {
      return idbAvailable() ? idbGet<CachedResult>('results', jobId) : undefined;
    },
    async getArtifact(jobId, fileKey) {
      return idbAvailable() ? idbGet<Blob>('artifacts', `${jobId}/${fileKey}`) : undefined;
    },
    async put(cached, _resultJson, files) {
      if (!idbAvailable()) return;
      await idbPutMany(
        'artifacts',
        files.map(({ artifact, bytes }) => [
          `${cached.jobId}/${artifact.file_key}`,
          new Blob([bytes as Uint8Array<ArrayBuffer>], { type: artifact.content_type }),
        ]),
      );
      await idbPut('results', cached.jobId, cached);
    },
    async delete(jobId) {
      if (!idbAvailable()) return false;
      const existing = await idbGet<CachedResult>('results', jobId);
      if (!existing) return false;
      for (const a of existing.artifacts) await idbDelete('artifacts', `${jobId}/${a.file_key}`);
      await idbDelete('results', jobId);
      return true;
    },
    async list() {
      if (!idbAvailable()) return [];
      const all = await idbGetAll<CachedResult>('results');
      return all.sort((a, b) => b.cachedAt.localeCompare(a.cachedAt)).map((r) => r.jobId);
    },
  };
}
