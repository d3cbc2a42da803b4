#pragma once
// Where events are kept: IndexedDB in the browser (web/store.js through web_storage.cpp),
// a file for native tools and tests (native/file_storage.hpp). Writes are asynchronous in
// the browser: the storage calls Session::stored() when a write has committed or failed.
#include "core/log/event_log.hpp"
#include "core/model/events.hpp"
#include "core/model/settings.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace recobra {

class EventStorage {
public:
    virtual ~EventStorage() = default;
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
};

// A tab that does not write hands its commands to the one that does (the browser elects
// one writer per profile); the answer comes back through Session::forwardReply().
class CommandForwarder {
public:
    virtual ~CommandForwarder() = default;
    virtual void forward(std::uint32_t request, const std::string& commandJson) = 0;
};

} // namespace recobra
