'use strict';
// IndexedDB: this browser profile's event log and settings, and the coordination between
// tabs. One tab writes (it holds a Web Lock); the others hand it their commands and hear of
// every committed event over a BroadcastChannel, so no tab ever overwrites another.
//
//   events  key: event id (sorts by time), value: the event's canonical JSON
//   meta    'deviceId', 'settings' (JSON), 'createdAt'
//
// A write is one readwrite transaction with strict durability, reported to the app only
// from oncomplete (saved) or onerror/onabort (not saved, with the reason).
(function () {
  const DB_NAME = 'recobra';
  const DB_VERSION = 1;
  const LOAD_BATCH = 25000;
  const LOCK_NAME = 'recobra-writer';
  const CHANNEL_NAME = 'recobra';
  const USED_KEY = 'recobra.usedSince';
  const FORWARD_TIMEOUT_MS = 15000;

  const store = {
    db: null,
    writer: false,
    tabId: Math.random().toString(36).slice(2) + Date.now().toString(36),
    channel: null,
    needsReopen: false,     // after a QuotaExceededError the connection is replaced
    usedBefore: false,      // this origin had data once (localStorage marker)
    persisted: null,        // navigator.storage.persist() answer
    estimate: null,         // {usage, quota}
    writes: 0,
    forwards: new Map(),    // request -> timeout handle (this tab's commands at the writer)
    // Set by boot.js: where the store's news go.
    onRemoteEvents: null,   // (text of "<id>\t<json>\n" lines) -> void
    onRemoteSettings: null, // (json) -> void
    onForwarded: null,      // writer: (fromTab, request, commandJson) -> void
    onReply: null,          // (request, outcomeJson) -> void
    onBecameWriter: null,   // () -> Promise
    onVersionChange: null,  // () -> void
  };

  function promised(request) {
    return new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  }

  function errorText(error) {
    if (!error) return 'unknown error';
    return `${error.name || 'Error'}: ${error.message || error}`;
  }

  // --- opening ---------------------------------------------------------------------------
  store.open = function () {
    return new Promise((resolve, reject) => {
      const request = indexedDB.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains('events')) db.createObjectStore('events');
        if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      };
      request.onblocked = () => {
        // Another tab holds an older version open; it closes itself on versionchange.
        console.warn('Recobra: waiting for another tab to release the database');
      };
      request.onsuccess = () => {
        const db = request.result;
        db.onversionchange = () => {
          db.close();
          store.db = null;
          if (store.onVersionChange) store.onVersionChange();
        };
        store.db = db;
        store.needsReopen = false;
        resolve(db);
      };
      request.onerror = () => reject(request.error);
    });
  };

  async function database() {
    if (!store.db || store.needsReopen) {
      if (store.db) store.db.close();
      store.db = null;
      await store.open();
    }
    return store.db;
  }

  // --- reading ---------------------------------------------------------------------------
  store.readMeta = async function (key) {
    const db = await database();
    return promised(db.transaction('meta', 'readonly').objectStore('meta').get(key));
  };

  // Loads the log in batches with getAll over key ranges (never a cursor step per event):
  // onBatch(values, lastKey) receives each batch's JSON texts in id order. `after` starts
  // past a known id (a tab catching up).
  store.loadEvents = async function (onBatch, after) {
    const db = await database();
    let lower = after || null;
    let total = 0;
    for (;;) {
      const tx = db.transaction('events', 'readonly');
      const events = tx.objectStore('events');
      const range = lower === null ? null : IDBKeyRange.lowerBound(lower, true);
      const [keys, values] = await Promise.all([
        promised(events.getAllKeys(range, LOAD_BATCH)),
        promised(events.getAll(range, LOAD_BATCH)),
      ]);
      if (values.length === 0) break;
      total += values.length;
      lower = keys[keys.length - 1];
      await onBatch(values, lower, total);
      if (values.length < LOAD_BATCH) break;
    }
    return total;
  };

  // --- writing (the writer tab only) -------------------------------------------------------
  // `text` holds "<id>\t<json>\n" lines. Resolves when the transaction has committed.
  store.append = async function (text) {
    if (!store.writer) throw new Error('NotWriterError: this tab does not write');
    const lines = text.split('\n');
    const db = await database();
    return new Promise((resolve, reject) => {
      let tx;
      try {
        tx = db.transaction('events', 'readwrite', { durability: 'strict' });
      } catch (error) {
        store.needsReopen = true;
        reject(errorText(error));
        return;
      }
      const events = tx.objectStore('events');
      for (const line of lines) {
        if (!line) continue;
        const tab = line.indexOf('\t');
        // add(), not put(): an id already present fails the write instead of replacing.
        events.add(line.slice(tab + 1), line.slice(0, tab));
      }
      tx.oncomplete = () => {
        store.writes++;
        if (!store.usedBefore) {
          store.usedBefore = true;
          try { localStorage.setItem(USED_KEY, new Date().toISOString()); } catch (e) { /* private mode */ }
        }
        if (store.channel) store.channel.postMessage({ kind: 'events', text });
        resolve();
      };
      const fail = () => {
        const error = tx.error;
        // A failed quota can leave the connection unable to write: use a new one next time.
        if (error && (error.name === 'QuotaExceededError' || error.name === 'UnknownError')) store.needsReopen = true;
        reject(errorText(error));
      };
      tx.onabort = fail;
      tx.onerror = (event) => event.preventDefault(); // onabort follows and reports
    });
  };

  // Deletes events by id in one transaction (example data only); tells the other tabs to
  // start again from storage.
  store.remove = async function (ids) {
    if (!store.writer) throw new Error('NotWriterError: this tab does not write');
    const db = await database();
    return new Promise((resolve, reject) => {
      const tx = db.transaction('events', 'readwrite', { durability: 'strict' });
      const events = tx.objectStore('events');
      for (const id of ids) events.delete(id);
      tx.oncomplete = () => {
        if (store.channel) store.channel.postMessage({ kind: 'reload' });
        resolve();
      };
      tx.onabort = () => reject(errorText(tx.error));
      tx.onerror = (event) => event.preventDefault();
    });
  };

  // Settings are one record per profile: any tab may replace it (last writer wins).
  store.saveSettings = async function (json) {
    const db = await database();
    const tx = db.transaction('meta', 'readwrite', { durability: 'strict' });
    tx.objectStore('meta').put(json, 'settings');
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    if (store.channel) store.channel.postMessage({ kind: 'settings', json });
  };

  store.ensureDeviceId = async function () {
    const existing = await store.readMeta('deviceId');
    if (typeof existing === 'number') return existing;
    const id = crypto.getRandomValues(new Uint32Array(1))[0] || 1;
    if (!store.writer) return id; // only the writer records it; a reader's id names nothing it writes
    const db = await database();
    const tx = db.transaction('meta', 'readwrite', { durability: 'strict' });
    const meta = tx.objectStore('meta');
    // Another tab may have just written one: keep the first.
    const current = await promised(meta.get('deviceId'));
    if (typeof current === 'number') return current;
    meta.put(id, 'deviceId');
    meta.put(new Date().toISOString(), 'createdAt');
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = () => reject(tx.error);
    });
    return id;
  };

  // --- storage persistence -------------------------------------------------------------------
  store.checkPersistence = async function () {
    try {
      if (navigator.storage && navigator.storage.persisted) {
        store.persisted = await navigator.storage.persisted();
        if (!store.persisted && navigator.storage.persist) store.persisted = await navigator.storage.persist();
      }
      if (navigator.storage && navigator.storage.estimate) {
        const { usage, quota } = await navigator.storage.estimate();
        store.estimate = { usage: usage || 0, quota: quota || 0 };
      }
    } catch (e) {
      console.warn('Recobra: storage persistence unavailable', e);
    }
    return { persisted: store.persisted, estimate: store.estimate };
  };

  try { store.usedBefore = !!localStorage.getItem(USED_KEY); } catch (e) { store.usedBefore = false; }

  // --- tabs: one writer, the others forward --------------------------------------------------
  // Resolves once this tab knows whether it writes now. If not, it queues for the lock and
  // becomes the writer when the current one closes (after catching up on the log).
  store.coordinate = function () {
    if ('BroadcastChannel' in window) {
      store.channel = new BroadcastChannel(CHANNEL_NAME);
      store.channel.onmessage = (event) => onMessage(event.data);
    }
    if (!navigator.locks) {
      store.writer = true; // no Web Locks: a single-tab browser
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      navigator.locks.request(LOCK_NAME, { ifAvailable: true }, (lock) => {
        if (!lock) {
          resolve(false);
          waitForWriterLock();
          return undefined;
        }
        store.writer = true;
        resolve(true);
        return new Promise(() => {}); // held for the life of the tab
      });
    });
  };

  function waitForWriterLock() {
    navigator.locks.request(LOCK_NAME, async () => {
      store.writer = true;
      if (store.onBecameWriter) await store.onBecameWriter();
      return new Promise(() => {});
    });
  }

  function onMessage(message) {
    if (!message || typeof message !== 'object') return;
    switch (message.kind) {
      case 'events':
        if (store.onRemoteEvents) store.onRemoteEvents(message.text);
        break;
      case 'reload':
        // Another tab took events out (example data): start again from storage.
        location.reload();
        break;
      case 'settings':
        if (store.onRemoteSettings) store.onRemoteSettings(message.json);
        break;
      case 'command':
        if (store.writer && store.onForwarded) store.onForwarded(message.from, message.request, message.command);
        break;
      case 'reply':
        if (message.to === store.tabId) {
          const timer = store.forwards.get(message.request);
          if (timer === undefined) return;
          clearTimeout(timer);
          store.forwards.delete(message.request);
          if (store.onReply) store.onReply(message.request, message.outcome);
        }
        break;
      default:
        break;
    }
  }

  // A reader tab's command goes to the writer; no answer in time fails it (the user retries).
  store.forward = function (request, command) {
    const timer = setTimeout(() => {
      store.forwards.delete(request);
      if (store.onReply) store.onReply(request, null);
    }, FORWARD_TIMEOUT_MS);
    store.forwards.set(request, timer);
    store.channel.postMessage({ kind: 'command', from: store.tabId, request, command });
  };

  store.reply = function (tab, request, outcome) {
    if (store.channel) store.channel.postMessage({ kind: 'reply', to: tab, request, outcome });
  };

  window.RecobraStore = store;
})();
