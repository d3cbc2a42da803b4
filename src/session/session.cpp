#include "session/session.hpp"

#include "core/exchange/sync.hpp"
#include "core/sample/demo.hpp"

#include <limits>

namespace recobra {

Problem storageProblem(const std::string& error) {
    if (error.find("QuotaExceeded") != std::string::npos) return problem(Str::err_storage_quota, "", {error});
    return problem(Str::err_storage_failed, "", {error});
}

LoadReport Session::load(std::vector<Event> events, Settings settings) {
    beginLoad();
    loadMore(std::move(events));
    return finishLoad(std::move(settings));
}

void Session::beginLoad() {
    inFlight_.clear();
    workspace_.beginLoad();
}

void Session::beginLoad(EventLog installed) {
    inFlight_.clear();
    workspace_.beginLoad(std::move(installed));
}

void Session::beginLoad(EventLog installed, State folded) {
    inFlight_.clear();
    workspace_.beginLoad(std::move(installed), std::move(folded));
}

LoadReport Session::finishLoad(Settings settings) {
    settings_ = std::move(settings);
    LoadReport report = workspace_.finishLoad();
    released_ = false;
    if (const std::unique_ptr<Failure> failure = std::move(failure_); failure && failure->done)
        failure->done(failure->outcome); // the workspace is storage's again: now say why
    return report;
}

bool Session::releaseForRestore() {
    if (!writer_ || busy() || saving()) return false;
    workspace_.releaseAll();
    released_ = true;
    return true;
}

void Session::failReleased(const Problem& why, Done done) {
    CommandOutcome outcome;
    outcome.problem = why;
    report(done, std::move(outcome));
}

void Session::report(const Done& done, CommandOutcome outcome) {
    if (released_ && !outcome.ok) {
        failure_ = std::make_unique<Failure>(Failure{done, std::move(outcome)});
        if (reloadNeeded_) reloadNeeded_();
        return;
    }
    if (done) done(outcome);
}

void Session::setWriter(bool writer, CommandForwarder* forwarder) {
    writer_ = writer;
    forwarder_ = forwarder;
}

void Session::forwardReply(std::uint32_t request, const CommandOutcome& outcome) {
    const auto it = forwarded_.find(request);
    if (it == forwarded_.end()) return;
    Done done = std::move(it->second);
    forwarded_.erase(it);
    if (done) done(outcome);
}

void Session::failForwarded(const Problem& why) {
    auto waiting = std::move(forwarded_);
    forwarded_.clear();
    CommandOutcome outcome;
    outcome.problem = why;
    for (auto& [request, done] : waiting)
        if (done) done(outcome);
}

void Session::submit(Command command, const CommandContext& context, Done done) {
    submitAny(std::move(command), context, std::move(done));
}

void Session::submit(const nlohmann::json& command, const CommandContext& context, Done done) {
    submitAny(command, context, std::move(done));
}

namespace {
std::string forwardedText(const Command& command) {
    return commandJson(command).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
std::string forwardedText(const nlohmann::json& command) {
    return command.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
} // namespace

template <class AnyCommand> void Session::submitAny(AnyCommand command, const CommandContext& context, Done done) {
    if (busy()) {
        CommandOutcome outcome;
        outcome.problem = problem(Str::err_busy, "");
        if (done) done(outcome);
        return;
    }
    if (!writer_) {
        if (auto p = check(command, context)) {
            CommandOutcome outcome;
            outcome.problem = std::move(p);
            if (done) done(outcome);
            return;
        }
        const std::uint32_t request = nextRequest_++;
        forwarded_[request] = std::move(done);
        if (forwarder_) forwarder_->forward(request, forwardedText(command));
        return;
    }
    auto result = workspace_.dispatch(std::move(command), context);
    if (!result.ok()) {
        CommandOutcome outcome;
        outcome.problem = std::move(result.problem);
        if (done) done(outcome);
        return;
    }
    const std::uint32_t request = nextRequest_++;
    Write write;
    write.events = {result.event->id};
    write.done = std::move(done);
    write.createdId = result.createdId;
    inFlight_[request] = std::move(write);
    storage_.append(request, {*result.event});
}

namespace {
// A command validated on the workspace with a copy of its clock: nothing changes.
template <class AnyCommand>
std::optional<Problem> checkOn(Workspace& workspace, const AnyCommand& command, const CommandContext& context) {
    Hlc scratch(workspace.hlc().device());
    scratch.observe(workspace.hlc().last());
    return prepareCommand(workspace.state(), command, context, scratch).problem;
}
} // namespace

std::optional<Problem> Session::check(const Command& command, const CommandContext& context) {
    return checkOn(workspace_, command, context);
}

std::optional<Problem> Session::check(const nlohmann::json& command, const CommandContext& context) {
    return checkOn(workspace_, command, context);
}

std::vector<Problem> Session::problems(const Command& command, const CommandContext& context) {
    Hlc scratch(workspace_.hlc().device());
    scratch.observe(workspace_.hlc().last());
    return commandProblems(workspace_.state(), command, context, scratch);
}

void Session::stored(std::uint32_t request, bool ok, const std::string& error) {
    const auto it = inFlight_.find(request);
    if (it == inFlight_.end()) return;
    Write write = std::move(it->second);
    inFlight_.erase(it);
    CommandOutcome outcome;
    outcome.createdId = write.createdId;
    if (!write.events.empty()) outcome.eventId = write.events.front().str();
    if (write.replacement) {
        // A restore or merge is adopted now that storage holds it; if the write failed, the
        // workspace stays what storage still holds. (Example data removed is in memory already;
        // if storage failed, the old log is what the next start shows.)
        busy_ = false;
        if (ok && write.adoption) {
            Adoption& adoption = *write.adoption;
            workspace_.adopt(std::move(adoption.checked), adoption.replace);
            if (adoption.settings) updateSettings(*adoption.settings);
            released_ = false;
        }
        if (!ok) storageProblem_ = recobra::storageProblem(error);
        outcome.ok = ok;
        outcome.added = write.added;
        if (!ok) outcome.problem = storageProblem_;
        report(write.done, std::move(outcome));
        return;
    } else if (ok) {
        for (const auto& id : write.events) workspace_.acknowledge(id);
        storageProblem_.reset();
        ++savedWrites_;
        outcome.ok = true;
        outcome.added = write.added;
    } else {
        workspace_.discard(write.events);
        storageProblem_ = recobra::storageProblem(error);
        outcome.problem = storageProblem_;
    }
    if (write.done) write.done(outcome);
}

std::vector<Event> Session::integrate(std::vector<Event> events) { return workspace_.integrate(std::move(events)); }

void Session::importEvents(std::vector<Event> events, Done done) {
    auto added = workspace_.integrate(std::move(events));
    CommandOutcome outcome;
    if (added.empty()) {
        outcome.ok = true;
        if (done) done(outcome);
        return;
    }
    const std::uint32_t request = nextRequest_++;
    Write write;
    write.done = std::move(done);
    for (const auto& e : added) write.events.push_back(e.id);
    inFlight_[request] = std::move(write);
    storage_.append(request, added);
}

std::vector<Problem> Session::pull(std::vector<Event> events, const std::string& source, Done done) {
    CommandOutcome outcome;
    if (busy() || !writer_) {
        outcome.problem = problem(busy() ? Str::err_busy : Str::err_import_other_tab, "");
        if (done) done(outcome);
        return {};
    }
    PullApplied applied = applyPulled(workspace_, std::move(events), source);
    outcome.ok = true;
    if (applied.added.empty()) {
        if (done) done(outcome);
        return std::move(applied.refused);
    }
    writeTogether(applied.added, std::move(done));
    return std::move(applied.refused);
}

void Session::importInvoices(const InvoiceImport& plan, const CommandContext& context, Done done) {
    CommandOutcome outcome;
    if (busy() || !writer_) {
        // Another tab writes: an import is many events that must land together, so it is
        // done there rather than forwarded one command at a time.
        outcome.problem = problem(busy() ? Str::err_busy : Str::err_import_other_tab, "");
        if (done) done(outcome);
        return;
    }
    ImportApplied applied = applyInvoiceImport(workspace_, plan, context);
    if (applied.problem || applied.events.empty()) {
        outcome.ok = !applied.problem;
        outcome.problem = std::move(applied.problem);
        if (done) done(outcome);
        return;
    }
    writeTogether(applied.events, std::move(done));
}

void Session::submitAll(std::vector<Command> commands, const CommandContext& context, Done done) {
    CommandOutcome outcome;
    if (busy() || !writer_) {
        // Many events that must land together: done in the tab that writes, not forwarded one
        // command at a time.
        outcome.problem = problem(busy() ? Str::err_busy : Str::err_batch_other_tab, "");
        if (done) done(outcome);
        return;
    }
    DispatchAllResult applied = workspace_.dispatchAll(std::move(commands), context);
    if (applied.problem || applied.events.empty()) {
        outcome.ok = !applied.problem;
        outcome.problem = std::move(applied.problem);
        if (done) done(outcome);
        return;
    }
    writeTogether(applied.events, std::move(done));
}

void Session::writeTogether(const std::vector<Event>& events, Done done) {
    const std::uint32_t request = nextRequest_++;
    Write write;
    write.done = std::move(done);
    write.added = events.size();
    for (const auto& e : events) write.events.push_back(e.id);
    inFlight_[request] = std::move(write);
    storage_.append(request, events);
}

std::string problemToJson(const Problem& p) {
    nlohmann::json j = {{"code", strId(p.code)}, {"field", p.field}, {"args", p.args},
                        {"record", p.record}, {"file", p.file}};
    j["recordKind"] = p.recordKind == RecordKind::Line ? "line" : p.recordKind == RecordKind::Row ? "row" : "event";
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string outcomeToJson(const CommandOutcome& o) {
    nlohmann::json j = {{"ok", o.ok}, {"createdId", o.createdId}, {"eventId", o.eventId}};
    if (o.problem) j["problem"] = nlohmann::json::parse(problemToJson(*o.problem));
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

CommandOutcome outcomeFromJson(std::string_view text) {
    CommandOutcome o;
    const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (!j.is_object()) {
        o.problem = problem(Str::err_invalid, "");
        return o;
    }
    auto str = [&](const nlohmann::json& obj, const char* key) {
        auto it = obj.find(key);
        return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    auto ok = j.find("ok");
    o.ok = ok != j.end() && ok->is_boolean() && ok->get<bool>();
    o.createdId = str(j, "createdId");
    o.eventId = str(j, "eventId");
    auto p = j.find("problem");
    if (p != j.end() && p->is_object()) {
        Problem prob = problem(strFromId(str(*p, "code")).value_or(Str::err_invalid), str(*p, "field"));
        auto args = p->find("args");
        if (args != p->end() && args->is_array())
            for (const auto& a : *args)
                if (a.is_string()) prob.args.push_back(a.get<std::string>());
        prob.record = str(*p, "record");
        const auto kind = str(*p, "recordKind");
        prob.recordKind = kind == "line" ? RecordKind::Line : kind == "row" ? RecordKind::Row : RecordKind::Event;
        prob.file = str(*p, "file");
        o.problem = std::move(prob);
    } else if (!o.ok) {
        o.problem = problem(Str::err_invalid, "");
    }
    return o;
}

void Session::loadDemo(Date today, Done done) {
    importEvents(demoDataset(today), std::move(done));
}

// `log` must stay put until storage answers: the workspace's, or the one write.adoption holds
// (on the heap). Storage may answer (stored()) before replaceAll returns.
void Session::replaceStored(Write write, const EventLog& log, std::uint64_t staged) {
    const std::uint32_t request = nextRequest_++;
    write.replacement = true;
    inFlight_[request] = std::move(write);
    busy_ = true;
    storage_.replaceAll(request, log, staged);
}

void Session::clearDemo(Done done) {
    auto removed = workspace_.remove(demoEvents(workspace_.state(), workspace_.log()));
    if (removed.empty()) {
        CommandOutcome outcome;
        outcome.ok = true;
        if (done) done(outcome);
        return;
    }
    Write write;
    write.done = std::move(done);
    replaceStored(std::move(write), workspace_.log(), 0);
}

void Session::restore(BackupContents contents, const std::string& fileName, Done done) {
    beginRestore(std::move(contents), fileName, std::move(done));
    while (stepImport(std::numeric_limits<std::size_t>::max())) {
    }
}

void Session::merge(BackupContents contents, const std::string& fileName, Done done) {
    beginMerge(std::move(contents), fileName, std::move(done));
    while (stepImport(std::numeric_limits<std::size_t>::max())) {
    }
}

void Session::beginRestore(BackupContents contents, const std::string& fileName, Done done) {
    beginImport(std::move(contents), fileName, true, std::move(done));
}

void Session::beginMerge(BackupContents contents, const std::string& fileName, Done done) {
    beginImport(std::move(contents), fileName, false, std::move(done));
}

void Session::beginImport(BackupContents contents, const std::string& fileName, bool replace, Done done) {
    // A released workspace waits for its restore, and for nothing else.
    if (busy_ || job_ || failure_ || (released_ && !replace)) {
        CommandOutcome outcome;
        outcome.problem = problem(Str::err_busy, "");
        if (done) done(outcome);
        return;
    }
    auto job = std::make_unique<ImportJob>();
    // A restore whose first events were checked while the file was read goes on from there.
    if (replace && contents.restoreState)
        job->fold = std::make_unique<CheckedFold>(std::move(contents.events), std::move(*contents.restoreState),
                                                  contents.restoreChecked, fileName);
    else
        job->fold = workspace_.beginChecked(std::move(contents.events), fileName, replace);
    job->replace = replace;
    job->staged = contents.staged;
    job->settings = std::move(contents.settings);
    job->done = std::move(done);
    job_ = std::move(job);
}

bool Session::stepImport(std::size_t budget) {
    if (!job_) return false;
    if (job_->fold->step(budget)) return true;
    const std::unique_ptr<ImportJob> job = std::move(job_);
    auto adoption = std::make_unique<Adoption>();
    adoption->checked = job->fold->take();
    adoption->replace = job->replace;
    job->fold.reset();
    const CheckedLog& checked = adoption->checked;
    // A merge's log is more than its file: what was staged from the file is not it.
    const std::uint64_t staged = job->replace && !checked.problem ? job->staged : 0;
    if (job->staged && !staged) storage_.dropStaged(job->staged);
    if (checked.problem || (!job->replace && checked.added == 0)) {
        // A refused file's state, folded up to its problem (millions of allocations for a large
        // one), is freed a slice at a time rather than in one long stall.
        if (checked.problem) workspace_.retire(std::move(adoption->checked.state));
        CommandOutcome outcome;
        outcome.ok = !checked.problem;
        outcome.problem = checked.problem;
        report(job->done, std::move(outcome));
        return false;
    }
    if (job->replace) {
        // The settings travel with the backup, but who this device's user is stays as it was.
        Settings settings = job->settings;
        settings.userName = settings_.userName.empty() ? settings.userName : settings_.userName;
        settings.memberId = settings_.memberId; // which member I am is this device's, not the file's
        adoption->settings = std::move(settings);
    }
    // Written first, shown once durable: a failed write leaves the workspace as storage has it.
    Write write;
    write.done = job->done;
    write.added = checked.added;
    const EventLog& log = checked.log;
    write.adoption = std::move(adoption);
    replaceStored(std::move(write), log, staged);
    return false;
}

void Session::discardImport(const BackupContents& contents) {
    if (contents.staged) storage_.dropStaged(contents.staged);
}

double Session::importProgress() const { return job_ ? job_->fold->progress() : 1.0; }

bool Session::hasDemo() const { return hasDemoData(workspace_.log()); }

void Session::updateSettings(const Settings& settings) {
    settings_ = settings;
    storage_.saveSettings(settings_);
}

} // namespace recobra
