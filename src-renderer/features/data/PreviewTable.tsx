/** The first rows of the table with, per column, its detected type, missing count and min/max/mean. */
import { useT } from '../../i18n/useT.js';
import { formatNumber } from '../../shared/format.js';
import type { TablePreview } from './table-preview.js';

export function PreviewTable({ preview, fileName }: { preview: TablePreview; fileName: string }) {
  const t = useT();
  return (
    <div
      className="table-scroll"
      tabIndex={0}
      role="region"
      aria-label={t('preview.tableLabel', { fileName })}
    >
      <table className="preview-table" data-testid="preview-table">
        <caption>
          {t('preview.caption', {
            rows: preview.rowCount,
            columns: preview.columns.length,
            encoding: preview.encoding,
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('preview.row')}</th>
            {preview.columns.map((c) => (
              <th scope="col" key={c.name}>
                {c.name}
              </th>
            ))}
          </tr>
          <tr className="column-stats">
            <th scope="row">{t('preview.summary')}</th>
            {preview.columns.map((c) => (
              <td key={c.name} data-kind={c.kind}>
                <span className="kind-badge">{t(`preview.kind.${c.kind}`)}</span>
                <br />
                {t('preview.missing', { count: c.missing })}
                {c.kind === 'numeric' && (
                  <>
                    <br />
                    {t('preview.range', { min: formatNumber(c.min), max: formatNumber(c.max) })}
                    <br />
                    {t('preview.mean', { mean: formatNumber(c.mean) })}
                  </>
                )}
              </td>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, i) => (
            <tr key={i}>
              <th scope="row">{i + 2}</th>
              {row.map((cell, c) => (
                <td key={c}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
