#pragma once
// The browser's event store: IndexedDB, reached through web/store.js. Each append is one
// readwrite transaction with strict durability; store.js reports its outcome back with
// rb_store_done(request, ok, error) once the transaction completes or fails, and pulls a
// replaced log a chunk at a time (rb_replace_*). Those exports are in web_storage.cpp and
// serve the page's one storage (there is one per page: its constructor registers it).
#include "platform/storage.hpp"

namespace recobra {

class WebEventStorage final : public EventStorage, public CommandForwarder {
public:
    WebEventStorage();
    ~WebEventStorage() override;
    WebEventStorage(const WebEventStorage&) = delete;
    WebEventStorage& operator=(const WebEventStorage&) = delete;
    // The page's storage, for the exports store.js calls; null before the app starts.
    static WebEventStorage* page();
    // store.js's report that a write committed or failed.
    void reportStored(std::uint32_t request, bool ok, const std::string& error) { completed(request, ok, error); }

    void append(std::uint32_t request, const std::vector<Event>& events) override;
    void saveSettings(const Settings& settings) override;
    void replaceAll(std::uint32_t request, const EventLog& events, std::uint64_t staged) override;
    void dropStaged(std::uint64_t staged) override;

    // store.js pulls the replacement in chunks (rb_replace_next): bounded memory on both
    // sides however large the log.
    struct Replacement {
        const EventLog* events = nullptr;
        std::size_t next = 0;
        std::string chunk;
        std::size_t chunkCount = 0;
        std::string chunkFirst;
    };
    Replacement& replacement() { return replacement_; }
    // Fills the next chunk (about `bytes` long); false when every event has been given.
    bool nextReplacementChunk(std::size_t bytes);

private:
    Replacement replacement_;
    void forward(std::uint32_t request, const std::string& commandJson) override;
};

} // namespace recobra
