/**
 * Importing a filled-in form or result file into a log, in two steps: the file is uploaded and previewed (what
 * would be inserted, updated, left unchanged or rejected, and why), then committed as one revision, or dropped.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { LogClient } from '../../../src-shared/client/log-client.js';
import type { ExperimentLog, ImportResponse } from '../../../src-shared/logs/experiment-log-api.js';
import { useApi } from '../../api/useApi.js';
import { useT } from '../../i18n/useT.js';
import { contentTypeOf } from '../analysis/submit-job.js';
import { DropZone } from '../data/DropZone.js';
import { errorText } from './error-text.js';
import { ImportPreviewView } from './ImportPreviewView.js';
import { logHash } from '../../shared/useHashRoute.js';
import { logKeys } from './useLogClient.js';

type Step =
  | { step: 'choose' }
  | { step: 'preview'; inputKey: string; response: ImportResponse }
  | { step: 'committed'; response: ImportResponse };

export function LogImport({ logs, log }: { logs: LogClient; log: ExperimentLog }) {
  const t = useT();
  const id = useId();
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<Step>({ step: 'choose' });
  const [note, setNote] = useState('');

  const preview = useMutation({
    mutationFn: async (file: File) => {
      if (!client) throw new Error(t('logs.unavailable'));
      const contentType = contentTypeOf(file.name);
      const body = file.type === contentType ? file : new Blob([file], { type: contentType });
      const presign = await client.presignUpload({
        filename: file.name,
        content_type: contentType,
        size_bytes: body.size,
      });
      await client.uploadFile(presign, body);
      const response = await logs.importFile(log.log_id, { input_key: presign.key, commit: false });
      return { inputKey: presign.key, response };
    },
    onSuccess: ({ inputKey, response }) => setStep({ step: 'preview', inputKey, response }),
  });
  const commit = useMutation({
    mutationFn: (inputKey: string) =>
      logs.importFile(log.log_id, {
        input_key: inputKey,
        commit: true,
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: async (response) => {
      setStep({ step: 'committed', response });
      setNote('');
      await queryClient.invalidateQueries({ queryKey: logKeys.all });
    },
  });

  const reset = () => {
    preview.reset();
    commit.reset();
    setStep({ step: 'choose' });
  };

  return (
    <section className="panel log-import" aria-labelledby={`${id}-title`} data-testid="log-import">
      <h3 id={`${id}-title`}>{t('logs.import.title')}</h3>
      {step.step === 'choose' && (
        <>
          <p className="help">{t('logs.import.intro')}</p>
          <DropZone onFile={(file) => preview.mutate(file)} hint={t('logs.import.dropHint')} />
          {preview.isPending && <p role="status">{t('logs.import.reading')}</p>}
          {preview.isError && (
            <p className="inline-error" role="alert">
              {t('logs.import.failed', { message: errorText(preview.error) })}
            </p>
          )}
        </>
      )}
      {step.step === 'preview' && (
        <>
          <ImportPreviewView preview={step.response.preview} />
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('logs.import.note')}</label>
            <input
              id={`${id}-note`}
              type="text"
              maxLength={1000}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          </div>
          <div className="button-row">
            <button
              type="button"
              data-testid="import-commit"
              disabled={
                commit.isPending ||
                step.response.preview.counts.insert + step.response.preview.counts.update === 0
              }
              onClick={() => commit.mutate(step.inputKey)}
            >
              {t('logs.import.commit')}
            </button>
            <button type="button" className="secondary" onClick={reset} disabled={commit.isPending}>
              {t('logs.import.cancel')}
            </button>
          </div>
          {commit.isError && (
            <p className="inline-error" role="alert">
              {t('logs.import.failed', { message: errorText(commit.error) })}
            </p>
          )}
        </>
      )}
      {step.step === 'committed' && (
        <div role="status" data-testid="import-done">
          <p>
            {step.response.revision
              ? t('logs.import.committed', {
                  revision: step.response.revision.revision,
                  inserted: step.response.revision.summary.inserted,
                  updated: step.response.revision.summary.updated,
                  rejected: step.response.revision.summary.rejected,
                })
              : t('logs.import.nothingCommitted')}
          </p>
          <div className="button-row">
            <a href={logHash(log.log_id)}>{t('logs.import.seeRows')}</a>
            <button type="button" className="secondary" onClick={reset}>
              {t('logs.import.another')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
