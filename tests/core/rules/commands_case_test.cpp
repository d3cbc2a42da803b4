// Commands about working a case: logInteraction (and the promises made in it), changeStage,
// assignDebtor, addNote; and the team: addMember, updateMember. Last, what the `importing`
// mode lets through from files that a person's command may not do.
#include "support.hpp"

#include <doctest/doctest.h>
#include <limits>

using namespace recobra;
using namespace recobra::test;

namespace {
std::string repeated(const char* text, std::size_t times) {
    std::string out;
    for (std::size_t k = 0; k < times; ++k) out += text;
    return out;
}

// 10 March 2026: Gráficas Peña owes 1,500 € on two invoices; Taller Ruiz owes 500 €.
struct OpenCase {
    Book book;
    std::string ana, luis, pena, ruiz, f1, f2, r1;

    OpenCase() {
        ana = book.accept(command("addMember", {{"name", "Ana García"}}));
        luis = book.accept(command("addMember", {{"name", "Luis Ruiz"}, {"role", "Cobros"}}));
        pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
        ruiz = book.registerDebtor("Taller Ruiz S.L.", "B87654323");
        f1 = book.addInvoice(pena, "F-001", 120000, "2026-01-05", "2026-02-04");
        f2 = book.addInvoice(pena, "F-002", 30000, "2026-02-01", "2026-03-03");
        r1 = book.addInvoice(ruiz, "R-001", 50000, "2026-02-10", "2026-03-12");
        book.setNow("2026-03-10", 12);
    }

    // A call this morning in which María promises 200 € by 20 March.
    json promiseCall() const {
        return command("logInteraction", {{"debtor", pena},
                                          {"at", at("2026-03-10", 9, 30)},
                                          {"channel", "call"},
                                          {"direction", "outbound"},
                                          {"outcome", "promise"},
                                          {"attitude", "cooperative"},
                                          {"invoices", {f1}},
                                          {"summary", "María promete 200 € antes del 20"},
                                          {"promise", {{"amount", eur(20000)}, {"dueDate", "2026-03-20"}}}});
    }
};

} // namespace

TEST_CASE("a logged conversation joins the debtor's history, with the promise made in it") {
    OpenCase c;
    auto& book = c.book;
    const auto result = book.dispatch(c.promiseCall());
    REQUIRE(result.ok());
    CHECK(result.createdId == entityId('x', result.event->id));
    const auto& d = book.debtor(c.pena);
    REQUIRE(d.interactions.size() == 1);
    const Event logged = book.log()[d.interactions[0]];
    CHECK(logged.id == result.event->id);
    const auto& payload = std::get<InteractionLogged>(logged.payload);
    CHECK(payload.summary == "María promete 200 € antes del 20");
    CHECK(payload.attitude == Attitude::Cooperative);
    CHECK(book.state().interactionCount == 1);
    CHECK(d.lastActivityAt == book.context.now); // recorded after the call: the later of the two

    REQUIRE(d.promises.size() == 1);
    const auto& promise = book.state().promises[d.promises[0]];
    CHECK(promise.id == entityId('r', result.event->id));
    CHECK(promise.amount == euros(20000));
    CHECK(promise.dueDate == day("2026-03-20"));
    CHECK(promise.madeOn == day("2026-03-10"));
    CHECK(promise.interaction == d.interactions[0]);
    CHECK(promise.debtor == *book.state().debtor(c.pena));
    CHECK(book.state().promise(promise.id).has_value());
}

TEST_CASE("a conversation's time may be a few minutes ahead of this device's clock") {
    // Another device's clock, or a phone, may be slightly ahead: five minutes are tolerated.
    OpenCase c;
    auto& book = c.book;
    book.setNow("2026-03-10", 12, 0);
    book.accept(command("logInteraction", {{"debtor", c.pena},
                                           {"at", at("2026-03-10", 12, 5)},
                                           {"channel", "email"},
                                           {"direction", "inbound"},
                                           {"outcome", "dispute"}}));
    CHECK(book.debtor(c.pena).lastActivityAt == at("2026-03-10", 12, 5));
}

