// A command built as the payload struct it becomes (as the UI's forms build them) and the same
// command written as JSON (as the automation API, the CLI and other tabs send it) make the same
// event: the same ids for what they create, the same fields, the same refusals.
#include "core/codec/event_codec.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

// Dispatches `typed` in one book and `asJson` in a copy of it, at the same instant: both must
// be accepted and give byte-identical events.
void sameEvent(const Book& start, Command typed, const json& asJson) {
    Book a = start, b = start;
    a.tick();
    b.tick();
    const auto viaStruct = a.workspace.dispatch(std::move(typed), a.context);
    const auto viaJson = b.workspace.dispatch(asJson, b.context);
    REQUIRE_MESSAGE(viaStruct.ok(), (viaStruct.problem ? code(viaStruct.problem) + " " + viaStruct.problem->field : ""));
    REQUIRE_MESSAGE(viaJson.ok(), (viaJson.problem ? code(viaJson.problem) : ""));
    CHECK(encodeEvent(*viaStruct.event) == encodeEvent(*viaJson.event));
    CHECK(viaStruct.createdId == viaJson.createdId);
    CHECK(a.dump() == b.dump());
}

} // namespace

TEST_CASE("typed commands and their JSON make the same event") {
    Book book;
    book.setNow("2026-03-10", 12);
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    const auto invoice = book.addInvoice(pena, "F-001", 121000, "2026-01-05", "2026-02-04");

    SUBCASE("registerDebtor with a first contact: the debtor and contact ids are filled") {
        DebtorRegistered c;
        c.legalName = "Talleres Ruiz S.L.";
        c.taxId = "B87654323";
        c.kind = DebtorKind::Sme;
        c.tags = {"taller", "zaragoza"};
        ContactInfo eva;
        eva.name = "Eva Ruiz";
        eva.phone = "+34 600 000 000";
        c.contacts.push_back(eva);
        sameEvent(book, c,
                  command("registerDebtor", {{"legalName", "Talleres Ruiz S.L."}, {"taxId", "B87654323"},
                                             {"kind", "sme"}, {"country", "ES"}, {"tags", {"taller", "zaragoza"}},
                                             {"contacts", {{{"name", "Eva Ruiz"}, {"phone", "+34 600 000 000"}}}}}));
    }
    SUBCASE("updateDebtor sends only what changed") {
        DebtorUpdated c;
        c.debtor = pena;
        c.tradeName = "Peña Gráficas";
        c.clearCreditLimit = true;
        sameEvent(book, c,
                  command("updateDebtor", {{"debtor", pena}, {"tradeName", "Peña Gráficas"}, {"clearCreditLimit", true}}));
    }
    SUBCASE("addContact") {
        ContactAdded c;
        c.debtor = pena;
        c.contact.name = "Luis Peña";
        c.contact.email = "luis@pena.es";
        c.contact.preferredChannel = Channel::Email;
        sameEvent(book, c,
                  command("addContact", {{"debtor", pena},
                                         {"contact", {{"name", "Luis Peña"}, {"email", "luis@pena.es"},
                                                      {"preferredChannel", "email"}}}}));
    }
    SUBCASE("addInvoice") {
        InvoiceAdded c;
        c.debtor = pena;
        c.number = "F-002";
        c.amount = euros(50000);
        c.issueDate = day("2026-02-01");
        c.dueDate = day("2026-03-03");
        c.kind = InvoiceKind::PublicAdministration;
        sameEvent(book, c,
                  command("addInvoice", {{"debtor", pena}, {"number", "F-002"}, {"amount", eur(50000)},
                                         {"issueDate", "2026-02-01"}, {"dueDate", "2026-03-03"},
                                         {"kind", "public_administration"}}));
    }
    SUBCASE("recordPayment") {
        PaymentRecorded c;
        c.debtor = pena;
        c.amount = euros(20000);
        c.date = day("2026-03-09");
        c.method = PaymentMethod::Card;
        c.reference = "TPV 0001";
        sameEvent(book, c,
                  command("recordPayment", {{"debtor", pena}, {"amount", eur(20000)}, {"date", "2026-03-09"},
                                            {"method", "card"}, {"reference", "TPV 0001"}}));
    }
    SUBCASE("logInteraction with a promise: the interaction and promise ids are filled") {
        InteractionLogged c;
        c.debtor = pena;
        c.at = at("2026-03-10", 10, 30);
        c.channel = Channel::Call;
        c.direction = Direction::Outbound;
        c.outcome = Outcome::Promise;
        c.attitude = Attitude::Cooperative;
        c.invoices = {invoice};
        c.summary = "Pagará el viernes";
        c.promise.emplace();
        c.promise->amount = euros(121000);
        c.promise->dueDate = day("2026-03-13");
        sameEvent(book, c,
                  command("logInteraction", {{"debtor", pena}, {"at", at("2026-03-10", 10, 30)}, {"channel", "call"},
                                             {"direction", "outbound"}, {"outcome", "promise"},
                                             {"attitude", "cooperative"}, {"invoices", {invoice}},
                                             {"summary", "Pagará el viernes"},
                                             {"promise", {{"amount", eur(121000)}, {"dueDate", "2026-03-13"}}}}));
    }
    SUBCASE("changeStage, addNote, setPause, addMember") {
        StageChanged stage;
        stage.debtor = pena;
        stage.reason = "Burofax enviado";
        stage.stage = Stage::FormalDemand;
        sameEvent(book, stage,
                  command("changeStage", {{"debtor", pena}, {"stage", "formal_demand"}, {"reason", "Burofax enviado"}}));
        NoteAdded note;
        note.debtor = pena;
        note.text = "Llamar por la tarde";
        sameEvent(book, note, command("addNote", {{"debtor", pena}, {"text", "Llamar por la tarde"}}));
        PauseSet pause;
        pause.debtor = pena;
        pause.reason = "Hospitalizado";
        pause.until = day("2026-04-01");
        sameEvent(book, pause,
                  command("setPause", {{"debtor", pena}, {"reason", "Hospitalizado"}, {"until", "2026-04-01"}}));
        MemberAdded member;
        member.name = "Marta";
        member.role = "cobros";
        sameEvent(book, member, command("addMember", {{"name", "Marta"}, {"role", "cobros"}}));
    }
    SUBCASE("commandJson gives the JSON a typed command is handed to another tab as") {
        NoteAdded note;
        note.debtor = pena;
        note.text = "¿Llamó?";
        const Command c = note;
        const auto j = commandJson(c);
        CHECK(j.at("type") == "addNote");
        CHECK(j.at("text") == "¿Llamó?");
        sameEvent(book, c, j);
    }
}

TEST_CASE("a typed command is refused as its JSON is: the field named, nothing changed") {
    Book book;
    const auto pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
    InvoiceAdded c;
    c.debtor = pena;
    c.number = "F-009";
    c.amount = euros(-5);
    c.issueDate = day("2026-02-01");
    c.dueDate = day("2026-03-03");
    const auto before = book.dump();
    const auto result = book.workspace.dispatch(Command{c}, book.context);
    REQUIRE_FALSE(result.ok());
    const auto asJson = book.workspace.dispatch(
        command("addInvoice", {{"debtor", pena}, {"number", "F-009"}, {"amount", eur(-5)},
                               {"issueDate", "2026-02-01"}, {"dueDate", "2026-03-03"}}),
        book.context);
    REQUIRE_FALSE(asJson.ok());
    CHECK(result.problem->field == asJson.problem->field);
    CHECK(code(result.problem) == code(asJson.problem));
    CHECK(book.dump() == before);
    CHECK_FALSE(book.workspace.dispatch(Command{UnknownEvent{}}, book.context).ok());
}
