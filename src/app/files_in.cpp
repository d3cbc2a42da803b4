// Files coming in (web/files-in.js): a backup to restore or merge, or a CSV of invoices, fed a chunk
// at a time (what the page is told once the file is read: files_done.cpp). A backup that may be
// restored is staged as the next generation while it is read (its blocks are slices of the file
// itself); a large one is read in two parts, the second by a worker (file_part.cpp), whose pieces
// are taken in and checked here while it reads on.
#include "app/runtime.hpp"

#include "core/exchange/csv_import.hpp"

#include <emscripten.h>

using namespace recobra;
using namespace recobra::app;

namespace {

// The staging the page is pulling blocks from: the file's on the page, the part's in a worker.
Staging* activeStaging() {
    if (rt) return &rt->importing.stage;
    return partRead ? &partRead->stage : nullptr;
}

// The check while reading starts once the data the restore replaces has been freed (it is
// freed a slice at a time, rb_release_step), so that the two states are never in memory
// together; it then catches up with what was read meanwhile.
void startCheckWhenFree(Import& i) {
    if (!i.checkWhileReading || i.checking || !i.reader) return;
    if (rt->session && rt->session->workspace().hasRetired()) return;
    i.reader->checkAsRestore();
    i.checking = true;
}

} // namespace

namespace recobra::app {

// Packs each event line `reader` reads into `stage`'s blocks.
void stageLines(BackupStreamReader& reader, Staging& stage) {
    stage.packer = std::make_unique<BlockPacker>(kStageBlockBytes);
    reader.onEventLine([packer = stage.packer.get()](const EventId& id, std::size_t begin, std::size_t end) {
        packer->add(id, begin, end);
    });
}

} // namespace recobra::app

