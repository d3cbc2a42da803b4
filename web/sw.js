'use strict';
// The service worker: keeps the exact files of one build in a cache named after that build,
// so the app starts with no network, and never mixes the files of two builds. The build
// (scripts/stamp-sw.mjs) fills in VERSION (a hash of every file) and FILES (each file's
// SHA-256); a new build therefore gives a new sw.js, which the browser installs next to the
// running one and keeps waiting until the user accepts the update (web/offline.js).
const VERSION = '@VERSION@';
const FILES = /* @FILES@ */ []; // [[path relative to this worker, sha-256 hex], …]
const CACHE = `recobra-${VERSION}`;
const PREFIX = 'recobra-';

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Downloads every file, bypassing the HTTP cache, and checks it against the hash the build
// recorded: a file that changed meanwhile (a deployment half done) fails the install, which
// the browser retries on a later visit, rather than caching a mix of two builds.
async function precache() {
  const cache = await caches.open(CACHE);
  await Promise.all(FILES.map(async ([path, sha256]) => {
    const url = new URL(path, self.registration.scope);
    const response = await fetch(new Request(url, { cache: 'reload' }));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const body = await response.arrayBuffer();
    const actual = hex(await crypto.subtle.digest('SHA-256', body));
    if (actual !== sha256) throw new Error(`${path}: not the file of build ${VERSION}`);
    await cache.put(url, new Response(body, { status: 200, headers: response.headers }));
  }));
}

self.addEventListener('install', (event) => {
  event.waitUntil(precache());
});

// The first install takes over the open page at once; a later version only activates when
// the page asks (skipWaiting below), and then drops the caches of older builds.
self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

// Downloads streamed from the page (a backup of hundreds of megabytes): the page announces
// one with a MessagePort, then opens DOWNLOADS/<id>; the response pulls the file from the
// page a chunk at a time, so it is written to disk without ever being whole in memory.
// (Chromium cannot hold a Blob of more than about 500 MB built in memory.)
const DOWNLOADS = '__download/';
const downloads = new Map(); // id -> {name, type, port}

self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type === 'skipWaiting') self.skipWaiting();
  if (data.type === 'version' && event.ports[0]) event.ports[0].postMessage({ version: VERSION });
  if (data.type === 'download' && event.ports[0]) {
    downloads.set(String(data.id), { name: String(data.name), type: String(data.mimeType), port: event.ports[0] });
    event.ports[0].postMessage({ ready: true });
  }
});

function streamedDownload(id) {
  const entry = downloads.get(id);
  if (!entry) return new Response('no such download', { status: 404 });
  downloads.delete(id);
  const { port } = entry;
  const stream = new ReadableStream({
    pull(controller) {
      return new Promise((resolve) => {
        port.onmessage = (event) => {
          const data = event.data || {};
          if (data.chunk) controller.enqueue(new Uint8Array(data.chunk));
          else if (data.error) controller.error(new Error(data.error));
          else controller.close();
          resolve();
        };
        port.postMessage({ pull: true });
      });
    },
    cancel() {
      port.postMessage({ cancel: true });
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': entry.type,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(entry.name)}`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

// The app's own files come from the cache (the page, whatever its query: ?lang=en,
// ?today=…); anything else of this origin goes to the network as usual. Requests to other
// origins are not touched (the page's Content-Security-Policy forbids them anyway).
self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  if (url.pathname.startsWith(scope.pathname + DOWNLOADS)) {
    event.respondWith(streamedDownload(url.pathname.slice(scope.pathname.length + DOWNLOADS.length).split('/')[0]));
    return;
  }
  event.respondWith((async () => {
    let key = url;
    if (request.mode === 'navigate' || url.pathname === scope.pathname) key = new URL('index.html', scope);
    const cache = await caches.open(CACHE);
    const cached = await cache.match(key, { ignoreSearch: true });
    return cached || fetch(request);
  })());
});
