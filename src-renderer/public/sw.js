/**
 * Keeps the app shell (index.html and the built assets) so the page still opens in web mode when the backend is
 * down; the job history and results then come from IndexedDB. The API is never cached here.
 */
const CACHE = 'zerosec-shell-v1';

/** index.html and the scripts and styles it names (their hashed names are only known from the page itself). */
async function cacheShell() {
  const cache = await caches.open(CACHE);
  const response = await fetch('./index.html', { cache: 'no-cache' });
  const html = await response.clone().text();
  const assets = [...html.matchAll(/(?:src|href)="(\.\/assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.put('./index.html', response);
  await cache.addAll(['./', ...assets]);
}

self.addEventListener('install', (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/'))
    return;
  // Network first, so a new build is picked up at once; the cached copy when the backend is unreachable.
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          void caches.open(CACHE).then((cache) => cache.put(request, copy));
        }
        return response;
      })
      .catch(() =>
        caches
          .match(request, { ignoreSearch: true })
          .then((hit) => hit ?? (request.mode === 'navigate' ? caches.match('./index.html') : undefined))
          .then((hit) => hit ?? Response.error()),
      ),
  );
});
