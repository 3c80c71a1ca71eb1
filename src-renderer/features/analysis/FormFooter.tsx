/** The end every analysis form shares: what is still wrong, the start button, and the upload's progress. */
import { useT } from '../../i18n/useT.js';
import { UploadProgress } from './UploadProgress.js';
import type { SubmitState } from './useSubmitJob.js';

export function FormFooter(props: {
  attempted: boolean;
  hasFile: boolean;
  problemCount: number;
  busy: boolean;
  state: SubmitState;
  onCancel(): void;
}) {
  const t = useT();
  return (
    <>
      {props.attempted && !props.hasFile && (
        <p className="field-error" role="alert">
          {t('validation.noFile')}
        </p>
      )}
      {props.attempted && props.problemCount > 0 && (
        <p className="field-error" role="alert" data-testid="form-problems">
          {t('validation.summary', { count: props.problemCount })}
        </p>
      )}
      <div className="button-row">
        <button type="submit" disabled={props.busy} data-testid="start-analysis">
          {t('analysis.start')}
        </button>
      </div>
      <UploadProgress state={props.state} onCancel={props.onCancel} />
    </>
  );
}
