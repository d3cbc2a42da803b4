// Functions the C++ side calls (linked with --js-library). Each is a thin call into the
// page's own modules (host.js, store.js and store-*.js, bridge.js, files-in.js, files-out.js,
// progress.js, api.js, offline.js, sync.js, mirror.js), which hold the logic.
mergeInto(LibraryManager.library, {
  rb_js_request_frame: function () {
    RecobraHost.requestFrame(false);
  },
  rb_js_wake_after: function (ms) {
    RecobraHost.wakeAfter(ms);
  },
  rb_js_text_input: function (active, x, y, lineHeight) {
    RecobraHost.setTextInput(!!active, x, y, lineHeight);
  },
  rb_js_copy: function (text) {
    RecobraHost.copy(UTF8ToString(text));
  },
  rb_js_set_cursor: function (cursor) {
    RecobraHost.setCursor(UTF8ToString(cursor));
  },
  rb_js_mirror: function (changes, length) {
    RecobraMirror.apply(UTF8ToString(changes, length));
  },
  rb_js_mirror_wanted: function () {
    return RecobraMirror.wanted() ? 1 : 0;
  },
  rb_js_mirror_save: function (on) {
    RecobraMirror.save(!!on);
  },
  rb_js_now: function () {
    return RecobraBridge.now();
  },
  rb_js_utc_offset_minutes: function () {
    return -new Date().getTimezoneOffset();
  },
  rb_js_store_append: function (request, text, length) {
    RecobraBridge.append(request, UTF8ToString(text, length));
  },
  rb_js_store_replace: function (request, events, staged) {
    RecobraBridge.replaceAll(request, events, staged);
  },
  rb_js_stage_drop: function (staged) {
    RecobraStore.stageDrop(RecobraStore.staged && RecobraStore.staged.token === staged ? RecobraStore.staged : null);
  },
  rb_js_store_settings: function (json) {
    RecobraBridge.saveSettings(UTF8ToString(json));
  },
  rb_js_forward: function (request, command) {
    RecobraStore.forward(request, UTF8ToString(command));
  },
  rb_js_reply: function (local, outcome) {
    RecobraBridge.replyTo(local, UTF8ToString(outcome));
  },
  rb_js_download_backup: function () {
    RecobraBridge.downloadBackup().catch((e) => console.warn('Recobra: backup not downloaded', e));
  },
  rb_js_download: function (name, mimeType, data, length) {
    RecobraBridge.downloadBytes(UTF8ToString(name), UTF8ToString(mimeType), HEAPU8.slice(data, data + length));
  },
  rb_js_print_html: function (data, length) {
    RecobraHost.printHtml(UTF8ToString(data, length));
  },
  rb_js_open_url: function (url) {
    RecobraHost.openUrl(UTF8ToString(url));
  },
  rb_js_pick_file: function (purpose) {
    RecobraBridge.pickFile(RecobraBridge.purposeName(purpose));
  },
  rb_js_read_offered: function (purpose) {
    RecobraBridge.readOffered(RecobraBridge.purposeName(purpose));
  },
  rb_js_forget_offered: function () {
    RecobraBridge.offered = null;
  },
  rb_js_progress: function (kind, fraction) {
    if (fraction < 0) RecobraProgress.hide();
    else RecobraProgress.show(UTF8ToString(kind), fraction);
  },
  rb_js_import_pump: function () {
    RecobraBridge.pumpImport();
  },
  rb_js_release_pump: function () {
    RecobraBridge.pumpRelease();
  },
  rb_js_reload: function () {
    RecobraBridge.reloadData();
  },
  rb_js_reload_page: function () {
    location.reload();
  },
  rb_js_apply_update: function () {
    RecobraOffline.applyUpdate();
  },
  rb_js_command_done: function (request, result) {
    RecobraApi.commandDone(request, UTF8ToString(result));
  },
  rb_js_sync_pulled: function (request, ok, error) {
    RecobraSync.pulled(request, !!ok, UTF8ToString(error));
  },
  rb_js_sync: function (action) {
    RecobraSync.act(JSON.parse(UTF8ToString(action)));
  },
});
