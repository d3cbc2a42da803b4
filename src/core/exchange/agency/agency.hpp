#pragma once
// The package for a collection agency (README.md, "What you do with it"): the chosen
// cases with their complete history, as files an agency can open anywhere.
//
//   cases.json        every case: the debtor's profile and contacts, invoices with status and
//                     what they still owe, payments with their allocations, promises with
//                     their status, the stage history, every interaction and note in
//                     chronological order; plus the raw events of those debtors (and of the
//                     team members they name), so the agency can merge them into its own
//                     Recobra (readMergeable reads this file like a backup)
//   invoices.csv      one row per invoice       } UTF-8 with BOM, `;` in Spanish, `,` in English,
//   interactions.csv  one row per interaction   } guarded against formula injection (csv.hpp)
//   index.html        the list of cases, linking to
//   NNNN-name.html    one printable page per debtor: the record of the out-of-court
//                     negotiation attempt a claim in court needs since Ley Orgánica 1/2025,
//                     with every interaction in order (dates, channels, outcomes, authors,
//                     summaries), promises, payments and stage changes. Self-contained: no
//                     script, no external resource (a Content-Security-Policy forbids them),
//                     print-friendly, every text HTML-escaped.
//
// Labels, dates and amounts follow the chosen language. Pure: `today` is passed in.
#include "core/exchange/agency/selection.hpp"
#include "core/exchange/backup.hpp"
#include "core/i18n/locale.hpp"
#include "core/state/state.hpp"

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace recobra {

inline constexpr const char* kAgencyFormat = "recobra-agency-package";
inline constexpr int kAgencySchema = 1;

struct AgencyOptions {
    Lang lang = Lang::es;
    Date today;
    int utcOffsetMinutes = 0; // times of day on the pages; 0 writes them in UTC and says so
    std::string preparedBy;   // the user's name, printed on every page
};

struct PackageFile {
    std::string name; // a plain file name: letters, digits, '-' and '.'
    std::string bytes;
};

struct AgencyPackage {
    std::vector<PackageFile> files;
    std::size_t debtors = 0, invoices = 0, interactions = 0, events = 0;
    std::size_t bytes() const;
    const PackageFile* find(std::string_view name) const;
};

// Builds the package a piece at a time, so the app can show progress and keep drawing:
// call step() until it returns false, then take(). The state and log must not change meanwhile.
class AgencyPackageBuilder {
public:
    AgencyPackageBuilder(const State& state, const EventLog& log, std::vector<Index> debtors, AgencyOptions options);
    AgencyPackageBuilder(const AgencyPackageBuilder&) = delete;
    AgencyPackageBuilder& operator=(const AgencyPackageBuilder&) = delete;

    // Does about `budget` units of work (an event looked at, a debtor written); false when done.
    bool step(std::size_t budget);
    double progress() const; // 0 to 1
    AgencyPackage take();

private:
    void scanEvents(std::size_t& budget);
    void writeDebtor(std::size_t position);
    void writeEvents(std::size_t& budget);
    void finish();

    const State& state_;
    const EventLog& log_;
    std::vector<Index> debtors_;
    AgencyOptions options_;
    std::vector<bool> selected_;
    enum class Phase { Scan, Debtors, Events, Done } phase_ = Phase::Scan;
    std::size_t cursor_ = 0;
    std::vector<Index> rawEvents_;    // log indexes of the events that go in cases.json
    std::vector<Index> memberEvents_; // every team event, kept if it names a member the cases use
    std::set<std::string> members_;
    std::string cases_, invoices_, interactions_, indexRows_;
    std::vector<PackageFile> pages_;
    AgencyPackage package_;
    std::size_t units_ = 0;
};

AgencyPackage buildAgencyPackage(const State& state, const EventLog& log, const std::vector<Index>& debtors,
                                 const AgencyOptions& options);

// One debtor's case file (docs/letters.md): the package's page for that debtor alone — both
// parties, every invoice, the claim with its interest and the prescription, the negotiation
// attempt, every conversation in order with the full text of each letter sent and its proofs,
// promises, payments and stages. `recobra case-file` writes it.
std::string caseFilePage(const State& state, const EventLog& log, Index debtor, const AgencyOptions& options);

// Whether text looks like a package's cases.json (its format tag), and its events, read and
// checked as a backup's are (decodeEvent per event; ids unique), with default settings.
bool looksLikeAgencyPackage(std::string_view text);
BackupRead readAgencyPackageEvents(std::string_view text, const std::string& fileName);

// "2026-03-10T11:30:00Z"
std::string isoTimestamp(Timestamp ts);

} // namespace recobra
