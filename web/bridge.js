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

  bridge.callJson = function (name, text, ...numbers) {
    const module = window.Module;
    const result = withText(text, (pointer, length) => module['_' + name](...numbers, pointer, length));
    return JSON.parse(module.UTF8ToString(result));
  };

  // The clock the app reads; `?now=` fixes it for demonstrations and tests.
  const fixedNow = Number(new URLSearchParams(location.search).get('now')) || 0;
  bridge.now = () => (fixedNow ? fixedNow : Date.now());

  bridge.append = function (request, text) {
    RecobraStore.append(text).then(
      () => done(request, 1, ''),
      (error) => done(request, 0, String(error)));
  };

  bridge.remove = function (request, text) {
    RecobraStore.remove(text.split('\n').filter(Boolean)).then(
      () => done(request, 1, ''),
      (error) => done(request, 0, String(error)));
  };

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
    window.Module._rb_load_begin(deviceId >>> 0, writer ? 1 : 0);
    const total = await store.loadEvents(async (values, lastKey, count) => {
      bridge.callText('rb_load_batch', values.join('\n'));
      progress(count);
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the page breathe
    });
    bridge.loadedEvents = total;
    bridge.report = bridge.callJson('rb_load_finish', typeof settings === 'string' ? settings : '');
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
      await store.loadEvents(async (values) => integrate(values.join('\n')), last || null);
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
      writer: s.writer,
      persisted: s.persisted,
      usage: s.estimate ? s.estimate.usage : null,
      quota: s.estimate ? s.estimate.quota : null,
      usedBefore: s.usedBefore,
      loadedEvents: bridge.loadedEvents,
    };
  };

  window.RecobraBridge = bridge;
})();
