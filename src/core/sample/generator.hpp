#pragma once
// A realistic, deterministic data set: the benchmark's (bench/README.md: 100,000 debtors, about
// 300,000 invoices and 1,000,000 logged interactions) scaled by the number of debtors.
//
// Each debtor gets a whole collection history over the two years before the reference
// date: invoices, friendly reminders, calls, promises kept and broken, disputes, payments
// (on time, late, partial, a few too many), payment plans, burofax, the agency, the court,
// and every way a case closes. People, companies and public bodies from Spain and a few
// from Latin America, with valid tax ids, phones and email addresses, worked by a team of
// three to six people, each on their own device.
//
// The same options give the same events, byte for byte, on every platform and compiler:
// the generator has its own random numbers and never reads a clock.
#include "core/model/events.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace recobra {

struct GeneratorOptions {
    std::uint32_t debtors = 1000;
    std::uint64_t seed = 1;
    // The data set's "today": every event happens before it (2026-11-01 by default).
    Date referenceDate = Date::fromDaysSinceEpoch(20758);
    // Team member k records events on device `device + k`.
    std::uint32_t device = 0x5eed0000;
};

struct GeneratorSummary {
    std::uint64_t events = 0;
    std::uint64_t members = 0;
    std::uint64_t debtors = 0;
    std::uint64_t contacts = 0; // registered or added, minus removed
    std::uint64_t invoices = 0;
    std::uint64_t payments = 0;
    std::uint64_t interactions = 0;
    std::uint64_t promises = 0;
    std::uint64_t notes = 0;
    std::uint64_t stageChanges = 0;
    std::uint64_t plans = 0;
    std::uint64_t offers = 0;
    std::string teamLead; // the name of the team's first member, who set the workspace up
};

// Calls `sink` with every event, in id order, one at a time: a large data set is never
// held in memory as events (its plan takes about 1.5 KB per debtor).
GeneratorSummary generateDataset(const GeneratorOptions& options,
                                 const std::function<void(const Event&)>& sink);

// The whole data set at once, sorted by id (for tests and small data sets).
std::vector<Event> generateDataset(const GeneratorOptions& options);

} // namespace recobra
