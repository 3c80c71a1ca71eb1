/** Status, type and search controls above the jobs list. */
import { JOB_STATUSES } from '../../../src-shared/api/job-status.js';
import { JOB_TYPES } from '../../../src-shared/api/job-types.js';
import type { JobStatusName, JobType } from '../../../src-shared/api/index.js';
import { useT } from '../../i18n/useT.js';
import type { JobFilter } from './job-filter.js';

export function JobFilters({ filter, onChange }: { filter: JobFilter; onChange(filter: JobFilter): void }) {
  const t = useT();
  return (
    <div className="job-filters" role="search" aria-label={t('jobs.filters')}>
      <label>
        {t('jobs.filter.status')}
        <select
          value={filter.status}
          onChange={(event) => onChange({ ...filter, status: event.target.value as JobStatusName | 'all' })}
        >
          <option value="all">{t('jobs.filter.all')}</option>
          {JOB_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`jobStatus.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('jobs.filter.type')}
        <select
          value={filter.jobType}
          onChange={(event) => onChange({ ...filter, jobType: event.target.value as JobType | 'all' })}
        >
          <option value="all">{t('jobs.filter.all')}</option>
          {JOB_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`jobType.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('jobs.filter.search')}
        <input
          type="search"
          value={filter.search}
          placeholder={t('jobs.filter.searchPlaceholder')}
          onChange={(event) => onChange({ ...filter, search: event.target.value })}
        />
      </label>
    </div>
  );
}
