/*
 * Offline app shell for the browser build (Electron loads the app from app:// and needs none).
 * The app's own files are cached so a reload without network still opens the app and its local
 * data; API requests are never cached or touched.
 */
// v2: every file of the build, the lazy pages' chunks too (v1 kept only what index.html named).
const CACHE = 'jiuzhu-shell-v2';

/**
 * index.html and every file the build lists in precache.json (renderer/vite.config.ts): the pages
 * load their code on first visit (code splitting), so a page never opened online must still open
 * offline. A build without the list (the dev server) falls back to what index.html names.
 */
async function precache() {
  const cache = await caches.open(CACHE);
  const response = await fetch('./index.html', { cache: 'no-cache' });
  await cache.put('./index.html', response.clone());
  const html = await response.text();
  const named = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
  const listed = await fetch('./precache.json', { cache: 'no-cache' })
    .then((answer) => (answer.ok ? answer.json() : []))
    .catch(() => []);
  // One request per file: addAll refuses a list that names a file twice.
  await cache.addAll([...new Set([...named, ...listed])].map((file) => `./${file}`));
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