TEST_CASE("a promise may fall due the day it is made, never before (in the user's time zone)") {
    OpenCase c;
    auto& book = c.book;
    book.accept(patched(c.promiseCall(), R"({"promise":{"dueDate":"2026-03-10"}})"));
    // 10 March, 23:30 UTC is the 11th in Madrid: a promise for the 10th is already in the past.
    // (María calls: at that hour nobody may call her, policy.hpp.)
    book.setNow("2026-03-10", 23, 50);
    book.context.utcOffsetMinutes = 60;
    const json lateCall = patched(c.promiseCall(), (R"({"at":)" + std::to_string(at("2026-03-10", 23, 30)) +
                                                    R"(,"direction":"inbound","promise":{"dueDate":"2026-03-10"}})")
                                                       .c_str());
    const auto p = book.refuse(lateCall);
    CHECK(p.field == "promise.dueDate");
    CHECK(code(p) == "err_promise_due_past");
    book.accept(patched(lateCall, R"({"promise":{"dueDate":"2026-03-11"}})"));
}

TEST_CASE("logging a conversation is refused when a rule is broken") {
    OpenCase c;
    const auto promised = c.book.accept(c.promiseCall());
    const std::string existing = c.book.state().promises.back().id;
    checkRefusals(
        c.book, c.promiseCall(),
        {
            {"the debtor exists", R"({"debtor":"d-nobody"})", "debtor", Str::err_ref_unknown},
            {"the time is required", R"({"at":null})", "at", Str::err_field_missing},
            {"a time of zero is no time", R"({"at":0})", "at", Str::err_required},
            {"a conversation has happened", "{\"at\":" + std::to_string(at("2026-03-10", 12, 30)) + "}", "at",
             Str::err_date_future},
            {"a time within the calendar (before 2201)", R"({"at":7289654400000})", "at",
             Str::err_date_invalid},
            {"the time is milliseconds", R"({"at":"2026-03-10T09:30"})", "at", Str::err_type_integer},
            {"the channel is a known one", R"({"channel":"fax"})", "channel", Str::err_field_choice},
            {"the direction is required", R"({"direction":null})", "direction", Str::err_field_missing},
            {"the outcome is a known one", R"({"outcome":"maybe"})", "outcome", Str::err_field_choice},
            {"the attitude is a known one", R"({"attitude":"rude"})", "attitude", Str::err_field_choice},
            {"a summary is at most 10,000 characters", "{\"summary\":\"" + letters(10001) + "\"}", "summary",
             Str::err_too_long},
            {"the invoices discussed exist", R"({"invoices":["i-nobody"]})", "invoices[0]",
             Str::err_ref_unknown},
            {"and are this debtor's", "{\"invoices\":[\"" + c.f1 + "\",\"" + c.r1 + "\"]}", "invoices[1]",
             Str::err_ref_unknown},
            {"each is named once", "{\"invoices\":[\"" + c.f1 + "\",\"" + c.f1 + "\"]}", "invoices[1]",
             Str::err_ref_unknown},
            {"the outcome promise needs the promise", R"({"promise":null})", "promise",
             Str::err_promise_required},
            {"a promise needs the outcome promise", R"({"outcome":"no_answer"})", "promise",
             Str::err_promise_unexpected},
            {"a promised amount is greater than zero",
             R"({"promise":{"amount":{"currency":"EUR","minor":0}}})", "promise.amount",
             Str::err_amount_positive},
            {"and not absurd", R"({"promise":{"amount":{"currency":"EUR","minor":100000000001}}})",
             "promise.amount", Str::err_amount_too_large},
            {"in whole minor units", R"({"promise":{"amount":{"currency":"EUR","minor":"200"}}})",
             "promise.amount.minor", Str::err_type_integer},
            {"a promise falls due on or after the conversation", R"({"promise":{"dueDate":"2026-03-09"}})",
             "promise.dueDate", Str::err_promise_due_past},
            {"a promise has a due date", R"({"promise":{"dueDate":null}})", "promise.dueDate",
             Str::err_field_missing},
            {"a promise id is never reused", "{\"promise\":{\"id\":\"" + existing + "\"}}", "promise.id",
             Str::err_id_duplicate},
            {"a misspelt field of the promise is named", R"({"promise":{"due":"2026-03-20"}})", "promise.due",
             Str::err_field_unknown},
        });
    CHECK_FALSE(promised.empty());
}

