#pragma once
// What the core's tests share: a collections book driven by commands the way the UI drives
// it, a canonical dump of State (to compare folds byte for byte), and a seeded random
// generator that gives the same numbers natively and in wasm.
#include "core/exchange/backup.hpp"
#include "core/rules/commands.hpp"
#include "core/workspace/workspace.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace recobra::test {

using nlohmann::json;

// SplitMix64. std:: distributions give different numbers in libstdc++ and libc++, so tests
// never use them; a fixed seed gives the same sequence everywhere.
class Rng {
public:
    explicit Rng(std::uint64_t seed) : state_(seed) {}
    std::uint64_t next();
    std::size_t below(std::size_t n); // uniform enough in [0, n) for shuffling tests
    template <class T> void shuffle(std::vector<T>& items) {
        for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[below(i)]);
    }

private:
    std::uint64_t state_;
};

// "2026-03-10" as a Date; a wrong literal in a test fails loudly (as 1970-01-01).
Date day(const char* iso);
// The UTC instant of a day at hh:mm.
Timestamp at(const char* iso, int hour = 12, int minute = 0);
// Money as commands and events write it.
json money(std::int64_t minor, const char* currency = "EUR");
inline json eur(std::int64_t cents) {
    return money(cents, "EUR");
}
// A command: its type and fields; `patch` (JSON text, RFC 7386 merge patch: null removes a
// field) changes a base command into the variant a table row describes.
json command(const char* type, json fields);
json patched(json base, const char* patch);

// The name of a problem's reason ("err_amount_positive"), readable in a failed CHECK.
std::string code(const Problem& problem);
std::string code(const std::optional<Problem>& problem);

// Every fact of the state, one per line, in a fixed order: two states are the same when
// their dumps are. Maps are written sorted; log indexes as the ids of the events they name.
std::string dumpState(const State& state, const EventLog& log);

// A long text of n letters, for length limits.
std::string letters(std::size_t n);

// One device's workspace and the clock of the person using it.
class Book {
public:
    explicit Book(std::uint32_t device = 1, const char* today = "2026-03-10");

    // Moves the clock: noon UTC of that day (or hh:mm).
    void setNow(const char* iso, int hour = 12, int minute = 0);
    // Moves the clock one minute on, as a person working does between commands.
    void tick() { context.now += 60'000; }

    DispatchResult dispatch(const json& command); // ticks first
    // A command that must be accepted; returns the id of what it created (CHECKed).
    std::string accept(const json& command);
    // A command that must be refused without producing an event or changing the state.
    Problem refuse(const json& command);

    const State& state() const { return workspace.state(); }
    const EventLog& log() const { return workspace.log(); }
    std::string dump() const { return dumpState(state(), log()); }
    const DebtorState& debtor(const std::string& id) const;
    const InvoiceState& invoice(const std::string& id) const;
    const PaymentState& payment(const std::string& id) const;
    const ContactState& contact(const std::string& id) const;
    const MemberState& member(const std::string& id) const;
    std::int64_t outstanding(const std::string& debtor, const char* currency = "EUR") const;
    std::int64_t credit(const std::string& debtor, const char* currency = "EUR") const;

    // The commands every test needs, accepted (CHECKed); each returns the created id. A
    // payment without allocations pays oldest first; `allocations` must be a JSON array.
    std::string registerDebtor(const char* legalName, const char* taxId = "", const char* country = "ES");
    std::string addInvoice(const std::string& debtor, const char* number, std::int64_t cents,
                           const char* issue, const char* due);
    std::string pay(const std::string& debtor, std::int64_t cents, const char* date,
                    json allocations = nullptr);

    CommandContext context;
    Workspace workspace;
};

// One row of a rejection table: the rule it protects, how it changes a valid command (a
// JSON merge patch), and the field and reason the refusal must name.
struct Refusal {
    std::string rule;
    std::string patch;
    std::string field;
    Str reason;
};

// Checks that `valid` is accepted on a copy of `book`, and that every row's variant is
// refused naming its field and reason, with no event and no change to the state.
void checkRefusals(const Book& book, const json& valid, const std::vector<Refusal>& rows);

// Installs a log from the pieces of an image (as the browser reads them back from its
// cache); nullopt when the loader refuses them.
inline std::optional<EventLog> installImage(const std::vector<std::string>& pieces) {
    EventLog::ImageLoader loader;
    if (pieces.empty() || !loader.begin(pieces[0])) return std::nullopt;
    for (std::size_t i = 1; i < pieces.size(); ++i) {
        char* into = loader.buffer(pieces[i].size());
        if (!into) return std::nullopt;
        std::copy(pieces[i].begin(), pieces[i].end(), into);
        if (!loader.pieceDone()) return std::nullopt;
    }
    return loader.finish();
}

inline std::vector<std::string> imagePieces(const EventLog::Image& image) {
    std::vector<std::string> pieces;
    for (std::size_t i = 0; i < image.pieces(); ++i) pieces.emplace_back(image.piece(i));
    return pieces;
}

// The log as the browser's cache would give it back.
inline std::optional<EventLog> throughImage(const EventLog& log) { return installImage(imagePieces(log.image())); }

} // namespace recobra::test

namespace recobra {
// Tests build their cases as vectors of events; the checks take logs.
inline CheckedLog foldChecked(std::vector<Event>& base, const std::vector<Event>& incoming, const std::string& file) {
    EventLog log(base);
    CheckedLog out = foldChecked(log, EventLog(incoming), file);
    base = log.decodeAll();
    return out;
}
inline std::optional<Problem> checkIntegrity(const std::vector<Event>& base, const std::vector<Event>& incoming,
                                             const std::string& file) {
    return checkIntegrity(EventLog(base), EventLog(incoming), file);
}
} // namespace recobra
