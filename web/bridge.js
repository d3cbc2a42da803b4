'use strict';
// Connects the store (IndexedDB, tabs) to the C++ app: loads the log into it at start,
// carries its writes to IndexedDB and their outcome back, and passes along what other tabs
// commit. Large texts go into wasm memory through malloc, never the stack.
(function () {
  const encoder = new TextEncoder();
  const bridge = { loadedEvents: 0, report: null };

  // Calls fn(pointer, byteLength) with `text` as a NUL-terminated UTF-8 string in wasm memory.
  function withText(text, fn) {
    const module = window.Module;
    const capacity = text.length * 3 + 1;
    const pointer = module._malloc(capacity);
    try {
      const { written } = encoder.encodeInto(text, module.HEAPU8.subarray(pointer, pointer + capacity - 1));
      module.HEAPU8[pointer + written] = 0;
      return fn(pointer, written);
    } finally {
      module._free(pointer);
    }
  }
  bridge.withText = withText;

  bridge.callText = function (name, text, ...numbers) {
    return withText(text, (pointer, length) => window.Module['_' + name](...numbers, pointer, length));
  };

  // Copies bytes (a Uint8Array or ArrayBuffer) into wasm memory and calls fn(pointer, length).
  function withBytes(bytes, fn) {
    const module = window.Module;
    const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const pointer = module._malloc(view.length + 1);
    try {
      module.HEAPU8.set(view, pointer);
      module.HEAPU8[pointer + view.length] = 0;
      return fn(pointer, view.length);
    } finally {
      module._free(pointer);
    }
  }
  bridge.withBytes = withBytes;

  bridge.callJson = function (name, text, ...numbers) {
    const module = window.Module;
    const result = withText(text, (pointer, length) => module['_' + name](...numbers, pointer, length));
    return JSON.parse(module.UTF8ToString(result));
  };

  // The clock the app reads; `?now=` fixes it for demonstrations and tests.
  const fixedNow = Number(new URLSearchParams(location.search).get('now')) || 0;
  // `?today=YYYY-MM-DD` starts the clock at local noon of that day and lets it run (toasts
  // still expire), so the agenda and "today" are that day's for demonstrations and tests.
  const todayMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(new URLSearchParams(location.search).get('today') || '');
  const todayOffset = todayMatch
    ? new Date(Number(todayMatch[1]), Number(todayMatch[2]) - 1, Number(todayMatch[3]), 12, 0, 0).getTime() - Date.now()
    : 0;
  bridge.now = () => (fixedNow ? fixedNow : Date.now() + todayOffset);

  bridge.append = function (request, text) {
    RecobraStore.append(text).then(
      () => done(request, 1, ''),
      (error) => done(request, 0, String(error)));
  };

  // The app replaces the whole log (restore, merge, example data removed): store.js pulls it
  // in chunks of about 8 MB and writes them as a new generation, or, for the restore of a
  // file staged while it was read (`staged`: its token), switches to that generation.
  const CHUNK_BYTES = 8 * 1024 * 1024;
  bridge.replaceAll = function (request, events, staged) {
    const commit = staged ? RecobraStore.commitStaged(staged, events) : null;
    bridge.replacedFromStaging = false;
    if (commit) {
      RecobraProgress.show('saving', 1);
      commit.then(
        () => {
          bridge.replacedFromStaging = true;
          replaced(request, events);
        },
        (error) => {
          console.warn('Recobra: the staged file could not be used; writing the log', error);
          writeAll(request, events);
        });
      return;
    }
    writeAll(request, events);
  };

  function writeAll(request, events) {
    const module = window.Module;
    RecobraProgress.show('saving', 0);
    RecobraStore.replaceAll(() => {
      const length = module._rb_replace_next(CHUNK_BYTES);
      if (!length) return null;
      const pointer = module._rb_replace_data();
      return {
        bytes: module.HEAPU8.slice(pointer, pointer + length).buffer,
        count: module._rb_replace_count(),
        first: module.UTF8ToString(module._rb_replace_first()),
      };
    }, (written) => RecobraProgress.show('saving', events ? written / events : 0)).then(
      () => replaced(request, events),
      (error) => { RecobraProgress.hide(); done(request, 0, String(error)); });
  }

  function replaced(request, events) {
    RecobraProgress.hide();
    done(request, 1, '');
    if (events >= bridge.imageAfter) bridge.scheduleImage();
  }

  function done(request, ok, error) {
    bridge.callText('rb_store_done', error, request, ok);
    RecobraHost.requestFrame(false);
  }

  bridge.saveSettings = function (json) {
    RecobraStore.saveSettings(json).catch((error) => console.warn('Recobra: settings not saved', error));
  };

  function integrate(text) {
    if (!text) return;
    bridge.callText('rb_integrate', text);
    RecobraHost.requestFrame(false);
  }

  // Lets the page draw and handle input between two pieces of a long job. A message to
  // ourselves, not setTimeout(0): nested timers are held back 4 ms each, which over the
  // hundreds of pieces of a large log or backup adds up to seconds.
  const ticks = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => ticks.shift()();
  bridge.nextTask = () => new Promise((resolve) => {
    ticks.push(resolve);
    channel.port2.postMessage(0);
  });

  // Calls the app's `step` once per task until it answers 0; frames are drawn in between.
  async function pump(step, what) {
    try {
      while (window.Module[step]()) await bridge.nextTask();
    } catch (error) {
      console.error(`Recobra: ${what} stopped`, error);
    }
  }
  // A restore or merge being checked.
  bridge.pumpImport = () => pump('_rb_import_step', 'import');
  // The state a restore or merge replaced, freed a slice at a time (freed at once, the
  // millions of allocations of a large one froze the page for 400 ms).
  bridge.pumpRelease = () => pump('_rb_release_step', 'release');

  // --- the image of the log (store.js, EventLog::Image) ------------------------------------
  // How many events read as JSON at a start (or written by a restore or merge) make it worth
  // keeping an image of the log for the next start: below that, the JSON reads quickly.
  // `?image-after=N` changes it (tests use 0).
  const imageParam = new URLSearchParams(location.search).get('image-after');
  bridge.imageAfter = imageParam !== null && imageParam !== '' ? Number(imageParam) : 20000;
  const IMAGE_FOLD_SLICE = 40000; // events of an installed image folded per task
  const IMAGE_DELAY_MS = 2000;    // after a start or a replacement, before the image is taken
  bridge.imageWrites = 0;

  // Installs the stored image (plan from store.imagePlan()) piece by piece, the log's then the
  // state's: 0 when it is not one this build can use (nothing has changed then), 1 when the
  // log is installed (its state still to fold), 2 when the state is too.
  async function installImage(plan, deviceId, writer, progress, timed) {
    const module = window.Module;
    const all = plan.pieces + plan.statePieces;
    let done = 0;
    let ok = false;
    try {
      // The two parts are read side by side: one's pieces are installed while the other's
      // are being read.
      const log = RecobraStore.readImage(0, plan.pieces, async (index, bytes) => {
        const view = new Uint8Array(bytes);
        let fits = false;
        timed(() => {
          if (index === 0) {
            fits = withBytes(view, (pointer, length) => module._rb_image_begin(pointer, length)) === plan.pieces;
            return;
          }
          const pointer = module._rb_image_buffer(view.length);
          if (!pointer) return;
          module.HEAPU8.set(view, pointer);
          fits = module._rb_image_piece_done() === 1;
        });
        if (++done % 32 === 0) progress(Math.round(plan.events * done / all));
        return fits;
      });
      // A state image that does not fit leaves the log's: the log is folded instead.
      timed(() => module._rb_state_begin(plan.events));
      const state = RecobraStore.readImage(1, plan.statePieces, async (index, bytes) => {
        let fits = false;
        timed(() => { fits = withBytes(bytes, (pointer, length) => module._rb_state_add(pointer, length)) === 1; });
        if (++done % 32 === 0) progress(Math.round(plan.events * done / all));
        return fits;
      });
      state.catch(() => {});
      ok = await log;
      await state;
    } catch (error) {
      console.warn('Recobra: image of the log not read', error);
    }
    let installed = 0;
    timed(() => { installed = module._rb_image_install(deviceId >>> 0, writer ? 1 : 0); });
    if (ok && !installed) console.warn('Recobra: the image of the log was refused; reading the log itself');
    return ok ? installed : 0;
  }

  // Writes an image of the log and its state as the app holds them, when no write is in
  // flight and nothing changes while the state is written out; else it tries again later,
  // waiting twice as long each time (up to a minute) while the user keeps working.
  let imageTimer = 0;
  let imageRetryMs = IMAGE_DELAY_MS;
  bridge.scheduleImage = function (retry = false) {
    imageRetryMs = retry ? Math.min(imageRetryMs * 2, 60000) : IMAGE_DELAY_MS;
    clearTimeout(imageTimer);
    imageTimer = setTimeout(() => bridge.writeImage().catch((error) => {
      console.warn('Recobra: image of the log not kept', error);
    }), imageRetryMs);
  };
  bridge.writeImage = async function () {
    const module = window.Module;
    const store = RecobraStore;
    if (!store.writer) return false;
    let busy = false;
    try {
      const written = await store.writeImage(() => {
        const pieces = module._rb_image_take();
        busy = pieces < 0;
        if (pieces <= 0) return null;
        return {
          pieces,
          events: module._rb_image_events(),
          bytes: module._rb_image_bytes(),
          lastId: module.UTF8ToString(module._rb_image_last_id()),
          statePiece: () => {
            const length = module._rb_state_piece();
            if (length < 0) {
              busy = true; // changed meanwhile: another try later
              throw new Error('the state changed while its image was written');
            }
            if (length === 0) return null;
            const pointer = module._rb_state_piece_data();
            return module.HEAPU8.slice(pointer, pointer + length).buffer;
          },
          logPiece: (i) => {
            if (!module._rb_image_events()) return null; // given up: a file is coming in
            const pointer = module._rb_image_piece(i);
            return module.HEAPU8.slice(pointer, pointer + module._rb_image_piece_size(i)).buffer;
          },
        };
      });
      if (written) bridge.imageWrites++;
      return written;
    } finally {
      module._rb_image_release();
      if (busy) bridge.scheduleImage(true);
    }
  };

  // Reads what storage holds into the app (rb_load_begin ... rb_load_finish): the images of
  // the log and its state kept after an earlier start, if they fit, spare decoding the JSON
  // and folding it (with the log's alone, it is folded a slice per task); then only what
  // storage holds beyond them is read. `progress(n)` hears of each batch.
  async function readStored(deviceId, writer, settings, progress) {
    const store = RecobraStore;
    // Where the time of a load goes (benchmarks read it): in the app (decoding and folding)
    // and in all, from the first read of the log to the fold finished.
    const times = { startMs: performance.now(), appMs: 0, totalMs: 0 };
    const timed = (f) => {
      const started = performance.now();
      f();
      times.appMs += performance.now() - started;
    };
    const module = window.Module;
    const plan = await store.imagePlan().catch((error) => {
      console.warn('Recobra: image of the log not read', error);
      return null;
    });
    let fromImage = 0;
    const installed = plan ? await installImage(plan, deviceId, writer, progress, timed) : 0;
    times.stateFromImage = installed === 2;
    if (installed) {
      fromImage = plan.events;
      let folding = true;
      while (folding) {
        timed(() => { folding = module._rb_image_fold(IMAGE_FOLD_SLICE) === 1; });
        if (folding) await bridge.nextTask();
      }
    } else {
      module._rb_load_begin(deviceId >>> 0, writer ? 1 : 0);
    }
    times.imageEvents = fromImage;
    const total = await store.loadEvents({
      image: fromImage ? plan : null,
      onSegment: async (bytes, count) => {
        timed(() => withBytes(bytes, (pointer, length) => window.Module._rb_load_batch(pointer, length)));
        progress(count);
        await bridge.nextTask();
      },
      onRecent: async (values, count) => {
        timed(() => bridge.callText('rb_load_batch', values.join('\n')));
        progress(count);
        await bridge.nextTask();
      },
    });
    bridge.loadedEvents = total;
    timed(() => { bridge.report = bridge.callJson('rb_load_finish', typeof settings === 'string' ? settings : ''); });
    times.totalMs = performance.now() - times.startMs;
    // Much read as JSON: the next start should not have to.
    if (writer && total - fromImage >= bridge.imageAfter) bridge.scheduleImage();
    return { total, times };
  }

  // A restore that let go of the loaded data failed (Session::releaseForRestore): storage
  // still holds what it did, and it is read again. `bridge.reloading` settles once it is back
  // (window.recobra.importBackup waits for it before answering).
  bridge.reloading = null;
  bridge.reloadData = function () {
    if (bridge.reloading) return bridge.reloading;
    bridge.reloading = (async () => {
      await bridge.nextTask(); // not inside the app's call that asked for it
      const store = RecobraStore;
      const deviceId = await store.ensureDeviceId();
      const settings = await store.readMeta('settings');
      const expected = bridge.loadedEvents || 0;
      RecobraProgress.show('reloading', 0);
      await readStored(deviceId, store.writer, settings, (count) => {
        RecobraProgress.show('reloading', expected ? count / expected : 0);
        RecobraHost.requestFrame(false);
      });
    })().catch((error) => {
      console.error('Recobra: data not loaded again', error);
      window.Module._rb_reload_failed(); // the app asks for the page to be reloaded
    }).finally(() => {
      bridge.reloading = null;
      RecobraProgress.hide();
      RecobraHost.requestFrame(true);
    });
    return bridge.reloading;
  };

  // Loads everything this profile holds into the app. `progress(n)` hears of each batch.
  bridge.loadData = async function (progress) {
    const store = RecobraStore;
    await store.open();
    // Events committed by the writer while we load are held, then integrated (duplicates of
    // what the load already read are ignored by id).
    const held = [];
    store.onRemoteEvents = (text) => held.push(text);
    store.onRemoteSettings = (json) => bridge.callText('rb_remote_settings', json);
    store.onVersionChange = () => bridge.callText('rb_notice', 'version_change');
    const writer = await store.coordinate();
    const deviceId = await store.ensureDeviceId();
    const settings = await store.readMeta('settings');
    const { total, times } = await readStored(deviceId, writer, settings, progress);
    bridge.loadTimes = times;
    if (writer) setTimeout(() => RecobraStore.dropLeftovers(), 3000);
    for (const text of held.splice(0)) integrate(text);
    store.onRemoteEvents = integrate;
    store.onForwarded = (tab, request, command) => {
      const local = ++forwardSeq;
      bridge.pendingReplies.set(local, { tab, request });
      bridge.callText('rb_forwarded', command, local);
    };
    store.onReply = (request, outcome) => {
      bridge.callText('rb_forward_reply', outcome || '', request);
      RecobraHost.requestFrame(false);
    };
    store.onBecameWriter = async () => {
      // The writer closed: catch up on anything it committed that we did not hear of, then
      // take over. Commands still waiting for the old writer's answer are failed.
      const last = window.Module.UTF8ToString(window.Module._rb_last_event_id());
      await store.loadEvents({
        onSegment: async (bytes) => withBytes(bytes, (pointer, length) => window.Module._rb_integrate(pointer, length)),
        onRecent: async (values) => integrate(values.join('\n')),
        after: last || null,
      });
      const id = await store.ensureDeviceId();
      window.Module._rb_set_writer(1, id >>> 0);
      RecobraHost.requestFrame(false);
    };
    store.checkPersistence().then(() => {
      bridge.callText('rb_storage_info', JSON.stringify(bridge.storageInfo()));
      RecobraHost.requestFrame(false);
    });
    return total;
  };

  // Commands other tabs handed to this (writer) tab, by a local number: their answers go
  // back to the tab that sent them, under that tab's own request number.
  let forwardSeq = 0;
  bridge.pendingReplies = new Map();
  bridge.replyTo = function (local, outcome) {
    const origin = bridge.pendingReplies.get(local);
    bridge.pendingReplies.delete(local);
    if (origin) RecobraStore.reply(origin.tab, origin.request, outcome);
  };

  bridge.storageInfo = function () {
    const s = RecobraStore;
    return {
      writer: s.writer && !s.takingOver,
      persisted: s.persisted,
      usage: s.estimate ? s.estimate.usage : null,
      quota: s.estimate ? s.estimate.quota : null,
      usedBefore: s.usedBefore,
      loadedEvents: bridge.loadedEvents,
    };
  };

  window.RecobraBridge = bridge;
})();

