/** What every experiment-log route shares: the repositories, and loading a log only its owner may see. */
import { z } from 'zod';
import { notFound, validationFailed } from '../../../core/errors.js';
import { LogRepository } from '../../../core/logs/log-repository.js';
import { ProfileRepository } from '../../../core/logs/profile-repository.js';
import type { LogRecord, RowVersionRecord } from '../../../core/logs/log-records.js';
import type { DomainProfile } from '../../../../src-shared/logs/domain-profile.js';
import type { LogRow, RowFilter } from '../../../../src-shared/logs/experiment-log-api.js';
import { filterProblems, matchesFilter } from '../../../experiment-log/index.js';
import { toLogRow } from '../../../core/logs/log-records.js';
import { visibleTo } from '../../plugins/token-auth.js';

export const LogIdParams = z.strictObject({ log_id: z.uuid() });
export const ViewIdParams = z.strictObject({ log_id: z.uuid(), view_id: z.uuid() });

export interface LogContext {
  logs: LogRepository;
  profiles: ProfileRepository;
  /** The log, or a 404 that reads the same for another user's log as for a missing one (ids cannot be probed). */
  loadLog(logId: string, requester: string | null): Promise<LogRecord>;
}

export function logContext(db: ConstructorParameters<typeof LogRepository>[0]): LogContext {
  const logs = new LogRepository(db);
  return {
    logs,
    profiles: new ProfileRepository(db),
    async loadLog(logId, requester) {
      const log = await logs.getLog(logId);
      if (!log || !visibleTo(log.owner, requester)) throw notFound(`No experiment log ${logId}.`);
      return { ...log, revision: Number(log.revision) };
    },
  };
}

/** 422 naming every filter clause the profile cannot answer (an unknown column, a column of the wrong type…). */
export function checkFilter(profile: DomainProfile, filter: RowFilter, prefix = 'filter'): void {
  const problems = filterProblems(profile, filter);
  if (problems.length === 0) return;
  throw validationFailed(
    problems.map((p) => ({
      path: p.path === '' ? prefix : p.path.startsWith(prefix) ? p.path : `${prefix}.${p.path}`,
      message: p.message,
    })),
  );
}

/** The rows matching `filter`, ordered by the profile's date (undated rows last), then by row id. */
export function selectRows(
  profile: DomainProfile,
  rows: readonly RowVersionRecord[],
  filter: RowFilter,
): LogRow[] {
  const date = profile.date_column;
  const dateOf = (r: RowVersionRecord): string => {
    const v = date === undefined ? null : r.values[date];
    return typeof v === 'string' ? v : '\uffff';
  };
  return rows
    .filter((r) => matchesFilter(profile, r, filter))
    .sort((a, b) => {
      const da = dateOf(a);
      const db = dateOf(b);
      if (da !== db) return da < db ? -1 : 1;
      return a.row_id < b.row_id ? -1 : a.row_id > b.row_id ? 1 : 0;
    })
    .map(toLogRow);
}
