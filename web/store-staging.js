'use strict';
// A restore's file staged while it is read: a backup that may be restored is written aside as
// the next generation while it is read (files-in.js readFile), as slices of the file itself:
// once the app has checked it, the restore only switches to it (commitStaged) instead of
// writing 800 MB after the check. IndexedDB copies a slice of a file from the disk: the page
// copies nothing (staging the file's lines as bytes cost a 765 MB restore about 1 s of the two
// cores' time). Until then nothing reads that generation. Anything else that replaces the log
// gives the staging up; so does a restore of another file, or of a log that is not the file's.
(function () {
  const store = window.RecobraStore;
  const { BLOCKS, errorText, database, transaction, committed, clearFrom, switchTo } = store.internal;
  store.staged = null;     // {token, generation, writing, failed, count, complete}
  // Staged writes in flight before reading waits for one: keeps the writing from falling far
  // behind the reading.
  const STAGE_IN_FLIGHT = 6;

  // Staged writes not finished yet (committed or failed), of any staging.
  const stagedWrites = new Set();
  // Resolves once every staged write made so far has finished.
  function drainStaging() {
    return Promise.all([...stagedWrites]);
  }
  store.drainStaging = drainStaging; // store.js clearFrom

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

  // Writes one block aside ({blob, count, first}: a slice of the file) in a relaxed
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
      const tx = transaction(store.db, BLOCKS, 'relaxed');
      tx.objectStore(BLOCKS).put({ count: chunk.count, blob: chunk.blob }, [staged.generation, chunk.first]);
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
})();
