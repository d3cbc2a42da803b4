// Functions the C++ side calls (linked with --js-library). Each is a thin call into the
// page's own modules (host.js, api.js), which hold the logic.
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
});
