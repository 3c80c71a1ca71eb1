/** Step 1 of an analysis: pick the data file and see it at once. */
import { useState } from 'react';
import type { ReactNode } from 'react';
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
  /** Rows of an experiment log chosen as the data instead of a file (shown in place of the file's preview). */
  logInput?: ReactNode;
}

export function DataPanel({ state, onFile, logInput }: Props) {
  const t = useT();
  const [sampleBusy, setSampleBusy] = useState(false);
  // Log rows replace the file: its preview would describe data the analysis no longer uses.
  const shown: PreviewState = logInput ? { status: 'idle' } : state;
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
      {logInput}
      <DataSetList onFile={onFile} />
      {sampleError && (
        <p className="inline-error" role="alert">
          {t('data.sampleFailed', { message: sampleError })}
        </p>
      )}
      {shown.status !== 'idle' && (
        <p className="file-line" data-testid="file-line">
          {t('data.file', { name: shown.file.name, size: formatBytes(shown.file.size) })}
        </p>
      )}
      {shown.status === 'parsing' && <p role="status">{t('preview.parsing')}</p>}
      {shown.status === 'failed' && (
        <p className="inline-error" role="alert">
          {t('preview.failed', { message: shown.message })}
        </p>
      )}
      {shown.status === 'done' && shown.result.status === 'error' && (
        <PreviewError error={shown.result.error} />
      )}
      {shown.status === 'done' && shown.result.status === 'no_preview' && (
        <p role="status">{t('preview.xlsx')}</p>
      )}
      {shown.status === 'done' && shown.result.status === 'table' && (
        <PreviewTable preview={shown.result.preview} fileName={shown.file.name} />
      )}
    </section>
  );
}
