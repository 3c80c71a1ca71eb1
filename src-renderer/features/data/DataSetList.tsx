/** The files this browser uploaded (kept in IndexedDB), to start a new analysis on one without finding it again. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useLanguage, useT } from '../../i18n/useT.js';
import { formatBytes, formatDateTime } from '../../shared/format.js';
import { listDataSets, loadInput } from '../offline/result-cache.js';
import type { DataSet } from '../offline/result-cache.js';

const SHOWN_COLUMNS = 6;

export function DataSetList({ onFile }: { onFile(file: File): void }) {
  const t = useT();
  const { language } = useLanguage();
  const sets = useQuery({ queryKey: ['datasets'], queryFn: listDataSets, staleTime: 0 });
  const [missing, setMissing] = useState<string | null>(null);

  const use = async (d: DataSet) => {
    setMissing(null);
    const blob = await loadInput(d.inputKey).catch(() => undefined);
    if (!blob) {
      setMissing(d.inputKey);
      return;
    }
    onFile(blob instanceof File ? blob : new File([blob], d.name, { type: blob.type }));
  };

  const rows = sets.data ?? [];
  return (
    <section className="datasets" data-testid="datasets" aria-labelledby="datasets-title">
      <h3 id="datasets-title">
        {t('datasets.title')} ({rows.length})
      </h3>
      {rows.length === 0 ? (
        <p className="help">{t('datasets.empty')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="datasets-title">
          <table aria-labelledby="datasets-title">
            <thead>
              <tr>
                <th scope="col">{t('datasets.name')}</th>
                <th scope="col" className="num">
                  {t('datasets.size')}
                </th>
                <th scope="col">{t('datasets.columns')}</th>
                <th scope="col">{t('datasets.date')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('datasets.use')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.inputKey} data-input-key={d.inputKey}>
                  <td>{d.name}</td>
                  <td className="num">{formatBytes(d.sizeBytes)}</td>
                  <td title={d.columns?.join(', ')}>
                    {d.columns
                      ? `${d.columns.length}: ${d.columns.slice(0, SHOWN_COLUMNS).join(', ')}${d.columns.length > SHOWN_COLUMNS ? ', …' : ''}`
                      : '—'}
                  </td>
                  <td>{formatDateTime(d.uploadedAt, language)}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary"
                      aria-label={t('datasets.useOf', { name: d.name })}
                      onClick={() => void use(d)}
                    >
                      {t('datasets.use')}
                    </button>
                    {missing === d.inputKey && (
                      <span className="inline-error" role="alert">
                        {' '}
                        {t('datasets.missing')}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