// Files in and out: backups downloaded in chunks (never one huge string), backups and CSV
// files read from the picker or dropped on the window a few megabytes at a time, with a
// progress bar for anything that takes a while.
(function () {
  const bridge = window.RecobraBridge;
  const READ_CHUNK = 4 * 1024 * 1024;
  const EXPORT_CHUNK = 8 * 1024 * 1024;

  // Pulls the backup out of the app chunk by chunk. onChunk(Uint8Array) for each.
  async function exportChunks(onChunk) {
    const module = window.Module;
    const total = exportBegin(module);
    let done = 0;
    for (;;) {
      const length = module._rb_export_next(EXPORT_CHUNK);
      if (!length) break;
      const pointer = module._rb_export_data();
      onChunk(module.HEAPU8.slice(pointer, pointer + length));
      done = module._rb_export_progress();
      RecobraProgress.show('exporting', total ? done / total : 1);
      await bridge.nextTask();
    }
    RecobraProgress.hide();
  }

  // The number of events to export; throws while a restore has let go of the loaded data.
  function exportBegin(module) {
    const total = module._rb_export_begin();
    if (total < 0) throw new Error('a backup is being restored: export once it is done');
    return total;
  }

  // The file the browser downloads: recobra-backup-2026-11-23.json.
  // The same chunks, one per call, for a download streamed through the service worker.
  function exportPuller() {
    const module = window.Module;
    const total = exportBegin(module);
    return () => {
      const length = module._rb_export_next(EXPORT_CHUNK);
      if (!length) {
        RecobraProgress.hide();
        return null;
      }
      const pointer = module._rb_export_data();
      const bytes = module.HEAPU8.slice(pointer, pointer + length);
      RecobraProgress.show('exporting', total ? module._rb_export_progress() / total : 1);
      return bytes;
    };
  }

  bridge.downloadBackup = async function () {
    const name = window.Module.UTF8ToString(window.Module._rb_export_file_name());
    // Streamed to disk by the service worker when it controls the page (web/offline.js);
    // otherwise (the very first visit) built as a Blob, which Chromium caps near 500 MB.
    if (window.RecobraOffline && window.RecobraOffline.canStream()) {
      try {
        await window.RecobraOffline.streamDownload(name, 'application/json', exportPuller());
        window.Module._rb_export_finished(1);
        RecobraHost.requestFrame(false);
        return name;
      } catch (error) {
        RecobraProgress.hide();
        if (!error.beforeStart) {
          window.Module._rb_export_finished(0);
          throw error;
        }
      }
    }
    const parts = [];
    await exportChunks((bytes) => parts.push(bytes));
    downloadBlob(name, new Blob(parts, { type: 'application/json' }));
    window.Module._rb_export_finished(1);
    return name;
  };

  // The browser downloads `blob` as a file called `name`.
  function downloadBlob(name, blob) {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    RecobraHost.requestFrame(false);
  }

  // Any file the app made (the agency package's .zip), from a copy of its bytes.
  bridge.downloadBytes = function (name, mimeType, bytes) {
    downloadBlob(name, new Blob([bytes], { type: mimeType }));
  };

  // The backup as a string (window.recobra.exportBackup(); fine for ordinary sizes).
  bridge.exportBackupText = async function () {
    const decoder = new TextDecoder();
    let text = '';
    await exportChunks((bytes) => { text += decoder.decode(bytes, { stream: true }); });
    text += decoder.decode();
    window.Module._rb_export_finished(1);
    return text;
  };

  // Feeds a file (or text) into the app's reader. purpose: 'merge' (the app then says what it
  // adds), 'restore-confirmed' (the dialog's restore), 'csv', 'apply-restore'/'apply-merge'
  // (automation: no question).
  bridge.reading = false;
  bridge.readFileInto = async function (file, purpose) {
    bridge.reading = true;
    try {
      return await readFile(file, purpose);
    } finally {
      bridge.reading = false;
    }
  };
  // A backup this large is read in two parts at once: the page reads (and, for a restore,
  // checks) the first while a worker (read-worker.js) reads the rest on the other core, and
  // hands its events over a piece at a time; the page takes each in without decoding it again
  // (rb_import_part_*) and checks it while the worker reads on. The page's part is small, as it
  // has all the checking to do: restoring 100,000 debtors (browser-bench, into an empty profile
  // / over loaded data) took 5.0-5.2 / 5.4-5.8 s with 15 % for the page, 4.9-5.1 / 4.8-4.9 s
  // with 12 %, 4.7-5.4 / 4.6-4.9 s with 10 %, 4.8-5.0 / 4.8-4.9 s with 7 %, and 5.0-5.1 /
  // 5.0-5.1 s with 5 % (the worker reading last then). Smaller files are not worth starting a
  // worker for (tests lower the size to read small files in two parts).
  bridge.splitAtLeast = 32 * 1024 * 1024;
  bridge.splitFraction = 0.10;
  // The worker reads 16 MB of the file at a time (each read of a slice costs some 5 ms beside
  // its bytes: read 4 MB at a time, a restore of a 765 MB file took 0.3-0.6 s longer), and
  // hands its events over after each (some 45,000 events), for the page to check while it reads
  // on. The page reads 4 MB at a time: each is decoded on its thread. (Tests make both small.)
  bridge.partChunkBytes = 16 * 1024 * 1024;
  bridge.partPieceChunks = 1;
  // How the last backup was read (tests, benchmark): {split, part ('taken' or why not), pieces
  // taken in before the last, partMemory (the worker's wasm memory), when each part was read}.
  bridge.lastRead = null;

  // Where the worker's part starts (the start of a line past splitFraction), or 0 to read whole.
  async function splitPoint(file) {
    if (file.size < bridge.splitAtLeast || typeof Worker !== 'function' || !window.Module.recobraWasm) return 0;
    try {
      const middle = Math.floor(file.size * bridge.splitFraction);
      const around = new Uint8Array(await file.slice(middle, Math.min(file.size, middle + 1024 * 1024)).arrayBuffer());
      const newline = around.indexOf(10);
      return newline < 0 || middle + newline + 1 >= file.size ? 0 : middle + newline + 1;
    } catch (error) {
      return 0; // the file cannot be read: reading it whole says so
    }
  }

  // Starts a worker reading `file` from `start` on; its segments to stage go to staging().
  // part.next(): the worker's next piece of events, or its answer once done ('piece' or
  // 'done' of read-worker.js; a worker that fails answers {kind: 'done', ok: false}).
  function readPart(file, start, staging, progress) {
    const part = { worker: null, read: 0, sent: 0, queue: [], waiting: null };
    const arrive = (message) => {
      if (message.kind === 'done') part.doneAt = performance.now();
      part.queue.push(message);
      if (part.waiting) {
        const resolve = part.waiting;
        part.waiting = null;
        resolve();
      }
    };
    part.next = async () => {
      while (!part.queue.length) await new Promise((resolve) => { part.waiting = resolve; });
      return part.queue.shift();
    };
    try {
      part.worker = new Worker('read-worker.js');
    } catch (error) {
      arrive({ kind: 'done', ok: false, why: String(error) });
      return part;
    }
    part.worker.onmessage = ({ data }) => {
      if (data.kind === 'progress') {
        part.read = data.bytes;
        progress();
      } else if (data.kind === 'segment') {
        ++part.sent;
        const staged = staging();
        const segment = { blob: file.slice(start + data.begin, start + data.end), count: data.count, first: data.first };
        const written = staged ? RecobraStore.stageWrite(staged, segment) : Promise.resolve();
        written.finally(() => part.worker && part.worker.postMessage({ kind: 'written' }));
      } else {
        arrive(data);
      }
    };
    part.worker.onerror = (event) => {
      event.preventDefault();
      arrive({ kind: 'done', ok: false, why: event.message || 'the worker failed' });
    };
    part.worker.postMessage({ kind: 'read', wasm: window.Module.recobraWasm, file, start, stage: !!staging(),
      chunkBytes: bridge.partChunkBytes, pieceChunks: bridge.partPieceChunks });
    part.stop = () => {
      if (part.worker) part.worker.terminate();
      part.worker = null;
    };
    return part;
  }

  // Hands a piece of the worker's part to the app's reader: true if it took it (else nothing
  // changed).
  function takePiece(message) {
    const module = window.Module;
    const pieces = bridge.withBytes(message.pieces[0], (pointer, length) => module._rb_import_part_begin(pointer, length));
    if (pieces !== message.pieces.length) return false;
    for (let k = 1; k < pieces; ++k) {
      const bytes = new Uint8Array(message.pieces[k]);
      const pointer = module._rb_import_part_buffer(bytes.length);
      if (!pointer) return false;
      module.HEAPU8.set(bytes, pointer);
      if (!module._rb_import_part_piece_done()) return false;
    }
    const last = message.kind === 'done' ? 1 : 0;
    return bridge.callText('rb_import_part_end', message.tail || '', last, message.lines, message.bytes, message.staged || 0) === 1;
  }

  // Takes in the worker's part a piece at a time, checking each (for a restore) until the next
  // comes. Returns how it went ('taken', or why not) and the bytes of the part taken in.
  async function takePart(part) {
    const module = window.Module;
    let adopted = 0;
    bridge.lastRead.pieces = 0;
    for (;;) {
      // What was read or taken in is checked until the next piece comes.
      while (!part.queue.length && module._rb_import_check_step()) await bridge.nextTask();
      const message = await part.next();
      if (message.kind === 'done' && !message.ok) return { outcome: 'failed: ' + message.why, adopted };
      if (!takePiece(message)) return { outcome: 'refused', adopted };
      if (message.kind === 'done') return { outcome: 'taken', adopted: adopted + message.bytes, message };
      adopted += message.bytes;
      ++bridge.lastRead.pieces;
    }
  }

  async function readFile(file, purpose) {
    const module = window.Module;
    bridge.callText('rb_import_begin', file.name, purposeCode(purpose), file.size);
    // A file that may be restored is written aside while it is read (store.js stageBegin).
    const token = module._rb_stage_token();
    let staging = token ? await RecobraStore.stageBegin(token) : null;
    const dropStaging = () => {
      if (staging) RecobraStore.stageDrop(staging);
      staging = null;
    };
    // Each segment staged is a slice of the file itself: IndexedDB copies it from the disk
    // without this page copying a byte.
    const stage = async (last) => {
      while (staging) {
        const ready = module._rb_stage_next(last ? 1 : 0);
        if (ready < 0) dropStaging(); // not in id order: the restore will write the log itself
        if (ready <= 0) return;
        await RecobraStore.stageWrite(staging, {
          blob: file.slice(module._rb_stage_begin(), module._rb_stage_end()),
          count: module._rb_stage_count(),
          first: module.UTF8ToString(module._rb_stage_first()),
        });
      }
    };
    const split = purpose === 'csv' ? 0 : await splitPoint(file);
    let offset = 0;
    const progress = () => RecobraProgress.show('reading', (offset + (part ? part.read : 0)) / file.size);
    const part = split ? readPart(file, split, () => staging, progress) : null;
    // A restore checks the first part as it reads it, then the worker's pieces as they come.
    if (part) module._rb_import_check_while_reading();
    bridge.lastRead = { split, part: null };
    let more = 1;
    let next = null;
    // Feeds the file's bytes up to `end`; the next piece is read from disk while this one is decoded.
    const feed = async (end) => {
      const piece = (at) => (at < end ? file.slice(at, Math.min(end, at + READ_CHUNK)).arrayBuffer() : null);
      next = piece(offset);
      while (offset < end) {
        const bytes = new Uint8Array(await next);
        offset += bytes.length;
        next = piece(offset);
        more = bridge.withBytes(bytes, (pointer, length) => module._rb_import_chunk(pointer, length));
        progress();
        if (!more) break;
        await stage(false);
        await bridge.nextTask();
      }
    };
    const began = performance.now();
    try {
      await feed(split || file.size);
      bridge.lastRead.firstPartMs = Math.round(performance.now() - began);
      if (more && part) {
        const { outcome, adopted, message } = await takePart(part);
        part.stop();
        bridge.lastRead.secondPartMs = part.doneAt ? Math.round(part.doneAt - began) : null;
        bridge.lastRead.takenMs = Math.round(performance.now() - began);
        bridge.lastRead.part = outcome;
        if (outcome === 'taken') {
          bridge.lastRead.partMemory = message.memory;
          offset = file.size;
          if (message.staged < 0) dropStaging(); // the worker could not stage its part
        } else {
          // The rest is read here, from the end of what was taken in: the segments the worker
          // staged would not match these.
          if (part.sent) dropStaging();
          part.read = 0;
          offset = split + adopted;
          await feed(file.size);
        }
      }
      if (more) await stage(true);
    } catch (error) {
      // The file changed or went away on disk: what was read goes (and a restore that let go
      // of the loaded data loads it again). Told as any refused file.
      console.warn('Recobra: file not read', error);
      if (next) next.catch(() => {});
      if (part) part.stop();
      dropStaging();
      RecobraProgress.hide();
      RecobraHost.requestFrame(true);
      const why = String((error && (error.name || error.message)) || error);
      return JSON.parse(module.UTF8ToString(bridge.callText('rb_import_abort', why)));
    }
    if (part) part.stop();
    if (staging) {
      if (more) RecobraStore.stageEnd(staging);
      else dropStaging();
    }
    // Checking every event of a large file takes a moment: say so, and let that be drawn first.
    if (file.size > READ_CHUNK) {
      RecobraProgress.show('checking', 1);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    }
    const summary = JSON.parse(module.UTF8ToString(module._rb_import_end()));
    if (staging && !summary.staged) dropStaging(); // refused, or not all in order
    RecobraProgress.hide();
    RecobraHost.requestFrame(true);
    return summary;
  }

  function purposeCode(purpose) {
    return { restore: 0, merge: 1, ask: 2, 'apply-restore': 3, 'apply-merge': 4, csv: 5, 'restore-confirmed': 6 }[purpose] ?? 2;
  }

  // A backup to restore (or dropped: restore or merge) is offered to the app unread; the app
  // asks, then has it read (readOffered) or forgets it.
  bridge.offered = null;
  function offer(file, purpose) {
    bridge.offered = file;
    bridge.callText('rb_file_offered', file.name, purposeCode(purpose), file.size, file.lastModified || 0);
    RecobraHost.requestFrame(true);
  }
  bridge.readOffered = function (purpose) {
    const file = bridge.offered;
    bridge.offered = null;
    if (file) bridge.readFileInto(file, purpose).catch((e) => console.warn('Recobra: file not read', e));
  };
  // A file picked (or dropped): a backup to restore or one dropped is offered first; a file to
  // merge or a CSV is read at once (the app then says what it holds).
  function fileChosen(file, purpose) {
    if (bridge.reading) return; // one file at a time: another is being read in
    if (purpose === 'restore' || purpose === 'ask') offer(file, purpose);
    else bridge.readFileInto(file, purpose).catch((e) => console.warn('Recobra: file not read', e));
  }

  // A hidden file input for the app's "choose a file" buttons.
  const picker = document.createElement('input');
  picker.type = 'file';
  picker.hidden = true;
  document.body.appendChild(picker);
  bridge.pickFile = function (purpose) {
    picker.accept = purpose === 'csv' ? '.csv,text/csv,text/plain' : '.json,application/json';
    picker.value = '';
    picker.onchange = () => {
      const file = picker.files && picker.files[0];
      if (file) fileChosen(file, purpose);
    };
    picker.click();
  };

  // Dropping a file on the window: a backup (the app asks restore or merge) or a CSV.
  window.addEventListener('dragover', (event) => {
    if (event.dataTransfer && [...event.dataTransfer.types].includes('Files')) event.preventDefault();
  });
  window.addEventListener('drop', (event) => {
    const file = event.dataTransfer && event.dataTransfer.files && event.dataTransfer.files[0];
    if (!file || !window.RecobraBoot || !window.RecobraBoot.started) return;
    event.preventDefault();
    const csv = /\.(csv|txt)$/i.test(file.name);
    fileChosen(file, csv ? 'csv' : 'ask');
  });
})();

