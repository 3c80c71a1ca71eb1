/**
 * What the rows kept by the filter are for: an analysis of any type, the next runs designed around the done ones
 * (optimization), or a CSV/XLSX file. The server writes the rows as the job's input and records where they came
 * from, so the analysis form gets no file to upload, only the input's key and column summaries.
 */
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import type { LogClient } from '../../../src-shared/client/log-client.js';
import type { ExperimentLog, LogView, RowFilter } from '../../../src-shared/logs/experiment-log-api.js';
import { useLanguage, useT } from '../../i18n/useT.js';
import { safeFileName, saveBlob } from '../../shared/save-file.js';
import type { FormJobType } from '../analysis/JobTypePicker.js';
import { errorText } from './error-text.js';
import { logColumns, summariseColumns } from './log-columns.js';
import { setLogJobInput } from './log-input-store.js';
import { nextDesign } from './next-design.js';
import { isEmptyFilter } from './row-filter-draft.js';

/** Rows read to summarise the columns for the form; the API's page limit. */
const SUMMARY_LIMIT = 10_000;

interface Props {
  logs: LogClient;
  log: ExperimentLog;
  filter: RowFilter;
  view: LogView | null;
}

export function LogUseActions({ logs, log, filter, view }: Props) {
  const t = useT();
  const { language } = useLanguage();
  const id = useId();

  const send = useMutation({
    mutationFn: async (jobType: FormJobType) => {
      // The next design augments what was measured, so it takes only the done rows of the current selection.
      const rowsFilter: RowFilter = jobType === 'optimization' ? { ...filter, status: ['done'] } : filter;
      const req = jobType !== 'optimization' && view ? { view_id: view.view_id } : { filter: rowsFilter };
      const input = await logs.makeJobInput(log.log_id, req);
      const rows = await logs.listRows(log.log_id, { filter: rowsFilter, limit: SUMMARY_LIMIT });
      const order = logColumns(log.profile, language).map((c) => c.name);
      const design = jobType === 'optimization' ? nextDesign(log.profile, rows.rows) : null;
      return { input, columns: summariseColumns(rows.rows, order), jobType, design };
    },
    onSuccess: ({ input, columns, jobType, design }) => {
      setLogJobInput({
        jobId: input.job_id,
        inputKey: input.input_key,
        source: input.source,
        columns,
        jobType,
        design,
      });
      window.location.hash = '#/';
    },
  });

  const exportFile = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') =>
      logs.exportRows(log.log_id, { format, ...(view ? { view_id: view.view_id } : {}) }),
    onSuccess: (file) => {
      const bytes = new Uint8Array(file.bytes);
      saveBlob(new Blob([bytes], { type: file.contentType }), safeFileName(file.fileName));
    },
  });

  const unsavedFilter = !view && !isEmptyFilter(filter);

  return (
    <section className="panel log-use" aria-labelledby={`${id}-title`} data-testid="log-use">
      <h3 id={`${id}-title`}>{t('logs.use.title')}</h3>
      <p className="help">{view ? t('logs.use.fromView', { name: view.name }) : t('logs.use.fromFilter')}</p>
      <div className="button-row">
        <button
          type="button"
          disabled={send.isPending}
          onClick={() => send.mutate('linear_analysis')}
          data-testid="analyse-rows"
        >
          {t('logs.use.analyse')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={send.isPending}
          onClick={() => send.mutate('optimization')}
          data-testid="design-next"
        >
          {t('logs.use.designNext')}
        </button>
      </div>
      <p className="help">{t('logs.use.designNext.help')}</p>
      <div className="button-row">
        <button
          type="button"
          className="secondary"
          disabled={exportFile.isPending}
          onClick={() => exportFile.mutate('csv')}
        >
          {t('logs.use.exportCsv')}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={exportFile.isPending}
          onClick={() => exportFile.mutate('xlsx')}
        >
          {t('logs.use.exportXlsx')}
        </button>
      </div>
      <p className="help">
        {view ? t('logs.use.exportView', { name: view.name }) : t('logs.use.exportAll')}
        {unsavedFilter && ` ${t('logs.use.exportSaveFirst')}`}
      </p>
      {send.isPending && <p role="status">{t('logs.use.preparing')}</p>}
      {(send.isError || exportFile.isError) && (
        <p className="inline-error" role="alert">
          {t('logs.use.failed', { message: errorText(send.error ?? exportFile.error) })}
        </p>
      )}
    </section>
  );
}
