/** The one "export CSV" button every table carries. */
import { useT } from '../i18n/useT.js';
import { csvBlob, toCsv } from './csv-export.js';
import type { CsvCell } from './csv-export.js';
import { safeFileName, saveBlob } from './save-file.js';

interface Props {
  fileName: string;
  header: readonly string[];
  rows: readonly (readonly CsvCell[])[];
  /** Names the table for screen readers: "Export CSV: coefficients". */
  label: string;
}

export function ExportCsvButton({ fileName, header, rows, label }: Props) {
  const t = useT();
  return (
    <button
      type="button"
      className="secondary"
      aria-label={t('export.csvOf', { name: label })}
      onClick={() => saveBlob(csvBlob(toCsv(header, rows)), safeFileName(fileName) + '.csv')}
    >
      {t('export.csv')}
    </button>
  );
}
