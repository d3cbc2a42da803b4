#include "core/exchange/agency/agency.hpp"

#include "core/codec/event_codec.hpp"
#include "core/codec/json_codec.hpp"
#include "core/exchange/agency/case_writer.hpp"

#include <algorithm>

namespace recobra {

std::size_t AgencyPackage::bytes() const {
    std::size_t total = 0;
    for (const auto& f : files) total += f.bytes.size();
    return total;
}

const PackageFile* AgencyPackage::find(std::string_view name) const {
    for (const auto& f : files)
        if (f.name == name) return &f;
    return nullptr;
}

namespace {
constexpr std::size_t kDebtorCost = 64; // work units of one debtor, against one event scanned
} // namespace

// The debtor's interactions, in the order they happened (then as recorded).
std::vector<Index> chronological(const EventLog& log, const DebtorState& d) {
    std::vector<std::pair<Timestamp, Index>> keyed; // log order is id order
    keyed.reserve(d.interactions.size());
    for (Index i : d.interactions) keyed.emplace_back(std::get<InteractionLogged>(log[i].payload).at, i);
    std::stable_sort(keyed.begin(), keyed.end());
    std::vector<Index> order;
    order.reserve(keyed.size());
    for (const auto& k : keyed) order.push_back(k.second);
    return order;
}

// --- the builder -----------------------------------------------------------------------------------

AgencyPackageBuilder::AgencyPackageBuilder(const State& state, const EventLog& log, std::vector<Index> debtors,
                                           AgencyOptions options)
    : state_(state), log_(log), debtors_(std::move(debtors)), options_(std::move(options)),
      selected_(state.debtors.size(), false) {
    for (Index d : debtors_) {
        selected_[d] = true;
        if (!state_.debtors[d].assignee.empty()) members_.insert(state_.debtors[d].assignee);
    }
    cases_ = "{\"cases\":[";
    CsvWriter(invoices_, csvStyle(options_.lang)).row(CaseWriter::invoiceHeader(options_.lang));
    CsvWriter(interactions_, csvStyle(options_.lang)).row(CaseWriter::interactionHeader(options_.lang));
}

double AgencyPackageBuilder::progress() const {
    // Until the scan ends, the events that go in the package are estimated by the debtors' share.
    const std::size_t raw = phase_ == Phase::Scan
                                ? log_.size() * debtors_.size() / std::max<std::size_t>(1, state_.debtors.size())
                                : rawEvents_.size();
    const double total = static_cast<double>(log_.size() + raw + debtors_.size() * kDebtorCost + 1);
    return phase_ == Phase::Done ? 1.0 : std::min(1.0, static_cast<double>(units_) / total);
}

void AgencyPackageBuilder::scanEvents(std::size_t& budget) {
    Event e;
    for (; cursor_ < log_.size() && budget > 0; ++cursor_, --budget, ++units_) {
        log_.decode(cursor_, e);
        if (std::holds_alternative<MemberAdded>(e.payload) || std::holds_alternative<MemberUpdated>(e.payload)) {
            memberEvents_.push_back(static_cast<Index>(cursor_));
            continue;
        }
        const auto debtor = affectedDebtor(state_, e.payload);
        if (!debtor || !selected_[*debtor]) continue;
        rawEvents_.push_back(static_cast<Index>(cursor_));
        // The members these events name must come along, or the agency's check would refuse them.
        if (const auto* r = std::get_if<DebtorRegistered>(&e.payload); r && !r->assignee.empty())
            members_.insert(r->assignee);
        if (const auto* a = std::get_if<DebtorAssigned>(&e.payload); a && !a->member.empty()) members_.insert(a->member);
    }
    if (cursor_ < log_.size()) return;
    for (Index m : memberEvents_) {
        const Event event = log_[m];
        const auto& payload = event.payload;
        const std::string& member = std::holds_alternative<MemberAdded>(payload) ? std::get<MemberAdded>(payload).member
                                                                                : std::get<MemberUpdated>(payload).member;
        if (members_.count(member)) rawEvents_.push_back(m);
    }
    std::sort(rawEvents_.begin(), rawEvents_.end());
    phase_ = Phase::Debtors;
    cursor_ = 0;
}

void AgencyPackageBuilder::writeDebtor(std::size_t position) {
    const CaseWriter w(state_, log_, options_);
    const Index debtor = debtors_[position];
    const DebtorState& d = state_.debtors[debtor];
    const std::vector<Index> interactions = chronological(log_, d);

    if (position > 0) cases_ += ",";
    cases_ += "\n";
    cases_ += w.caseJson(debtor, interactions).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);

