/** Tells the analyst the backend is unreachable and that what they see comes from the local cache. */
import { useApi } from '../../api/useApi.js';
import { useT } from '../../i18n/useT.js';

export function OfflineBanner() {
  const t = useT();
  const { connection } = useApi();
  if (connection !== 'disconnected') return null;
  return (
    <div className="offline-banner" role="alert" data-testid="offline-banner">
      {t('offline.banner')}
    </div>
  );
}
