/** The desktop shell's offline result store, reached through the preload bridge (see result-store.ts). */
import type { CacheBridge } from '../../../src-shared/ipc/contract.js';
import type { ResultStore } from './result-store.js';

export function bridgeResultStore(shell: CacheBridge): ResultStore {
  return {
    kind: 'bridge',
    async get(jobId) {
      const job = await shell.cacheGet(jobId);
      if (!job) return undefined;
      return {
        jobId: job.jobId,
        result: JSON.parse(job.resultJson) as unknown,
        artifacts: job.artifacts,
        cachedAt: job.cachedAt,
      };
    },
    async getArtifact(jobId, fileKey) {
      const bytes = await shell.cacheGetArtifact(jobId, fileKey);
      if (!bytes) return undefined;
      const cached = await shell.cacheGet(jobId);
      const type = cached?.artifacts.find((a) => a.file_key === fileKey)?.content_type ?? '';
      return new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
    },
    async put(cached, resultJson, files) {
      await shell.cachePut(
        cached.jobId,
        resultJson,
        files.map((f) => ({ artifact: f.artifact, bytes: f.bytes as Uint8Array<ArrayBuffer> })),
      );
    },
    delete: (jobId) => shell.cacheDelete(jobId),
    async list() {
      return (await shell.cacheList()).map((e) => e.jobId);
    },
  };
}
