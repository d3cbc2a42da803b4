// The browser entry: Dear ImGui over Emscripten's GLFW and WebGL2. There is no main loop:
// the page (web/host.js) calls rb_frame() from requestAnimationFrame only when something
// happened, so an idle app draws nothing and costs nothing.
#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"
#include "core/exchange/agency/agency_zip.hpp"
#include "core/exchange/backup.hpp"
#include "core/i18n/locale.hpp"
#include "core/log/block_packer.hpp"
#include "core/log/stored_lines.hpp"
#include "core/rules/agenda.hpp"
#include "core/state/queries.hpp"
#include "core/state/state_image.hpp"
#include "session/session.hpp"
#include "platform/web/js_bridge.hpp"
#include "platform/web/web_storage.hpp"
#include "recobra/version.hpp"
#include "ui/app.hpp"
#include "ui/locator.hpp"
#include "ui/theme.hpp"

#include <GLFW/glfw3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <imgui_internal.h>

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace {

using namespace recobra;

class WebHost final : public ui::Host {
public:
    void requestFrame() override { rb_js_request_frame(); }
    void wakeAfter(int milliseconds) override { rb_js_wake_after(milliseconds); }
    void copyToClipboard(const std::string& text) override { rb_js_copy(text.c_str()); }
    Timestamp now() override { return static_cast<Timestamp>(rb_js_now()); }
    int utcOffsetMinutes() override { return rb_js_utc_offset_minutes(); }
    void downloadBackup() override { rb_js_download_backup(); }
    void pickFile(FilePurpose purpose) override { rb_js_pick_file(static_cast<int>(purpose)); }
    void readOfferedFile(FilePurpose purpose) override { rb_js_read_offered(static_cast<int>(purpose)); }
    void forgetOfferedFile() override { rb_js_forget_offered(); }
    void downloadFile(const std::string& name, const std::string& mimeType, const std::string& bytes) override {
        rb_js_download(name.c_str(), mimeType.c_str(), bytes.data(), static_cast<int>(bytes.size()));
    }
    void applyUpdate() override { rb_js_apply_update(); }
    void reloadPage() override { rb_js_reload_page(); }
};

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

// A file coming in a chunk at a time.
struct Import {
    int purpose = 1; // 1 merge, 3 apply-restore, 4 apply-merge, 5 csv, 6 restore (confirmed)
                     // (0 restore and 2 ask are offered unread: rb_file_offered)
    std::string fileName;
    std::unique_ptr<BackupStreamReader> reader;
    std::optional<BackupContents> ready; // checked and waiting for apply (automation)
    std::string csv;                     // a CSV of invoices (purpose 5), whole
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
constexpr int kMergePurpose = 1;
constexpr int kCsvPurpose = 5;
constexpr int kApplyRestorePurpose = 3; // window.recobra.importBackup(file, 'replace')
constexpr int kRestorePurpose = 6;      // the import dialog's restore, confirmed before reading
constexpr bool restoring(int purpose) { return purpose == kApplyRestorePurpose || purpose == kRestorePurpose; }

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
    int settleFrames = 0;     // frames still to draw after the last input
    bool contextLost = false;
    bool importPumping = false; // the page is stepping a restore or merge (rb_import_step)
    std::uint64_t stagings = 0; // files staged so far (each staging's token)
    bool releasing = false;     // the page is freeing a replaced state (rb_release_step)
    double importFrameAt = 0;   // when a frame was last asked for to show its progress
    ImGuiMouseCursor cursor = ImGuiMouseCursor_COUNT;
    std::string clipboard;    // the last text copied in the app or pasted from the system
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

Runtime* rt = nullptr;

// ImGui needs a couple of frames after an input to settle (a popup opens on the frame after
// the click, hover colours follow the mouse). Tooltips appear after a hover delay: one frame
// is asked for at each moment a tooltip could appear, rather than drawing all along.
constexpr int kSettleFrames = 3;
// A restore or merge is checked in slices of this long, a few thousand events at a time,
// each its own task (web/bridge.js pumpImport): frames are drawn between them at the
// display's pace rather than one slice a frame, which left the CPU idle until each vsync.
constexpr double kImportSliceMs = 25.0;
constexpr std::size_t kImportSliceEvents = 4000;
// A staged block: the size store.js packs a replaced log into (bridge.js CHUNK_BYTES).
constexpr std::size_t kStageBlockBytes = 8u << 20;
constexpr double kImportFrameMs = 250.0;
constexpr double kReleaseSliceMs = 8.0;
constexpr std::size_t kReleaseSliceItems = 2000;

// The second part of a large backup, read in a worker (web/read-worker.js) while the page reads
// the first. The worker runs this same module without starting the app (rt stays null): it
// reads its part with a reader of its own (BackupStreamReader::forPart), stages the part's
// lines as the page stages its own, and hands the part's log over as an image.
struct PartRead {
    std::unique_ptr<BackupStreamReader> reader;
    Staging stage;
    std::optional<BackupPart> part;
    std::optional<EventLog::Image> image;
};
std::unique_ptr<PartRead> partRead;

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
// Packs each event line `reader` reads into `stage`'s blocks.
void stageLines(BackupStreamReader& reader, Staging& stage) {
    stage.packer = std::make_unique<BlockPacker>(kStageBlockBytes);
    reader.onEventLine([packer = stage.packer.get()](const EventId& id, std::size_t begin, std::size_t end) {
        packer->add(id, begin, end);
    });
}

EM_BOOL onWheel(int, const EmscriptenWheelEvent* event, void*) {
    // One wheel "step" is 100 pixels, 3 lines or a fraction of a page, as browsers report it.
    float perUnit = 1.0f / 100.0f;
    if (event->deltaMode == DOM_DELTA_LINE) perUnit = 1.0f / 3.0f;
    else if (event->deltaMode == DOM_DELTA_PAGE) perUnit = 1.0f;
    ImGui::GetIO().AddMouseWheelEvent(-static_cast<float>(event->deltaX) * perUnit,
                                      -static_cast<float>(event->deltaY) * perUnit);
    return EM_TRUE;
}

void setImeData(ImGuiContext*, ImGuiViewport*, ImGuiPlatformImeData* data) {
    rb_js_text_input(data->WantTextInput || data->WantVisible, data->InputPos.x, data->InputPos.y,
                     data->InputLineHeight);
}

const char* cssCursor(ImGuiMouseCursor cursor) {
    switch (cursor) {
    case ImGuiMouseCursor_None: return "none";
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_ResizeAll: return "move";
    case ImGuiMouseCursor_ResizeNS: return "ns-resize";
    case ImGuiMouseCursor_ResizeEW: return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
    }
}

ImFont* addFont(void* data, int size) {
    ImFontConfig config;
    config.FontDataOwnedByAtlas = true; // ImGui frees it with IM_FREE (malloc'd by the page)
    config.OversampleH = 1;             // text is rasterized at the screen's pixel density
    return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(data, size, ui::kBaseFontSize, &config);
}

// Holds a string returned to JavaScript until the next call.
const char* keep(std::string text) {
    static std::string returned;
    returned = std::move(text);
    return returned.c_str();
}

Lang uiLanguage() { return rt && rt->ui ? rt->ui->language() : Lang::es; }

CommandContext commandContext() {
    CommandContext context;
    context.now = static_cast<Timestamp>(rb_js_now());
    context.utcOffsetMinutes = rb_js_utc_offset_minutes();
    context.author = rt->session->settings().userName;
    return context;
}

std::vector<Event> decodeLines(std::string_view text, std::size_t& unreadable) {
    std::vector<Event> events;
    forEachStoredLine(text, [&](std::string_view line) {
        auto decoded = decodeEventText(line);
        if (decoded.event) events.push_back(std::move(*decoded.event));
        else ++unreadable;
    });
    return events;
}

std::string resultJson(const CommandOutcome& outcome) {
    nlohmann::json j;
    j["ok"] = outcome.ok;
    if (outcome.ok) {
        j["id"] = outcome.createdId;
        j["eventId"] = outcome.eventId;
    } else if (outcome.problem) {
        j["error"] = outcome.problem->describe(uiLanguage());
        j["code"] = strId(outcome.problem->code);
        j["field"] = outcome.problem->field;
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A CSV of invoices has been read whole: the import dialog takes it (or shows why not).
std::string csvImportEnd(Import& i) {
    nlohmann::json summary = {{"ok", !i.csvTooLarge}, {"file", i.fileName}, {"csv", true}, {"bytes", i.csv.size()}};
    std::optional<Problem> tooLarge;
    if (i.csvTooLarge) {
        tooLarge = problem(Str::csv_err_too_large, "", {std::to_string(kMaxCsvBytes >> 20)});
        tooLarge->file = i.fileName;
        summary["error"] = tooLarge->describe(uiLanguage());
        i.csv.clear();
    }
    if (rt->ui) rt->ui->offerCsvImport(i.fileName, std::move(i.csv), std::move(tooLarge));
    i = Import{};
    rt->host.requestFrame();
    return summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace

extern "C" {

// Creates the window, ImGui and the UI. Fonts arrive as malloc'd buffers the atlas takes over.
// Returns 0 when WebGL 2 cannot be created.
EMSCRIPTEN_KEEPALIVE int rb_start(const char* lang, int width, int height, float scale, void* regular,
                                  int regularSize, void* bold, int boldSize) {
    if (rt) return 1;
    rt = new Runtime();
    if (!glfwInit()) return 0;
    glfwWindowHint(GLFW_ALPHA_BITS, 0);
    glfwWindowHint(GLFW_DEPTH_BITS, 0);
    glfwWindowHint(GLFW_STENCIL_BITS, 0);
    rt->window = glfwCreateWindow(width, height, "Recobra", nullptr, nullptr);
    if (!rt->window) return 0;
    glfwMakeContextCurrent(rt->window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard | ImGuiConfigFlags_NoMouseCursorChange;
    io.ConfigInputTextCursorBlink = false; // a blinking caret would redraw forever while idle

    auto& fonts = ui::fonts();
    fonts.regular = addFont(regular, regularSize);
    fonts.bold = addFont(bold, boldSize);
    if (!fonts.regular || !fonts.bold) return 0;

    ImGui_ImplGlfw_InitForOpenGL(rt->window, true);
    // Text arrives from the page's textarea (dead keys, IME, paste), never from keypress.
    glfwSetCharCallback(rt->window, nullptr);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_wheel_callback("#canvas", nullptr, false, onWheel);

    ImGuiPlatformIO& platform = ImGui::GetPlatformIO();
    platform.Platform_SetClipboardTextFn = [](ImGuiContext*, const char* text) {
        rt->clipboard = text ? text : "";
        rb_js_copy(rt->clipboard.c_str());
    };
    // The system clipboard can only be read in a `paste` event; the page stores it here
    // (rb_set_clipboard) before ImGui handles the Ctrl/Cmd+V that caused it.
    platform.Platform_GetClipboardTextFn = [](ImGuiContext*) -> const char* { return rt->clipboard.c_str(); };
    platform.Platform_SetImeDataFn = setImeData;

    rt->ui = std::make_unique<ui::UiApp>(rt->host, parseLang(lang ? lang : "").value_or(Lang::es));
    rt->ui->setScale(scale);
    return 1;
}

// Draws one frame. `input` says the user did something since the last frame. Returns 1
// when another frame is needed soon, 0 when the app can rest until the next event.
EMSCRIPTEN_KEEPALIVE int rb_frame(int input, double) {
    if (!rt || !rt->ui || rt->contextLost) return 0;
    if (input) {
        rt->settleFrames = kSettleFrames;
    }
    // A backup being restored or merged is checked in slices by the page (rb_import_step);
    // the frames go on meanwhile, showing how far it got, until it is done.
    const bool importing = rt->session && rt->session->importing();
    if (importing && !rt->importPumping) {
        rt->importPumping = true;
        rb_js_import_pump();
    }
    // The state a restore or merge replaced is freed task by task, not in one long stall.
    if (rt->session && rt->session->workspace().hasRetired() && !rt->releasing) {
        rt->releasing = true;
        rb_js_release_pump();
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    rt->ui->drawFrame();
    ImGui::Render();

    int width = 0, height = 0;
    glfwGetFramebufferSize(rt->window, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 bg = ui::colors::background;
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    if (cursor != rt->cursor) {
        rt->cursor = cursor;
        rb_js_set_cursor(cssCursor(cursor));
    }

    bool more = false;
    if (rt->settleFrames > 0) {
        --rt->settleFrames;
        more = true;
    }
    if (ImGui::GetCurrentContext()->InputEventsQueue.Size > 0) more = true;
    if (input && ImGui::GetHoveredID() != 0) {
        const ImGuiStyle& style = ImGui::GetStyle();
        rb_js_wake_after(static_cast<int>(style.HoverStationaryDelay * 1000) + 30);
        rb_js_wake_after(static_cast<int>(style.HoverDelayNormal * 1000) + 30);
        rb_js_wake_after(static_cast<int>((style.HoverStationaryDelay + style.HoverDelayNormal) * 1000) + 30);
    }
    return more ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void rb_set_scale(float scale) {
    if (rt && rt->ui) rt->ui->setScale(scale);
}

EMSCRIPTEN_KEEPALIVE void rb_text_input(const char* utf8) {
    if (rt && utf8) ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

EMSCRIPTEN_KEEPALIVE void rb_set_clipboard(const char* utf8) {
    if (rt) rt->clipboard = utf8 ? utf8 : "";
}

EMSCRIPTEN_KEEPALIVE void rb_context_lost() {
    if (rt) rt->contextLost = true;
}

// Every GL object died with the old context: rebuild the backend's objects; ImGui sees its
// textures destroyed and uploads the font atlas again on the next frame.
EMSCRIPTEN_KEEPALIVE void rb_context_restored() {
    if (!rt) return;
    ImGui_ImplOpenGL3_DestroyDeviceObjects();
    ImGui_ImplOpenGL3_CreateDeviceObjects();
    rt->contextLost = false;
}

EMSCRIPTEN_KEEPALIVE const char* rb_version() { return kVersion; }

// --- data: loading, writing, other tabs ----------------------------------------------------

// Also loads storage's log again into a session whose released restore failed
// (Session::releaseForRestore): the session, which the UI holds, stays.
EMSCRIPTEN_KEEPALIVE void rb_load_begin(unsigned device, int writer) {
    if (!rt->session || !rt->session->reloadNeeded()) {
        rt->session = std::make_unique<Session>(rt->storage, device);
        rt->session->onReloadNeeded([] { rb_js_reload(); });
    }
    rt->session->setWriter(writer != 0, &rt->storage);
    rt->session->beginLoad();
    rt->unreadableEvents = 0;
}

EMSCRIPTEN_KEEPALIVE void rb_load_batch(const char* text, int length) {
    // Each line decoded into the same Event, not into a new one per line kept in a vector: the
    // decoding and folding of two million events (a start from JSON) took 5.6-5.8 s in
    // Chromium instead of 6.0-6.3 s.
    const char* end = text + length;
    forEachStoredLine(std::string_view(text, static_cast<std::size_t>(length)), [end](std::string_view line) {
        if (rt->loadDecoder.decode(line, static_cast<std::size_t>(end - (line.data() + line.size())))) ++rt->unreadableEvents;
        else rt->session->loadOne(rt->loadDecoder.event());
    });
}

// Ends the load (a log that came out of order is sorted and folded again); `settings` is the stored settings JSON (empty on a new profile).
EMSCRIPTEN_KEEPALIVE const char* rb_load_finish(const char* settingsText, int length) {
    Settings settings;
    nlohmann::json j;
    if (length > 0 && !parseJson(std::string_view(settingsText, static_cast<std::size_t>(length)), j))
        JsonReader::readObject(j, settings); // a damaged settings record falls back to defaults
    const auto report = rt->session->finishLoad(settings);
    if (rt->ui) {
        if (auto lang = parseLang(settings.language)) rt->ui->setLanguage(*lang, false);
        rt->ui->attachSession(rt->session.get());
    }
    nlohmann::json out = {{"events", report.events},
                          {"duplicateIds", report.duplicateIds},
                          {"unreadable", rt->unreadableEvents},
                          {"unknownEvents", report.diagnostics.unknownEvents},
                          {"orphanEvents", report.diagnostics.orphanEvents}};
    rt->host.requestFrame();
    return keep(out.dump());
}

// --- the image of the log (EventLog::Image), a cache of it that starts the app without
// decoding every event's JSON: installed piece by piece at start, written out when idle.

// The header (piece 0) of a stored image: how many pieces it has in all, or 0 when it is
// not an image this build can install.
EMSCRIPTEN_KEEPALIVE int rb_image_begin(const char* bytes, int length) {
    if (!rt->imageLoader.begin(std::string_view(bytes, static_cast<std::size_t>(length)))) return 0;
    return static_cast<int>(rt->imageLoader.pieces());
}

// Where the next piece's bytes go (0 when that piece has not the size the header gives).
EMSCRIPTEN_KEEPALIVE char* rb_image_buffer(int length) {
    return rt->imageLoader.buffer(static_cast<std::size_t>(length));
}

EMSCRIPTEN_KEEPALIVE int rb_image_piece_done() { return rt->imageLoader.pieceDone() ? 1 : 0; }

// The state's image (StateImageReader), for a log of `events` events: begun, then piece by
// piece (1 when the piece fits, 0 when the image is refused).
EMSCRIPTEN_KEEPALIVE void rb_state_begin(double events) {
    rt->stateReader = std::make_unique<StateImageReader>(static_cast<std::size_t>(events));
}
EMSCRIPTEN_KEEPALIVE int rb_state_add(const char* bytes, int length) {
    return rt->stateReader && rt->stateReader->add(std::string_view(bytes, static_cast<std::size_t>(length))) ? 1 : 0;
}

// Starts the load from the installed image (instead of rb_load_begin): 0 when the log's image
// was not whole and intact, and then nothing has changed. With a state image read in whole
// and of this very log (its last event the log's), nothing is folded; else the log is.
EMSCRIPTEN_KEEPALIVE int rb_image_install(unsigned device, int writer) {
    auto log = rt->imageLoader.finish();
    rt->imageLoader = EventLog::ImageLoader{}; // what a refused image had installed goes
    std::optional<State> state;
    if (rt->stateReader) state = rt->stateReader->finish();
    rt->stateReader.reset();
    if (!log) return 0;
    rb_load_begin(device, writer);
    const bool ofThisLog = state && (log->empty() ? !state->lastApplied : state->lastApplied == log->lastId());
    if (ofThisLog) rt->session->beginLoad(std::move(*log), std::move(*state));
    else rt->session->beginLoad(std::move(*log));
    return ofThisLog ? 2 : 1;
}

// Folds up to `budget` events of the installed log; 0 once it is all folded.
EMSCRIPTEN_KEEPALIVE int rb_image_fold(int budget) {
    return rt->session->workspace().foldInstalled(static_cast<std::size_t>(budget)) ? 1 : 0;
}

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

EMSCRIPTEN_KEEPALIVE void rb_store_done(int request, int ok, const char* error, int) {
    if (rt && rt->session) rt->session->stored(static_cast<std::uint32_t>(request), ok != 0, error ? error : "");
}

EMSCRIPTEN_KEEPALIVE void rb_integrate(const char* text, int length) {
    if (!rt || !rt->session) return;
    std::size_t unreadable = 0;
    rt->session->integrate(decodeLines(std::string_view(text, static_cast<std::size_t>(length)), unreadable));
}

EMSCRIPTEN_KEEPALIVE void rb_set_writer(int writer, unsigned device) {
    if (!rt || !rt->session) return;
    rt->session->workspace().setDevice(device);
    rt->session->setWriter(writer != 0, &rt->storage);
    rt->session->failForwarded(problem(Str::err_writer_gone, ""));
}

// The writer runs a command another tab handed over and answers it when stored.
EMSCRIPTEN_KEEPALIVE void rb_forwarded(int local, const char* text, int length) {
    if (!rt || !rt->session) return;
    const auto command = nlohmann::json::parse(text, text + length, nullptr, false);
    rt->session->submit(command, commandContext(), [local](const CommandOutcome& outcome) {
        rb_js_reply(local, outcomeToJson(outcome).c_str());
    });
}

EMSCRIPTEN_KEEPALIVE void rb_forward_reply(int request, const char* text, int length) {
    if (!rt || !rt->session) return;
    CommandOutcome outcome;
    if (length == 0) outcome.problem = problem(Str::err_writer_gone, "");
    else outcome = outcomeFromJson(std::string_view(text, static_cast<std::size_t>(length)));
    rt->session->forwardReply(static_cast<std::uint32_t>(request), outcome);
}

EMSCRIPTEN_KEEPALIVE void rb_remote_settings(const char* text, int length) {
    if (!rt || !rt->session) return;
    Settings settings;
    nlohmann::json j;
    if (parseJson(std::string_view(text, static_cast<std::size_t>(length)), j)) return;
    if (JsonReader::readObject(j, settings)) return;
    rt->session->adoptSettings(settings);
    if (auto lang = parseLang(settings.language); lang && rt->ui) rt->ui->setLanguage(*lang, false);
}

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

EMSCRIPTEN_KEEPALIVE int rb_open_debtor(const char* id) {
    if (!rt || !rt->ui) return 0;
    return rt->ui->openDebtor(id ? id : "") ? 1 : 0;
}

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

// Storage's data could not be read again after a refused restore (web/bridge.js reloadData).
EMSCRIPTEN_KEEPALIVE void rb_reload_failed() {
    if (!rt || !rt->ui) return;
    rt->ui->noticeReloadFailed();
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

EMSCRIPTEN_KEEPALIVE const char* rb_last_event_id() {
    if (!rt || !rt->session || rt->session->workspace().log().empty()) return "";
    return keep(rt->session->workspace().log().lastId().str());
}

// --- automation ------------------------------------------------------------------------------

// window.recobra.dispatch(): the same path as the UI's forms. The answer arrives through
// rb_js_command_done(request, result) once the change is durable (or refused).
EMSCRIPTEN_KEEPALIVE void rb_dispatch(int request, const char* text, int length) {
    if (!rt || !rt->session) return;
    const auto command = nlohmann::json::parse(text, text + length, nullptr, false);
    if (command.is_discarded()) {
        CommandOutcome outcome;
        outcome.problem = problem(Str::err_type_object, "");
        rb_js_command_done(request, resultJson(outcome).c_str());
        return;
    }
    rt->session->submit(command, commandContext(), [request](const CommandOutcome& outcome) {
        rb_js_command_done(request, resultJson(outcome).c_str());
        rt->host.requestFrame();
    });
    rt->host.requestFrame();
}

// window.recobra.loadDemo() / clearDemo(): answered through rb_js_command_done.
EMSCRIPTEN_KEEPALIVE void rb_demo(int request, int load) {
    if (!rt || !rt->ui) return;
    auto done = [request](const CommandOutcome& outcome) {
        rb_js_command_done(request, resultJson(outcome).c_str());
        rt->host.requestFrame();
    };
    if (load) rt->ui->loadDemo(done);
    else rt->ui->clearDemo(done);
}

// --- backups out ----------------------------------------------------------------------------

// -1 while a restore has let go of the loaded data (nothing to export until it is back).
EMSCRIPTEN_KEEPALIVE int rb_export_begin() {
    if (!rt->session || rt->session->released()) return -1;
    rb_image_release(); // an image being written out gives way (its buffers would grow memory)
    auto& e = rt->exporting;
    e = Export{};
    e.writer = std::make_unique<BackupWriter>(e.chunk);
    e.writer->begin();
    return static_cast<int>(rt->session->workspace().log().size());
}

// Fills the next chunk of about `bytes`; returns its length, 0 once everything was given.
EMSCRIPTEN_KEEPALIVE int rb_export_next(int bytes) {
    auto& e = rt->exporting;
    if (!e.writer) return 0;
    const EventLog& events = rt->session->workspace().log();
    if (e.handedOut) e.chunk.clear(); // the first chunk starts with the head begin() wrote
    e.handedOut = true;
    while (e.next < events.size() && e.chunk.size() < static_cast<std::size_t>(bytes)) e.writer->add(events, e.next++);
    if (e.next >= events.size() && !e.ended) {
        e.writer->end(rt->session->settings());
        e.ended = true;
    }
    return static_cast<int>(e.chunk.size());
}

EMSCRIPTEN_KEEPALIVE const char* rb_export_data() { return rt->exporting.chunk.data(); }
EMSCRIPTEN_KEEPALIVE int rb_export_progress() { return static_cast<int>(rt->exporting.next); }

EMSCRIPTEN_KEEPALIVE const char* rb_export_file_name() {
    const Timestamp local = static_cast<Timestamp>(rb_js_now()) + rb_js_utc_offset_minutes() * 60'000LL;
    return keep("recobra-backup-" + Date::ofTimestamp(local).iso() + ".json");
}

// The download started: remember when, for the reminder.
EMSCRIPTEN_KEEPALIVE void rb_export_finished(int ok) {
    rt->exporting = Export{};
    if (!ok || !rt->session) return;
    Settings settings = rt->session->settings();
    settings.lastBackupAt = static_cast<Timestamp>(rb_js_now());
    rt->session->updateSettings(settings);
    rt->host.requestFrame();
}

// --- files in ----------------------------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE void rb_import_begin(int purpose, double size, const char* name, int length) {
    rb_image_release(); // an image being written out gives way: its memory may be needed now
    auto& i = rt->importing;
    i = Import{};
    i.purpose = purpose;
    i.fileName = std::string(name, static_cast<std::size_t>(length));
    if (purpose == kCsvPurpose) { // a CSV is read whole, then analysed by the dialog
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

// A backup chosen to restore (purpose 0) or dropped (2), not read yet: the dialog asks first.
EMSCRIPTEN_KEEPALIVE void rb_file_offered(int purpose, double size, double modified, const char* name, int length) {
    if (!rt->ui) return;
    rt->ui->offerUnreadBackup(std::string(name, static_cast<std::size_t>(length)),
                              purpose == 0 ? ui::ImportMode::Restore : ui::ImportMode::Ask, size,
                              static_cast<Timestamp>(modified));
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
    if (i.purpose == kCsvPurpose) {
        i.csvTooLarge = i.csvTooLarge || i.csv.size() + static_cast<std::size_t>(length) > kMaxCsvBytes;
        if (!i.csvTooLarge) i.csv.append(bytes, static_cast<std::size_t>(length));
        return i.csvTooLarge ? 0 : 1;
    }
    if (!i.reader) return 0;
    startCheckWhenFree(i);
    return i.reader->feed(std::string_view(bytes, static_cast<std::size_t>(length))) ? 1 : 0;
}

// --- in the worker: a large backup's second part (PartRead) ---------------------------------

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

// --- on the page: the second part taken in ------------------------------------------------

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

// The file is read: hand it to the dialog (or keep it for rb_import_apply). Returns a summary.
EMSCRIPTEN_KEEPALIVE const char* rb_import_end() {
    auto& i = rt->importing;
    if (i.purpose == kCsvPurpose) return keep(csvImportEnd(i));
    if (!i.reader) return "{\"ok\":false}";
    BackupRead read = i.reader->finish();
    i.reader.reset();
    i.partLoader = EventLog::ImageLoader{}; // a part not taken in whole goes
    // Staged only if the page was handed every event of the file, in the file's (id) order (the
    // second part's by the worker that read it).
    const auto* packer = i.stage.packer.get();
    if (read.contents && packer && !packer->broken() && packer->drained() && i.partStaged >= 0 &&
        static_cast<double>(packer->count()) + i.partStaged > 0 &&
        static_cast<double>(packer->count()) + i.partStaged == static_cast<double>(read.contents->events.size()))
        read.contents->staged = i.stageToken;
    i.stage = Staging{};
    // Automation's restore refused while read: storage's log is loaded again (the page waits
    // for it; the dialog's restore does the same in restoreRead).
    if (read.problem && i.purpose == kApplyRestorePurpose && rt->session && rt->session->released())
        rt->session->failReleased(*read.problem, nullptr);
    nlohmann::json summary = {{"ok", !read.problem}, {"file", i.fileName}};
    if (read.problem) {
        summary["error"] = read.problem->describe(uiLanguage());
        summary["code"] = strId(read.problem->code);
        summary["field"] = read.problem->field;
    } else {
        summary["events"] = read.contents->events.size();
        summary["staged"] = read.contents->staged != 0;
    }
    if (i.purpose == kMergePurpose && rt->ui) {
        rt->ui->offerMergeFile(i.fileName, std::move(read));
    } else if (i.purpose == kRestorePurpose && rt->ui) {
        rt->ui->restoreRead(std::move(read));
    } else if (read.contents) {
        i.ready = std::move(read.contents);
    }
    rt->host.requestFrame();
    return keep(summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// The browser could not read the file (it was moved or changed on disk): what was read goes,
// and the problem is told as rb_import_end tells one (the same summary).
EMSCRIPTEN_KEEPALIVE const char* rb_import_abort(const char* why, int length) {
    auto& i = rt->importing;
    const int purpose = i.purpose;
    BackupRead read;
    read.problem = problem(Str::err_file_unreadable, "", {std::string(why, static_cast<std::size_t>(length))});
    read.problem->file = i.fileName;
    const nlohmann::json summary = {{"ok", false},
                                    {"file", i.fileName},
                                    {"error", read.problem->describe(uiLanguage())},
                                    {"code", strId(read.problem->code)},
                                    {"field", ""}};
    i = Import{};
    if (purpose == kRestorePurpose && rt->ui) rt->ui->restoreRead(std::move(read));
    else if (purpose == kMergePurpose && rt->ui) rt->ui->offerMergeFile(read.problem->file, std::move(read));
    else if (purpose == kCsvPurpose && rt->ui) rt->ui->offerCsvImport(read.problem->file, "", read.problem);
    else if (rt->session && rt->session->released()) rt->session->failReleased(*read.problem, nullptr);
    rt->host.requestFrame();
    return keep(summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// window.recobra.importBackup(): applies what rb_import_end kept, without asking.
EMSCRIPTEN_KEEPALIVE void rb_import_apply(int request) {
    auto& i = rt->importing;
    auto done = [request](const CommandOutcome& outcome) {
        nlohmann::json j = nlohmann::json::parse(resultJson(outcome));
        j["added"] = outcome.added;
        rb_js_command_done(request, j.dump().c_str());
        rt->host.requestFrame();
    };
    if (!i.ready) {
        CommandOutcome outcome;
        outcome.problem = problem(Str::err_invalid, "");
        return done(outcome);
    }
    BackupContents contents = std::move(*i.ready);
    i.ready.reset();
    if (i.purpose == 3) rt->session->beginRestore(std::move(contents), i.fileName, done);
    else rt->session->beginMerge(std::move(contents), i.fileName, done);
}

// --- the whole log rewritten (restore, merge, example data removed) ----------------------------

EMSCRIPTEN_KEEPALIVE int rb_replace_next(int bytes) {
    return rt->storage.nextReplacementChunk(static_cast<std::size_t>(bytes))
               ? static_cast<int>(rt->storage.replacement().chunk.size())
               : 0;
}
EMSCRIPTEN_KEEPALIVE const char* rb_replace_data() { return rt->storage.replacement().chunk.data(); }
EMSCRIPTEN_KEEPALIVE int rb_replace_count() { return static_cast<int>(rt->storage.replacement().chunkCount); }
EMSCRIPTEN_KEEPALIVE const char* rb_replace_first() { return rt->storage.replacement().chunkFirst.c_str(); }

EMSCRIPTEN_KEEPALIVE const char* rb_summary() {
    if (!rt || !rt->session) return "{}";
    const auto& ws = rt->session->workspace();
    const CommandContext context = commandContext();
    auto j = summarize(ws.state(), ws.log().size(), context.today());
    j["saving"] = rt->session->writesInFlight();
    j["writer"] = rt->session->writer();
    return keep(j.dump());
}

// window.recobra.agenda(): today's agenda, the same JSON as `recobra agenda FILE --today D`.
EMSCRIPTEN_KEEPALIVE const char* rb_agenda() {
    if (!rt || !rt->session) return "{}";
    const auto& state = rt->session->workspace().state();
    return keep(agendaJson(state, computeAgenda(state, commandContext().today())).dump());
}

// window.recobra.agencyPackage({stages, minDaysOverdue, debtors, download}): builds the agency
// package for that choice (as the dialog does, in one go) and zips it; downloads it if asked.
EMSCRIPTEN_KEEPALIVE const char* rb_agency_package(const char* text, int length) {
    if (!rt || !rt->session) return "{}";
    const Lang lang = uiLanguage();
    nlohmann::json out = {{"ok", false}};
    auto fail = [&](const Problem& p) {
        out["error"] = p.describe(lang);
        out["code"] = strId(p.code);
        out["field"] = p.field;
        return keep(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    };
    const auto args = nlohmann::json::parse(text, text + length, nullptr, false);
    if (!args.is_object()) return fail(problem(Str::err_type_object, ""));
    AgencySelection selection;
    if (auto it = args.find("stages"); it != args.end() && !it->is_null()) {
        if (!it->is_array()) return fail(problem(Str::err_type_list, "stages"));
        for (const auto& name : *it) {
            const auto stage = name.is_string() ? parseEnum<Stage>(name.get<std::string>()) : std::nullopt;
            if (!stage) return fail(problem(Str::err_field_choice, "stages", {name.is_string() ? name.get<std::string>() : name.dump(), enumChoices<Stage>()}));
            selection.stages.insert(*stage);
        }
    }
    if (auto it = args.find("minDaysOverdue"); it != args.end() && !it->is_null()) {
        if (!it->is_number_integer() || it->get<std::int64_t>() < 0 || it->get<std::int64_t>() > 100'000)
            return fail(problem(Str::err_type_integer, "minDaysOverdue"));
        selection.minDaysOverdue = it->get<int>();
    }
    if (auto it = args.find("debtors"); it != args.end() && !it->is_null()) {
        if (!it->is_array()) return fail(problem(Str::err_type_list, "debtors"));
        for (const auto& id : *it) {
            if (!id.is_string()) return fail(problem(Str::err_type_text, "debtors"));
            selection.debtors.push_back(id.get<std::string>());
        }
        if (selection.debtors.empty()) return fail(problem(Str::cli_agency_none, "debtors"));
    }
    const auto& ws = rt->session->workspace();
    const CommandContext context = commandContext();
    const Date today = context.today();
    auto chosen = selectDebtors(ws.state(), selection, today);
    if (chosen.problem) return fail(*chosen.problem);
    if (chosen.debtors.empty()) return fail(problem(Str::cli_agency_none, ""));
    AgencyOptions options;
    options.lang = lang;
    options.today = today;
    options.utcOffsetMinutes = context.utcOffsetMinutes;
    options.preparedBy = rt->session->settings().userName;
    const AgencyPackage package = buildAgencyPackage(ws.state(), ws.log(), chosen.debtors, options);
    const std::string zip = zipAgencyPackage(package, agencyZipFolder(lang, today), ZipTime{today});
    if (zip.empty()) return fail(problem(Str::agency_err_too_large, ""));
    const std::string name = agencyZipName(lang, today);
    nlohmann::json files = nlohmann::json::array();
    for (const auto& f : package.files) files.push_back(agencyZipFolder(lang, today) + "/" + f.name);
    out = {{"ok", true},          {"name", name},
           {"files", files},      {"debtors", package.debtors},
           {"invoices", package.invoices}, {"interactions", package.interactions},
           {"events", package.events},     {"bytes", zip.size()}};
    if (args.value("download", false)) rt->host.downloadFile(name, "application/zip", zip);
    return keep(out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

// `remember`: store it as the user's choice (0 for a language forced by the URL).
EMSCRIPTEN_KEEPALIVE int rb_set_language(const char* code, int remember) {
    const auto lang = parseLang(code ? code : "");
    if (!rt || !rt->ui || !lang) return 0;
    rt->ui->setLanguage(*lang, remember != 0);
    return 1;
}

EMSCRIPTEN_KEEPALIVE const char* rb_language() { return rt && rt->ui ? langCode(rt->ui->language()) : "es"; }

EMSCRIPTEN_KEEPALIVE int rb_show_screen(const char* name) {
    const auto screen = ui::parseScreen(name ? name : "");
    if (!rt || !rt->ui || !screen) return 0;
    rt->ui->showScreen(*screen);
    return 1;
}

EMSCRIPTEN_KEEPALIVE const char* rb_screen() { return rt && rt->ui ? ui::screenName(rt->ui->screen()) : ""; }

EMSCRIPTEN_KEEPALIVE const char* rb_ui_state() { return rt && rt->ui ? keep(rt->ui->stateJson()) : "{}"; }

// Where a tagged widget was drawn in the last frame, in canvas pixels, or "null".
EMSCRIPTEN_KEEPALIVE const char* rb_locate(const char* id) {
    if (!rt) return "null";
    const auto rect = ui::locate(id ? id : "");
    if (!rect) return "null";
    nlohmann::json j = {{"x", rect->x}, {"y", rect->y}, {"width", rect->width}, {"height", rect->height}};
    return keep(j.dump());
}

} // extern "C"
