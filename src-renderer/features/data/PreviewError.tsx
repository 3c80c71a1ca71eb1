/** Says in plain words why a file cannot be previewed, and where (row number) when that helps. */
import { useT } from '../../i18n/useT.js';
import type { PreviewError as PreviewErrorValue } from './table-preview.js';

export function PreviewError({ error }: { error: PreviewErrorValue }) {
  const t = useT();
  let text: string;
  switch (error.code) {
    case 'ragged':
      text = t('preview.error.ragged', {
        row: error.row,
        expected: error.expected,
        found: error.found,
        count: error.count,
      });
      break;
    case 'empty':
      text = t('preview.error.empty');
      break;
    case 'no_rows':
      text = t('preview.error.noRows');
      break;
    case 'unsupported_extension':
      text = t('preview.error.extension');
      break;
    default:
      text = t('preview.error.notATable');
  }
  return (
    <p className="inline-error" role="alert" data-testid="preview-error">
      {text}
    </p>
  );
}
