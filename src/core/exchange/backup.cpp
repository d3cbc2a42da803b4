#include "core/exchange/backup.hpp"

#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"
#include "core/log/stored_lines.hpp"
#include "core/workspace/workspace.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

namespace recobra {

// --- writing -----------------------------------------------------------------------------------

void BackupWriter::begin() { out_ += "{\"events\":["; }

void BackupWriter::add(const Event& event) {
    out_ += first_ ? "\n" : ",\n";
    first_ = false;
    appendEvent(out_, event);
}

void BackupWriter::add(const EventLog& log, std::size_t i) {
    out_ += first_ ? "\n" : ",\n";
    first_ = false;
    log.appendJson(i, out_);
}

void BackupWriter::end(const Settings& settings) {
    out_ += first_ ? "]" : "\n]";
    out_ += ",\"format\":\"";
    out_ += kBackupFormat;
    out_ += "\",\"schema\":";
    out_ += std::to_string(kBackupSchema);
    out_ += ",\"settings\":";
    JsonWriter::writeObject(out_, settings);
    out_ += "}\n";
}

std::string writeBackup(const Settings& settings, const std::vector<Event>& events) {
    std::string out;
    BackupWriter writer(out);
    writer.begin();
    for (const auto& e : events) writer.add(e);
    writer.end(settings);
    return out;
}

std::string writeBackup(const Settings& settings, const EventLog& events) {
    std::string out;
    BackupWriter writer(out);
    writer.begin();
    for (std::size_t i = 0; i < events.size(); ++i) writer.add(events, i);
    writer.end(settings);
    return out;
}

// --- reading -------------------------------------------------------------------------------------

namespace {

// Streams the file: builds a small DOM for one event at a time, decodes it and drops it.
class BackupSax final : public nlohmann::json_sax<nlohmann::json> {
public:
    std::vector<Event> events;
    std::optional<nlohmann::json> settings;
    std::optional<nlohmann::json> format;
    std::optional<nlohmann::json> schema;
    bool sawEvents = false;
    std::optional<Problem> problem;
    std::size_t syntaxErrorAt = 0;
    std::string syntaxToken;
    bool syntaxError = false;

    bool null() override { return value(nlohmann::json(nullptr)); }
    bool boolean(bool v) override { return value(nlohmann::json(v)); }
    bool number_integer(number_integer_t v) override { return value(nlohmann::json(v)); }
    bool number_unsigned(number_unsigned_t v) override { return value(nlohmann::json(v)); }
    bool number_float(number_float_t v, const string_t&) override { return value(nlohmann::json(v)); }
    bool string(string_t& v) override { return value(nlohmann::json(std::move(v))); }
    bool binary(binary_t&) override { return fail(problemAt(Str::err_invalid, "")); }

    bool start_object(std::size_t) override {
        if (depth_ == 0) {
            ++depth_;
            return true; // the top-level object
        }
        return open(nlohmann::json::object());
    }
    bool end_object() override {
        // The top-level object, not one inside it: the settings object also ends at depth 1.
        if (depth_ == 1 && stack_.empty()) {
            --depth_;
            return true;
        }
        return close();
    }
    bool start_array(std::size_t) override {
        if (depth_ == 0) return fail(problemAt(Str::err_backup_not_object, ""));
        if (depth_ == 1 && key_ == "events") {
            sawEvents = true;
            inEvents_ = true;
            ++depth_;
            return true;
        }
        return open(nlohmann::json::array());
    }
    bool end_array() override {
        if (inEvents_ && depth_ == 2 && stack_.empty()) {
            inEvents_ = false;
            --depth_;
            return true;
        }
        return close();
    }
    bool key(string_t& k) override {
        if (stack_.empty() && depth_ == 1) {
            key_ = k;
            if (k != "events" && k != "format" && k != "schema" && k != "settings")
                return fail(problemAt(Str::err_field_unknown, k.empty() ? "\"\"" : k)); // "" named too
            // A key written twice is refused, not read as its first or its last (RFC 8259
            // leaves that open; a backup has none): the same bytes always read one way.
            const unsigned bit = k == "events" ? 1u : k == "format" ? 2u : k == "schema" ? 4u : 8u;
            if (topKeys_ & bit) return fail(problemAt(Str::err_key_duplicate, k, {k}));
            topKeys_ |= bit;
            return true;
        }
        if (stack_.empty()) return true;
        auto& top = *stack_.back();
        if (top.contains(k)) {
            Problem p = problemAt(Str::err_key_duplicate, k, {k});
            return fail(inEvents_ ? eventProblem(std::move(p)) : std::move(p));
        }
        pendingKey_ = &top[k]; // inserts null, replaced by the value
        return true;
    }
    bool parse_error(std::size_t position, const std::string& last, const nlohmann::detail::exception&) override {
        syntaxError = true;
        syntaxErrorAt = position;
        syntaxToken = last.substr(0, 40);
        return false;
    }

private:
    Problem problemAt(Str code, std::string field, std::vector<std::string> args = {}) {
        return recobra::problem(code, std::move(field), std::move(args));
    }
    bool fail(Problem p) {
        if (!problem) problem = std::move(p);
        return false;
    }

