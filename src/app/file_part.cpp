// In the read worker (web/read-worker.js): the second part of a large backup, read by a reader of its
// own while the page reads the first, its lines staged as the page stages its own, and its log
// handed over as an image a piece at a time. The worker runs this same module without starting
// the app (rt stays null).
#include "app/runtime.hpp"

using namespace recobra;
using namespace recobra::app;

namespace {

// What was read so far, to hand over (rb_part_take), or the rest once the part is fed
// (rb_part_end): the number of pieces of its log's image, 0 if there is nothing to hand over
// (for rb_part_end: the part cannot be handed over).
int imagePart(std::optional<BackupPart> part) {
    partRead->image.reset();
    partRead->part = std::move(part);
    if (!partRead->part) return 0;
    partRead->image = partRead->part->events.image();
    return static_cast<int>(partRead->image->pieces());
}

} // namespace

extern "C" {

// `stage`: pack the part's lines for staging (the page pulls them with rb_stage_next).
EMSCRIPTEN_KEEPALIVE void rb_part_begin(int stage, const char* name, int length) {
    partRead = std::make_unique<PartRead>();
    partRead->reader = std::make_unique<BackupStreamReader>(
        BackupStreamReader::forPart(std::string(name, static_cast<std::size_t>(length))));
    if (stage) stageLines(*partRead->reader, partRead->stage);
}

// 0 once the part is known to be unreadable here (the page then reads it itself).
EMSCRIPTEN_KEEPALIVE int rb_part_chunk(const char* bytes, int length) {
    return partRead && partRead->reader->feed(std::string_view(bytes, static_cast<std::size_t>(length))) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE int rb_part_take() { return partRead ? imagePart(partRead->reader->takeEvents()) : 0; }

EMSCRIPTEN_KEEPALIVE int rb_part_end() { return partRead ? imagePart(partRead->reader->finishPart()) : 0; }

EMSCRIPTEN_KEEPALIVE const char* rb_part_piece(int i) { return partRead->image->piece(static_cast<std::size_t>(i)).data(); }

EMSCRIPTEN_KEEPALIVE int rb_part_piece_size(int i) {
    return static_cast<int>(partRead->image->piece(static_cast<std::size_t>(i)).size());
}

EMSCRIPTEN_KEEPALIVE const char* rb_part_tail() { return partRead->part->tail.c_str(); }

EMSCRIPTEN_KEEPALIVE double rb_part_lines() { return static_cast<double>(partRead->part->lines); }

EMSCRIPTEN_KEEPALIVE double rb_part_bytes() { return static_cast<double>(partRead->part->bytes); }

// The events staged (every one, all handed out), or -1 if the part's were not all staged.
EMSCRIPTEN_KEEPALIVE double rb_part_staged() {
    const auto* packer = partRead->stage.packer.get();
    if (!packer || packer->broken() || !packer->drained()) return -1;
    return static_cast<double>(packer->count());
}

} // extern "C"