    CsvStyle continued = csvStyle(options_.lang);
    continued.byteOrderMark = false; // written once, with the header
    CsvWriter invoices(invoices_, continued);
    w.invoiceRows(invoices, debtor);
    CsvWriter interactionsCsv(interactions_, continued);
    w.interactionRows(interactionsCsv, debtor, interactions);

    const std::string name = pageName(position, debtors_.size(), d.profile.legalName, options_.lang);
    pages_.push_back(PackageFile{name, w.page(debtor, interactions)});
    indexRows_ += w.indexRow(position, debtor, name, interactions.size());
    package_.invoices += d.invoices.size();
    package_.interactions += interactions.size();
}

void AgencyPackageBuilder::writeEvents(std::size_t& budget) {
    if (cursor_ == 0) cases_ += debtors_.empty() ? "],\"events\":[" : "\n],\"events\":[";
    for (; cursor_ < rawEvents_.size() && budget > 0; ++cursor_, --budget, ++units_) {
        cases_ += cursor_ == 0 ? "\n" : ",\n";
        log_.appendJson(rawEvents_[cursor_], cases_);
    }
    if (cursor_ < rawEvents_.size()) return;
    finish();
}

void AgencyPackageBuilder::finish() {
    cases_ += rawEvents_.empty() ? "]" : "\n]";
    cases_ += ",\"format\":\"";
    cases_ += kAgencyFormat;
    cases_ += "\",\"generated\":\"" + options_.today.iso() + "\",\"language\":\"" + langCode(options_.lang) +
              "\",\"preparedBy\":";
    appendJsonString(cases_, options_.preparedBy);
    cases_ += ",\"schema\":" + std::to_string(kAgencySchema) + "}\n";

    MoneyBag total;
    for (Index d : debtors_)
        for (const auto& m : state_.debtors[d].outstanding.amounts()) total.add(m);
    const CaseWriter w(state_, log_, options_);
    package_.files.push_back({"cases.json", std::move(cases_)});
    package_.files.push_back({"invoices.csv", std::move(invoices_)});
    package_.files.push_back({"interactions.csv", std::move(interactions_)});
    package_.files.push_back({"index.html", w.indexPage(indexRows_, debtors_.size(), total)});
    for (auto& page : pages_) package_.files.push_back(std::move(page));
    pages_.clear();
    package_.debtors = debtors_.size();
    package_.events = rawEvents_.size();
    phase_ = Phase::Done;
}

bool AgencyPackageBuilder::step(std::size_t budget) {
    if (budget == 0) budget = 1;
    while (budget > 0 && phase_ != Phase::Done) {
        switch (phase_) {
        case Phase::Scan: scanEvents(budget); break;
        case Phase::Debtors:
            if (cursor_ >= debtors_.size()) {
                phase_ = Phase::Events;
                cursor_ = 0;
                break;
            }
            writeDebtor(cursor_++);
            units_ += kDebtorCost;
            budget = budget > kDebtorCost ? budget - kDebtorCost : 0;
            break;
        case Phase::Events: writeEvents(budget); break;
        case Phase::Done: break;
        }
    }
    return phase_ != Phase::Done;
}

AgencyPackage AgencyPackageBuilder::take() {
    while (step(std::size_t{1} << 20)) {
    }
    return std::move(package_);
}

AgencyPackage buildAgencyPackage(const State& state, const EventLog& log, const std::vector<Index>& debtors,
                                 const AgencyOptions& options) {
    AgencyPackageBuilder builder(state, log, debtors, options);
    return builder.take();
}

} // namespace recobra
