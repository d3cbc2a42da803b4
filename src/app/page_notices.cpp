// What the page tells the app of itself: storage's figures (persisted, usage, quota), another
// version of the app open in another tab, a new build installed by the service worker, and
// storage's data that could not be read again after a refused restore.
#include "app/runtime.hpp"

#include <nlohmann/json.hpp>

using namespace recobra;
using namespace recobra::app;

extern "C" {

EMSCRIPTEN_KEEPALIVE void rb_storage_info(const char* text, int length) {
    if (!rt) return;
    auto j = nlohmann::json::parse(text, text + length, nullptr, false);
    if (j.is_object() && rt->ui) rt->ui->setStorageInfo(std::move(j));
    rt->host.requestFrame();
}

EMSCRIPTEN_KEEPALIVE void rb_notice(const char* text, int length) {
    if (rt && rt->ui && std::string_view(text, static_cast<std::size_t>(length)) == "version_change")
        rt->ui->noticeOtherVersion();
    rt->host.requestFrame();
}

// The service worker installed a new build (web/offline.js): the UI offers it.
EMSCRIPTEN_KEEPALIVE void rb_update_available() {
    if (rt && rt->ui) rt->ui->noticeUpdate();
}

// Storage's data could not be read again after a refused restore (web/bridge.js reloadData).
EMSCRIPTEN_KEEPALIVE void rb_reload_failed() {
    if (!rt || !rt->ui) return;
    rt->ui->noticeReloadFailed();
}

} // extern "C"
