/*
 * Offline app shell for the browser build (Electron loads the app from app:// and needs none).
 * The app's own files are cached so a reload without network still opens the app and its local
 * data; API requests are never cached or touched.
 */
const CACHE = 'jiuzhu-shell-v1';

async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch('./index.html', { cache: 'no-cache' });
  await cache.put('./index.html', response.clone());
  const html = await response.text();
  const assets = [...html.matchAll(/(?:src|href)="(\.?\/?assets\/[^"]+)"/g)].map((m) => m[1]);
  await cache.addAll(assets);
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
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
  if (request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // Fresh app when online, the cached one when not.
    event.respondWith(
      fetch(request)
        .then((response) => {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put('./index.html', copy));
          return response;
        })
        .catch(() => caches.match('./index.html', { ignoreVary: true })),
    );
    return;
  }
  // Built assets have content hashes in their names: a cached copy is always right.
  event.respondWith(
    // ignoreVary: the server varies on Origin (CORS), which differs between precache and page.
    caches.match(request, { ignoreVary: true }).then(
      (cached) =>
        cached ??
        fetch(request).then((response) => {
          if (response.ok) {
            const copy = response.clone();
            caches.open(CACHE).then((cache) => cache.put(request, copy));
          }
          return response;
        }),
    ),
  );
});