TEST_CASE("a stage set by hand is recorded with who set it and why") {
    OpenCase c;
    auto& book = c.book;
    book.accept(command("changeStage",
                        {{"debtor", c.pena}, {"stage", "formal_demand"}, {"reason", " Burofax enviado "}}));
    const auto& d = book.debtor(c.pena);
    CHECK(d.stage == Stage::FormalDemand);
    CHECK(d.lastActivityAt == book.context.now);
    REQUIRE(d.stageChanges.size() == 1);
    const auto& change = book.state().stageChanges[d.stageChanges[0]];
    CHECK_FALSE(change.from.has_value());
    CHECK(change.to == Stage::FormalDemand);
    CHECK(change.reason == "Burofax enviado");
    CHECK(change.author == "Ana");
    CHECK_FALSE(change.automaticReason.has_value());
    CHECK(change.at == book.context.now);

    // "Overdue" is not a stage one sets: it hands the case back to its invoices.
    book.accept(command("changeStage", {{"debtor", c.pena}, {"stage", "overdue"}, {"reason", "Error"}}));
    CHECK_FALSE(d.stage.has_value());
    CHECK(book.state().stageChanges[d.stageChanges[1]].from == Stage::FormalDemand);
}

TEST_CASE("a case with nothing owed may be closed as paid by hand") {
    OpenCase c;
    auto& book = c.book;
    const auto nothing = book.registerDebtor("Cliente sin facturas");
    book.accept(command("changeStage",
                        {{"debtor", nothing}, {"stage", "closed_paid"}, {"reason", "Pagó en efectivo"}}));
    CHECK(book.debtor(nothing).stage == Stage::ClosedPaid);
}

TEST_CASE("changing a stage is refused when a rule is broken") {
    OpenCase c;
    Book negotiating = c.book;
    negotiating.accept(
        command("changeStage", {{"debtor", c.pena}, {"stage", "negotiating"}, {"reason", "Pide plazos"}}));
    checkRefusals(
        negotiating,
        command("changeStage", {{"debtor", c.pena}, {"stage", "agency"}, {"reason", "Sin respuesta"}}),
        {
            {"the debtor exists", R"({"debtor":"d-nobody"})", "debtor", Str::err_ref_unknown},
            {"every change has a reason", R"({"reason":null})", "reason", Str::err_field_missing},
            {"a blank reason is no reason", R"({"reason":"  "})", "reason", Str::err_required},
            {"a reason is at most 1,000 characters", "{\"reason\":\"" + letters(1001) + "\"}", "reason",
             Str::err_too_long},
            {"the stage is a known one", R"({"stage":"bankrupt"})", "stage", Str::err_field_choice},
            {"a change changes the stage", R"({"stage":"negotiating"})", "stage", Str::err_nothing_to_change},
            {"a case still owing is not closed as paid", R"({"stage":"closed_paid"})", "stage",
             Str::err_stage_paid_outstanding},
        });
    const auto p =
        c.book.refuse(command("changeStage", {{"debtor", c.pena}, {"stage", "not_due"}, {"reason", "x"}}));
    CHECK(p.field == "stage");
    CHECK(code(p) == "err_nothing_to_change"); // it already follows its invoices
}

TEST_CASE("a debtor is assigned to a member of the team, and unassigned") {
    OpenCase c;
    auto& book = c.book;
    book.accept(command("assignDebtor", {{"debtor", c.pena}, {"member", c.luis}}));
    CHECK(book.debtor(c.pena).assignee == c.luis);
    book.accept(command("assignDebtor", {{"debtor", c.pena}}));
    CHECK(book.debtor(c.pena).assignee.empty());
}

