/** Registers the service worker that keeps the page itself available offline (web mode only: not on file://). */
export function registerOfflineShell(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  if (window.location.protocol !== 'http:' && window.location.protocol !== 'https:') return;
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // Without it the app works the same while the backend is up.
  });
}
