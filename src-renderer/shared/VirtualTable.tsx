/**
 * A table that renders only the rows in view (plus a few either side), so 100,000 rows scroll as smoothly as 100;
 * the CSV export still writes every row. Rows have a fixed height, which is what makes the arithmetic exact.
 */
import { useMemo, useState } from 'react';
import { ExportCsvButton } from './ExportCsvButton.js';
import type { Column } from './DataTable.js';

interface Props<Row> {
  title: string;
  tableId: string;
  fileName: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  /** Pixels; must match the CSS row height (`.virtual-table tr`). */
  rowHeight?: number;
  /** Pixels of the scrolling area. */
  height?: number;
  /** Hover text of a row (its full content when the columns are cut). */
  rowTitle?(row: Row): string;
}

export const VIRTUAL_ROW_HEIGHT = 28;
const OVERSCAN = 8;

/** The slice of rows to render for a scroll position: pure, so tests can check it without layout. */
export function visibleRange(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  total: number,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const start = Math.max(0, Math.min(total, first) - OVERSCAN);
  const end = Math.min(total, first + Math.ceil(viewport / rowHeight) + OVERSCAN);
  return { start, end: Math.max(start, end) };
}

export function VirtualTable<Row>({
  title,
  tableId,
  fileName,
  columns,
  rows,
  rowHeight = VIRTUAL_ROW_HEIGHT,
  height = 420,
  rowTitle,
}: Props<Row>) {
  const [scrollTop, setScrollTop] = useState(0);
  const { start, end } = visibleRange(scrollTop, height, rowHeight, rows.length);
  const csvRows = useMemo(() => rows.map((r) => columns.map((c) => c.value(r))), [rows, columns]);
  const header = useMemo(() => columns.map((c) => c.label), [columns]);
  const slice = rows.slice(start, end);

  return (
    <div className="data-table virtual-table" data-table={tableId} data-rows={rows.length}>
      <div className="table-head">
        <h4 id={`${tableId}-title`}>{title}</h4>
        <ExportCsvButton label={title} fileName={fileName} header={header} rows={csvRows} />
      </div>
      <div
        className="table-scroll"
        style={{ height, overflowY: 'auto' }}
        tabIndex={0}
        role="region"
        aria-labelledby={`${tableId}-title`}
        data-testid={`vtable-${tableId}`}
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      >
        <table aria-labelledby={`${tableId}-title`} aria-rowcount={rows.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              <th scope="col" className="num">
                #
              </th>
              {columns.map((c) => (
                <th scope="col" key={c.key} className={c.numeric ? 'num' : undefined}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {start > 0 && (
              <tr aria-hidden="true" className="spacer" style={{ height: start * rowHeight }}>
                <td colSpan={columns.length + 1} />
              </tr>
            )}
            {slice.map((row, i) => (
              <tr
                key={start + i}
                aria-rowindex={start + i + 2}
                data-row={start + i}
                style={{ height: rowHeight }}
                title={rowTitle?.(row)}
              >
                <td className="num">{start + i + 1}</td>
                {columns.map((c) => (
                  <td key={c.key} className={c.numeric ? 'num' : undefined}>
                    {c.format ? c.format(row) : String(c.value(row) ?? '—')}
                  </td>
                ))}
              </tr>
            ))}
            {end < rows.length && (
              <tr aria-hidden="true" className="spacer" style={{ height: (rows.length - end) * rowHeight }}>
                <td colSpan={columns.length + 1} />
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