    // A value at the top level (format, schema), inside an event, or an event itself.
    bool value(nlohmann::json v) {
        if (depth_ == 0) return fail(problemAt(Str::err_backup_not_object, ""));
        if (stack_.empty()) {
            if (depth_ == 1) return topLevel(std::move(v));
            if (inEvents_) return fail(eventProblem(problemAt(Str::err_type_object, "")));
            return true;
        }
        place(std::move(v));
        return true;
    }

    bool topLevel(nlohmann::json v) {
        if (key_ == "format") format = std::move(v);
        else if (key_ == "schema") schema = std::move(v);
        else if (key_ == "settings") settings = std::move(v);
        else if (key_ == "events") return fail(problemAt(Str::err_type_list, "events"));
        return true;
    }

    void place(nlohmann::json v) {
        auto& top = *stack_.back();
        if (top.is_array()) top.push_back(std::move(v));
        else if (pendingKey_) {
            *pendingKey_ = std::move(v);
            pendingKey_ = nullptr;
        }
    }

    bool open(nlohmann::json container) {
        if (stack_.empty()) {
            // The root of a subtree: an event, or the settings object.
            // A list or object where only settings may hold one: the reason a wrong value of
            // that top-level field gets anywhere else.
            if (depth_ == 1 && key_ != "settings") {
                const Str reason = key_ == "events"   ? Str::err_type_list
                                   : key_ == "schema" ? Str::err_schema_version
                                                      : Str::err_backup_not_recobra;
                return fail(problemAt(reason, key_));
            }
            root_ = std::move(container);
            stack_.push_back(&root_);
            return true;
        }
        auto& top = *stack_.back();
        nlohmann::json* slot = nullptr;
        if (top.is_array()) {
            top.push_back(std::move(container));
            slot = &top.back();
        } else {
            slot = pendingKey_;
            *slot = std::move(container);
            pendingKey_ = nullptr;
        }
        stack_.push_back(slot);
        return true;
    }

    bool close() {
        stack_.pop_back();
        if (!stack_.empty()) return true;
        if (inEvents_) return finishEvent();
        settings = std::move(root_);
        return true;
    }

    Problem eventProblem(Problem p) {
        if (p.record.empty()) p.record = "#" + std::to_string(events.size() + 1);
        else p.record = "#" + std::to_string(events.size() + 1) + " (" + p.record + ")";
        return p;
    }

    bool finishEvent() {
        auto decoded = decodeEvent(root_);
        if (!decoded.event) return fail(eventProblem(std::move(*decoded.problem)));
        events.push_back(std::move(*decoded.event));
        return true;
    }

    int depth_ = 0;
    bool inEvents_ = false;
    unsigned topKeys_ = 0; // the top-level keys seen, a bit each
    std::string key_;
    nlohmann::json root_;
    std::vector<nlohmann::json*> stack_;
    nlohmann::json* pendingKey_ = nullptr;
};

std::size_t lineOf(std::string_view text, std::size_t position) {
    const auto end = std::min(position, text.size());
    return static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(end), '\n')) + 1;
}

} // namespace

BackupRead readBackup(std::string_view text, const std::string& fileName) {
    BackupRead out;
    auto fail = [&](Problem p) {
        p.file = fileName;
        out.problem = std::move(p);
        return out;
    };
    if (text.size() > kMaxBackupBytes) return fail(problem(Str::err_file_too_large, "", {std::to_string(kMaxBackupBytes >> 20)}));
    if (text.empty()) return fail(problem(Str::err_file_empty, ""));
    if (const void* nul = std::memchr(text.data(), 0, text.size())) { // (nulByte: no JSON holds one)
        Problem p = *nulByte(text);
        p.atLine(lineOf(text, static_cast<std::size_t>(static_cast<const char*>(nul) - text.data())));
        return fail(std::move(p));
    }

    BackupSax sax;
    nlohmann::json::sax_parse(text.begin(), text.end(), &sax, nlohmann::json::input_format_t::json, true);
    if (sax.problem) return fail(std::move(*sax.problem));
    if (sax.syntaxError) {
        Problem p = problem(Str::err_json_syntax, "", {std::to_string(sax.syntaxErrorAt), sax.syntaxToken});
        // The parser's position counts the offending character itself: when that is the end
        // of a line (a string left open), the error is on that line, not the next.
        p.atLine(lineOf(text, sax.syntaxErrorAt > 0 ? sax.syntaxErrorAt - 1 : 0));
        return fail(std::move(p));
    }
    if (!sax.format) return fail(problem(Str::err_backup_not_recobra, "format"));
    if (!sax.format->is_string() || sax.format->get<std::string>() != kBackupFormat)
        return fail(problem(Str::err_backup_not_recobra, "format"));
    if (!sax.schema) return fail(problem(Str::err_field_missing, "schema"));
    if (!sax.schema->is_number_integer() || sax.schema->get<std::int64_t>() < 1)
        return fail(problem(Str::err_schema_version, "schema"));
    if (sax.schema->get<std::int64_t>() > kBackupSchema)
        return fail(problem(Str::err_backup_newer, "schema", {std::to_string(sax.schema->get<std::int64_t>())}));
    if (!sax.sawEvents) return fail(problem(Str::err_field_missing, "events"));
    BackupContents contents;
    if (sax.settings) {
        const JsonPath at{nullptr, "settings"};
        if (auto p = JsonReader::readObject(*sax.settings, contents.settings, &at)) return fail(std::move(*p));
        if (auto p = validateSettings(contents.settings)) return fail(std::move(*p));
    }
    keepUnknownEventTexts(sax.events, text, "events");
    if (auto p = sortRefusingDuplicates(sax.events)) return fail(std::move(*p));
    contents.events = EventLog(sax.events);
    out.contents = std::move(contents);
    return out;
}

