/**
 * The rows of a log under one filter: the panel that sets it, the saved views that name it, what can be done with
 * the rows it keeps (analyse, design next runs, export) and the grid that shows them.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { LogClient } from '../../../src-shared/client/log-client.js';
import type { ExperimentLog, LogView, RowFilter } from '../../../src-shared/logs/experiment-log-api.js';
import { useLanguage } from '../../i18n/useT.js';
import { logColumns } from './log-columns.js';
import { LogRowsGrid } from './LogRowsGrid.js';
import { LogUseActions } from './LogUseActions.js';
import { RowFilterPanel } from './RowFilterPanel.js';
import { SavedViews } from './SavedViews.js';
import { logKeys } from './useLogClient.js';

/** Rows read to list the values present and the observed ranges; the API's page limit. */
const VALUE_SCAN_LIMIT = 10_000;

export function LogRowsTab({ logs, log }: { logs: LogClient; log: ExperimentLog }) {
  const { language } = useLanguage();
  const [filter, setFilter] = useState<RowFilter>({});
  const [view, setView] = useState<LogView | null>(null);
  const columns = useMemo(() => logColumns(log.profile, language), [log.profile, language]);
  // Keyed by revision: an import or restore changes which values are present.
  const all = useQuery({
    queryKey: logKeys.rows(log.log_id, 'all', log.revision),
    queryFn: ({ signal }) => logs.listRows(log.log_id, { limit: VALUE_SCAN_LIMIT }, { signal }),
  });

  return (
    <div className="log-rows">
      <div className="log-rows-side">
        <RowFilterPanel
          // Re-created when a view is applied, so its boxes show the view's filter.
          key={view?.view_id ?? 'adhoc'}
          profile={log.profile}
          columns={columns}
          rows={all.data?.rows ?? []}
          applied={filter}
          onApply={(next) => {
            setFilter(next);
            setView(null);
          }}
        />
        <SavedViews
          logs={logs}
          logId={log.log_id}
          filter={filter}
          active={view}
          onSelect={(chosen) => {
            setView(chosen);
            setFilter(chosen?.filter ?? {});
          }}
        />
      </div>
      <div className="log-rows-main">
        <LogUseActions logs={logs} log={log} filter={filter} view={view} />
        <LogRowsGrid logs={logs} log={log} columns={columns} filter={filter} />
      </div>
    </div>
  );
}
