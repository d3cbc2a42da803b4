'use strict';
// IndexedDB: this browser profile's event log and settings. This file opens the database,
// reads the log, appends to it and replaces it, keeps the settings and asks for persistence;
// store-image.js (the image of the log), store-staging.js (a restore's file staged while it
// is read) and store-tabs.js (one tab writes, the others forward) extend RecobraStore.
//
//   events    key [generation, event id]: one record per recent event, its canonical JSON
//   segments  the blocks (BLOCKS: the store's stored name, kept for compatibility), key
//             [generation, first event id]: many events packed together, one JSON event
//             per line: {count, bytes} (UTF-8, packed by the app, "<json>\n" lines) or
//             {count, blob} (a slice of a restored backup file, its lines as the file has
//             them: "<json>,\n"). Reading 200 blocks takes under a second where two million
//             single records take fifteen, so recent events are packed into a block once
//             there are enough of them (compact()).
//   meta      'generation' (the one in use), 'deviceId', 'settings' (JSON), 'createdAt',
//             'image' (what the images store holds, written after it)
//   images    key [0, piece] and [1, piece]: an image of the log as the app holds it in
//             memory (binary, EventLog::Image) and one of the state folded from it
//             (StateImageWriter), a cache that spares the next start decoding the JSON and
//             folding it. It names its generation, the last event it holds and the blocks
//             stored when it was taken (in 'image', as 'segments': the stored name, kept for
//             compatibility); the start installs it and reads only what came after.
//             It is never the only copy of anything: when it does not match, the log is read.
//
// A write is one readwrite transaction with strict durability, reported to the app only
// from oncomplete (saved) or onerror/onabort (not saved, with the reason). Replacing the
// whole log (restore, merge, removing example data) writes a new generation and switches to
// it in one final transaction: until then the old generation is what loads, so a tab closed
// half-way loses nothing. A restore's file is written as that generation while it is read
// (store-staging.js), so that once it is checked only the switch is left.
(function () {
  const DB_NAME = 'recobra';
  // 4: blocks may hold a Blob (a restore's file staged as slices of itself). A page of an
  // older version cannot read those, so it is not let open the database (VersionError).
  const DB_VERSION = 4;
  const BLOCKS = 'segments';      // the blocks' object store: its stored name, kept for compatibility
  const LOAD_BATCH = 25000;
  const BLOCK_BATCH = 8;          // blocks read per transaction while loading
  const COMPACT_AT = 500;         // recent events that make a new block
  const encoder = new TextEncoder();
  const USED_KEY = 'recobra.usedSince';

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
    generation: 1,          // the generation in use (meta 'generation')
    recent: 0,              // single-record events of this generation (packed at COMPACT_AT)
    compacting: false,
    imaging: false,         // an image of the log is being written
    takingOver: false,      // the writer closed and this tab is catching up to replace it
    forwards: new Map(),    // request -> timeout handle (this tab's commands at the writer)
    // Set by bridge.js (loadData): where the store's news go.
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
      request.onupgradeneeded = (event) => {
        const db = request.result;
        // Version 1 kept events keyed by id alone; nothing of it was ever released.
        if (event.oldVersion < 2 && db.objectStoreNames.contains('events')) db.deleteObjectStore('events');
        for (const name of ['events', BLOCKS, 'meta', 'images'])
          if (!db.objectStoreNames.contains(name)) db.createObjectStore(name);
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

  // Every key of one generation: [generation] < [generation, anything] < [generation, []].
  function generationRange(generation, after) {
    const lower = after ? [generation, after] : [generation];
    return IDBKeyRange.bound(lower, [generation, []], !!after, true);
  }

  store.readGeneration = async function () {
    const generation = await store.readMeta('generation');
    store.generation = typeof generation === 'number' ? generation : 1;
    return store.generation;
  };

  // Loads the log of the generation in use: the blocks, a few per transaction, then the
  // recent events in batches (getAll over key ranges, never a cursor step per event).
  // onBlock(bytes) receives UTF-8 lines (an ArrayBuffer); onRecent(texts) arrays of JSON. `after` skips
  // events up to a known id (a tab catching up). `image` (from imagePlan()) skips what an
  // installed image holds: the blocks it covers and the recent events up to its last id.
  store.loadEvents = async function ({ onBlock, onRecent, after, image }) {
    const db = await database();
    if (!image) await store.readGeneration();
    let total = image ? image.events : 0;
    if (image) {
      for (const key of image.uncovered) {
        const block = await promised(db.transaction(BLOCKS, 'readonly').objectStore(BLOCKS).get(key));
        if (!block) continue;
        total += block.count;
        await onBlock(await blockBytes(block), total);
      }
    } else if (!after) {
      // The next few blocks are read while these are decoded: IndexedDB works off the
      // main thread, so reading overlaps folding.
      const read = (lower) => {
        const blocks = db.transaction(BLOCKS, 'readonly').objectStore(BLOCKS);
        const range = generationRange(store.generation, lower);
        return Promise.all([
          promised(blocks.getAllKeys(range, BLOCK_BATCH)),
          promised(blocks.getAll(range, BLOCK_BATCH)),
        ]);
      };
      let next = read(null);
      for (;;) {
        const [keys, values] = await next;
        if (values.length === 0) break;
        const more = values.length === BLOCK_BATCH;
        if (more) next = read(keys[keys.length - 1][1]);
        // A staged file's slices are read from their files while the ones before are decoded.
        const bytes = values.map(blockBytes);
        bytes.forEach((reading) => Promise.resolve(reading).catch(() => {})); // the first failure is the one told
        for (let k = 0; k < values.length; ++k) {
          total += values[k].count;
          await onBlock(await bytes[k], total);
        }
        if (!more) break;
      }
    }
    let lower = after || (image ? image.lastId : null);
    store.recent = 0;
    for (;;) {
      const tx = db.transaction('events', 'readonly');
      const events = tx.objectStore('events');
      const range = generationRange(store.generation, lower);
      const [keys, values] = await Promise.all([
        promised(events.getAllKeys(range, LOAD_BATCH)),
        promised(events.getAll(range, LOAD_BATCH)),
      ]);
      if (values.length === 0) break;
      total += values.length;
      store.recent += values.length;
      lower = keys[keys.length - 1][1];
      await onRecent(values, total);
      if (values.length < LOAD_BATCH) break;
    }
    // (With an image, single events it holds are not counted: the next compaction packs them
    // with the new ones all the same.)
    return total;
  };

  // A block's lines: its bytes, or those of its slice of a staged file (a promise).
  function blockBytes(block) {
    return block.blob ? block.blob.arrayBuffer() : block.bytes;
  }

  function transaction(db, names, durability = 'strict') {
    try {
      return db.transaction(names, 'readwrite', { durability });
    } catch (error) {
      store.needsReopen = true;
      throw errorText(error);
    }
  }

  function committed(tx) {
    return new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onabort = () => {
        const error = tx.error;
        // A failed quota can leave the connection unable to write: use a new one next time.
        if (error && (error.name === 'QuotaExceededError' || error.name === 'UnknownError')) store.needsReopen = true;
        reject(errorText(error));
      };
      tx.onerror = (event) => event.preventDefault(); // onabort follows and reports
    });
  }

  function markUsed() {
    if (store.usedBefore) return;
    store.usedBefore = true;
    try { localStorage.setItem(USED_KEY, new Date().toISOString()); } catch (e) { /* private mode */ }
  }

  // --- writing (the writer tab only) -------------------------------------------------------
  // `text` holds "<id>\t<json>\n" lines. Resolves when the transaction has committed.
  store.append = async function (text) {
    if (!store.writer) throw new Error('NotWriterError: this tab does not write');
    const db = await database();
    const tx = transaction(db, 'events');
    const events = tx.objectStore('events');
    let count = 0;
    for (const line of text.split('\n')) {
      if (!line) continue;
      const tab = line.indexOf('\t');
      // add(), not put(): an id already present fails the write instead of replacing.
      events.add(line.slice(tab + 1), [store.generation, line.slice(0, tab)]);
      ++count;
    }
    await committed(tx);
    store.writes++;
    store.recent += count;
    markUsed();
    if (store.channel) store.channel.postMessage({ kind: 'events', text });
    if (store.recent >= COMPACT_AT) setTimeout(() => store.compact().catch((e) => console.warn('Recobra: compaction', e)), 0);
  };

  // Packs the recent single-record events into one block, in one transaction: the events
  // stay exactly the same, only fewer records hold them.
  store.compact = async function () {
    if (!store.writer || store.compacting) return;
    store.compacting = true;
    try {
      const db = await database();
      const tx = transaction(db, ['events', BLOCKS]);
      const events = tx.objectStore('events');
      const range = generationRange(store.generation);
      const [keys, values] = await Promise.all([promised(events.getAllKeys(range)), promised(events.getAll(range))]);
      if (values.length >= COMPACT_AT) {
        const bytes = encoder.encode(values.join('\n') + '\n');
        tx.objectStore(BLOCKS).put({ count: values.length, bytes: bytes.buffer }, [store.generation, keys[0][1]]);
        events.delete(range);
      }
      await committed(tx);
      store.recent = 0;
    } finally {
      store.compacting = false;
    }
  };

  store.replacing = false; // a replaceAll is writing the next generation

  // Writes a whole new log as a new generation, then switches to it in one transaction.
  // nextChunk() gives {bytes, count, first} or null; onProgress(events written so far).
  store.replaceAll = async function (nextChunk, onProgress) {
    if (!store.writer) throw new Error('NotWriterError: this tab does not write');
    // A file being staged writes where this replacement will: it is given up (stageWrite
    // writes nothing once it is no longer the staging in hand, and the clearing below waits
    // for the staged writes already handed to the worker).
    store.staged = null;
    store.replacing = true;
    try {
      const db = await database();
      const old = store.generation;
      const next = old + 1;
      // Whatever an earlier replacement or staging left under later generations goes first.
      await clearFrom(db, () => next);
      // The next chunk is made while the last one is written (two writes in flight at most).
      // Those writes need not reach the disk one by one: nothing reads this generation until
      // the strict transaction of switchTo() switches to it, and its flush covers everything
      // before it.
      let written = 0;
      const writing = [];
      try {
        for (;;) {
          const chunk = nextChunk();
          if (!chunk) break;
          const tx = transaction(db, BLOCKS, 'relaxed');
          tx.objectStore(BLOCKS).put({ count: chunk.count, bytes: chunk.bytes }, [next, chunk.first]);
          const count = chunk.count;
          writing.push(committed(tx).then(() => {
            written += count;
            if (onProgress) onProgress(written);
          }));
          if (writing.length >= 2) await writing.shift();
        }
        await Promise.all(writing.splice(0));
      } catch (error) {
        for (const pending of writing) pending.catch(() => {}); // the first failure is the one told
        throw error;
      }
      await switchTo(db, next);
      return written;
    } finally {
      store.replacing = false;
    }
  };

  // Clears every generation from first() on (none is in use: they are what a replacement or a
  // staging left half-written). The staged writes the worker still has in flight finish first,
  // so none of them lands after the clearing; first() is asked then, in the task that makes
  // the clearing, and null clears nothing.
  async function clearFrom(db, first) {
    await store.drainStaging();
    const from = first();
    if (from === null) return;
    const range = IDBKeyRange.lowerBound([from]);
    const clear = transaction(db, [BLOCKS, 'events']);
    clear.objectStore(BLOCKS).delete(range);
    clear.objectStore('events').delete(range);
    await committed(clear);
  }

  // The one transaction that makes `next` (fully written) the log, then the old one's cleanup.
  async function switchTo(db, next) {
    const old = store.generation;
    const tx = transaction(db, ['meta', 'events']);
    tx.objectStore('meta').put(next, 'generation');
    tx.objectStore('events').delete(generationRange(old));
    await committed(tx);
    store.generation = next;
    store.recent = 0;
    markUsed();
    if (store.channel) store.channel.postMessage({ kind: 'reload' });
    // The old generation is no longer read: clear it in the background.
    // So is the image of it.
    const cleanup = transaction(db, [BLOCKS, 'images', 'meta']);
    cleanup.objectStore(BLOCKS).delete(IDBKeyRange.bound([old], [old, []]));
    cleanup.objectStore('images').clear();
    cleanup.objectStore('meta').delete('image');
    committed(cleanup).catch((e) => console.warn('Recobra: old generation left behind', e));
  }

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

  // For store-image.js and store-staging.js, which extend the store (not for the app).
  store.internal = { BLOCKS, promised, errorText, database, generationRange, transaction, committed, clearFrom, switchTo };

  window.RecobraStore = store;
})();