// --- reading in pieces -----------------------------------------------------------------------------

namespace {
constexpr std::string_view kBackupHead = "{\"events\":[";
} // namespace

void BackupStreamReader::expectSize(double bytes) {
    if (!problem_ && bytes > static_cast<double>(kMaxBackupBytes))
        problem_ = problem(Str::err_file_too_large, "", {std::to_string(kMaxBackupBytes >> 20)});
}

bool BackupStreamReader::feed(std::string_view bytes) {
    if (problem_) return false;
    total_ += bytes.size();
    if (total_ > kMaxBackupBytes) {
        problem_ = problem(Str::err_file_too_large, "", {std::to_string(kMaxBackupBytes >> 20)});
        return false;
    }
    if (mode_ == Mode::Whole) {
        whole_.append(bytes);
        return true;
    }
    if (mode_ == Mode::Start) {
        // The first line says which layout this is: gathered whole, then the rest as any lines.
        pending_.append(bytes);
        const auto end = findLineEnd(pending_, 0);
        if (end == std::string::npos) {
            if (pending_.size() > kBackupHead.size() + 2) mode_ = Mode::Whole, whole_ = std::move(pending_), pending_.clear();
            return true;
        }
        line(std::string_view(pending_).substr(0, end), 0, end + 1);
        if (mode_ == Mode::Whole) {
            whole_ = std::move(pending_);
            pending_.clear();
            return true;
        }
        const std::string rest = pending_.substr(end + 1);
        pending_.clear();
        return lines(rest);
    }
    return lines(bytes);
}

// Reads each line where it lies in `bytes`: only a line cut by the end of a piece is copied
// (pending_) to be completed by the next piece. (Copying every piece first cost a restore of
// a 765 MB file 0.15 s.)
bool BackupStreamReader::lines(std::string_view bytes) {
    const std::size_t base = total_ - bytes.size(); // where `bytes` lie among those fed
    std::size_t start = 0;
    if (!pending_.empty()) {
        const auto end = findLineEnd(bytes, 0);
        if (end == std::string_view::npos) {
            pending_.append(bytes);
            return true;
        }
        const std::size_t begin = base - pending_.size();
        pending_.append(bytes.substr(0, end));
        line(pending_, begin, base + end + 1, pending_.capacity() - pending_.size());
        pending_.clear();
        start = end + 1;
    }
    while (!problem_) {
        const auto end = findLineEnd(bytes, start);
        if (end == std::string_view::npos) {
            pending_.assign(bytes.substr(start));
            break;
        }
        line(bytes.substr(start, end - start), base + start, base + end + 1, bytes.size() - end);
        start = end + 1;
    }
    return !problem_;
}

void BackupStreamReader::line(std::string_view text, std::size_t begin, std::size_t end, std::size_t slack) {
    ++lineNumber_;
    const std::size_t length = text.size();
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    switch (mode_) {
    case Mode::Start:
        if (text == kBackupHead) {
            mode_ = Mode::Events;
        } else {
            // Not the layout this app writes: read the whole file as JSON at the end.
            whole_ = std::string(text) + "\n";
            mode_ = Mode::Whole;
        }
        return;
    case Mode::Events: {
        if (text.empty()) return;
        if (text.front() == ']') {
            mode_ = Mode::Tail;
            tail_ = std::string(text) + "\n";
            return;
        }
        if (text.back() == ',') text.remove_suffix(1);
        if (auto problem = decoder_.decode(text, slack + (length - text.size()))) {
            Problem p = std::move(*problem);
            const std::string number = "#" + std::to_string(contents_.events.size() + 1);
            p.record = p.record.empty() ? number : number + " (" + p.record + ")";
            if (p.code == Str::err_json_syntax) p.atLine(lineNumber_);
            problem_ = std::move(p);
            return;
        }
        const Event& event = decoder_.event();
        if (sink_) sink_(event.id, begin, end);
        // Checked here when every event before it is; else checkAdopted() comes to it in turn.
        if (check_ && check_->added() == contents_.events.size()) check_->add(event);
        contents_.events.push_back(event);
        return;
    }
    case Mode::Tail:
        tail_.append(text);
        tail_.push_back('\n');
        return;
    case Mode::Whole: return;
    }
}

