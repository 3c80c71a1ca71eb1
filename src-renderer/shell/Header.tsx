/** The top bar: app name, backend connection, language switch and the way to settings. */
import type { Health } from '../../src-shared/api/index.js';
import type { Connection } from '../api/ApiProvider.js';
import { useApi } from '../api/useApi.js';
import { LANGUAGES } from '../i18n/messages.js';
import { useLanguage, useT } from '../i18n/useT.js';

function LanguageSwitch() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          lang={lang}
          aria-pressed={language === lang}
          onClick={() => setLanguage(lang)}
        >
          {t(`language.${lang}`)}
        </button>
      ))}
    </div>
  );
}

function hostOf(url: string | null): string {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return url ?? '';
  }
}

function ConnectionIndicator({
  connection,
  health,
  target,
  baseUrl,
}: {
  connection: Connection;
  health: Health | undefined;
  target: 'embedded' | 'remote';
  baseUrl: string | null;
}) {
  const t = useT();
  return (
    <div
      className="connection"
      role="status"
      data-testid="connection"
      data-state={connection}
      data-target={target}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span>{t('connection.state', { state: t(`connection.${connection}`) })}</span>
      <span className="connection-target" data-testid="connection-target">
        {target === 'remote'
          ? t('connection.target.remote', { host: hostOf(baseUrl) })
          : t('connection.target.embedded')}
      </span>
      {health && connection !== 'disconnected' && (
        <span className="connection-version">
          {t('connection.version', { version: health.version, mode: health.mode })}
        </span>
      )}
    </div>
  );
}

export function Header() {
  const t = useT();
  const { connection, health, target, baseUrl } = useApi();
  return (
    <header>
      <div>
        <h1>
          <a href="#/" className="home-link">
            {t('app.name')}
          </a>
        </h1>
        <p className="tagline">{t('app.tagline')}</p>
      </div>
      <ConnectionIndicator connection={connection} health={health} target={target} baseUrl={baseUrl} />
      <nav aria-label={t('nav.label')} className="header-nav">
        <LanguageSwitch />
        <a href="#/logs">{t('nav.logs')}</a>
        <a href="#/settings">{t('nav.settings')}</a>
      </nav>
    </header>
  );
}
