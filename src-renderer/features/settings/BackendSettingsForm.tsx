/** Choose the embedded backend or a remote server (URL and API token); checked before it is saved and used. */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { hasKey } from '../../i18n/messages.js';
import { useT } from '../../i18n/useT.js';
import { parseBackendForm, saveBackendSettings, useBackendSettings } from './backend-settings.js';

export function BackendSettingsForm() {
  const t = useT();
  const queryClient = useQueryClient();
  const settings = useBackendSettings();
  const [mode, setMode] = useState(settings.mode);
  const [url, setUrl] = useState(settings.mode === 'remote' ? settings.url : '');
  const [token, setToken] = useState(settings.mode === 'remote' ? (settings.token ?? '') : '');
  const [errors, setErrors] = useState<Partial<Record<'url' | 'token', string>>>({});
  const [saved, setSaved] = useState(false);

  const message = (code: string | undefined) => {
    if (!code) return null;
    const key = `settings.backend.${code}`;
    return hasKey(key) ? t(key) : code;
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const parsed = parseBackendForm({ mode, url, token });
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return;
    }
    setErrors({});
    saveBackendSettings(parsed.settings);
    // Everything cached from the old backend (jobs, health) is of no use for the new one.
    void queryClient.invalidateQueries();
    setSaved(true);
  };

  return (
    <form className="field" onSubmit={onSubmit} noValidate aria-labelledby="settings-backend-title">
      <fieldset>
        <legend id="settings-backend-title">{t('settings.backend')}</legend>
        <label>
          <input
            type="radio"
            name="backend-mode"
            value="embedded"
            checked={mode === 'embedded'}
            onChange={() => setMode('embedded')}
          />{' '}
          {t('settings.backend.embedded')}
        </label>
        <br />
        <label>
          <input
            type="radio"
            name="backend-mode"
            value="remote"
            checked={mode === 'remote'}
            onChange={() => setMode('remote')}
          />{' '}
          {t('settings.backend.remote')}
        </label>
        {mode === 'remote' && (
          <div>
            <div className="field">
              <label htmlFor="backend-url">{t('settings.backend.url')}</label>
              <input
                id="backend-url"
                type="url"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                aria-invalid={errors.url ? true : undefined}
                aria-describedby="backend-url-help"
              />
              <span id="backend-url-help" className="help">
                {t('settings.backend.urlHelp')}
              </span>
              {errors.url && (
                <span className="field-error" role="alert">
                  {message(errors.url)}
                </span>
              )}
            </div>
            <div className="field">
              <label htmlFor="backend-token">{t('settings.backend.token')}</label>
              <input
                id="backend-token"
                type="password"
                autoComplete="off"
                value={token}
                onChange={(e) => setToken(e.target.value)}
                aria-invalid={errors.token ? true : undefined}
                aria-describedby="backend-token-help"
              />
              <span id="backend-token-help" className="help">
                {t('settings.backend.tokenHelp')}
              </span>
              {errors.token && (
                <span className="field-error" role="alert">
                  {message(errors.token)}
                </span>
              )}
            </div>
          </div>
        )}
        <button type="submit">{t('settings.backend.save')}</button>
        {saved && (
          <span role="status" className="help">
            {' '}
            {t('settings.backend.saved')}
          </span>
        )}
      </fieldset>
    </form>
  );
}
