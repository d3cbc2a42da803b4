'use strict';
// Writes a restore's staged segments into IndexedDB off the page's thread (store.js
// stageWrite). Handing IndexedDB a segment costs the thread that calls put() a copy of its
// bytes (structured clone, about 1.3 s for a 765 MB backup); here that copy runs on the
// other core while the page goes on reading the file. The bytes come transferred, not copied.
//
// Messages, handled one at a time in the order they come:
//   {kind: 'put', id, key, value}  one put in its own relaxed transaction; answered {id}
//                                  once committed, or {id, error} if it failed;
//   {kind: 'drain', id}            answered {id} once every put received before it has
//                                  finished (committed or failed): the page then knows that
//                                  none of them can land after what it writes next.
let db = null;
const pending = new Set(); // puts not finished yet

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('recobra'); // the version the page opened
    request.onsuccess = () => {
      const opened = request.result;
      // A newer page upgrading the database must not wait for this connection.
      opened.onversionchange = () => {
        opened.close();
        if (db === opened) db = null;
      };
      resolve(opened);
    };
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('the database is being upgraded'));
  });
}

function errorText(error) {
  if (!error) return 'unknown error';
  return `${error.name || 'Error'}: ${error.message || error}`;
}

async function put({ id, key, value }) {
  let tx;
  try {
    if (!db) db = await open();
    tx = db.transaction('segments', 'readwrite', { durability: 'relaxed' });
    tx.objectStore('segments').put(value, key);
  } catch (error) {
    db = null; // a connection that cannot make a transaction is replaced next time
    postMessage({ id, error: errorText(error) });
    return;
  }
  const done = new Promise((resolve) => {
    tx.oncomplete = () => {
      postMessage({ id });
      resolve();
    };
    tx.onerror = (event) => event.preventDefault(); // onabort follows and reports
    tx.onabort = () => {
      const error = tx.error;
      // A failed quota can leave the connection unable to write: use a new one next time.
      if (error && (error.name === 'QuotaExceededError' || error.name === 'UnknownError')) db = null;
      postMessage({ id, error: errorText(error) });
      resolve();
    };
  });
  pending.add(done);
  done.then(() => pending.delete(done));
}

let queue = Promise.resolve();
onmessage = (event) => {
  const message = event.data;
  queue = queue.then(async () => {
    if (message.kind === 'put') await put(message);
    else if (message.kind === 'drain') {
      await Promise.all([...pending]);
      postMessage({ id: message.id });
    }
  });
};
