/** A row's status as a word and a shape, not only a colour (readable in monochrome and by screen readers). */
import type { RowStatus } from '../../../src-shared/logs/experiment-log-api.js';
import { useT } from '../../i18n/useT.js';

export function StatusBadge({ status }: { status: RowStatus }) {
  const t = useT();
  return (
    <span className="status-badge" data-status={status}>
      <span aria-hidden="true">{status === 'done' ? '●' : '○'}</span> {t(`logs.status.${status}`)}
    </span>
  );
}
