/** Step 1 of an analysis: pick the data file and see it at once. */
import { useState } from 'react';
import { useT } from '../../i18n/useT.js';
import { formatBytes } from '../../shared/format.js';
import { DataSetList } from './DataSetList.js';
import { DropZone } from './DropZone.js';
import { PreviewError } from './PreviewError.js';
import { PreviewTable } from './PreviewTable.js';
import { loadSampleFile } from './sample-data.js';
import type { PreviewState } from './usePreview.js';

interface Props {
  state: PreviewState;
  onFile(file: File): void;
}

export function DataPanel({ state, onFile }: Props) {
  const t = useT();
  const [sampleBusy, setSampleBusy] = useState(false);
  const [sampleError, setSampleError] = useState<string | null>(null);

  const onSample = async () => {
    setSampleBusy(true);
    setSampleError(null);
    try {
      onFile(await loadSampleFile());
    } catch (error) {
      setSampleError(error instanceof Error ? error.message : String(error));
    } finally {
      setSampleBusy(false);
    }
  };

  return (
    <section aria-labelledby="data-title" className="panel">
      <h2 id="data-title">{t('data.title')}</h2>
      <DropZone onFile={onFile} onSample={onSample} sampleBusy={sampleBusy} />
      <DataSetList onFile={onFile} />
      {sampleError && (
        <p className="inline-error" role="alert">
          {t('data.sampleFailed', { message: sampleError })}
        </p>
      )}
      {state.status !== 'idle' && (
        <p className="file-line" data-testid="file-line">
          {t('data.file', { name: state.file.name, size: formatBytes(state.file.size) })}
        </p>
      )}
      {state.status === 'parsing' && <p role="status">{t('preview.parsing')}</p>}
      {state.status === 'failed' && (
        <p className="inline-error" role="alert">
          {t('preview.failed', { message: state.message })}
        </p>
      )}
      {state.status === 'done' && state.result.status === 'error' && (
        <PreviewError error={state.result.error} />
      )}
      {state.status === 'done' && state.result.status === 'no_preview' && (
        <p role="status">{t('preview.xlsx')}</p>
      )}
      {state.status === 'done' && state.result.status === 'table' && (
        <PreviewTable preview={state.result.preview} fileName={state.file.name} />
      )}
    </section>
  );
}
