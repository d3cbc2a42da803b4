// The image of the state: written in pieces and read back, it is the fold it was taken from,
// fact by fact and index by index; a damaged, partial, reordered or foreign image is refused.
#include "core/sample/generator.hpp"
#include "core/state/state_image.hpp"
#include "support.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <functional>

using namespace recobra;
using namespace recobra::test;

namespace {

std::vector<std::string> pieces(const State& state, std::size_t logEvents, std::size_t bytes) {
    StateImageWriter writer(state, logEvents);
    std::vector<std::string> out;
    std::string piece;
    while (writer.next(piece, bytes)) out.push_back(piece);
    return out;
}

std::optional<State> read(const std::vector<std::string>& pieces, std::size_t logEvents) {
    StateImageReader reader(logEvents);
    for (const auto& p : pieces)
        if (!reader.add(p)) return std::nullopt;
    return reader.finish();
}

// 400 generated debtors (invoices, payments, promises, stage changes, pauses, notes…), a
// policy of its own and agenda items handled: every part of the state holds something.
struct Sample {
    EventLog log;
    State state;
    Sample() {
        GeneratorOptions options;
        options.debtors = 400;
        options.seed = 7;
        log = EventLog(generateDataset(options));
        state = fold(log);
        AgendaHandling done;
        done.done = true;
        done.at = 1'700'000'000'000;
        done.author = "Ana";
        done.reason = "Pagará el lunes";
        state.agendaHandled["call:d-0192e6ef8a1e00005eed0000:2026-03-01"] = done;
        state.agendaHandled["letter:x"] = AgendaHandling{};
        Policy policy = defaultPolicy();
        policy.contactLimit = 5;
        state.policy = policy;
    }
};

const Sample& sample() {
    static const Sample s;
    return s;
}

} // namespace

TEST_CASE("the state's image, in pieces of any size, reads back as the state it was taken from") {
    const Sample& s = sample();
    REQUIRE(s.state.debtors.size() == 400);
    REQUIRE_FALSE(s.state.stageChanges.empty());
    REQUIRE_FALSE(s.state.promises.empty());
    REQUIRE_FALSE(s.state.debtorByTaxId.empty());
    for (const std::size_t bytes : {std::size_t{1}, std::size_t{700}, std::size_t{1} << 16, std::size_t{1} << 30}) {
        INFO("pieces of ", bytes, " bytes");
        const auto written = pieces(s.state, s.log.size(), bytes);
        const auto back = read(written, s.log.size());
        REQUIRE(back.has_value());
        CHECK(*back == s.state);
        CHECK(dumpState(*back, s.log) == dumpState(s.state, s.log));
    }
    // An empty state too.
    CHECK(read(pieces(State{}, 0, 1 << 20), 0) == State{});
}

TEST_CASE("a registration naming one contact id twice, kept by a tolerant load, finds the first; its image reads back") {
    // Refused as a command or an import, such an event can only come from an old or edited
    // log: the load keeps both contacts, and the id finds the first, in the fold and from the image.
    std::vector<Event> events = sample().log.decodeAll();
    auto it = std::find_if(events.begin(), events.end(), [](const Event& e) {
        const auto* p = std::get_if<DebtorRegistered>(&e.payload);
        return p && p->contacts.size() >= 2;
    });
    REQUIRE(it != events.end());
    auto& contacts = std::get<DebtorRegistered>(it->payload).contacts;
    contacts[1].id = contacts[0].id;
    contacts[1].name = "La segunda";
    const EventLog log(events);
    const State state = fold(log);
    const auto found = state.contact(contacts[0].id);
    REQUIRE(found);
    CHECK(state.contacts[*found].info.name == contacts[0].name);
    CHECK(state.contacts[*found + 1].info.name == "La segunda");
    CHECK(state.contactById.size() + 1 == state.contacts.size());
    const auto back = read(pieces(state, log.size(), 1 << 16), log.size());
    REQUIRE(back.has_value());
    CHECK(*back == state);
    CHECK(back->contact(contacts[0].id) == found);
}

