#pragma once
// The browser app's one runtime: what the exported functions (rb_*, called by the page's JS)
// share — the window, the session over IndexedDB, the UI, and the jobs under way (a file
// coming in, a backup going out, the images of the log). The entry (main_web.cpp) creates it;
// each file of src/app serves one concern of the page with its exports:
//
//   frame_loop.cpp    the window and the frames        input.cpp        wheel, text, clipboard
//   load.cpp          storage read at a start          images.cpp       images written out
//   tabs.cpp          other tabs of the profile        page_notices.cpp what the page tells
//   files_in.cpp      backups and CSV coming in        file_part.cpp    a backup's part, in a worker
//   files_done.cpp    a file in, once read
//   replacement.cpp   a restore or merge stepped       backup_out.cpp   a backup going out
//   automation.cpp    window.recobra                   platform/web/web_storage.cpp  IndexedDB
#include "app/web_host.hpp"
#include "core/codec/event_codec.hpp"
#include "core/exchange/backup.hpp"
#include "core/log/block_packer.hpp"
#include "core/state/state_image.hpp"
#include "platform/web/js_bridge.hpp"
#include "platform/web/web_storage.hpp"
#include "session/session.hpp"
#include "ui/app.hpp"

#include <emscripten.h>
#include <imgui.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

struct GLFWwindow;

namespace recobra::app {

using ui::FilePurpose;

// A backup leaving the app a chunk at a time (BackupWriter), never one huge string.
struct Export {
    std::string chunk;
    std::unique_ptr<BackupWriter> writer;
    std::size_t next = 0;
    bool ended = false;
    bool handedOut = false; // the chunk holds bytes JS has read (the first holds the head)
};

// A backup that may be restored is staged as the next generation while it is read: the page
// pulls where the file's event lines lie, a block at a time (rb_stage_next), and writes those
// slices of the file aside, so that once the file is checked the restore only switches to them
// (BackupContents::staged).
struct Staging {
    std::unique_ptr<BlockPacker> packer; // null: not staging
    BlockPacker::Block staged;           // the block handed to the page last
};

// A file coming in a chunk at a time, read for `purpose` (offered files, Restore and Ask, are
// not read until the user says what to do with them: rb_file_offered).
struct Import {
    FilePurpose purpose = FilePurpose::Merge;
    std::string fileName;
    std::unique_ptr<BackupStreamReader> reader;
    std::optional<BackupContents> ready; // checked and waiting for apply (automation)
    std::string csv;                     // a CSV of invoices (FilePurpose::Csv), whole
    bool csvTooLarge = false;
    std::uint64_t stageToken = 0; // 0: not staging
    Staging stage;
    // A large backup's second part, read by a worker (rb_part_*) and taken in (rb_import_part_*):
    // its log comes as an image; the events it staged itself, or -1 if it could not stage them.
    EventLog::ImageLoader partLoader;
    double partStaged = 0;
    bool checkWhileReading = false; // a restore read in two parts: check as it is read...
    bool checking = false;          // ...which starts once the data it replaces is freed
};

// Whether a file read for `purpose` replaces all data once checked.
constexpr bool restoring(FilePurpose purpose) {
    return purpose == FilePurpose::ApplyRestore || purpose == FilePurpose::RestoreConfirmed;
}

struct Runtime {
    GLFWwindow* window = nullptr;
    WebHost host;
    WebEventStorage storage;
    std::unique_ptr<Session> session;
    std::size_t unreadableEvents = 0;
    EventDecoder loadDecoder; // the lines storage holds, while loading
    Export exporting;
    Import importing;
    std::unique_ptr<ui::UiApp> ui;
    int settleFrames = 0; // frames still to draw after the last input
    bool contextLost = false;
    bool importPumping = false; // the page is stepping a restore or merge (rb_import_step)
    std::uint64_t stagings = 0; // files staged so far (each staging's token)
    bool releasing = false;     // the page is freeing a replaced state (rb_release_step)
    double importFrameAt = 0;   // when a frame was last asked for to show its progress
    ImGuiMouseCursor cursor = ImGuiMouseCursor_COUNT;
    std::string clipboard; // the last text copied in the app or pasted from the system
    // The image of the log kept in IndexedDB beside it (web/store-image.js): one being
    // installed at start, or one being written out.
    EventLog::ImageLoader imageLoader;
    std::unique_ptr<StateImageReader> stateReader;
    std::optional<EventLog::Image> image;
    std::unique_ptr<StateImageWriter> stateWriter;
    std::uint64_t imageRevision = 0; // the workspace's when the picture was taken
    std::string statePiece;
    std::string imageLastId;
};

// Null until rb_start, and always in the read worker, which runs this module without the app.
extern Runtime* rt;

// The second part of a large backup, read in a worker (web/read-worker.js) while the page reads
// the first: it reads its part with a reader of its own (BackupStreamReader::forPart), stages the
// part's lines as the page stages its own, and hands the part's log over as an image.
struct PartRead {
    std::unique_ptr<BackupStreamReader> reader;
    Staging stage;
    std::optional<BackupPart> part;
    std::optional<EventLog::Image> image;
};
extern std::unique_ptr<PartRead> partRead;

// ImGui needs a couple of frames after an input to settle (a popup opens on the frame after
// the click, hover colours follow the mouse). Tooltips appear after a hover delay: one frame
// is asked for at each moment a tooltip could appear, rather than drawing all along.
constexpr int kSettleFrames = 3;
// A restore or merge is checked in slices of this long, a few thousand events at a time,
// each its own task (web/bridge.js pumpImport): frames are drawn between them at the
// display's pace rather than one slice a frame, which left the CPU idle until each vsync.
constexpr double kImportSliceMs = 25.0;
constexpr std::size_t kImportSliceEvents = 4000;
// A staged block: the size web/store.js packs a replaced log into (web/bridge.js CHUNK_BYTES).
constexpr std::size_t kStageBlockBytes = 8u << 20;
constexpr double kImportFrameMs = 250.0;
constexpr double kReleaseSliceMs = 8.0;
constexpr std::size_t kReleaseSliceItems = 2000;

// Holds a string returned to JavaScript until the next call.
const char* keep(std::string text);
// The language the UI speaks (Spanish before it starts).
Lang uiLanguage();
// The context of a command made now, by this device's user.
CommandContext commandContext();
// A command's outcome as window.recobra and the page read it: {ok, id, eventId} or {ok,
// error, code, field}.
std::string resultJson(const CommandOutcome& outcome);

// frame_loop.cpp: the window with a WebGL 2 context, and ImGui over it with the UI's fonts
// (malloc'd buffers the atlas takes over); false when either cannot be made.
bool openWindow(int width, int height);
bool startImGui(void* regular, int regularSize, void* bold, int boldSize);
// input.cpp: the wheel, text, caret and clipboard hooks.
void installInput();
// files_in.cpp: packs each event line `reader` reads into `stage`'s blocks.
void stageLines(BackupStreamReader& reader, Staging& stage);

} // namespace recobra::app

extern "C" {
// images.cpp: lets a picture of the log being written out go (a file coming in or a backup
// going out needs its memory).
void rb_image_release();
}
