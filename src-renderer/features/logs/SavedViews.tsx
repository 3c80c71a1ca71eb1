/** Named filters of a log: save the filter in effect, apply a saved one, delete one. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { LogClient } from '../../../src-shared/client/log-client.js';
import type { LogView, RowFilter } from '../../../src-shared/logs/experiment-log-api.js';
import { useT } from '../../i18n/useT.js';
import { errorText } from './error-text.js';
import { logKeys } from './useLogClient.js';

interface Props {
  logs: LogClient;
  logId: string;
  filter: RowFilter;
  active: LogView | null;
  /** A view chosen (its filter becomes the one in effect), or null to leave it. */
  onSelect(view: LogView | null): void;
}

export function SavedViews({ logs, logId, filter, active, onSelect }: Props) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [attempted, setAttempted] = useState(false);
  const views = useQuery({
    queryKey: logKeys.views(logId),
    queryFn: ({ signal }) => logs.listViews(logId, { signal }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: logKeys.views(logId) });
  const save = useMutation({
    mutationFn: () => logs.createView(logId, name.trim(), filter),
    onSuccess: async (view) => {
      setName('');
      setAttempted(false);
      await refresh();
      onSelect(view);
    },
  });
  const remove = useMutation({
    mutationFn: (viewId: string) => logs.deleteView(logId, viewId),
    onSuccess: async (_, viewId) => {
      if (active?.view_id === viewId) onSelect(null);
      await refresh();
    },
  });

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (name.trim() !== '') save.mutate();
  };
  const nameMissing = attempted && name.trim() === '';

  return (
    <section className="panel saved-views" aria-labelledby={`${id}-title`} data-testid="saved-views">
      <h3 id={`${id}-title`}>{t('logs.views.title')}</h3>
      {views.data && views.data.length === 0 && <p className="help">{t('logs.views.empty')}</p>}
      {views.data && views.data.length > 0 && (
        <ul className="view-list">
          {views.data.map((view) => (
            <li key={view.view_id} data-view-id={view.view_id}>
              <button
                type="button"
                className={active?.view_id === view.view_id ? undefined : 'secondary'}
                aria-pressed={active?.view_id === view.view_id}
                onClick={() => onSelect(view)}
              >
                {view.name}
              </button>
              <button
                type="button"
                className="secondary"
                aria-label={t('logs.views.deleteOf', { name: view.name })}
                disabled={remove.isPending}
                onClick={() => remove.mutate(view.view_id)}
              >
                {t('logs.views.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form noValidate onSubmit={onSave} className="field">
        <label htmlFor={`${id}-name`}>{t('logs.views.name')}</label>
        <input
          id={`${id}-name`}
          type="text"
          value={name}
          maxLength={255}
          aria-invalid={nameMissing}
          onChange={(event) => setName(event.target.value)}
        />
        {nameMissing && (
          <p className="field-error" role="alert">
            {t('logs.views.nameRequired')}
          </p>
        )}
        <div className="button-row">
          <button type="submit" disabled={save.isPending}>
            {t('logs.views.save')}
          </button>
        </div>
      </form>
      {(save.isError || remove.isError) && (
        <p className="inline-error" role="alert">
          {t('logs.views.failed', { message: errorText(save.error ?? remove.error) })}
        </p>
      )}
    </section>
  );
}
