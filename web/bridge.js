'use strict';
// Connects the store (IndexedDB, tabs) to the C++ app: loads the log into it at start,
// carries its writes to IndexedDB and their outcome back, and passes along what other tabs
// commit. Large texts go into wasm memory through malloc, never the stack. The image of the
// log (log-image.js) and files in and out (files-in.js, files-out.js) extend RecobraBridge.
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
      () => {
        done(request, 1, '');
        RecobraSync.kick(); // team sync sends it now
      },
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
    RecobraSync.logReplaced();
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

  const IMAGE_FOLD_SLICE = 40000; // events of an installed image folded per task

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
    const installed = plan ? await bridge.installImage(plan, deviceId, writer, progress, timed) : 0;
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
      onBlock: async (bytes, count) => {
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
        onBlock: async (bytes) => withBytes(bytes, (pointer, length) => window.Module._rb_integrate(pointer, length)),
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
