#pragma once
// Where events are kept: IndexedDB in the browser (web/store.js through web/web_storage.cpp),
// a file for native tools and tests (native/file_storage.hpp). Writes are asynchronous in
// the browser: the storage reports each write's outcome, once it has committed or failed, to
// the completion its owner gives it (Session::stored()).
#include "core/log/event_log.hpp"
#include "core/model/events.hpp"
#include "core/model/settings.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace recobra {

class EventStorage {
public:
    using Completion = std::function<void(std::uint32_t request, bool ok, const std::string& error)>;

    virtual ~EventStorage() = default;
    // Where the outcome of append() and replaceAll() is reported (normally Session::stored).
    void onComplete(Completion completion) { completion_ = std::move(completion); }
    // Writes the events in one atomic transaction; completion is reported to the session
    // with the same request id (possibly before this call returns).
    virtual void append(std::uint32_t request, const std::vector<Event>& events) = 0;
    virtual void saveSettings(const Settings& settings) = 0;
    // Makes `events` (sorted by id) the whole log, all at once: until the replacement is
    // complete the old log stays what storage holds (restore, merge, removing example data).
    // `events` stays valid and unchanged until completion is reported. `staged` is nonzero when
    // these very events were already written aside by this storage (BackupContents::staged):
    // it may switch to them instead of writing them again, if they are still there.
    virtual void replaceAll(std::uint32_t request, const EventLog& events, std::uint64_t staged) = 0;
    // What was staged as `staged` will not be used (the file was refused, or merged): free it.
    virtual void dropStaged(std::uint64_t /*staged*/) {}

protected:
    void completed(std::uint32_t request, bool ok, const std::string& error) const {
        if (completion_) completion_(request, ok, error);
    }

private:
    Completion completion_;
};

// A tab that does not write hands its commands to the one that does (the browser elects
// one writer per profile); the answer comes back through Session::forwardReply().
class CommandForwarder {
public:
    virtual ~CommandForwarder() = default;
    virtual void forward(std::uint32_t request, const std::string& commandJson) = 0;
};

} // namespace recobra
