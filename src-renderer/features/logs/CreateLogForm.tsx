/** Creates a log: its name, what it is for, and the column dictionary (profile) its rows follow. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { LogClient } from '../../../src-shared/client/log-client.js';
import { useLanguage, useT } from '../../i18n/useT.js';
import { logHash } from '../../shared/useHashRoute.js';
import { errorText } from './error-text.js';
import { logKeys } from './useLogClient.js';

/** The profile the brush-deburring lines use; preselected because it is what most logs follow. */
export const DEFAULT_PROFILE_ID = 'brush-deburring';

export function CreateLogForm({ logs }: { logs: LogClient }) {
  const t = useT();
  const { language } = useLanguage();
  const id = useId();
  const queryClient = useQueryClient();
  const profiles = useQuery({
    queryKey: logKeys.profiles,
    queryFn: ({ signal }) => logs.listProfiles({ signal }),
  });
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [profileId, setProfileId] = useState(DEFAULT_PROFILE_ID);
  const [attempted, setAttempted] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      logs.createLog({
        name: name.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        profile_id: profileId,
      }),
    onSuccess: async (log) => {
      await queryClient.invalidateQueries({ queryKey: logKeys.list });
      window.location.hash = logHash(log.log_id);
    },
  });

  // Several versions of one profile may be stored: offer the latest of each.
  const latest = new Map<string, NonNullable<typeof profiles.data>[number]>();
  for (const p of profiles.data ?? []) {
    const seen = latest.get(p.id);
    if (!seen || seen.version < p.version) latest.set(p.id, p);
  }
  const nameMissing = name.trim() === '';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (!nameMissing) create.mutate();
  };

  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('logs.create.title')}</h2>
      <form noValidate onSubmit={onSubmit} data-testid="create-log-form">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('logs.create.name')}</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            maxLength={255}
            required
            aria-invalid={attempted && nameMissing}
            aria-describedby={attempted && nameMissing ? `${id}-name-error` : undefined}
            onChange={(event) => setName(event.target.value)}
          />
          {attempted && nameMissing && (
            <p id={`${id}-name-error`} className="field-error" role="alert">
              {t('logs.create.nameRequired')}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-description`}>{t('logs.create.description')}</label>
          <textarea
            id={`${id}-description`}
            value={description}
            maxLength={4000}
            rows={2}
            onChange={(event) => setDescription(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-profile`}>{t('logs.create.profile')}</label>
          <select
            id={`${id}-profile`}
            value={profileId}
            aria-describedby={`${id}-profile-help`}
            onChange={(event) => setProfileId(event.target.value)}
          >
            {latest.size === 0 && <option value={DEFAULT_PROFILE_ID}>{DEFAULT_PROFILE_ID}</option>}
            {[...latest.values()].map((p) => (
              <option key={p.id} value={p.id}>
                {p.name[language]} (v{p.version})
              </option>
            ))}
          </select>
          <p id={`${id}-profile-help`} className="help">
            {latest.get(profileId)?.description ?? t('logs.create.profile.help')}
          </p>
        </div>
        <div className="button-row">
          <button type="submit" disabled={create.isPending}>
            {t('logs.create.submit')}
          </button>
        </div>
        {create.isError && (
          <p className="inline-error" role="alert">
            {t('logs.create.failed', { message: errorText(create.error) })}
          </p>
        )}
      </form>
    </section>
  );
}
