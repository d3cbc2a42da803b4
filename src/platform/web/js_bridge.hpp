#pragma once
// The page's JavaScript functions the app calls (implemented in web/library.js).
extern "C" {
// Frames, input, clipboard (web/host.js).
void rb_js_request_frame();
void rb_js_wake_after(int ms);
void rb_js_text_input(int active, float x, float y, float lineHeight);
void rb_js_copy(const char* utf8);
void rb_js_set_cursor(const char* cssCursor);
// The screen-reader mirror (web/mirror.js): what changed in the last frame, and whether this
// browser has it on (Settings -> Accessibility; on unless switched off).
void rb_js_mirror(const char* changes, int length);
int rb_js_mirror_wanted();
void rb_js_mirror_save(int on);
double rb_js_now();             // Date.now(): ms since 1970, UTC
int rb_js_utc_offset_minutes(); // the browser's time zone offset from UTC right now

// Storage and tabs (web/bridge.js, store.js, store-staging.js, store-tabs.js).
void rb_js_store_append(int request, const char* text, int length);
void rb_js_store_settings(const char* json);
// Pulls chunks with rb_replace_next, or switches to the generation staged as `staged` (nonzero)
// if it is there, whole, with `events` events.
void rb_js_store_replace(int request, int events, double staged);
void rb_js_stage_drop(double staged); // that staged file will not be restored
void rb_js_forward(int request, const char* commandJson);
void rb_js_reply(int local, const char* outcomeJson); // answers a command another tab forwarded

// Files (web/files-in.js, files-out.js), the progress bar (web/progress.js) and long jobs
// (web/bridge.js).
void rb_js_download_backup();
void rb_js_pick_file(int purpose);
void rb_js_read_offered(int purpose); // reads the file rb_file_offered told of
void rb_js_forget_offered();
// The page's progress bar: `kind` 'checking' (a file being checked), shown at `fraction`
// (0 to 1); a negative fraction hides it.
void rb_js_progress(const char* kind, double fraction);
void rb_js_import_pump(); // steps the import (rb_import_step) task by task until it is done
void rb_js_release_pump(); // frees a replaced state (rb_release_step) task by task
void rb_js_reload();       // loads storage's log again (a released restore failed)
void rb_js_reload_page();
// The browser downloads `length` bytes at `data` as a file (the agency package's .zip).
void rb_js_download(const char* name, const char* mimeType, const char* data, int length);
// Prints the HTML document of `length` bytes at `data` from a hidden frame (web/host.js).
void rb_js_print_html(const char* data, int length);
void rb_js_open_url(const char* url); // a mailto: link only

// Updates (web/offline.js): the waiting service worker takes over and the page reloads.
void rb_js_apply_update();

// Team sync (web/sync.js): a pull's events are stored (or not: `error`); an action from
// Settings -> Sync (JSON: {"connect":{url,db,user,password}}, {"pause":bool}, {"disconnect":true}).
void rb_js_sync_pulled(int request, int ok, const char* error);
void rb_js_sync(const char* actionJson);

// Automation API answers (web/api.js).
void rb_js_command_done(int request, const char* resultJson);
}
