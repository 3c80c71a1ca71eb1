/** The upload bar of a submission, with its cancel button, then the job-creation step. */
import { useT } from '../../i18n/useT.js';
import { formatBytes } from '../../shared/format.js';
import type { SubmitState } from './useSubmitJob.js';

export function UploadProgress({ state, onCancel }: { state: SubmitState; onCancel(): void }) {
  const t = useT();
  if (state.phase === 'uploading') {
    const percent = state.total > 0 ? Math.round((state.sent / state.total) * 100) : 0;
    return (
      <div className="upload-progress" role="status" data-testid="upload-progress">
        <label>
          {t('upload.progress', { sent: formatBytes(state.sent), total: formatBytes(state.total), percent })}
          <progress max={100} value={percent} />
        </label>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('upload.cancel')}
        </button>
      </div>
    );
  }
  if (state.phase === 'creating') return <p role="status">{t('upload.creating')}</p>;
  if (state.phase === 'cancelled') return <p role="status">{t('upload.cancelled')}</p>;
  if (state.phase === 'error') {
    return (
      <p className="inline-error" role="alert">
        {t('upload.failed', { message: state.message })}
      </p>
    );
  }
  return null;
}
