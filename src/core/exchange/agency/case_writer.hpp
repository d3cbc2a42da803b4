#pragma once
// One case of the agency package (agency.hpp) written in the package's language: as its entry
// of cases.json (case_json.cpp), as rows of the two sheets (sheets.cpp) and as its printable
// page (pages.cpp). Shared by those files and the package builder (package.cpp) only.
#include "core/exchange/agency/agency.hpp"
#include "core/exchange/csv.hpp"
#include "core/law/claim.hpp"
#include "core/letters/templates.hpp"
#include "core/rules/labels.hpp"
#include "core/state/queries.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace recobra {

// "0007-graficas-pena-s-l.html": the position keeps pages in order and names unique.
std::string pageName(std::size_t position, std::size_t count, const std::string& legalName, Lang lang);

// The debtor's interactions, in the order they happened (then as recorded).
std::vector<Index> chronological(const EventLog& log, const DebtorState& d);

class CaseWriter {
public:
    CaseWriter(const State& state, const EventLog& log, const AgencyOptions& options)
        : s_(state), log_(log), o_(options), lang_(options.lang), tables_(state.law) {}

    const char* t(Str id) const { return tr(id, lang_); }
    std::string tf(Str id, std::initializer_list<std::string_view> args) const { return trf(id, lang_, args); }
    std::string money(Money m) const { return formatMoney(m, lang_); }
    std::string date(Date d) const { return formatDate(d, lang_); }
    std::string when(Timestamp ts) const { return formatDateTime(ts, o_.utcOffsetMinutes, lang_); }
    std::string yesNo(bool b) const { return t(b ? Str::agency_yes : Str::agency_no); }
    std::string memberName(const std::string& id) const {
        const auto m = s_.member(id);
        return m ? s_.members[*m].name : id;
    }
    std::string invoiceNumbers(const std::vector<std::string>& ids) const {
        std::string out;
        for (const auto& id : ids) {
            const auto i = s_.invoice(id);
            out += (out.empty() ? "" : ", ") + (i ? s_.invoices[*i].number : id);
        }
        return out;
    }
    std::string stageName(const std::optional<Stage>& stage) const {
        return stage ? label(*stage, lang_) : t(Str::agency_stage_following);
    }
    PromiseStatus promiseStatusOf(const std::string& id) const {
        const auto found = s_.promise(id);
        return found ? promiseStatus(s_, s_.promises[*found], o_.today) : PromiseStatus::Pending;
    }

    // cases.json (case_json.cpp)
    nlohmann::json caseJson(Index debtor, const std::vector<Index>& interactions) const;

    // the sheets: rows of invoices.csv and interactions.csv (sheets.cpp)
    static std::vector<std::string> invoiceHeader(Lang lang);
    void invoiceRows(CsvWriter& csv, Index debtor) const;
    static std::vector<std::string> interactionHeader(Lang lang);
    void interactionRows(CsvWriter& csv, Index debtor, const std::vector<Index>& interactions) const;

    // the printable pages: one per debtor and the index (pages.cpp)
    static std::string pageHead(Lang lang, const std::string& title);
    std::string th(std::initializer_list<Str> ids) const;
    static std::string td(const std::string& text, const char* cls = nullptr);
    std::string dlRow(Str id, const std::string& value) const;
    std::string page(Index debtor, const std::vector<Index>& interactions) const;
    std::string claimSection(Index debtor) const;
    std::string letterAndProof(const DebtorState& d, const InteractionLogged& x) const;
    std::string indexRow(std::size_t position, Index debtor, const std::string& file, std::size_t interactions) const;
    std::string indexPage(const std::string& rows, std::size_t debtors, const MoneyBag& total) const;

private:
    const State& s_;
    const EventLog& log_;
    const AgencyOptions& o_;
    Lang lang_;
    LawTables tables_;
};

} // namespace recobra
