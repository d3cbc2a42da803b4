'use strict';
// IndexedDB: this browser profile's event log and settings, and the coordination between
// tabs. One tab writes (it holds a Web Lock); the others hand it their commands and hear of
// every committed event over a BroadcastChannel, so no tab ever overwrites another.
//
//   events    key [generation, event id]: one record per recent event, its canonical JSON
//   segments  key [generation, first event id]: many events packed together, one JSON event
//             per line: {count, bytes} (UTF-8, packed by the app, "<json>\n" lines) or
//             {count, blob} (a slice of a restored backup file, its lines as the file has
//             them: "<json>,\n"). Reading 200 segments takes under a second where two million
//             single records take fifteen, so recent events are packed into a segment once
//             there are enough of them (compact()).
//   meta      'generation' (the one in use), 'deviceId', 'settings' (JSON), 'createdAt',
//             'image' (what the images store holds, written after it)
//   images    key [0, piece] and [1, piece]: an image of the log as the app holds it in
//             memory (binary, EventLog::Image) and one of the state folded from it
//             (StateImageWriter), a cache that spares the next start decoding the JSON and
//             folding it. It names its generation, the last event it holds and the segments
//             stored when it was taken; the start installs it and reads only what came after.
//             It is never the only copy of anything: when it does not match, the log is read.
//
// A write is one readwrite transaction with strict durability, reported to the app only
// from oncomplete (saved) or onerror/onabort (not saved, with the reason). Replacing the
// whole log (restore, merge, removing example data) writes a new generation and switches to
// it in one final transaction: until then the old generation is what loads, so a tab closed
// half-way loses nothing. A restore's file is written as that generation while it is read
// (stageBegin), so that once it is checked only the switch is left.
(function () {
  const DB_NAME = 'recobra';
  // 4: segments may hold a Blob (a restore's file staged as slices of itself). A page of an
  // older version cannot read those, so it is not let open the database (VersionError).
  const DB_VERSION = 4;
  const LOAD_BATCH = 25000;
  const SEGMENT_BATCH = 8;        // segments read per transaction while loading
  const COMPACT_AT = 500;         // recent events that make a new segment
  const IMAGE_FORMAT = 2;         // the 'image' record and the keys of the images store
  const encoder = new TextEncoder();
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
    generation: 1,          // the generation in use (meta 'generation')
    recent: 0,              // single-record events of this generation (packed at COMPACT_AT)
    compacting: false,
    imaging: false,         // an image of the log is being written
    takingOver: false,      // the writer closed and this tab is catching up to replace it
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
      request.onupgradeneeded = (event) => {
        const db = request.result;
        // Version 1 kept events keyed by id alone; nothing of it was ever released.
        if (event.oldVersion < 2 && db.objectStoreNames.contains('events')) db.deleteObjectStore('events');
        for (const name of ['events', 'segments', 'meta', 'images'])
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

  // Loads the log of the generation in use: the segments, a few per transaction, then the
  // recent events in batches (getAll over key ranges, never a cursor step per event).
  // onSegment(bytes) receives UTF-8 lines (an ArrayBuffer); onRecent(texts) arrays of JSON. `after` skips
  // events up to a known id (a tab catching up). `image` (from imagePlan()) skips what an
  // installed image holds: the segments it covers and the recent events up to its last id.
  store.loadEvents = async function ({ onSegment, onRecent, after, image }) {
    const db = await database();
    if (!image) await store.readGeneration();
    let total = image ? image.events : 0;
    if (image) {
      for (const key of image.uncovered) {
        const segment = await promised(db.transaction('segments', 'readonly').objectStore('segments').get(key));
        if (!segment) continue;
        total += segment.count;
        await onSegment(await segmentBytes(segment), total);
      }
    } else if (!after) {
      // The next few segments are read while these are decoded: IndexedDB works off the
      // main thread, so reading overlaps folding.
      const read = (lower) => {
        const segments = db.transaction('segments', 'readonly').objectStore('segments');
        const range = generationRange(store.generation, lower);
        return Promise.all([
          promised(segments.getAllKeys(range, SEGMENT_BATCH)),
          promised(segments.getAll(range, SEGMENT_BATCH)),
        ]);
      };
      let next = read(null);
      for (;;) {
        const [keys, values] = await next;
        if (values.length === 0) break;
        const more = values.length === SEGMENT_BATCH;
        if (more) next = read(keys[keys.length - 1][1]);
        // A staged file's slices are read from their files while the ones before are decoded.
        const bytes = values.map(segmentBytes);
        bytes.forEach((reading) => Promise.resolve(reading).catch(() => {})); // the first failure is the one told
        for (let k = 0; k < values.length; ++k) {
          total += values[k].count;
          await onSegment(await bytes[k], total);
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

  // A segment's lines: its bytes, or those of its slice of a staged file (a promise).
  function segmentBytes(segment) {
    return segment.blob ? segment.blob.arrayBuffer() : segment.bytes;
  }

  // --- the image of the log -------------------------------------------------------------------
  // Whether the stored image can start this generation: null if not, else what to read
  // besides it ({events, lastId, pieces, statePieces, uncovered: segment keys stored after
  // it was taken}).
  store.imagePlan = async function () {
    const db = await database();
    const [generation, image] = await Promise.all([store.readGeneration(), store.readMeta('image')]);
    if (!image || image.format !== IMAGE_FORMAT || image.generation !== generation) return null;
    const keys = await promised(db.transaction('segments', 'readonly').objectStore('segments')
      .getAllKeys(generationRange(generation)));
    const present = new Set(keys.map((key) => key[1]));
    // Segments are only ever added to a generation: one missing means the image is not of this log.
    if (!image.segments.every((first) => present.has(first))) return null;
    const covered = new Set(image.segments);
    return {
      events: image.events,
      lastId: image.lastId,
      pieces: image.pieces,
      statePieces: image.statePieces,
      uncovered: keys.filter((key) => !covered.has(key[1])),
    };
  };

  // The pieces of one part of the image (0 the log, 1 the state) in order to onPiece(index,
  // bytes), a batch read while the one before is installed; false when one is missing or
  // onPiece says stop.
  store.readImage = async function (part, pieces, onPiece) {
    const db = await database();
    const BATCH = 16;
    const read = (from) => promised(db.transaction('images', 'readonly').objectStore('images')
      .getAll(IDBKeyRange.bound([part, from], [part, Math.min(from + BATCH, pieces) - 1])));
    let next = pieces > 0 ? read(0) : null;
    for (let from = 0; from < pieces; from += BATCH) {
      const values = await next;
      next = from + BATCH < pieces ? read(from + BATCH) : null;
      let ok = values.length === Math.min(BATCH, pieces - from);
      for (let k = 0; ok && k < values.length; ++k) ok = await onPiece(from + k, values[k]);
      if (!ok) {
        if (next) next.catch(() => {});
        return false;
      }
    }
    return true;
  };

  // Writes the app's picture of the log and its state as the image of this generation.
  // take() is called when nothing is being written and gives null (nothing to take) or
  // {pieces, logPiece(i), statePiece() -> ArrayBuffer, or null once all are out, throwing
  // when the state changed meanwhile, lastId, events, bytes}. The stored segments are listed
  // in the same moment, so the image records exactly which ones it holds. The old image is
  // forgotten first, the state's pieces are written while it cannot change much, and the
  // record describing the new image goes last.
  store.writeImage = async function (take) {
    if (!store.writer || store.imaging) return false;
    store.imaging = true;
    try {
      const db = await database();
      const forget = transaction(db, ['meta', 'images'], 'relaxed');
      forget.objectStore('meta').delete('image');
      forget.objectStore('images').clear();
      await committed(forget);
      const generation = store.generation;
      const picture = take();
      if (!picture) return false;
      // Created in the same task as the picture: ordered before any later compaction.
      const listing = promised(db.transaction('segments', 'readonly').objectStore('segments')
        .getAllKeys(generationRange(generation)));
      listing.catch(() => {});
      // A cache never takes room the data itself may need: three times its size must be free.
      if (navigator.storage && navigator.storage.estimate) {
        const { usage, quota } = await navigator.storage.estimate();
        if (quota && quota - usage < 3 * picture.bytes) return false;
      }
      const writing = [];
      const put = async (key, bytes) => {
        const tx = transaction(db, 'images', 'relaxed');
        tx.objectStore('images').put(bytes, key);
        writing.push(committed(tx));
        if (writing.length >= 4) await writing.shift();
      };
      let statePieces = 0;
      try {
        for (let bytes = picture.statePiece(); bytes; bytes = picture.statePiece()) await put([1, statePieces++], bytes);
        for (let i = 0; i < picture.pieces; ++i) {
          const bytes = picture.logPiece(i);
          if (!bytes) throw new Error('the image was given up');
          await put([0, i], bytes);
        }
        await Promise.all(writing.splice(0));
      } catch (error) {
        for (const pending of writing) pending.catch(() => {});
        const drop = transaction(db, 'images', 'relaxed');
        drop.objectStore('images').clear();
        committed(drop).catch(() => {});
        throw error;
      }
      const segments = (await listing).map((key) => key[1]);
      if (store.generation !== generation) return false;
      const tx = transaction(db, 'meta', 'relaxed');
      tx.objectStore('meta').put({
        format: IMAGE_FORMAT, generation, pieces: picture.pieces, statePieces, events: picture.events,
        lastId: picture.lastId, segments, takenAt: new Date().toISOString(),
      }, 'image');
      await committed(tx);
      return true;
    } finally {
      store.imaging = false;
    }
  };

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

  // Packs the recent single-record events into one segment, in one transaction: the events
  // stay exactly the same, only fewer records hold them.
  store.compact = async function () {
    if (!store.writer || store.compacting) return;
    store.compacting = true;
    try {
      const db = await database();
      const tx = transaction(db, ['events', 'segments']);
      const events = tx.objectStore('events');
      const range = generationRange(store.generation);
      const [keys, values] = await Promise.all([promised(events.getAllKeys(range)), promised(events.getAll(range))]);
      if (values.length >= COMPACT_AT) {
        const bytes = encoder.encode(values.join('\n') + '\n');
        tx.objectStore('segments').put({ count: values.length, bytes: bytes.buffer }, [store.generation, keys[0][1]]);
        events.delete(range);
      }
      await committed(tx);
      store.recent = 0;
    } finally {
      store.compacting = false;
    }
  };

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
          const tx = transaction(db, 'segments', 'relaxed');
          tx.objectStore('segments').put({ count: chunk.count, bytes: chunk.bytes }, [next, chunk.first]);
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
    await drainStaging();
    const from = first();
    if (from === null) return;
    const range = IDBKeyRange.lowerBound([from]);
    const clear = transaction(db, ['segments', 'events']);
    clear.objectStore('segments').delete(range);
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
    const cleanup = transaction(db, ['segments', 'images', 'meta']);
    cleanup.objectStore('segments').delete(IDBKeyRange.bound([old], [old, []]));
    cleanup.objectStore('images').clear();
    cleanup.objectStore('meta').delete('image');
    committed(cleanup).catch((e) => console.warn('Recobra: old generation left behind', e));
  }

  // --- a restore's file staged while it is read ----------------------------------------------
  // A backup that may be restored is written aside as the next generation while it is read
  // (bridge.js readFile), as slices of the file itself: once the app has checked it, the
  // restore only switches to it (commitStaged) instead of writing 800 MB after the check.
  // IndexedDB copies a slice of a file from the disk: the page copies nothing (staging the
  // file's lines as bytes cost a 765 MB restore about 1 s of the two cores' time).
  // Until then nothing reads that generation. Anything else that replaces the log gives the
  // staging up; so does a restore of another file, or of a log that is not the file's.
  store.staged = null;     // {token, generation, writing, failed, count, complete}
  // Staged writes in flight before reading waits for one: keeps the writing from falling far
  // behind the reading.
  const STAGE_IN_FLIGHT = 6;
  store.replacing = false; // a replaceAll is writing the next generation

  // Staged writes not finished yet (committed or failed), of any staging.
  const stagedWrites = new Set();
  // Resolves once every staged write made so far has finished.
  function drainStaging() {
    return Promise.all([...stagedWrites]);
  }

  // Starts staging the file with this token; null when this tab cannot (not the writer, or a
  // replacement is being written).
  store.stageBegin = async function (token) {
    if (!store.writer || store.replacing) return null;
    const staged = { token, generation: store.generation + 1, writing: [], failed: null, count: 0, complete: false };
    store.staged = staged;
    try {
      await clearFrom(await database(), () => (store.staged === staged ? staged.generation : null));
    } catch (error) {
      if (store.staged === staged) store.staged = null;
      console.warn('Recobra: not staging the file', error);
      return null;
    }
    return store.staged === staged ? staged : null;
  };

  // Writes one segment aside ({blob, count, first}: a slice of the file) in a relaxed
  // transaction of its own; resolves once fewer than STAGE_IN_FLIGHT writes are in flight. A
  // failed write is remembered (the restore then writes the ordinary way). Nothing reads the
  // staged generation before the strict transaction that switches to it, whose flush covers
  // these.
  store.stageWrite = async function (staged, chunk) {
    // Checked in the task that makes the write: once given up, a staging writes nothing more
    // (and whatever clears it first waits for the writes made before: drainStaging).
    if (store.staged !== staged || staged.failed || staged.generation !== store.generation + 1) return;
    let written;
    try {
      if (!store.db || store.needsReopen) throw new Error('the database is closed');
      const tx = transaction(store.db, 'segments', 'relaxed');
      tx.objectStore('segments').put({ count: chunk.count, blob: chunk.blob }, [staged.generation, chunk.first]);
      written = committed(tx);
    } catch (error) {
      written = Promise.reject(typeof error === 'string' ? error : errorText(error));
    }
    const finished = written.catch((error) => { staged.failed = staged.failed || error; });
    stagedWrites.add(finished);
    finished.then(() => stagedWrites.delete(finished));
    staged.count += chunk.count;
    staged.writing.push(finished);
    if (staged.writing.length >= STAGE_IN_FLIGHT) await staged.writing.shift();
  };

  // The file is read: every event of it was handed to stageWrite.
  store.stageEnd = function (staged) {
    staged.complete = true;
  };

  // A staging that will not be restored: given up, and what it wrote cleared.
  store.stageDrop = function (staged) {
    if (!staged || store.staged !== staged) return;
    store.staged = null;
    store.dropLeftovers();
  };

  // After a start: what a staging or replacement left behind when the tab closed half-way, or
  // a file staged and then not restored, goes (in the background; nothing reads it).
  store.dropLeftovers = async function () {
    try {
      const db = await database();
      // Checked in the task that makes the transaction: a staging or replacement begun since is
      // not cleared.
      await clearFrom(db, () => (!store.writer || store.replacing || store.staged ? null : store.generation + 1));
    } catch (error) {
      console.warn('Recobra: leftovers not cleared', error);
    }
  };

  // The restore of the staged file with this token, whose log has `count` events: a promise
  // that the switch is done, or null at once if that staging is not there to switch to.
  store.commitStaged = function (token, count) {
    const staged = store.staged;
    if (!store.writer || store.replacing || !staged || staged.token !== token || !staged.complete ||
        staged.failed || staged.count !== count || staged.generation !== store.generation + 1)
      return null;
    store.replacing = true;
    return (async () => {
      try {
        await Promise.all(staged.writing);
        if (staged.failed) throw staged.failed;
        if (store.staged !== staged) throw new Error('the staged file was given up');
        await switchTo(await database(), staged.generation);
        return count;
      } finally {
        if (store.staged === staged) store.staged = null;
        store.replacing = false;
      }
    })();
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
      // Writing from now on, but the app only once it has caught up (takingOver until then):
      // storage().writer says so only after that, so nothing is sent in the gap.
      store.writer = true;
      store.takingOver = true;
      try {
        if (store.onBecameWriter) await store.onBecameWriter();
      } finally {
        store.takingOver = false;
      }
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