extern "C" {

EMSCRIPTEN_KEEPALIVE void rb_import_begin(int purposeCode, double size, const char* name, int length) {
    const auto purpose = static_cast<FilePurpose>(purposeCode);
    rb_image_release(); // an image being written out gives way: its memory may be needed now
    auto& i = rt->importing;
    i = Import{};
    i.purpose = purpose;
    i.fileName = std::string(name, static_cast<std::size_t>(length));
    if (purpose == FilePurpose::Csv) { // a CSV is read whole, then analysed by the dialog
        i.csvTooLarge = size > static_cast<double>(kMaxCsvBytes);
        if (!i.csvTooLarge) i.csv.reserve(static_cast<std::size_t>(size));
        return;
    }
    // A restore (confirmed, or asked for by automation) lets go of the loaded data before the
    // file is read, so the two are never in memory together; the release is pumped from a frame.
    if (restoring(purpose) && rt->session && rt->session->releaseForRestore()) rt->host.requestFrame();
    i.reader = std::make_unique<BackupStreamReader>(i.fileName);
    i.reader->expectSize(size);
    if (restoring(purpose)) {
        i.stageToken = ++rt->stagings;
        stageLines(*i.reader, i.stage);
    }
}

// The staging of the file being read: its token (0 if it is not staged).
EMSCRIPTEN_KEEPALIVE double rb_stage_token() { return static_cast<double>(rt->importing.stageToken); }

// The next block of the file's events to write aside: 1 if there is one (rb_stage_* say
// which), 0 if none is full yet (`last`: the file is read, the partial one too), -1 if the file
// cannot be staged (its events are not in order: the restore then writes the log the ordinary
// way).
EMSCRIPTEN_KEEPALIVE int rb_stage_next(int last) {
    Staging* s = activeStaging();
    if (!s || !s->packer || s->packer->broken()) return -1;
    if (last) s->packer->finish();
    if (!s->packer->hasReady()) return 0;
    s->staged = s->packer->take();
    return 1;
}

// Where the block's lines lie in what this reader reads: the file (the page), or its part
// from the worker's start.
EMSCRIPTEN_KEEPALIVE double rb_stage_begin() { return static_cast<double>(activeStaging()->staged.begin); }

EMSCRIPTEN_KEEPALIVE double rb_stage_end() { return static_cast<double>(activeStaging()->staged.end); }

EMSCRIPTEN_KEEPALIVE int rb_stage_count() { return static_cast<int>(activeStaging()->staged.count); }

EMSCRIPTEN_KEEPALIVE const char* rb_stage_first() { return keep(activeStaging()->staged.first.str()); }

EMSCRIPTEN_KEEPALIVE int rb_import_chunk(const char* bytes, int length) {
    auto& i = rt->importing;
    if (i.purpose == FilePurpose::Csv) {
        i.csvTooLarge = i.csvTooLarge || i.csv.size() + static_cast<std::size_t>(length) > kMaxCsvBytes;
        if (!i.csvTooLarge) i.csv.append(bytes, static_cast<std::size_t>(length));
        return i.csvTooLarge ? 0 : 1;
    }
    if (!i.reader) return 0;
    startCheckWhenFree(i);
    return i.reader->feed(std::string_view(bytes, static_cast<std::size_t>(length))) ? 1 : 0;
}

// A restore read in two parts checks the events as it reads them and as it takes in the
// worker's pieces (rb_import_check_step), while the worker reads on: the check after reading
// goes on from wherever that got to (BackupContents::restoreChecked).
EMSCRIPTEN_KEEPALIVE void rb_import_check_while_reading() {
    auto& i = rt->importing;
    i.checkWhileReading = i.reader && restoring(i.purpose);
}

// Checks the events read or taken in so far for a slice of time; 1 while some remain unchecked.
EMSCRIPTEN_KEEPALIVE int rb_import_check_step() {
    auto& i = rt->importing;
    startCheckWhenFree(i);
    if (!i.reader || !i.checking) return 0;
    const double until = emscripten_get_now() + kImportSliceMs;
    bool more = true;
    while (more && emscripten_get_now() < until) more = i.reader->checkAdopted(kImportSliceEvents / 4);
    return more ? 1 : 0;
}

// A large backup's second part, read by a worker (rb_part_*), taken in a piece at a time after
// the first part: the image of the piece's log (its header, then each piece of the image into
// rb_import_part_buffer), then its size and, for the last, its tail. rb_import_part_end
// returns 1 if the reader took it; 0 if not (nothing changed: the page then feeds the file
// from there itself).
EMSCRIPTEN_KEEPALIVE int rb_import_part_begin(const char* header, int length) {
    auto& i = rt->importing;
    i.partLoader = EventLog::ImageLoader{};
    if (!i.reader || !i.partLoader.begin(std::string_view(header, static_cast<std::size_t>(length)))) return 0;
    return static_cast<int>(i.partLoader.pieces());
}

EMSCRIPTEN_KEEPALIVE char* rb_import_part_buffer(int length) {
    return rt->importing.partLoader.buffer(static_cast<std::size_t>(length));
}

EMSCRIPTEN_KEEPALIVE int rb_import_part_piece_done() { return rt->importing.partLoader.pieceDone() ? 1 : 0; }

// `staged` (the last piece): the events the worker staged, -1 if it could not stage them all.
EMSCRIPTEN_KEEPALIVE int rb_import_part_end(int last, double lines, double bytes, double staged, const char* tail,
                                            int length) {
    auto& i = rt->importing;
    auto log = i.partLoader.finish();
    i.partLoader = EventLog::ImageLoader{};
    if (!i.reader || !log) return 0;
    BackupPart part;
    part.events = std::move(*log);
    part.tail.assign(tail, static_cast<std::size_t>(length));
    part.lines = static_cast<std::size_t>(lines);
    part.bytes = static_cast<std::size_t>(bytes);
    part.last = last != 0;
    if (!i.reader->adopt(std::move(part))) return 0;
    if (last) i.partStaged = staged;
    return 1;
}

} // extern "C"
