/** The log's rows under the filter in effect, a page at a time, in the profile's column order with units. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { LogClient } from '../../../src-shared/client/log-client.js';
import type { ExperimentLog, RowFilter } from '../../../src-shared/logs/experiment-log-api.js';
import { useT } from '../../i18n/useT.js';
import { errorText } from './error-text.js';
import { formatCell, headerText } from './log-columns.js';
import type { LogColumn } from './log-columns.js';
import { StatusBadge } from './StatusBadge.js';
import { logKeys } from './useLogClient.js';

export const PAGE_SIZE = 100;

interface Props {
  logs: LogClient;
  log: ExperimentLog;
  columns: readonly LogColumn[];
  filter: RowFilter;
  pageSize?: number;
}

export function LogRowsGrid({ logs, log, columns, filter, pageSize = PAGE_SIZE }: Props) {
  const t = useT();
  const id = useId();
  const [page, setPage] = useState({ offset: 0, filter });
  // A new filter starts at its first page (reset during render rather than in an effect, so no stale request).
  if (page.filter !== filter) setPage({ offset: 0, filter });
  const offset = page.filter === filter ? page.offset : 0;
  const rows = useQuery({
    queryKey: logKeys.rows(log.log_id, filter, offset, pageSize, log.revision),
    queryFn: ({ signal }) => logs.listRows(log.log_id, { filter, limit: pageSize, offset }, { signal }),
    placeholderData: keepPreviousData,
  });
  const total = rows.data?.total ?? 0;
  const shown = rows.data?.rows ?? [];
  const last = Math.max(0, Math.ceil(total / pageSize) - 1);
  const current = Math.floor(offset / pageSize);

  return (
    <section className="panel log-grid" aria-labelledby={`${id}-title`} data-testid="log-grid">
      <div className="table-head">
        <h3 id={`${id}-title`}>{t('logs.grid.title')}</h3>
        <p role="status" data-testid="grid-total">
          {rows.data === undefined
            ? t('logs.grid.loading')
            : total === 0
              ? t('logs.grid.none')
              : t('logs.grid.range', { from: offset + 1, to: offset + shown.length, total })}
        </p>
      </div>
      {rows.isError && (
        <p className="inline-error" role="alert">
          {t('logs.loadFailed', { message: errorText(rows.error) })}
        </p>
      )}
      {shown.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-title`}>
          <table aria-labelledby={`${id}-title`} aria-busy={rows.isFetching}>
            <thead>
              <tr>
                <th scope="col">{t('logs.grid.status')}</th>
                {columns.map((c) => (
                  <th key={c.name} scope="col" className={c.kind === 'number' ? 'num' : undefined}>
                    {headerText(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.row_id} data-row-id={row.row_id} data-status={row.status}>
                  <td>
                    <StatusBadge status={row.status} />
                  </td>
                  {columns.map((c) => (
                    <td key={c.name} className={c.kind === 'number' ? 'num' : undefined}>
                      {formatCell(row.values[c.name])}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > pageSize && (
        <nav className="pager button-row" aria-label={t('logs.grid.pages')}>
          <button
            type="button"
            className="secondary"
            disabled={current === 0}
            onClick={() => setPage({ offset: Math.max(0, offset - pageSize), filter })}
          >
            {t('logs.grid.previous')}
          </button>
          <span>{t('logs.grid.page', { page: current + 1, pages: last + 1 })}</span>
          <button
            type="button"
            className="secondary"
            disabled={current >= last}
            onClick={() => setPage({ offset: offset + pageSize, filter })}
          >
            {t('logs.grid.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
