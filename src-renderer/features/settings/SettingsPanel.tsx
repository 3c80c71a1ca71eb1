/** Language, theme and job-end notifications (permission is asked here, on a click, never on load). */
import { useState } from 'react';
import { LANGUAGES } from '../../i18n/messages.js';
import type { Language } from '../../i18n/messages.js';
import { useLanguage, useT } from '../../i18n/useT.js';
import { notificationsSupported } from '../jobs/notify.js';
import { BackendSettingsForm } from './BackendSettingsForm.js';
import { THEMES, useTheme } from './useTheme.js';
import type { Theme } from './useTheme.js';

export function SettingsPanel() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  const { theme, setTheme } = useTheme();
  const [permission, setPermission] = useState(() =>
    notificationsSupported() ? Notification.permission : 'unsupported',
  );

  return (
    <section aria-labelledby="settings-title" className="panel">
      <p>
        <a href="#/">{t('nav.back')}</a>
      </p>
      <h2 id="settings-title">{t('settings.title')}</h2>
      <BackendSettingsForm />
      <div className="field">
        <label htmlFor="settings-language">{t('language.label')}</label>
        <select
          id="settings-language"
          value={language}
          onChange={(event) => setLanguage(event.target.value as Language)}
        >
          {LANGUAGES.map((lang) => (
            <option key={lang} value={lang} lang={lang}>
              {t(`language.${lang}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="settings-theme">{t('settings.theme')}</label>
        <select id="settings-theme" value={theme} onChange={(event) => setTheme(event.target.value as Theme)}>
          {THEMES.map((th) => (
            <option key={th} value={th}>
              {t(`settings.theme.${th}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <span>{t('settings.notifications')}</span>
        {permission === 'granted' && <p className="help">{t('settings.notifications.on')}</p>}
        {permission === 'denied' && <p className="help">{t('settings.notifications.denied')}</p>}
        {permission === 'unsupported' && <p className="help">{t('settings.notifications.unsupported')}</p>}
        {permission === 'default' && (
          <button type="button" onClick={() => void Notification.requestPermission().then(setPermission)}>
            {t('settings.notifications.enable')}
          </button>
        )}
      </div>
    </section>
  );
}
