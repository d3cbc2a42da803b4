#pragma once
// The page's JavaScript functions the app calls (implemented in web/library.js).
extern "C" {
void rb_js_request_frame();
void rb_js_wake_after(int ms);
void rb_js_text_input(int active, float x, float y, float lineHeight);
void rb_js_copy(const char* utf8);
void rb_js_set_cursor(const char* cssCursor);
}
