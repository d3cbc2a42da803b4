// Every field's problem at once (commandProblems): what a form shows when a person saves, each
// problem beside its field. The command is still refused as a whole, for the first of them (the
// one prepareCommand gives), and nothing changes.
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

// "legalName err_required", one line per problem, in the order found.
std::string listed(const std::vector<Problem>& problems) {
    std::string out;
    for (const auto& p : problems) out += p.field + " " + code(p) + "\n";
    return out;
}

std::vector<Problem> problemsOf(Book& book, Command command) {
    Hlc scratch(book.workspace.hlc().device());
    scratch.observe(book.workspace.hlc().last());
    return commandProblems(book.state(), std::move(command), book.context, scratch);
}

std::vector<Problem> problemsOf(Book& book, const json& command) {
    Hlc scratch(book.workspace.hlc().device());
    scratch.observe(book.workspace.hlc().last());
    return commandProblems(book.state(), command, book.context, scratch);
}

// Ana's debtor as issue 26 typed it: no name, "ana@", "llámame mañana", "España".
DebtorRegistered anasDebtor(const char* contactName) {
    DebtorRegistered c;
    c.legalName = "  ";
    c.country = "España";
    ContactInfo contact;
    contact.name = contactName;
    contact.phone = "llámame mañana";
    contact.email = "ana@";
    c.contacts.push_back(contact);
    return c;
}

} // namespace

TEST_CASE("a debtor with four wrong fields has four problems, one per field, and is refused for the first") {
    Book book;
    const auto before = book.dump();
    const auto problems = problemsOf(book, Command{anasDebtor("Ana")});
    CHECK(listed(problems) == "legalName err_required\n"
                              "country err_country_invalid\n"
                              "contacts[0].phone err_phone_invalid\n"
                              "contacts[0].email err_email_invalid\n");
    REQUIRE(problems.size() == 4);
    CHECK(problems[1].reason(Lang::es) == "«España» no es un código de país de dos letras (ES, MX…)");
    CHECK(problems[2].reason(Lang::en) == "“llámame mañana” does not look like a phone number (6 to 15 digits)");
    CHECK(problems[3].args == std::vector<std::string>{"ana@"});
    CHECK(book.dump() == before); // only checked

    // The same command as JSON (the automation API, the CLI) finds the same.
    const json asJson = command("registerDebtor", {{"legalName", "  "},
                                                   {"kind", "sme"},
                                                   {"country", "España"},
                                                   {"contacts", {{{"name", "Ana"},
                                                                  {"phone", "llámame mañana"},
                                                                  {"email", "ana@"}}}}});
    CHECK(listed(problemsOf(book, asJson)) == listed(problems));

    // Refused as a whole, for the first problem, as before: no debtor, no event.
    const Problem refused = book.refuse(asJson);
    CHECK(refused.field == "legalName");
    CHECK(code(refused) == "err_required");
    CHECK(book.state().debtors.empty());
    const auto typed = book.workspace.dispatch(Command{anasDebtor("Ana")}, book.context);
    REQUIRE_FALSE(typed.ok());
    CHECK(typed.problem->field == "legalName");
    CHECK(book.log().size() == 0);
}

TEST_CASE("a contact without a name is one more problem; a valid debtor has none") {
    Book book;
    // The form names the first contact after the debtor when its own name is left blank: with
    // both blank, the contact's name is wanting too.
    CHECK(listed(problemsOf(book, Command{anasDebtor("")})) == "legalName err_required\n"
                                                               "country err_country_invalid\n"
                                                               "contacts[0].name err_required\n"
                                                               "contacts[0].phone err_phone_invalid\n"
                                                               "contacts[0].email err_email_invalid\n");
    DebtorRegistered fixed = anasDebtor("Ana");
    fixed.legalName = "Ana Gómez";
    fixed.country = "ES";
    fixed.contacts[0].phone = "+34 600 000 000";
    fixed.contacts[0].email = "ana@gomez.es";
    CHECK(problemsOf(book, Command{fixed}).empty());
    CHECK(book.workspace.dispatch(Command{fixed}, book.context).ok());
}