TEST_CASE("assigning a debtor is refused when a rule is broken") {
    OpenCase c;
    c.book.accept(command("assignDebtor", {{"debtor", c.ruiz}, {"member", c.ana}}));
    Book luisLeft = c.book;
    luisLeft.accept(command("updateMember", {{"member", c.luis}, {"active", false}}));
    const json assign = command("assignDebtor", {{"debtor", c.pena}, {"member", c.luis}});
    checkRefusals(c.book, assign,
                  {
                      {"the debtor exists", R"({"debtor":"d-nobody"})", "debtor", Str::err_ref_unknown},
                      {"the member exists", R"({"member":"m-nobody"})", "member", Str::err_ref_unknown},
                      {"assigning to the same member changes nothing",
                       "{\"debtor\":\"" + c.ruiz + "\",\"member\":\"" + c.ana + "\"}", "member",
                       Str::err_nothing_to_change},
                      {"nor does unassigning an unassigned debtor", R"({"member":null})", "member",
                       Str::err_nothing_to_change},
                  });
    const auto p = luisLeft.refuse(assign);
    CHECK(p.field == "member");
    CHECK(code(p) == "err_member_inactive");
}

TEST_CASE("a note joins the debtor's history") {
    OpenCase c;
    auto& book = c.book;
    const auto result =
        book.dispatch(command("addNote", {{"debtor", c.pena}, {"text", "  Cambia de gestoría en abril  "}}));
    REQUIRE(result.ok());
    CHECK(result.createdId == entityId('n', result.event->id));
    REQUIRE(book.debtor(c.pena).notes.size() == 1);
    const Event noteEvent = book.log()[book.debtor(c.pena).notes[0]];
    const auto& note = std::get<NoteAdded>(noteEvent.payload);
    CHECK(note.text == "Cambia de gestoría en abril");
    CHECK(book.state().noteCount == 1);
    checkRefusals(
        book, command("addNote", {{"debtor", c.pena}, {"text", "Otra"}}),
        {
            {"the debtor exists", R"({"debtor":"d-nobody"})", "debtor", Str::err_ref_unknown},
            {"a note has text", R"({"text":" "})", "text", Str::err_required},
            {"at most 10,000 characters", "{\"text\":\"" + letters(10001) + "\"}", "text", Str::err_too_long},
            {"characters, not bytes: 10,001 × ñ", "{\"text\":\"" + repeated("ñ", 10001) + "\"}", "text",
             Str::err_too_long},
        });
    // 10,000 characters of Spanish are 10,000, however many bytes they take (20,000 here).
    REQUIRE(book.dispatch(command("addNote", {{"debtor", c.pena}, {"text", repeated("ñ", 10000)}})).ok());
    REQUIRE(book.dispatch(command("addNote", {{"debtor", c.pena}, {"text", repeated("ñ", 6000)}})).ok());
    // A tag counts characters too: 50 × "é" is a tag, 51 is not.
    REQUIRE(book.dispatch(command("updateDebtor", {{"debtor", c.pena}, {"tags", {repeated("é", 50)}}})).ok());
    CHECK(code(book.refuse(command("updateDebtor", {{"debtor", c.pena}, {"tags", {repeated("é", 51)}}}))) == "err_too_long");
}

TEST_CASE("members join the team, change and leave it") {
    Book book;
    const auto result = book.dispatch(
        command("addMember", {{"name", " Ana García "}, {"email", "ana@example.es"}, {"role", "Gerente"}}));
    REQUIRE(result.ok());
    const auto ana = result.createdId;
    CHECK(ana == entityId('m', result.event->id));
    CHECK(book.member(ana).name == "Ana García");
    CHECK(book.member(ana).email == "ana@example.es");
    CHECK(book.member(ana).role == "Gerente");
    CHECK(book.member(ana).active);

    book.accept(
        command("updateMember", {{"member", ana}, {"name", "ANA GARCÍA"}})); // her own name, in capitals
    CHECK(book.member(ana).name == "ANA GARCÍA");
    CHECK(book.member(ana).email == "ana@example.es");
    book.accept(command("updateMember", {{"member", ana}, {"active", false}, {"role", ""}}));
    CHECK_FALSE(book.member(ana).active);
    CHECK(book.member(ana).role.empty());
    book.accept(command("updateMember", {{"member", ana}, {"active", true}}));
    CHECK(book.member(ana).active);
}