// A thin progress bar over the top of the page for long operations (reading a file,
// exporting, saving a restored log), in the app's language.
window.RecobraProgress = (function () {
  const WORDS = {
    reading: { es: 'Leyendo el archivo…', en: 'Reading the file…' },
    checking: { es: 'Comprobando el archivo…', en: 'Checking the file…' },
    reloading: { es: 'Volviendo a cargar tus datos…', en: 'Loading your data again…' },
    exporting: { es: 'Preparando la copia…', en: 'Preparing the backup…' },
    saving: { es: 'Guardando…', en: 'Saving…' },
  };
  let box = null;
  // What the bar shows: the page is only touched when that changes, the fill at most every
  // 100 ms (a restore reports its progress some 300 times; each change costs the page a
  // frame of style, layout and paint while it has two million events to check).
  const shown = { kind: null, lang: null, percent: -1, at: 0 };
  function element() {
    if (box) return box;
    box = document.createElement('div');
    box.id = 'progress';
    box.setAttribute('role', 'progressbar');
    box.innerHTML = '<span class="label"></span><div class="track"><div class="fill"></div></div>';
    document.body.appendChild(box);
    return box;
  }
  return {
    show(kind, fraction) {
      const el = element();
      let lang = 'es';
      try { lang = window.recobra.language(); } catch (e) { /* not started yet */ }
      const percent = Math.round(Math.max(0, Math.min(1, fraction)) * 100);
      const now = performance.now();
      const relabel = kind !== shown.kind || lang !== shown.lang || el.hidden;
      if (relabel) {
        el.querySelector('.label').textContent = (WORDS[kind] || WORDS.saving)[lang];
        shown.kind = kind;
        shown.lang = lang;
      }
      if (percent !== shown.percent && (relabel || percent === 100 || now - shown.at >= 100)) {
        el.querySelector('.fill').style.width = `${percent}%`;
        el.setAttribute('aria-valuenow', String(percent));
        shown.percent = percent;
        shown.at = now;
      }
      if (el.hidden) el.hidden = false;
    },
    hide() {
      if (box) box.hidden = true;
    },
  };
})();
