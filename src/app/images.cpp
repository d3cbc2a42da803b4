// The images of the log and of its state written out when the app is idle (web/log-image.js),
// so that the next start need not decode and fold every event: a picture taken at one revision,
// handed to the page piece by piece, given up if the state changes meanwhile.
#include "app/runtime.hpp"

#include "core/state/state_image.hpp"

using namespace recobra;
using namespace recobra::app;

extern "C" {

// Takes a picture of the log (and makes ready to write its state) to write out: the number
// of the log's pieces; 0 when there is nothing to take; -1 when not now, while the log holds
// events not yet saved (an image holds only what storage holds), is being replaced, or a
// backup file is being read or written (their buffers and the image's together would make
// wasm memory grow).
EMSCRIPTEN_KEEPALIVE int rb_image_take() {
    rt->image.reset();
    rt->stateWriter.reset();
    if (!rt->session || rt->session->workspace().log().empty()) return 0;
    // Not while a file is coming in either: its memory is needed for that.
    if (rt->session->saving() || rt->session->busy() || rt->importing.reader || rt->importing.ready ||
        rt->exporting.writer)
        return -1;
    const Workspace& workspace = rt->session->workspace();
    rt->image = workspace.log().image();
    rt->stateWriter = std::make_unique<StateImageWriter>(workspace.state(), workspace.log().size());
    rt->imageRevision = workspace.revision();
    rt->imageLastId = workspace.log().lastId().str();
    return static_cast<int>(rt->image->pieces());
}

// The state's next piece: its length (rb_state_piece_data() has the bytes), 0 when all are
// out, -1 when the state changed since the picture was taken (the state image is given up).
EMSCRIPTEN_KEEPALIVE int rb_state_piece() {
    if (!rt->stateWriter || !rt->session || rt->session->workspace().revision() != rt->imageRevision ||
        rt->session->saving()) {
        rt->stateWriter.reset();
        return -1;
    }
    if (!rt->stateWriter->next(rt->statePiece)) return 0;
    return static_cast<int>(rt->statePiece.size());
}

EMSCRIPTEN_KEEPALIVE const char* rb_state_piece_data() { return rt->statePiece.data(); }

EMSCRIPTEN_KEEPALIVE const char* rb_image_last_id() { return rt->imageLastId.c_str(); }

EMSCRIPTEN_KEEPALIVE double rb_image_events() { return rt->image ? static_cast<double>(rt->image->events()) : 0; }

EMSCRIPTEN_KEEPALIVE double rb_image_bytes() { return rt->image ? static_cast<double>(rt->image->bytes()) : 0; }

EMSCRIPTEN_KEEPALIVE const char* rb_image_piece(int i) {
    return rt->image->piece(static_cast<std::size_t>(i)).data();
}

EMSCRIPTEN_KEEPALIVE int rb_image_piece_size(int i) {
    return static_cast<int>(rt->image->piece(static_cast<std::size_t>(i)).size());
}

// Lets the picture go (its chunks are shared with the log until then).
EMSCRIPTEN_KEEPALIVE void rb_image_release() {
    rt->image.reset();
    rt->stateWriter.reset();
    rt->statePiece = std::string{};
}

} // extern "C"
