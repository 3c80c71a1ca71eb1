/**
 * Sets which rows are shown and used: a date range, values ticked per category column, numeric ranges, members
 * of one-hot groups (ORed) and status. Nothing applies until Apply, so a half-typed range never reloads the grid.
 */
import { useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { DomainProfile } from '../../../src-shared/logs/domain-profile.js';
import type { LogRow, RowFilter, RowStatus } from '../../../src-shared/logs/experiment-log-api.js';
import { useT } from '../../i18n/useT.js';
import { formatNumber } from '../../shared/format.js';
import { categoryColumns, distinctValues, headerText, observedRange, rangeColumns } from './log-columns.js';
import type { LogColumn } from './log-columns.js';
import { draftToFilter, emptyDraft, filterToDraft } from './row-filter-draft.js';
import type { FilterDraft, FilterProblem } from './row-filter-draft.js';

interface Props {
  profile: DomainProfile;
  columns: readonly LogColumn[];
  /** Rows of the whole log, for the values present and the observed ranges. */
  rows: readonly LogRow[];
  applied: RowFilter;
  onApply(filter: RowFilter): void;
}

const STATUSES: readonly RowStatus[] = ['planned', 'done'];

function toggle<T>(list: readonly T[], value: T, on: boolean): T[] {
  return on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);
}

