/** The targets-then-features pair of column pickers of the regression forms (a target is never offered as a feature). */
import type { MessageKey } from '../../i18n/messages.js';
import { useT } from '../../i18n/useT.js';
import type { ColumnSummary } from '../data/table-preview.js';
import { ColumnPicker } from './ColumnPicker.js';

interface Props {
  /** Null: no preview (XLSX), names are typed; undefined: no file chosen yet. */
  columns: ColumnSummary[] | null | undefined;
  targets: string[];
  features: string[];
  onTargets(targets: string[]): void;
  onFeatures(features: string[]): void;
  targetError: string | undefined;
  featureError: string | undefined;
  /** i18n key of the features' help text. */
  featureHelp: MessageKey;
}

export function TargetFeaturePickers(p: Props) {
  const t = useT();
  const numeric = p.columns ? p.columns.filter((c) => c.kind === 'numeric') : p.columns;
  return (
    <>
      <ColumnPicker
        testId="target-picker"
        legend={t('form.targets')}
        help={t('form.targets.help')}
        columns={numeric}
        selected={p.targets}
        onChange={p.onTargets}
        error={p.targetError}
      />
      <ColumnPicker
        testId="feature-picker"
        legend={t('form.features')}
        help={t(p.featureHelp)}
        columns={p.columns}
        selected={p.features}
        disabled={p.targets}
        onChange={p.onFeatures}
        error={p.featureError}
      />
    </>
  );
}
