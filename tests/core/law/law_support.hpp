#pragma once
// What the law's tests share: a book whose clock they move to the day each thing happened,
// and the commands the law reads (formal claims, disputes, promises) in one line each.
#include "core/law/court_route.hpp"
#include "core/rules/debtor_list.hpp"
#include "support.hpp"

namespace recobra::test {

struct LawBook : Book {
    LawBook() : Book(1, "2013-01-01") {}

    std::string debtor(const char* name = "Gráficas Peña S.L.") { return registerDebtor(name); }
    std::string invoice(const std::string& debtor, std::int64_t cents, const char* due, const char* kind = "b2b",
                        const char* currency = "EUR") {
        setNow(due);
        return accept(command("addInvoice", {{"debtor", debtor}, {"number", "F-" + std::to_string(++numbers)},
                                             {"amount", money(cents, currency)}, {"issueDate", due},
                                             {"dueDate", due}, {"kind", kind}}));
    }
    void payOn(const std::string& debtor, std::int64_t cents, const char* day, const std::string& invoice = {}) {
        setNow(day, 18);
        json allocations = nullptr;
        if (!invoice.empty()) allocations = json::array({{{"invoice", invoice}, {"amount", cents}}});
        pay(debtor, cents, day, allocations);
    }
    // A burofax sent (a formal claim) or an acknowledgement, naming `invoices` (none: all).
    void formalClaim(const std::string& debtor, const char* day, json invoices = json::array()) {
        setNow(day, 11);
        accept(command("logInteraction", {{"debtor", debtor}, {"at", at(day, 10)}, {"channel", "burofax"},
                                          {"direction", "outbound"}, {"outcome", "other"}, {"formalClaim", true},
                                          {"invoices", invoices}}));
    }
    void acknowledgement(const std::string& debtor, const char* day) {
        setNow(day, 11);
        accept(command("logInteraction", {{"debtor", debtor}, {"at", at(day, 10)}, {"channel", "letter"},
                                          {"direction", "inbound"}, {"outcome", "other"}, {"acknowledgesDebt", true}}));
    }
    void unansweredCall(const std::string& debtor, const char* day) {
        setNow(day, 11);
        accept(command("logInteraction", {{"debtor", debtor}, {"at", at(day, 10)}, {"channel", "call"},
                                          {"direction", "outbound"}, {"outcome", "no_answer"}}));
    }
    void promise(const std::string& debtor, const char* day, std::int64_t cents, const char* due) {
        setNow(day, 11);
        accept(command("logInteraction", {{"debtor", debtor}, {"at", at(day, 10)}, {"channel", "call"},
                                          {"direction", "inbound"}, {"outcome", "promise"},
                                          {"promise", {{"amount", eur(cents)}, {"dueDate", due}}}}));
    }
    void dispute(const std::string& invoice, const char* day, bool disputed = true) {
        setNow(day, 12);
        accept(command("setInvoiceDisputed", {{"invoice", invoice}, {"disputed", disputed}, {"reason", "No conforme"}}));
    }

    LawTables tables() const { return LawTables(state().law); }
    InvoiceInterest interest(const std::string& invoice, const char* today) const {
        return interestOn(state(), tables(), *state().invoice(invoice), day(today));
    }
    Prescription prescription(const std::string& invoice) const {
        return prescriptionOf(state(), tables(), *state().invoice(invoice));
    }
    DebtorClaim claim(const std::string& debtor, const char* today) const {
        return claimFor(state(), tables(), *state().debtor(debtor), day(today));
    }

    int numbers = 0;
};

} // namespace recobra::test