export function RowFilterPanel({ profile, columns, rows, applied, onApply }: Props) {
  const t = useT();
  const id = useId();
  const [draft, setDraft] = useState<FilterDraft>(() => filterToDraft(applied));
  const [problems, setProblems] = useState<FilterProblem[]>([]);
  // Thirty-odd range rows would bury the rest; they open by themselves only when a range is in effect.
  const [rangesOpen] = useState(() => (applied.ranges ?? []).length > 0);
  const categories = useMemo(() => categoryColumns(columns), [columns]);
  const ranges = useMemo(() => rangeColumns(columns), [columns]);
  const values = useMemo(
    () =>
      distinctValues(
        rows,
        categories.map((c) => c.name),
      ),
    [rows, categories],
  );
  const problemOf = (field: string) => problems.find((p) => p.field === field);
  const problemText = (p: FilterProblem) => t(`logs.filter.problem.${p.code}`);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const { filter, problems: found } = draftToFilter(draft);
    setProblems(found);
    if (found.length === 0) onApply(filter);
  };
  const clear = () => {
    setDraft(emptyDraft());
    setProblems([]);
    onApply({});
  };
  const dateProblem = problemOf('date');

  return (
    <section className="panel filter-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('logs.filter.title')}</h3>
      <form noValidate onSubmit={apply} data-testid="row-filter" aria-labelledby={`${id}-title`}>
        {profile.date_column && (
          <fieldset>
            <legend>{t('logs.filter.date', { column: profile.date_column })}</legend>
            <div className="range-pair">
              <label>
                {t('logs.filter.from')}
                <input
                  type="date"
                  value={draft.dateFrom}
                  aria-invalid={Boolean(dateProblem)}
                  onChange={(event) => setDraft({ ...draft, dateFrom: event.target.value })}
                />
              </label>
              <label>
                {t('logs.filter.to')}
                <input
                  type="date"
                  value={draft.dateTo}
                  aria-invalid={Boolean(dateProblem)}
                  onChange={(event) => setDraft({ ...draft, dateTo: event.target.value })}
                />
              </label>
            </div>
            {dateProblem && (
              <p className="field-error" role="alert">
                {problemText(dateProblem)}
              </p>
            )}
          </fieldset>
        )}
        <fieldset>
          <legend>{t('logs.filter.status')}</legend>
          <div className="checkbox-grid">
            {STATUSES.map((status) => (
              <label key={status}>
                <input
                  type="checkbox"
                  checked={draft.status.includes(status)}
                  onChange={(event) =>
                    setDraft({ ...draft, status: toggle(draft.status, status, event.target.checked) })
                  }
                />
                {t(`logs.status.${status}`)}
              </label>
            ))}
          </div>
        </fieldset>
        {profile.one_hot_groups.map((group) => (
          <fieldset key={group.name} data-group={group.name}>
            <legend>{t('logs.filter.oneHot', { group: group.name })}</legend>
            <div className="checkbox-grid">
              {group.columns.map((column) => (
                <label key={column}>
                  <input
                    type="checkbox"
                    checked={(draft.oneHot[group.name] ?? []).includes(column)}
                    onChange={(event) =>
                      setDraft({
                        ...draft,
                        oneHot: {
                          ...draft.oneHot,
                          [group.name]: toggle(draft.oneHot[group.name] ?? [], column, event.target.checked),
                        },
                      })
                    }
                  />
                  {column}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
        {categories.map((column) => (
          <fieldset key={column.name} data-category={column.name}>
            <legend>{headerText(column)}</legend>
            {(values[column.name] ?? []).length === 0 ? (
              <p className="help">{t('logs.filter.noValues')}</p>
            ) : (
              <div className="checkbox-grid">
                {(values[column.name] ?? []).map((value) => (
                  <label key={String(value)}>
                    <input
                      type="checkbox"
                      checked={(draft.categories[column.name] ?? []).includes(value)}
                      onChange={(event) =>
                        setDraft({
                          ...draft,
                          categories: {
                            ...draft.categories,
                            [column.name]: toggle(
                              draft.categories[column.name] ?? [],
                              value,
                              event.target.checked,
                            ),
                          },
                        })
                      }
                    />
                    {String(value)}
                  </label>
                ))}
              </div>
            )}
          </fieldset>
        ))}
        <details open={rangesOpen || undefined}>
          <summary>{t('logs.filter.ranges')}</summary>
          <p className="help">{t('logs.filter.ranges.help')}</p>
          <table className="range-table">
            <thead>
              <tr>
                <th scope="col">{t('logs.filter.column')}</th>
                <th scope="col">{t('logs.filter.min')}</th>
                <th scope="col">{t('logs.filter.max')}</th>
              </tr>
            </thead>
            <tbody>
              {ranges.map((column) => {
                const bounds = draft.ranges[column.name] ?? { min: '', max: '' };
                const observed = observedRange(rows, column.name);
                const problem = problemOf(`range:${column.name}`);
                const set = (patch: Partial<typeof bounds>) =>
                  setDraft({ ...draft, ranges: { ...draft.ranges, [column.name]: { ...bounds, ...patch } } });
                return (
                  <tr key={column.name} data-range={column.name}>
                    <th scope="row">
                      {headerText(column)}
                      {problem && (
                        <span className="field-error" role="alert">
                          {' '}
                          {problemText(problem)}
                        </span>
                      )}
                    </th>
                    <td>
                      <input
                        type="text"
                        inputMode="decimal"
                        size={8}
                        aria-label={t('logs.filter.minOf', { column: column.label })}
                        aria-invalid={Boolean(problem)}
                        placeholder={observed ? formatNumber(observed.min, 6) : ''}
                        value={bounds.min}
                        onChange={(event) => set({ min: event.target.value })}
                      />
                    </td>
                    <td>
                      <input
                        type="text"
                        inputMode="decimal"
                        size={8}
                        aria-label={t('logs.filter.maxOf', { column: column.label })}
                        aria-invalid={Boolean(problem)}
                        placeholder={observed ? formatNumber(observed.max, 6) : ''}
                        value={bounds.max}
                        onChange={(event) => set({ max: event.target.value })}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </details>
        {problems.length > 0 && (
          <p className="field-error" role="alert" data-testid="filter-problems">
            {t('logs.filter.problems', { count: problems.length })}
          </p>
        )}
        <div className="button-row">
          <button type="submit">{t('logs.filter.apply')}</button>
          <button type="button" className="secondary" onClick={clear}>
            {t('logs.filter.clear')}
          </button>
        </div>
      </form>
    </section>
  );
}