void BackupStreamReader::checkAsRestore() { check_ = std::make_unique<RestoreCheck>(); }

BackupStreamReader BackupStreamReader::forPart(std::string fileName) {
    BackupStreamReader reader(std::move(fileName));
    reader.mode_ = Mode::Events;
    return reader;
}

std::optional<BackupPart> BackupStreamReader::finishPart() {
    if (!problem_ && !pending_.empty() && mode_ != Mode::Whole) {
        line(pending_, total_ - pending_.size(), total_);
        pending_.clear();
    }
    if (problem_ || mode_ != Mode::Tail) return std::nullopt;
    BackupPart part;
    part.events = std::move(contents_.events);
    part.tail = std::move(tail_);
    part.lines = lineNumber_ - takenLines_;
    part.bytes = total_ - takenBytes_;
    part.last = true;
    return part;
}

std::optional<BackupPart> BackupStreamReader::takeEvents() {
    if (problem_ || mode_ != Mode::Events || contents_.events.empty()) return std::nullopt;
    BackupPart part;
    part.events = std::move(contents_.events);
    contents_.events = EventLog{};
    const std::size_t whole = total_ - pending_.size(); // bytes up to the last whole line
    part.lines = lineNumber_ - takenLines_;
    part.bytes = whole - takenBytes_;
    takenLines_ = lineNumber_;
    takenBytes_ = whole;
    return part;
}

bool BackupStreamReader::adopt(BackupPart&& part) {
    if (problem_ || mode_ != Mode::Events || !pending_.empty()) return false;
    if (!part.events.empty() && !contents_.events.empty() && !(contents_.events.lastId() < part.events.id(0)))
        return false;
    if (total_ + part.bytes > kMaxBackupBytes) return false; // fed, it would be refused as too large
    contents_.events.appendAll(std::move(part.events));
    total_ += part.bytes;
    lineNumber_ += part.lines;
    if (part.last) {
        tail_ = std::move(part.tail);
        mode_ = Mode::Tail;
    }
    return true;
}

bool BackupStreamReader::checkAdopted(std::size_t budget) {
    if (!check_) return false;
    for (; budget > 0 && !check_->stopped() && check_->added() < contents_.events.size(); --budget) {
        contents_.events.decode(check_->added(), adopted_);
        check_->add(adopted_);
    }
    return !check_->stopped() && check_->added() < contents_.events.size();
}

BackupRead BackupStreamReader::finish() {
    BackupRead out;
    auto fail = [&](Problem p) {
        p.file = fileName_;
        out.problem = std::move(p);
        return out;
    };
    if (problem_) return fail(std::move(*problem_));
    if (!pending_.empty()) {
        if (mode_ == Mode::Whole) whole_.append(pending_);
        else line(pending_, total_ - pending_.size(), total_);
        pending_.clear();
        if (problem_) return fail(std::move(*problem_));
    }
    if (mode_ == Mode::Whole || mode_ == Mode::Start) {
        if (mode_ == Mode::Start && whole_.empty()) whole_ = pending_;
        return readBackup(whole_, fileName_);
    }
    if (mode_ == Mode::Events) return fail(problem(Str::err_json_syntax, "", {std::to_string(total_), ""}).atLine(lineNumber_));
    // The tail ("],"format":…,"settings":{…}}") checked as a backup of no events.
    BackupRead envelope = readBackup(std::string(kBackupHead) + tail_, fileName_);
    if (envelope.problem) {
        if (envelope.problem->recordKind == RecordKind::Line)
            envelope.problem->record = std::to_string(lineNumber_);
        return envelope;
    }
    contents_.settings = envelope.contents->settings;
    // What was checked while read holds for the first events only while they stay first.
    const bool inOrder = contents_.events.sortedUnique();
    if (auto p = sortRefusingDuplicates(contents_.events)) return fail(std::move(*p));
    if (check_ && inOrder) {
        contents_.restoreState = check_->take();
        if (contents_.restoreState) contents_.restoreChecked = check_->added();
    }
    check_.reset();
    out.contents = std::move(contents_);
    return out;
}

} // namespace recobra
