#include "core/exchange/merge.hpp"

#include "core/codec/event_codec.hpp"
#include "core/exchange/agency/agency.hpp"
#include "core/i18n/locale.hpp"

#include <algorithm>
#include <set>

namespace recobra {

namespace {

// Sorts the incoming events and splits off those the base lacks; the same id with other
// content is a conflict. Fills the counts of the summary that need no state.
std::optional<Problem> splitIncoming(const EventLog& base, EventLog& incoming, EventLog& added,
                                     MergeSummary& summary) {
    if (auto p = sortRefusingDuplicates(incoming)) return p;
    summary.eventsInFile = incoming.size();
    Index b = 0;
    for (Index i = 0; i < incoming.size(); ++i) {
        const EventId& id = incoming.id(i);
        while (b < base.size() && base.id(b) < id) ++b;
        if (b < base.size() && base.id(b) == id) {
            if (!(base[b] == incoming[i])) {
                Problem p = problem(Str::merge_err_conflict, "", {id.str()});
                p.record = id.str();
                return p;
            }
            ++summary.eventsAlreadyPresent;
            continue;
        }
        ++summary.addedByType[incoming[i].type()];
        added.append(incoming, i);
    }
    incoming.clear();
    summary.eventsAdded = added.size();
    return std::nullopt;
}

// Debtors the added events register, and known debtors they are about (found in `state`,
// which may or may not hold the added events already).
void countDebtors(const State& state, const EventLog& added, MergeSummary& summary) {
    std::set<std::string> registered;
    for (const Event& e : added)
        if (const auto* r = std::get_if<DebtorRegistered>(&e.payload)) registered.insert(r->debtor);
    std::set<Index> touched;
    for (const Event& e : added) {
        if (std::holds_alternative<DebtorRegistered>(e.payload)) continue;
        if (const auto d = affectedDebtor(state, e.payload); d && !registered.count(state.debtors[*d].id))
            touched.insert(*d);
    }
    summary.debtorsAdded = registered.size();
    summary.debtorsUpdated = touched.size();
}

} // namespace

MergePlan planMerge(const EventLog& base, const State& baseState, EventLog incoming, const MergeOptions& options) {
    MergePlan plan;
    auto fail = [&](Problem p) {
        if (p.file.empty()) p.file = options.fileName;
        plan.problem = std::move(p);
        plan.added.clear();
        return std::move(plan);
    };
    EventLog added;
    if (auto p = splitIncoming(base, incoming, added, plan.summary)) return fail(std::move(*p));
    if (options.check && !added.empty())
        if (auto p = checkIntegrity(base, added, options.fileName)) return fail(std::move(*p));
    countDebtors(baseState, added, plan.summary);
    plan.added = added.decodeAll();
    return plan;
}

FileMerge mergeFiles(EventLog base, const std::string& baseFile, EventLog incoming, const std::string& incomingFile) {
    FileMerge out;
    auto fail = [&](Problem p, const std::string& file) {
        p.file = file;
        out.problem = std::move(p);
        out.events.clear();
        return std::move(out);
    };
    EventLog added;
    if (auto p = splitIncoming(base, incoming, added, out.summary)) return fail(std::move(*p), incomingFile);

    // The union, checked and folded once.
    EventLog all = mergeById(base, added);
    base.clear();
    EventLog none;
    CheckedLog checked = foldChecked(none, std::move(all), incomingFile);
    if (checked.problem) {
        const auto id = EventId::parse(checked.problem->record);
        const bool fromFile = id && added.find(*id);
        return fail(std::move(*checked.problem), fromFile ? incomingFile : baseFile);
    }
    countDebtors(checked.state, added, out.summary);
    out.events = std::move(checked.log);
    return out;
}

std::vector<Event> applyMerge(Workspace& workspace, MergePlan&& plan) {
    if (plan.problem || plan.added.empty()) return {};
    return workspace.integrate(std::move(plan.added));
}

BackupRead readMergeable(std::string_view text, const std::string& fileName) {
    BackupRead read = readBackup(text, fileName);
    // A package's cases.json is refused as a backup for its top-level "cases" field.
    const bool packageShaped = read.problem && read.problem->code == Str::err_field_unknown && read.problem->field == "cases";
    if (read.contents || !packageShaped || !looksLikeAgencyPackage(text)) return read;
    return readAgencyPackageEvents(text, fileName);
}

MergeResult mergeFile(Workspace& workspace, std::string_view text, const std::string& fileName) {
    MergeResult out;
    BackupRead read = readMergeable(text, fileName);
    if (!read.contents) {
        out.problem = std::move(read.problem);
        return out;
    }
    MergeOptions options;
    options.fileName = fileName;
    MergePlan plan = planMerge(workspace.log(), workspace.state(), std::move(read.contents->events), options);
    if (plan.problem) {
        out.problem = std::move(plan.problem);
        return out;
    }
    out.summary = plan.summary;
    out.added = applyMerge(workspace, std::move(plan));
    return out;
}

std::vector<std::string> describeMergeSummary(const MergeSummary& s, const std::string& fileName, Lang lang) {
    auto n = [&](std::size_t v) { return formatCount(static_cast<std::int64_t>(v), lang); };
    std::vector<std::string> lines;
    if (s.eventsAdded == 0) {
        lines.push_back(trf(Str::merge_nothing_new, lang, {fileName, n(s.eventsAlreadyPresent)}));
        return lines;
    }
    lines.push_back(trf(Str::merge_summary, lang,
                        {fileName, n(s.eventsAdded), n(s.eventsAlreadyPresent), n(s.debtorsAdded), n(s.debtorsUpdated)}));
    // Kinds of event in the order the model lists them (debtors, contacts, invoices, payments,
    // interactions…), then any this version does not know.
    std::map<std::string, std::size_t> rest = s.addedByType;
    auto line = [&](const std::string& type, std::size_t count) {
        std::string id = "merge_type_" + type;
        std::replace(id.begin(), id.end(), '.', '_');
        if (const auto str = strFromId(id)) lines.push_back("  " + trf(*str, lang, {n(count)}));
        else lines.push_back("  " + trf(Str::merge_type_unknown, lang, {n(count), type}));
    };
    forEachPayloadType([&](auto tag) {
        using T = typename decltype(tag)::type;
        const auto it = rest.find(T::kType);
        if (it == rest.end()) return;
        line(it->first, it->second);
        rest.erase(it);
    });
    for (const auto& [type, count] : rest) line(type, count);
    return lines;
}

} // namespace recobra
