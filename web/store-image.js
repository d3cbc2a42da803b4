'use strict';
// The image of the log kept in IndexedDB (the images store and meta's 'image' record, laid out
// in store.js): whether it can start this generation and which blocks it does not cover, its
// pieces read at a start and written a while after (both for log-image.js).
(function () {
  const store = window.RecobraStore;
  const { BLOCKS, promised, database, generationRange, transaction, committed } = store.internal;
  const IMAGE_FORMAT = 2;         // the 'image' record and the keys of the images store

  // Whether the stored image can start this generation: null if not, else what to read
  // besides it ({events, lastId, pieces, statePieces, uncovered: block keys stored after
  // it was taken}).
  store.imagePlan = async function () {
    const db = await database();
    const [generation, image] = await Promise.all([store.readGeneration(), store.readMeta('image')]);
    if (!image || image.format !== IMAGE_FORMAT || image.generation !== generation) return null;
    const keys = await promised(db.transaction(BLOCKS, 'readonly').objectStore(BLOCKS)
      .getAllKeys(generationRange(generation)));
    const present = new Set(keys.map((key) => key[1]));
    // Blocks are only ever added to a generation: one missing means the image is not of this log
    // (image.segments: its blocks, under the record's stored name, kept for compatibility).
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
  // when the state changed meanwhile, lastId, events, bytes}. The stored blocks are listed
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
      const listing = promised(db.transaction(BLOCKS, 'readonly').objectStore(BLOCKS)
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
      const blocks = (await listing).map((key) => key[1]);
      if (store.generation !== generation) return false;
      const tx = transaction(db, 'meta', 'relaxed');
      // Its blocks go in as 'segments', the record's stored name, kept for compatibility.
      tx.objectStore('meta').put({
        format: IMAGE_FORMAT, generation, pieces: picture.pieces, statePieces, events: picture.events,
        lastId: picture.lastId, segments: blocks, takenAt: new Date().toISOString(),
      }, 'image');
      await committed(tx);
      return true;
    } finally {
      store.imaging = false;
    }
  };
})();