TEST_CASE("each field has one problem at most: its first") {
    Book book;
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    book.addInvoice(pena, "F-001", 10000, "2026-01-05", "2026-02-04");
    // A repeated number that is also too long is too long; the dates and the amount are wrong
    // too, and the description is fine.
    InvoiceAdded c;
    c.debtor = pena;
    c.number = letters(60);
    c.issueDate = day("2026-03-01");
    c.dueDate = day("2026-02-01");
    c.amount = euros(0);
    CHECK(listed(problemsOf(book, Command{c})) == "number err_too_long\n"
                                                  "dueDate err_due_before_issue\n"
                                                  "amount err_amount_positive\n");
    c.number = " f-001 ";
    CHECK(listed(problemsOf(book, Command{c})) == "number err_invoice_number_duplicate\n"
                                                  "dueDate err_due_before_issue\n"
                                                  "amount err_amount_positive\n");
}

TEST_CASE("what the other fields depend on ends the check: an unknown debtor is the only problem") {
    Book book;
    InvoiceAdded c;
    c.debtor = "d-nobody";
    c.number = "";
    c.amount = euros(-1);
    CHECK(listed(problemsOf(book, Command{c})) == "debtor err_ref_unknown\n");
    CHECK(listed(problemsOf(book, Command{UnknownEvent{}})) == "type err_command_unknown\n");
    CHECK(listed(problemsOf(book, command("registerDebtor", {{"legalName", 7}, {"kind", "sme"}, {"country", "ES"}}))) == "legalName err_type_text\n");
}

TEST_CASE("an interaction's time that cannot be judged leaves out what depends on it") {
    Book book;
    book.setNow("2026-03-10", 12);
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    InteractionLogged c;
    c.debtor = pena;
    c.at = at("2026-03-11", 12); // tomorrow
    c.channel = Channel::Call;
    c.direction = Direction::Outbound;
    c.outcome = Outcome::Promise;
    c.promise.emplace();
    c.promise->amount = euros(0);
    c.promise->dueDate = day("2026-03-01"); // before the call: judged only against a sound time
    c.summary = letters(10001);
    CHECK(listed(problemsOf(book, Command{c})) == "at err_date_future\n"
                                                  "summary err_too_long\n"
                                                  "promise.amount err_amount_positive\n");
    c.at = at("2026-03-10", 11);
    CHECK(listed(problemsOf(book, Command{c})) == "summary err_too_long\n"
                                                  "promise.amount err_amount_positive\n"
                                                  "promise.dueDate err_promise_due_past\n");
}

TEST_CASE("a policy with several values out of range names each") {
    Book book;
    Policy policy = defaultPolicy();
    policy.contactLimit = 0;
    policy.staleDays = 0;
    policy.ladder[1].day = 0;
    policy.ladder[2].templateName = letters(81);
    PolicyUpdated c;
    c.policy = policy;
    CHECK(listed(problemsOf(book, Command{c})) == "policy.contactLimit err_policy_range\n"
                                                  "policy.staleDays err_policy_range\n"
                                                  "policy.ladder[1].day err_policy_range\n"
                                                  "policy.ladder[2].template err_too_long\n");
    Policy copy = policy;
    const auto first = validatePolicy(copy);
    REQUIRE(first.has_value());
    CHECK(first->field == "policy.contactLimit");
    // Two steps on the same day, each named once the days are in range.
    policy = defaultPolicy();
    policy.ladder[1].day = policy.ladder[0].day;
    policy.ladder[3].day = policy.ladder[2].day;
    c.policy = policy;
    CHECK(listed(problemsOf(book, Command{c})) == "policy.ladder[1].day err_policy_step_day_twice\n"
                                                  "policy.ladder[3].day err_policy_step_day_twice\n");
}

TEST_CASE("from a file the verdict is the first problem's, as before") {
    Book book;
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    const auto invoice = book.addInvoice(pena, "F-001", 10000, "2026-01-05", "2026-02-04");
    // Disputing what is already undisputed, from a file, is harmless; the missing reason after it
    // is not looked at, whatever is wanted.
    InvoiceDisputeSet c;
    c.invoice = invoice;
    c.disputed = false;
    CommandContext importing = book.context;
    importing.importing = true;
    Payload payload = c;
    CHECK_FALSE(validatePayload(book.state(), payload, importing).has_value());
    CHECK(payloadProblems(book.state(), payload, importing).empty());
    // A person is told it changes nothing.
    CHECK(listed(payloadProblems(book.state(), payload, book.context)) == "disputed err_nothing_to_change\n");
}
