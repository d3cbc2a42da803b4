#pragma once
// What the UI needs from the page (ui::Host), in the browser: frames and timers, the clock,
// the clipboard, files picked and downloaded, updates — each a call into the page's JS
// (platform/web/js_bridge.hpp, implemented in web/library.js).
#include "platform/web/js_bridge.hpp"
#include "ui/host.hpp"

namespace recobra::app {

class WebHost final : public ui::Host {
public:
    void requestFrame() override { rb_js_request_frame(); }
    void wakeAfter(int milliseconds) override { rb_js_wake_after(milliseconds); }
    void copyToClipboard(const std::string& text) override { rb_js_copy(text.c_str()); }
    Timestamp now() override { return static_cast<Timestamp>(rb_js_now()); }
    int utcOffsetMinutes() override { return rb_js_utc_offset_minutes(); }
    void downloadBackup() override { rb_js_download_backup(); }
    void pickFile(ui::FilePurpose purpose) override { rb_js_pick_file(static_cast<int>(purpose)); }
    void readOfferedFile(ui::FilePurpose purpose) override { rb_js_read_offered(static_cast<int>(purpose)); }
    void forgetOfferedFile() override { rb_js_forget_offered(); }
    void downloadFile(const std::string& name, const std::string& mimeType, const std::string& bytes) override {
        rb_js_download(name.c_str(), mimeType.c_str(), bytes.data(), static_cast<int>(bytes.size()));
    }
    void printHtml(const std::string& html) override {
        rb_js_print_html(html.data(), static_cast<int>(html.size()));
    }
    void openUrl(const std::string& url) override { rb_js_open_url(url.c_str()); }
    void applyUpdate() override { rb_js_apply_update(); }
    void reloadPage() override { rb_js_reload_page(); }
    void sync(const std::string& actionJson) override { rb_js_sync(actionJson.c_str()); }
    void saveMirror(bool on) override { rb_js_mirror_save(on ? 1 : 0); }
};

} // namespace recobra::app
