#pragma once
// The browser's event store: IndexedDB, reached through web/store.js. Each append is one
// readwrite transaction with strict durability; store.js reports its outcome back with
// rb_store_done(request, ok, error) once the transaction completes or fails.
#include "platform/storage.hpp"

namespace recobra {

class WebEventStorage final : public EventStorage, public CommandForwarder {
public:
    void append(std::uint32_t request, const std::vector<Event>& events) override;
    void saveSettings(const Settings& settings) override;
    void remove(std::uint32_t request, const std::vector<EventId>& ids) override;
    void forward(std::uint32_t request, const std::string& commandJson) override;
};

} // namespace recobra
