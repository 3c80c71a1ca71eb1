/** A titled table with its CSV export: the same columns on screen and in the file (raw numbers in the file). */
import { ExportCsvButton } from './ExportCsvButton.js';
import type { CsvCell } from './csv-export.js';

export interface Column<Row> {
  key: string;
  label: string;
  value(row: Row): CsvCell;
  /** Screen text; the CSV keeps the raw value. */
  format?(row: Row): string;
  numeric?: boolean;
}

interface Props<Row> {
  title: string;
  tableId: string;
  fileName: string;
  columns: Column<Row>[];
  rows: Row[];
}

export function DataTable<Row>({ title, tableId, fileName, columns, rows }: Props<Row>) {
  return (
    <div className="data-table" data-table={tableId}>
      <div className="table-head">
        <h4 id={`${tableId}-title`}>{title}</h4>
        <ExportCsvButton
          label={title}
          fileName={fileName}
          header={columns.map((c) => c.label)}
          rows={rows.map((r) => columns.map((c) => c.value(r)))}
        />
      </div>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby={`${tableId}-title`}>
        <table aria-labelledby={`${tableId}-title`}>
          <thead>
            <tr>
              {columns.map((c) => (
                <th scope="col" key={c.key} className={c.numeric ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.key} className={c.numeric ? 'num' : undefined}>
                    {c.format ? c.format(row) : String(c.value(row) ?? '—')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
