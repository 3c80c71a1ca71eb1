/** The job's output files, downloadable from the offline cache or, failing that, from the server. */
import { useState } from 'react';
import type { Artifact } from '../../../src-shared/api/index.js';
import { useApi } from '../../api/useApi.js';
import { useT } from '../../i18n/useT.js';
import { formatBytes } from '../../shared/format.js';
import { safeFileName, saveBlob } from '../../shared/save-file.js';
import { loadArtifact } from '../offline/result-cache.js';

export function ArtifactsList({ jobId, artifacts }: { jobId: string; artifacts: Artifact[] }) {
  const t = useT();
  const { client } = useApi();
  const [problem, setProblem] = useState<string | null>(null);

  const download = async (artifact: Artifact) => {
    setProblem(null);
    try {
      let blob = await loadArtifact(jobId, artifact.file_key).catch(() => undefined);
      if (!blob) {
        if (!client) throw new Error('no backend');
        const file = await client.download(jobId, artifact.file_key);
        blob = new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: artifact.content_type });
      }
      saveBlob(blob, safeFileName(artifact.file_name));
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  };

  return (
    <section aria-labelledby="artifacts-title" className="artifacts">
      <h3 id="artifacts-title">{t('result.artifacts')}</h3>
      {artifacts.length === 0 && <p className="help">{t('result.noArtifacts')}</p>}
      <ul>
        {artifacts.map((a) => (
          <li key={a.file_key}>
            <button
              type="button"
              className="secondary"
              aria-label={t('result.downloadOf', { name: a.file_name })}
              onClick={() => void download(a)}
            >
              {t('result.download')}
            </button>{' '}
            {a.file_name} <span className="help">({formatBytes(a.size_bytes)})</span>
          </li>
        ))}
      </ul>
      {problem && (
        <p className="inline-error" role="alert">
          {t('result.downloadFailed', { message: problem })}
        </p>
      )}
    </section>
  );
}
