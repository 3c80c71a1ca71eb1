/** The translated message of one form problem. */
import type { Translate } from '../../i18n/useT.js';
import type { FieldProblem } from './linear-form.js';

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
    default:
      return t('validation.invalid');
  }
}
