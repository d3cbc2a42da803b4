// A restore or merge under way, stepped by the page a slice per task (web/bridge.js pump) so that
// frames go on meanwhile, and the state it replaced, freed the same way.
#include "app/runtime.hpp"

#include <emscripten.h>

using namespace recobra;
using namespace recobra::app;

extern "C" {

// One slice of the restore or merge under way; 1 while there is more to check.
EMSCRIPTEN_KEEPALIVE int rb_import_step() {
    if (!rt || !rt->session || !rt->session->importing()) {
        if (rt) rt->importPumping = false;
        return 0;
    }
    const double until = emscripten_get_now() + kImportSliceMs;
    while (emscripten_get_now() < until && rt->session->stepImport(kImportSliceEvents)) {
    }
    if (rt->session->importing()) {
        rb_js_progress("checking", rt->session->importProgress());
        // The page's progress bar moves with every slice; the app's own screen only needs a
        // frame now and then (drawing every frame took a third of the time in a software-
        // rendered browser).
        if (emscripten_get_now() - rt->importFrameAt > kImportFrameMs) {
            rt->importFrameAt = emscripten_get_now();
            rb_js_request_frame();
        }
        return 1;
    }
    rb_js_progress("checking", -1);
    rt->importPumping = false;
    rt->settleFrames = kSettleFrames;
    rb_js_request_frame();
    return 0;
}

// Frees part of a replaced state (a few milliseconds' worth); 1 while some remains.
EMSCRIPTEN_KEEPALIVE int rb_release_step() {
    if (!rt || !rt->session) return 0;
    Workspace& ws = rt->session->workspace();
    const double until = emscripten_get_now() + kReleaseSliceMs;
    while (emscripten_get_now() < until && ws.releaseRetired(kReleaseSliceItems)) {
    }
    if (ws.hasRetired()) return 1;
    rt->releasing = false;
    return 0;
}

} // extern "C"
