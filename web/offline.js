'use strict';
// Offline: registers the service worker (web/sw.js) once the app has started, and offers a
// new version when one has been deployed. The new version waits, installed and cached, until
// the user accepts it in the app's banner; then it takes over and the page reloads into it.
// A tab whose worker another tab replaced is offered a reload the same way.
window.RecobraOffline = (function () {
  const supported = 'serviceWorker' in navigator && window.isSecureContext;
  const offline = { supported, registration: null, updateReady: false, error: null };
  let updating = false;
  let hadController = supported && !!navigator.serviceWorker.controller;
  let registered = null; // the registration promise, once started
  let installFailed;
  const failed = new Promise((resolve) => { installFailed = resolve; });

  function tellApp() {
    const module = window.Module;
    if (offline.updateReady && window.RecobraBoot && window.RecobraBoot.started && module && module._rb_update_available) {
      module._rb_update_available();
    }
  }

  function offer() {
    offline.updateReady = true;
    // An app that could not start with the old files gets the new ones right away.
    if (window.RecobraBoot && window.RecobraBoot.failed) offline.applyUpdate();
    else tellApp();
  }

  function watchInstalling(worker) {
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      if (worker.state === 'installed' && navigator.serviceWorker.controller) offer();
      if (worker.state === 'redundant' && !offline.registration.active) {
        offline.error = 'the service worker could not cache the app';
        installFailed();
      }
    });
  }

  function watch(registration) {
    offline.registration = registration;
    if (registration.waiting && navigator.serviceWorker.controller) offer();
    watchInstalling(registration.installing);
    registration.addEventListener('updatefound', () => watchInstalling(registration.installing));
  }

  // Asks the server whether a new build exists (the browser also does on every visit).
  let lastCheck = 0;
  offline.checkForUpdate = function () {
    lastCheck = Date.now();
    if (!offline.registration) return Promise.resolve();
    return offline.registration.update().catch(() => { /* offline: try again later */ });
  };

  // The banner's button: the waiting worker takes over, then this page reloads.
  offline.applyUpdate = function () {
    updating = true;
    const waiting = offline.registration && offline.registration.waiting;
    if (waiting) waiting.postMessage({ type: 'skipWaiting' });
    else location.reload();
  };

  // Downloads a file the page produces a chunk at a time (`pull()` returns a Uint8Array, or
  // null at the end) through the service worker, which streams it to disk: nothing is ever
  // whole in memory. Rejects at once when no worker controls the page (the caller then
  // builds a Blob); resolves when the last chunk has been handed over.
  let downloadSeq = 0;
  offline.canStream = () => supported && !!navigator.serviceWorker.controller;
  const notStarted = (message) => Object.assign(new Error(message), { beforeStart: true });
  offline.streamDownload = function (name, mimeType, pull) {
    const worker = supported && navigator.serviceWorker.controller;
    if (!worker) return Promise.reject(notStarted('no service worker'));
    const id = `${Date.now().toString(36)}-${++downloadSeq}`;
    const channel = new MessageChannel();
    return new Promise((resolve, reject) => {
      let started = false;
      const timeout = setTimeout(() => { if (!started) reject(notStarted('the service worker did not answer')); }, 3000);
      let frame = null;
      const finish = (error) => {
        setTimeout(() => { if (frame) frame.remove(); }, 1000);
        if (error) reject(error);
        else resolve();
      };
      channel.port1.onmessage = (event) => {
        const data = event.data || {};
        if (data.ready) {
          started = true;
          clearTimeout(timeout);
          frame = document.createElement('iframe');
          frame.hidden = true;
          frame.src = `__download/${id}/${encodeURIComponent(name)}`;
          document.body.appendChild(frame);
        } else if (data.pull) {
          let bytes;
          try {
            bytes = pull();
          } catch (error) {
            channel.port1.postMessage({ error: String(error) });
            finish(error);
            return;
          }
          if (bytes) {
            const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
            channel.port1.postMessage({ chunk: buffer }, [buffer]);
          } else {
            channel.port1.postMessage({ done: true });
            finish();
          }
        } else if (data.cancel) {
          finish(new Error('download cancelled'));
        }
      };
      worker.postMessage({ type: 'download', id, name, mimeType }, [channel.port2]);
    });
  };

  // Resolves with {supported, controlled, version, updateReady, error} once the worker of
  // this page is active and controls it (every file cached), or registration failed.
  offline.status = async function () {
    const base = { supported, controlled: false, version: null, updateReady: offline.updateReady, error: offline.error };
    if (!supported || !registered) return base;
    try {
      await registered;
      await Promise.race([navigator.serviceWorker.ready, failed.then(() => { throw new Error(offline.error); })]);
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      }
      const controller = navigator.serviceWorker.controller;
      const version = await new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(event.data && event.data.version);
        controller.postMessage({ type: 'version' }, [channel.port2]);
      });
      return { ...base, controlled: true, version, updateReady: offline.updateReady };
    } catch (error) {
      return { ...base, error: String(error && error.message ? error.message : error) };
    }
  };

  offline.register = function () {
    if (!supported || registered) return registered;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (updating) {
        location.reload();
        return;
      }
      if (hadController) offer(); // another tab switched to a new version: this one runs the old
      hadController = true;
    });
    registered = navigator.serviceWorker.register('sw.js').then(watch, (error) => {
      offline.error = String(error && error.message ? error.message : error);
      console.warn('Recobra: offline use not available', error);
    });
    // Check now and then while the app stays open, and when the tab comes back.
    setInterval(offline.checkForUpdate, 60 * 60 * 1000);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && Date.now() - lastCheck > 5 * 60 * 1000) offline.checkForUpdate();
    });
    return registered;
  };

  // After the start, so installing (a second download of every file) never slows it.
  if (supported && window.recobra) {
    const start = () => { offline.register(); tellApp(); };
    window.recobra.ready().then(start, start);
  }
  return offline;
})();