TEST_CASE("a damaged, partial, reordered or foreign state image is refused") {
    const Sample& s = sample();
    const auto written = pieces(s.state, s.log.size(), 1 << 16);
    REQUIRE(written.size() > 4);
    const auto damaged = [&](const std::function<void(std::vector<std::string>&)>& change) {
        auto copy = written;
        change(copy);
        return read(copy, s.log.size());
    };
    CHECK(damaged([](auto&) {}).has_value());
    for (std::size_t p = 0; p < written.size(); p += 3) {
        INFO("piece ", p);
        for (const std::size_t at : {std::size_t{0}, std::size_t{12}, written[p].size() / 2, written[p].size() - 1})
            CHECK_FALSE(damaged([&](auto& ps) { ps[p][at] = static_cast<char>(ps[p][at] ^ 0x11); }).has_value());
    }
    CHECK_FALSE(damaged([](auto& ps) { ps.pop_back(); }).has_value());
    CHECK_FALSE(damaged([](auto& ps) { ps.erase(ps.begin() + 2); }).has_value());
    CHECK_FALSE(damaged([](auto& ps) { std::swap(ps[1], ps[2]); }).has_value());
    CHECK_FALSE(damaged([](auto& ps) { ps.push_back(ps.back()); }).has_value());
    CHECK_FALSE(damaged([](auto& ps) { ps.erase(ps.begin()); }).has_value());
    CHECK_FALSE(damaged([](auto& ps) { ps[1].resize(ps[1].size() / 2); }).has_value());
    // For a log of another length.
    CHECK_FALSE(read(written, s.log.size() - 1).has_value());

    // Indexes that point outside what they refer to (a state no fold makes) are refused.
    const auto refusedWith = [&](const std::function<void(State&)>& change) {
        State bad = s.state;
        change(bad);
        return !read(pieces(bad, s.log.size(), 1 << 16), s.log.size()).has_value();
    };
    CHECK(refusedWith([&](State& b) { b.debtors[3].interactions.push_back(static_cast<Index>(s.log.size())); }));
    CHECK(refusedWith([&](State& b) { b.debtors[3].invoices.push_back(static_cast<Index>(b.invoices.size())); }));
    CHECK(refusedWith([&](State& b) { b.invoices[0].debtor = static_cast<Index>(b.debtors.size()); }));
    CHECK(refusedWith([&](State& b) { b.payments[0].allocations.push_back({static_cast<Index>(b.invoices.size()), 1}); }));
    CHECK(refusedWith([&](State& b) { b.promises[0].interaction = static_cast<Index>(s.log.size() + 3); }));
    CHECK(refusedWith([&](State& b) { b.debtorByTaxId["X"] = static_cast<Index>(b.debtors.size()); }));
}

TEST_CASE("a start from the images of the log and of its state, then storage's events beyond them, gives one fold's state") {
    const Sample& s = sample();
    const State expected = fold(s.log);
    for (const std::size_t cut : {std::size_t{0}, std::size_t{1}, s.log.size() / 3, s.log.size() - 1, s.log.size()}) {
        INFO("image of the first ", cut, " events");
        EventLog prefix = s.log;
        prefix.retain([&](Index i) { return i < cut; });
        auto log = throughImage(prefix);
        auto state = read(pieces(fold(prefix), prefix.size(), 1 << 16), prefix.size());
        REQUIRE(log.has_value());
        REQUIRE(state.has_value());
        Workspace w(99);
        w.beginLoad(std::move(*log), std::move(*state));
        CHECK_FALSE(w.foldInstalled(1000)); // nothing left to fold
        // Storage gives back a few events the image holds (a straddling segment), then the rest.
        const std::size_t from = cut - std::min<std::size_t>(cut, 5);
        std::vector<Event> rest;
        for (std::size_t i = from; i < s.log.size(); ++i) rest.push_back(s.log[i]);
        w.loadMore(std::move(rest));
        const auto report = w.finishLoad();
        CHECK(report.events == s.log.size());
        CHECK(w.state() == expected);
    }
}
