/**
 * What an import would do, before it is done: the counts, how each header of the file was read (ignored headers
 * marked), each row that would change with its changes (before → after), each rejected row's problems with row
 * and column named, and the file's warnings, in the UI language.
 */
import { useId } from 'react';
import type { ImportPreview, ImportRowOutcome } from '../../../src-shared/logs/experiment-log-api.js';
import { useLanguage, useT } from '../../i18n/useT.js';
import { formatCell } from './log-columns.js';

const ACTIONS = ['insert', 'update', 'unchanged', 'rejected'] as const;

function keyText(key: ImportRowOutcome['key']): string {
  return Object.entries(key)
    .filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => `${k}=${formatCell(v)}`)
    .join(', ');
}

export function ImportPreviewView({ preview }: { preview: ImportPreview }) {
  const t = useT();
  const { language } = useLanguage();
  const id = useId();
  const message = (m: { message: string; message_ja: string }) =>
    language === 'ja' ? m.message_ja : m.message;
  const { counts } = preview;
  const nothing = counts.insert === 0 && counts.update === 0;
  const changed = preview.rows.filter((r) => r.action !== 'unchanged');
  const problems = preview.rows.flatMap((r) => r.problems);
  const ignored = preview.column_mapping.filter((m) => m.canonical === null).length;

  return (
    <div className="import-preview" data-testid="import-preview">
      <p>{t('logs.preview.file', { name: preview.file_name, revision: preview.base_revision })}</p>
      <dl className="import-counts" data-testid="import-counts">
        {ACTIONS.map((action) => (
          <div key={action} className="metric-card" data-action={action}>
            <dt>{t(`logs.action.${action}`)}</dt>
            <dd className="metric-value">{counts[action]}</dd>
          </div>
        ))}
      </dl>
      {nothing && (
        <p className="notice" role="status" data-testid="nothing-to-change">
          {counts.rejected > 0 ? t('logs.preview.nothingButRejected') : t('logs.preview.nothing')}
        </p>
      )}
      {preview.warnings.length > 0 && (
        <section aria-labelledby={`${id}-warnings`} className="warnings">
          <h4 id={`${id}-warnings`}>{t('logs.preview.warnings')}</h4>
          <ul>
            {preview.warnings.map((w, i) => (
              <li key={`${w.code}-${i}`} data-code={w.code}>
                {message(w)}
              </li>
            ))}
          </ul>
        </section>
      )}
      {problems.length > 0 && (
        <section aria-labelledby={`${id}-problems`} data-testid="import-problems">
          <h4 id={`${id}-problems`}>{t('logs.preview.problems', { count: problems.length })}</h4>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-problems`}>
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('logs.preview.row')}
                  </th>
                  <th scope="col">{t('logs.preview.column')}</th>
                  <th scope="col">{t('logs.preview.message')}</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((p, i) => (
                  <tr key={`${p.row}-${p.column ?? ''}-${i}`}>
                    <td className="num">{p.row}</td>
                    <td>{p.column ?? '—'}</td>
                    <td>{message(p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      <details open={ignored > 0 || undefined}>
        <summary>{t('logs.preview.mapping', { count: preview.column_mapping.length, ignored })}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('logs.preview.mappingTable')}>
          <table data-testid="column-mapping">
            <thead>
              <tr>
                <th scope="col">{t('logs.preview.source')}</th>
                <th scope="col">{t('logs.preview.canonical')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.column_mapping.map((m) => (
                <tr key={m.source} className={m.canonical === null ? 'ignored-column' : undefined}>
                  <td>{m.source}</td>
                  <td>
                    {m.canonical === null ? (
                      <strong>{t('logs.preview.ignored')}</strong>
                    ) : m.canonical === m.source ? (
                      m.canonical
                    ) : (
                      `→ ${m.canonical}`
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      {changed.length > 0 && (
        <section aria-labelledby={`${id}-rows`}>
          <h4 id={`${id}-rows`}>{t('logs.preview.rows', { count: changed.length })}</h4>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-rows`}>
            <table data-testid="row-outcomes">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('logs.preview.row')}
                  </th>
                  <th scope="col">{t('logs.preview.action')}</th>
                  <th scope="col">{t('logs.preview.key')}</th>
                  <th scope="col">{t('logs.preview.changes')}</th>
                </tr>
              </thead>
              <tbody>
                {changed.map((r) => (
                  <tr key={r.row} data-action={r.action}>
                    <td className="num">{r.row}</td>
                    <td>{t(`logs.action.${r.action}`)}</td>
                    <td className="key-cell">{keyText(r.key)}</td>
                    <td>
                      {r.action === 'rejected' ? (
                        <ul className="row-problems">
                          {r.problems.map((p, i) => (
                            <li key={i}>
                              {p.column ? `${p.column}: ` : ''}
                              {message(p)}
                            </li>
                          ))}
                        </ul>
                      ) : (
                        <ul className="row-changes">
                          {r.changes.map((c) => (
                            <li key={c.column}>
                              {t('logs.preview.change', {
                                column: c.column,
                                before: c.before === null ? t('logs.preview.empty') : formatCell(c.before),
                                after: c.after === null ? t('logs.preview.empty') : formatCell(c.after),
                              })}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}
