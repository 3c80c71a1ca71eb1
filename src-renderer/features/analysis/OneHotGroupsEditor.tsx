/** The one-hot groups of generated candidates: each a comma-separated list of 0/1 columns of which exactly one is 1. */
import { useId } from 'react';
import { useT } from '../../i18n/useT.js';

interface Props {
  groups: string[];
  /** `field` is the edited group (`one_hot_groups.1`), marked as touched so its message shows. */
  onChange(groups: string[], field: string): void;
  errorOf(field: string): string | undefined;
}

export function OneHotGroupsEditor({ groups, onChange, errorOf }: Props) {
  const t = useT();
  const id = useId();
  return (
    <fieldset className="one-hot-groups" data-testid="one-hot-groups" aria-describedby={`${id}-help`}>
      <legend>{t('factors.groups')}</legend>
      <p id={`${id}-help`} className="help">
        {t('factors.groups.help')}
      </p>
      {groups.map((text, k) => {
        const error = errorOf(`one_hot_groups.${k}`);
        const errorId = `${id}-${k}-error`;
        return (
          // Groups have no identity beyond their text and place; the index is the key the user sees too.
          <div key={k} className="one-hot-group">
            <label>
              {t('factors.group.label', { row: k + 1 })}
              <input
                type="text"
                value={text}
                placeholder="A11, A13, A21, A32"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errorId : undefined}
                onChange={(event) =>
                  onChange(
                    groups.map((g, j) => (j === k ? event.target.value : g)),
                    `one_hot_groups.${k}`,
                  )
                }
              />
            </label>
            <button
              type="button"
              onClick={() =>
                onChange(
                  groups.filter((_, j) => j !== k),
                  'one_hot_groups',
                )
              }
            >
              {t('factors.group.remove', { row: k + 1 })}
            </button>
            {error && (
              <p id={errorId} className="field-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <div className="button-row">
        <button type="button" onClick={() => onChange([...groups, ''], 'one_hot_groups')}>
          {t('factors.group.add')}
        </button>
      </div>
    </fieldset>
  );
}