TEST_CASE("team commands are refused when a rule is broken") {
    Book book;
    const auto ana = book.accept(command("addMember", {{"name", "Ana García"}}));
    const auto luis = book.accept(command("addMember", {{"name", "Luis Ruiz"}}));
    checkRefusals(
        book, command("addMember", {{"name", "Eva Sanz"}, {"email", "eva@example.es"}}),
        {
            {"a member has a name", R"({"name":" "})", "name", Str::err_required},
            {"names are at most 200 characters", "{\"name\":\"" + letters(201) + "\"}", "name",
             Str::err_too_long},
            {"two members are never called the same, whatever the case", R"({"name":"ana garcía"})", "name",
             Str::err_member_duplicate},
            {"an email looks like one", R"({"email":"eva@"})", "email", Str::err_email_invalid},
            {"a role is at most 200 characters", "{\"role\":\"" + letters(201) + "\"}", "role",
             Str::err_too_long},
            {"a member id is never reused", "{\"member\":\"" + ana + "\"}", "member", Str::err_id_duplicate},
        });
    checkRefusals(book, command("updateMember", {{"member", luis}, {"role", "Cobros"}}),
                  {
                      {"the member exists", R"({"member":"m-nobody"})", "member", Str::err_ref_unknown},
                      {"a member keeps a name", R"({"name":""})", "name", Str::err_required},
                      {"not another member's", R"({"name":"Ana García"})", "name", Str::err_member_duplicate},
                      {"an email looks like one", R"({"email":"luis"})", "email", Str::err_email_invalid},
                      {"active is true or false", R"({"active":1})", "active", Str::err_type_boolean},
                      {"an update changes something", R"({"role":null})", "", Str::err_nothing_to_change},
                  });
}

