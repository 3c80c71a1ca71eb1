/** The translated message of one form problem. */
import type { MessageKey } from '../../i18n/messages.js';
import type { Translate } from '../../i18n/useT.js';
import type { FieldProblem } from './linear-form.js';

const FACTOR_MESSAGES = {
  factor_name_required: 'validation.factor.nameRequired',
  factor_name_duplicate: 'validation.factor.nameDuplicate',
  factor_not_a_number: 'validation.factor.notANumber',
  factor_min_not_below_max: 'validation.factor.minNotBelowMax',
  factor_step_not_positive: 'validation.factor.stepNotPositive',
  factor_levels_required: 'validation.factor.levelsRequired',
  factor_level_not_numeric: 'validation.factor.levelNotNumeric',
} as const satisfies Partial<Record<FieldProblem['code'], MessageKey>>;

/** A factor-row problem names the row and the field, since the table has many boxes of each kind. */
function factorProblemText(t: Translate, problem: FieldProblem): string {
  const key = FACTOR_MESSAGES[problem.code as keyof typeof FACTOR_MESSAGES];
  if (!key) return t('validation.invalid');
  return t(key, {
    row: problem.row ?? '',
    field: problem.part ? t(`factors.part.${problem.part}`) : '',
    value: problem.value ?? '',
  });
}

export function problemText(t: Translate, problem: FieldProblem): string {
  switch (problem.code) {
    case 'required_target':
      return t('validation.requiredTarget');
    case 'target_is_feature':
      return t('validation.targetIsFeature');
    case 'required_factor':
      return t('validation.requiredFactor');
    case 'existing_is_factor':
      return t('validation.existingIsFactor');
    case 'required_model':
      return t('validation.requiredModel');
    case 'group_is_used':
      return t('validation.groupIsUsed');
    case 'required_model_job':
      return t('validation.requiredModelJob');
    case 'required_column':
      return t('validation.requiredColumn');
    case 'duplicate_objective':
      return t('validation.duplicateObjective');
    case 'too_few_objectives':
      return t('validation.tooFewObjectives', { limit: problem.limit ?? '' });
    case 'too_many_objectives':
      return t('validation.tooManyObjectives', { limit: problem.limit ?? '' });
    case 'too_small':
      return t('validation.tooSmall', { limit: problem.limit ?? '' });
    case 'too_big':
      return t('validation.tooBig', { limit: problem.limit ?? '' });
    case 'not_a_number':
      return t('validation.notANumber');
    case 'not_integer':
      return t('validation.notInteger');
    case 'factor_rows_required':
      return t('validation.factor.rowsRequired');
    case 'group_too_small':
      return t('validation.group.tooSmall', { row: problem.row ?? '' });
    case 'group_column_twice':
      return t('validation.group.columnTwice', { row: problem.row ?? '', value: problem.value ?? '' });
    default:
      if (problem.code.startsWith('factor_')) return factorProblemText(t, problem);
      return t('validation.invalid');
  }
}
