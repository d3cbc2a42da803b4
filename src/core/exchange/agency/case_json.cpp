#include "core/exchange/agency/case_writer.hpp"

#include <cstdio>

namespace recobra {

namespace {

nlohmann::json moneyJson(Money m) { return {{"currency", m.currency.str()}, {"minor", m.minor}}; }

nlohmann::json bagJson(const MoneyBag& bag) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& m : bag.amounts()) out.push_back(moneyJson(m));
    return out;
}

} // namespace

std::string isoTimestamp(Timestamp ts) {
    const Date day = Date::ofTimestamp(ts);
    const Timestamp ms = ts - day.startOfDayUtc();
    const int seconds = static_cast<int>(ms / 1000);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "T%02d:%02d:%02dZ", seconds / 3600, seconds / 60 % 60, seconds % 60);
    return day.iso() + buffer;
}

nlohmann::json CaseWriter::caseJson(Index debtor, const std::vector<Index>& interactions) const {
    const DebtorState& d = s_.debtors[debtor];
    const DebtorProfile& p = d.profile;
    nlohmann::json c;
    c["debtor"] = {{"assignee", d.assignee.empty() ? std::string() : memberName(d.assignee)},
                   {"bankRefs", p.bankRefs},
                   {"commercialRefs", p.commercialRefs},
                   {"country", p.country},
                   {"creditLimit", p.creditLimit ? moneyJson(*p.creditLimit) : nlohmann::json(nullptr)},
                   {"id", d.id},
                   {"kind", enumName(p.kind)},
                   {"legalName", p.legalName},
                   {"notes", p.notes},
                   {"registeredAt", isoTimestamp(d.registeredAt)},
                   {"relationship", enumName(p.relationship)},
                   {"tags", p.tags},
                   {"taxId", p.taxId},
                   {"tradeName", p.tradeName}};
    c["stage"] = enumName(effectiveStage(d, o_.today));
    c["daysOverdue"] = daysOverdue(d, o_.today);
    c["outstanding"] = bagJson(d.outstanding);
    c["credit"] = bagJson(d.credit);
    auto& contacts = c["contacts"] = nlohmann::json::array();
    for (Index k : d.contacts) {
        const auto& info = s_.contacts[k].info;
        contacts.push_back({{"address", info.address},
                            {"email", info.email},
                            {"id", info.id},
                            {"name", info.name},
                            {"phone", info.phone},
                            {"preferredChannel",
                             info.preferredChannel ? nlohmann::json(enumName(*info.preferredChannel)) : nlohmann::json(nullptr)},
                            {"removed", s_.contacts[k].removed},
                            {"role", info.role}});
    }
    auto& invoices = c["invoices"] = nlohmann::json::array();
    for (Index i : d.invoices) {
        const auto& inv = s_.invoices[i];
        invoices.push_back({{"amount", moneyJson(inv.amount)},
                            {"daysOverdue", daysOverdue(inv, o_.today)},
                            {"description", inv.description},
                            {"disputeReason", inv.disputeReason},
                            {"disputed", inv.disputed},
                            {"dueDate", inv.dueDate.iso()},
                            {"id", inv.id},
                            {"issueDate", inv.issueDate.iso()},
                            {"kind", enumName(inv.kind)},
                            {"number", inv.number},
                            {"outstanding", moneyJson(Money{inv.outstanding(), inv.amount.currency})},
                            {"paid", moneyJson(Money{inv.paid, inv.amount.currency})},
                            {"status", enumName(inv.status())},
                            {"voidReason", inv.voidReason}});
    }
    auto& payments = c["payments"] = nlohmann::json::array();
    for (Index k : d.payments) {
        const auto& pay = s_.payments[k];
        nlohmann::json allocations = nlohmann::json::array();
        for (const auto& a : pay.allocations)
            allocations.push_back({{"amount", moneyJson(Money{a.amount, pay.amount.currency})},
                                   {"invoice", s_.invoices[a.invoice].id},
                                   {"number", s_.invoices[a.invoice].number}});
        payments.push_back({{"allocations", std::move(allocations)},
                            {"amount", moneyJson(pay.amount)},
                            {"author", pay.author},
                            {"date", pay.date.iso()},
                            {"id", pay.id},
                            {"method", enumName(pay.method)},
                            {"recordedAt", isoTimestamp(pay.recordedAt)},
                            {"reference", pay.reference},
                            {"unallocated", moneyJson(Money{pay.unallocated, pay.amount.currency})}});
    }
    auto& promises = c["promises"] = nlohmann::json::array();
    for (Index k : d.promises) {
        const auto& pr = s_.promises[k];
        promises.push_back({{"amount", moneyJson(pr.amount)},
                            {"dueDate", pr.dueDate.iso()},
                            {"id", pr.id},
                            {"interaction", std::get<InteractionLogged>(log_[pr.interaction].payload).interaction},
                            {"madeOn", pr.madeOn.iso()},
                            {"paid", moneyJson(Money{std::min(promisePaid(s_, pr), pr.amount.minor), pr.amount.currency})},
                            {"status", enumName(promiseStatus(s_, pr, o_.today))}});
    }
    auto& stages = c["stageHistory"] = nlohmann::json::array();
    for (Index k : d.stageChanges) {
        const auto& ch = s_.stageChanges[k];
        stages.push_back({{"at", isoTimestamp(ch.at)},
                          {"author", ch.author},
                          {"automatic", ch.automaticReason ? nlohmann::json(tr(*ch.automaticReason, lang_)) : nlohmann::json(nullptr)},
                          {"from", ch.from ? nlohmann::json(enumName(*ch.from)) : nlohmann::json(nullptr)},
                          {"reason", ch.reason},
                          {"to", ch.to ? nlohmann::json(enumName(*ch.to)) : nlohmann::json(nullptr)}});
    }
    auto& history = c["interactions"] = nlohmann::json::array();
    for (Index e : interactions) {
        const Event event = log_[e];
        const auto& x = std::get<InteractionLogged>(event.payload);
        nlohmann::json promise(nullptr);
        if (x.promise)
            promise = {{"amount", moneyJson(x.promise->amount)},
                       {"dueDate", x.promise->dueDate.iso()},
                       {"id", x.promise->id},
                       {"status", enumName(promiseStatusOf(x.promise->id))}};
        nlohmann::json numbers = nlohmann::json::array();
        for (const auto& id : x.invoices) {
            const auto i = s_.invoice(id);
            numbers.push_back(i ? s_.invoices[*i].number : id);
        }
        history.push_back({{"acknowledgesDebt", x.acknowledgesDebt},
                           {"at", isoTimestamp(x.at)},
                           {"attitude", enumName(x.attitude)},
                           {"author", event.author},
                           {"channel", enumName(x.channel)},
                           {"direction", enumName(x.direction)},
                           {"event", event.id.str()},
                           {"formalClaim", x.formalClaim},
                           {"id", x.interaction},
                           {"invoices", std::move(numbers)},
                           {"outcome", enumName(x.outcome)},
                           {"promise", std::move(promise)},
                           {"summary", x.summary}});
    }
    auto& notes = c["notes"] = nlohmann::json::array();
    for (Index n : d.notes) {
        const Event event = log_[n];
        notes.push_back({{"at", isoTimestamp(event.ts)}, {"author", event.author},
                         {"text", std::get<NoteAdded>(event.payload).text}});
    }
    return c;
}

} // namespace recobra