TEST_CASE("from a file, what concurrent work produces is accepted; what is never sane is not") {
    // Two people working offline may register the same tax id, name invoices alike, assign a
    // member who has since left, or record a payment dated later than the file's clock says.
    OpenCase c;
    auto& book = c.book;
    book.accept(command("updateMember", {{"member", c.luis}, {"active", false}}));
    CommandContext importing = book.context;
    importing.importing = true;
    CommandContext person = book.context;

    auto check = [&](const char* what, Payload payload, const char* personReason, const char* fileReason) {
        INFO(what);
        Payload forPerson = payload;
        CHECK(code(validatePayload(book.state(), forPerson, person)) == personReason);
        CHECK(code(validatePayload(book.state(), payload, importing)) == fileReason);
    };
    DebtorRegistered sameTaxId;
    sameTaxId.debtor = "d-other";
    sameTaxId.legalName = "Gráficas Peña (duplicado)";
    sameTaxId.taxId = "B12345674";
    check("the same tax id", sameTaxId, "err_taxid_duplicate", "(none)");

    InvoiceAdded sameNumber;
    sameNumber.debtor = c.pena;
    sameNumber.invoice = "i-other";
    sameNumber.number = "F-001";
    sameNumber.amount = euros(100);
    sameNumber.issueDate = sameNumber.dueDate = day("2026-03-01");
    check("the same invoice number", sameNumber, "err_invoice_number_duplicate", "(none)");

    DebtorAssigned toLuis{c.pena, c.luis};
    check("a member who has left", toLuis, "err_member_inactive", "(none)");

    DebtorAssigned again{c.pena, ""};
    check("an assignment that is already so", again, "err_nothing_to_change", "(none)");

    PaymentRecorded later;
    later.debtor = c.pena;
    later.payment = "p-other";
    later.amount = euros(100);
    later.date = day("2026-03-12");
    check("a payment dated after the clock", later, "err_date_future", "(none)");

    MemberAdded sameName;
    sameName.member = "m-other";
    sameName.name = "luis ruiz";
    check("two members with the same name", sameName, "err_member_duplicate", "(none)");

    // Two devices overlapping: the fold gives each of these a meaning (the first void wins,
    // what cannot be allocated is credit, the edit of a removed contact is kept), so a merged
    // history must import, and restore from its own backup.
    const auto eva = book.accept(command("addContact", {{"debtor", c.pena}, {"contact", {{"name", "Eva"}}}}));
    book.accept(command("removeContact", {{"contact", eva}}));
    book.accept(command("voidInvoice", {{"invoice", c.f2}, {"reason", "Duplicada"}}));
    book.pay(c.pena, 120000, "2026-03-10"); // F-001 paid off
    InvoiceVoided voidAgain{c.f2, "Otra vez"};
    check("voiding a voided invoice", voidAgain, "err_invoice_void", "(none)");
    PaymentRecorded toPaid = later;
    toPaid.date = day("2026-03-10");
    toPaid.allocations = {{100, c.f1}};
    check("allocating to an invoice already paid", toPaid, "err_allocation_exceeds", "(none)");
    PaymentRecorded toVoided = toPaid;
    toVoided.allocations = {{100, c.f2}};
    check("allocating to a voided invoice", toVoided, "err_invoice_void", "(none)");
    ContactUpdated editRemoved;
    editRemoved.contact = eva;
    editRemoved.phone = "600 000 000";
    check("editing a removed contact", editRemoved, "err_ref_unknown", "(none)");
    check("removing a removed contact", ContactRemoved{eva}, "err_ref_unknown", "(none)");
    InvoiceUpdated editVoided;
    editVoided.invoice = c.f2;
    editVoided.description = "Rectificada";
    check("editing a voided invoice", editVoided, "err_invoice_void", "(none)");
    check("disputing a voided invoice", InvoiceDisputeSet{true, c.f2, "No conforme"}, "err_invoice_void",
          "(none)");
    InvoiceUpdated dueMoved;
    dueMoved.invoice = c.r1;
    dueMoved.dueDate = day("2026-02-01"); // before the issue date another device may have moved
    check("a due date before an issue date this event does not set", dueMoved, "err_due_before_issue",
          "(none)");
    check("closing as paid a case another device added an invoice to",
          StageChanged{c.ruiz, "Pagado en efectivo", Stage::ClosedPaid}, "err_stage_paid_outstanding",
          "(none)");

    // Never sane, from anywhere:
    InvoiceUpdated bothDates = dueMoved;
    bothDates.issueDate = day("2026-02-10");
    check("an event that sets its due date before its own issue date", bothDates, "err_due_before_issue",
          "err_due_before_issue");
    PaymentRecorded overAllocated = toPaid;
    overAllocated.allocations = {{20000, c.f1}};
    check("allocating more than the payment", overAllocated, "err_allocation_exceeds", "err_allocation_sum");
    PaymentRecorded absurdAllocation = toPaid;
    absurdAllocation.allocations = {{std::numeric_limits<std::int64_t>::max(), c.f1}, {1, c.f2}};
    check("allocations adding up past any number", absurdAllocation, "err_allocation_exceeds",
          "err_allocation_sum");
    ContactUpdated editNobody = editRemoved;
    editNobody.contact = "c-nobody";
    check("editing a contact that never existed", editNobody, "err_ref_unknown", "err_ref_unknown");
    PaymentRecorded huge = later;
    huge.date = day("2026-03-01");
    huge.amount = euros(100'000'000'001);
    check("an absurd amount", huge, "err_amount_too_large", "err_amount_too_large");
    InvoiceAdded orphan = sameNumber;
    orphan.debtor = "d-nobody";
    check("a debtor that does not exist", orphan, "err_ref_unknown", "err_ref_unknown");
    InvoiceAdded backwards = sameNumber;
    backwards.number = "F-777";
    backwards.dueDate = day("2026-02-01");
    check("due before issued", backwards, "err_due_before_issue", "err_due_before_issue");
    check("an event this version does not know", UnknownEvent{"plan.created", "{}"}, "err_invalid",
          "err_invalid");
}
