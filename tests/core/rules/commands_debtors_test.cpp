// Commands about who owes: registerDebtor, updateDebtor, addContact, updateContact,
// removeContact, and the Spanish tax id check they share.
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

// Ana's book on 10 March 2026: herself and Luis in the team (Luis has left), and one debtor,
// Gráficas Peña, with a contact.
struct AnasBook {
    Book book;
    std::string ana, luis, pena, maria;

    AnasBook() {
        ana = book.accept(command("addMember", {{"name", "Ana García"}, {"email", "ana@example.es"}}));
        luis = book.accept(command("addMember", {{"name", "Luis Ruiz"}}));
        book.accept(command("updateMember", {{"member", luis}, {"active", false}}));
        pena = book.accept(command("registerDebtor", {{"legalName", "Gráficas Peña S.L."},
                                                      {"taxId", "B12345674"},
                                                      {"country", "ES"},
                                                      {"kind", "sme"},
                                                      {"contacts", {{{"name", "María Peña"}}}}}));
        maria = book.debtor(pena).contacts.empty()
                    ? ""
                    : book.state().contacts[book.debtor(pena).contacts[0]].info.id;
    }
};

json fullRegistration(const std::string& assignee) {
    return command(
        "registerDebtor",
        {{"legalName", "  Taller Ruiz S.L.  "},
         {"tradeName", "Taller Ruiz"},
         {"taxId", " b-8765432.3 "},
         {"country", "ES"},
         {"kind", "sme"},
         {"relationship", "occasional"},
         {"creditLimit", eur(500000)},
         {"commercialRefs", "Cliente desde 2019"},
         {"bankRefs", "ES91 2100 0418 4502 0005 1332"},
         {"notes", "Paga tarde en agosto"},
         {"tags", {"taller", "Zaragoza", " ZARAGOZA ", ""}},
         {"assignee", assignee},
         {"contacts",
          {{{"name", "Pedro Ruiz"}, {"role", "Gerente"}, {"phone", "+34 976 123 456"}},
           {{"name", "Administración"}, {"email", "admin@tallerruiz.es"}, {"preferredChannel", "email"}}}}});
}

} // namespace

TEST_CASE("registering a debtor stores its whole profile, its contacts and its tax id") {
    AnasBook a;
    auto& book = a.book;
    const auto result = book.dispatch(fullRegistration(a.ana));
    REQUIRE(result.ok());
    const std::string id = result.createdId;
    CHECK(id == entityId('d', result.event->id)); // "d-" and the creating event's id
    const auto& d = book.debtor(id);
    CHECK(d.profile.legalName == "Taller Ruiz S.L."); // texts are trimmed
    CHECK(d.profile.tradeName == "Taller Ruiz");
    CHECK(d.profile.taxId == "b-8765432.3");
    CHECK(d.profile.kind == DebtorKind::Sme);
    CHECK(d.profile.relationship == Relationship::Occasional);
    CHECK(d.profile.creditLimit == euros(500000));
    CHECK(d.profile.commercialRefs == "Cliente desde 2019");
    CHECK(d.profile.bankRefs == "ES91 2100 0418 4502 0005 1332");
    CHECK(d.profile.notes == "Paga tarde en agosto");
    CHECK(d.profile.tags == std::vector<std::string>{"taller", "Zaragoza"}); // blanks and case repeats go
    CHECK(d.assignee == a.ana);
    CHECK(d.registeredAt == book.context.now);
    CHECK_FALSE(d.stage.has_value()); // no invoices yet: follows them
    CHECK(d.outstanding.isZero());
    REQUIRE(d.contacts.size() == 2);
    const auto& pedro = book.state().contacts[d.contacts[0]];
    CHECK(pedro.info.id == entityId('c', result.event->id) + "-0");
    CHECK(pedro.info.role == "Gerente");
    CHECK(book.state().contacts[d.contacts[1]].info.preferredChannel == Channel::Email);
    // The tax id is indexed by its normalized spelling, so "B-87654321" finds it.
    CHECK(book.state().debtorByTaxId.at(normalizeTaxId("B-87654323")) == *book.state().debtor(id));
}

TEST_CASE("a debtor needs only a legal name, a country and a kind") {
    Book book;
    const auto id = book.accept(
        command("registerDebtor", {{"legalName", "José Pérez"}, {"country", "MX"}, {"kind", "consumer"}}));
    CHECK(book.debtor(id).profile.country == "MX");
    CHECK(book.debtor(id).profile.kind == DebtorKind::Consumer);
    CHECK(book.debtor(id).profile.taxId.empty());
    CHECK(book.state().debtorByTaxId.empty());
}

TEST_CASE("registering a debtor is refused when a rule is broken") {
    AnasBook a;
    const std::string tooManyTags = [] {
        std::string t = "{\"tags\":[";
        for (int i = 0; i < 21; ++i) t += (i ? ",\"t" : "\"t") + std::to_string(i) + "\"";
        return t + "]}";
    }();
    checkRefusals(
        a.book, fullRegistration(a.ana),
        {
            {"the legal name is required", R"({"legalName":null})", "legalName", Str::err_field_missing},
            {"a blank legal name is no name", R"({"legalName":"   "})", "legalName", Str::err_required},
            {"names are at most 200 characters", "{\"legalName\":\"" + letters(201) + "\"}", "legalName",
             Str::err_too_long},
            {"trade names too", "{\"tradeName\":\"" + letters(201) + "\"}", "tradeName", Str::err_too_long},
            {"the country is an ISO code", R"({"country":"España"})", "country", Str::err_country_invalid},
            {"in upper case", R"({"country":"es"})", "country", Str::err_country_invalid},
            {"a Spanish tax id has its check character", R"({"taxId":"B87654320"})", "taxId",
             Str::err_taxid_invalid},
            {"a tax id has at least 5 characters", R"({"taxId":"B-12","country":"FR"})", "taxId",
             Str::err_taxid_invalid},
            {"two debtors never share a tax id", R"({"taxId":"b 1234567-4"})", "taxId",
             Str::err_taxid_duplicate},
            {"a credit limit is positive", R"({"creditLimit":{"currency":"EUR","minor":-100}})",
             "creditLimit", Str::err_amount_positive},
            {"a credit limit is not absurd", R"({"creditLimit":{"currency":"EUR","minor":100000000001}})",
             "creditLimit", Str::err_amount_too_large},
            {"in a known currency", R"({"creditLimit":{"currency":"ESP","minor":100}})",
             "creditLimit.currency", Str::err_currency_unknown},
            {"the kind is one of the known kinds", R"({"kind":"bank"})", "kind", Str::err_field_choice},
            {"at most 20 tags", tooManyTags, "tags", Str::err_too_many},
            {"a tag is at most 50 characters", "{\"tags\":[\"" + letters(51) + "\"]}", "tags",
             Str::err_too_long},
            {"notes are at most 10,000 characters", "{\"notes\":\"" + letters(10001) + "\"}", "notes",
             Str::err_too_long},
            {"the assignee is a member", R"({"assignee":"m-nobody"})", "assignee", Str::err_ref_unknown},
            {"who is still in the team", "{\"assignee\":\"" + a.luis + "\"}", "assignee",
             Str::err_member_inactive},
            {"a contact has a name", R"({"contacts":[{"name":" "}]})", "contacts[0].name", Str::err_required},
            {"a phone has 6 to 15 digits",
             R"({"contacts":[{"name":"Pedro"},{"name":"Eva","phone":"12-34"}]})", "contacts[1].phone",
             Str::err_phone_invalid},
            {"a phone is digits", R"({"contacts":[{"name":"Pedro","phone":"llámame"}]})", "contacts[0].phone",
             Str::err_phone_invalid},
            {"an email looks like one", R"({"contacts":[{"name":"Pedro","email":"pedro@taller"}]})",
             "contacts[0].email", Str::err_email_invalid},
            {"contact ids are unique in the command",
             R"({"contacts":[{"name":"Pedro","id":"c-1"},{"name":"Eva","id":"c-1"}]})", "contacts[1].id",
             Str::err_id_duplicate},
            {"and in the book", "{\"contacts\":[{\"name\":\"Pedro\",\"id\":\"" + a.maria + "\"}]}",
             "contacts[0].id", Str::err_id_duplicate},
            {"a debtor id is never reused", "{\"debtor\":\"" + a.pena + "\"}", "debtor",
             Str::err_id_duplicate},
            {"a misspelt field is named, not ignored", R"({"legalname":"Taller"})", "legalname",
             Str::err_field_unknown},
            {"a text field holds text", R"({"notes":42})", "notes", Str::err_type_text},
        });
}

TEST_CASE("Spanish tax ids: DNI, NIE and CIF with the right check character are accepted") {
    // Real Decreto 1065/2007. DNI: 8 digits and the letter of their remainder by 23; NIE: X, Y
    // or Z stand for 0, 1 or 2; CIF: a letter, 7 digits and a control digit or letter.
    struct Row {
        const char* taxId;
        bool valid;
        const char* why;
    };
    const Row rows[] = {
        {"12345678Z", true, "DNI, 12345678 mod 23 = 14 = Z"},
        {"00000000T", true, "DNI of zeros: T"},
        {"12345678A", false, "DNI with the wrong letter"},
        {"X1234567L", true, "NIE starting X (0)"},
        {"Y1234567X", true, "NIE starting Y (1)"},
        {"Z1234567R", true, "NIE starting Z (2)"},
        {"X1234567A", false, "NIE with the wrong letter"},
        {"B12345674", true, "CIF of a limited company: control digit"},
        {"B1234567D", false, "a limited company's control is a digit, not a letter"},
        {"B12345670", false, "CIF with the wrong control digit"},
        {"Q2826000H", true, "CIF of a public body (the tax agency): control letter"},
        {"Q28260008", false, "a public body's control is a letter, not a digit"},
        {"G12345674", true, "an association may use the digit"},
        {"G1234567D", true, "or the letter"},
        {"I1234567D", false, "I is not an organization letter"},
        {"1234567Z", false, "too short"},
        {"123456789Z", false, "too long"},
        {"", false, "empty"},
    };
    for (const auto& row : rows) {
        INFO(row.taxId, ": ", row.why);
        CHECK(isValidSpanishTaxId(row.taxId) == row.valid);
    }
}

TEST_CASE("a tax id is checked as typed, in any case and with separators") {
    struct Row {
        const char* typed;
        const char* country;
        bool accepted;
    };
    const Row rows[] = {
        {"12.345.678-z", "ES", true},  {"x-1234567-l", "ES", true},    {"b 12345674", "ES", true},
        {"12345678A", "ES", false},    {"FR40303265045", "ES", false}, {"FR40303265045", "FR", true},
        {"GODE561231GR8", "MX", true}, {"1234", "MX", false},
    };
    for (const auto& row : rows) {
        INFO(row.typed, " in ", row.country);
        Book book;
        const auto result = book.dispatch(command(
            "registerDebtor",
            {{"legalName", "Cliente"}, {"taxId", row.typed}, {"country", row.country}, {"kind", "sme"}}));
        CHECK(result.ok() == row.accepted);
        if (!row.accepted) CHECK(code(result.problem) == "err_taxid_invalid");
    }
}

TEST_CASE("updating a debtor changes only the fields given") {
    AnasBook a;
    auto& book = a.book;
    const auto before = book.debtor(a.pena).profile;
    book.accept(command("updateDebtor",
                        {{"debtor", a.pena}, {"tradeName", " Peña Print "}, {"kind", "large_company"}}));
    const auto& p = book.debtor(a.pena).profile;
    CHECK(p.tradeName == "Peña Print");
    CHECK(p.kind == DebtorKind::LargeCompany);
    CHECK(p.legalName == before.legalName);
    CHECK(p.taxId == before.taxId);
    CHECK(p.country == before.country);

    book.accept(command("updateDebtor", {{"debtor", a.pena},
                                         {"relationship", "occasional"},
                                         {"creditLimit", eur(300000)},
                                         {"commercialRefs", "Refs"},
                                         {"bankRefs", "IBAN"},
                                         {"notes", "Nota"},
                                         {"tags", {"vip", "VIP"}},
                                         {"legalName", "Gráficas Peña Hermanos S.L."}}));
    CHECK(p.relationship == Relationship::Occasional);
    CHECK(p.creditLimit == euros(300000));
    CHECK(p.commercialRefs == "Refs");
    CHECK(p.bankRefs == "IBAN");
    CHECK(p.notes == "Nota");
    CHECK(p.tags == std::vector<std::string>{"vip"});
    CHECK(p.legalName == "Gráficas Peña Hermanos S.L.");
    CHECK(p.tradeName == "Peña Print");

    book.accept(command("updateDebtor", {{"debtor", a.pena}, {"clearCreditLimit", true}}));
    CHECK_FALSE(p.creditLimit.has_value());
    book.accept(command("updateDebtor", {{"debtor", a.pena}, {"notes", ""}})); // an empty text clears
    CHECK(p.notes.empty());
}

TEST_CASE("changing a debtor's tax id frees the old one for another debtor") {
    AnasBook a;
    auto& book = a.book;
    book.accept(command("updateDebtor", {{"debtor", a.pena}, {"taxId", "12345678Z"}}));
    CHECK(book.debtor(a.pena).profile.taxId == "12345678Z");
    CHECK(book.state().debtorByTaxId.count("B12345674") == 0);
    CHECK(book.state().debtorByTaxId.at("12345678Z") == *book.state().debtor(a.pena));
    const auto other = book.registerDebtor("Otra S.L.", "B12345674");
    CHECK(book.state().debtorByTaxId.at("B12345674") == *book.state().debtor(other));
    // An empty tax id removes it.
    book.accept(command("updateDebtor", {{"debtor", a.pena}, {"taxId", ""}}));
    CHECK(book.state().debtorByTaxId.count("12345678Z") == 0);
    // A debtor keeps its own tax id when it is sent again.
    book.accept(command("updateDebtor", {{"debtor", other}, {"taxId", "B-12345674"}, {"notes", "x"}}));
}

TEST_CASE("updating a debtor is refused when a rule is broken") {
    AnasBook a;
    const auto other = a.book.registerDebtor("Taller Ruiz S.L.", "X1234567L");
    checkRefusals(
        a.book, command("updateDebtor", {{"debtor", a.pena}, {"notes", "Llamar por la tarde"}}),
        {
            {"the debtor exists", R"({"debtor":"d-nobody"})", "debtor", Str::err_ref_unknown},
            {"the legal name cannot be emptied", R"({"legalName":" "})", "legalName", Str::err_required},
            {"the country is an ISO code", R"({"country":"ESP"})", "country", Str::err_country_invalid},
            {"a Spanish tax id has its check character", R"({"taxId":"12345678A"})", "taxId",
             Str::err_taxid_invalid},
            {"checked against the new country when it changes too",
             R"({"taxId":"GODE561231GR8","country":"ES"})", "taxId", Str::err_taxid_invalid},
            {"two debtors never share a tax id", R"({"taxId":"x1234567l"})", "taxId",
             Str::err_taxid_duplicate},
            {"a credit limit is positive", R"({"creditLimit":{"currency":"EUR","minor":-1}})", "creditLimit",
             Str::err_amount_positive},
            {"an update changes something", R"({"notes":null})", "", Str::err_nothing_to_change},
            {"the kind is one of the known kinds", R"({"kind":"bank"})", "kind", Str::err_field_choice},
            {"a misspelt field is named", R"({"note":"x"})", "note", Str::err_field_unknown},
        });
    CHECK(a.book.debtor(other).profile.taxId == "X1234567L");
}

TEST_CASE("a debtor's contacts are added, updated and removed") {
    AnasBook a;
    auto& book = a.book;
    const auto added = book.dispatch(
        command("addContact",
                {{"debtor", a.pena},
                 {"contact", {{"name", " Eva Peña "}, {"role", "Contabilidad"}, {"email", "eva@pena.es"}}}}));
    REQUIRE(added.ok());
    const auto eva = added.createdId;
    CHECK(eva == entityId('c', added.event->id));
    CHECK(book.contact(eva).info.name == "Eva Peña");
    CHECK(book.contact(eva).debtor == *book.state().debtor(a.pena));
    CHECK(book.debtor(a.pena).contacts.size() == 2);

    book.accept(command("updateContact",
                        {{"contact", eva}, {"phone", "600 123 456"}, {"preferredChannel", "whatsapp"}}));
    CHECK(book.contact(eva).info.phone == "600 123 456");
    CHECK(book.contact(eva).info.preferredChannel == Channel::WhatsApp);
    CHECK(book.contact(eva).info.email == "eva@pena.es"); // untouched
    CHECK(book.contact(eva).info.role == "Contabilidad");

    book.accept(command("removeContact", {{"contact", eva}}));
    CHECK(book.contact(eva).removed);
    CHECK(book.debtor(a.pena).contacts.size() == 2); // kept as history, marked removed
}

TEST_CASE("contact commands are refused when a rule is broken") {
    AnasBook a;
    checkRefusals(
        a.book, command("addContact", {{"debtor", a.pena}, {"contact", {{"name", "Eva"}}}}),
        {
            {"the debtor exists", R"({"debtor":"d-nobody"})", "debtor", Str::err_ref_unknown},
            {"a contact has a name", R"({"contact":{"name":""}})", "contact.name", Str::err_required},
            {"a phone has 6 to 15 digits", R"({"contact":{"phone":"12"}})", "contact.phone",
             Str::err_phone_invalid},
            {"an email looks like one", R"({"contact":{"email":"eva at pena.es"}})", "contact.email",
             Str::err_email_invalid},
            {"a contact id is never reused", "{\"contact\":{\"id\":\"" + a.maria + "\"}}", "contact.id",
             Str::err_id_duplicate},
            {"the channel is a known one", R"({"contact":{"preferredChannel":"pigeon"}})",
             "contact.preferredChannel", Str::err_field_choice},
            {"the contact is required", R"({"contact":null})", "contact", Str::err_field_missing},
        });

    Book removed = a.book;
    removed.accept(command("removeContact", {{"contact", a.maria}}));
    checkRefusals(
        a.book, command("updateContact", {{"contact", a.maria}, {"phone", "+34 600 000 000"}}),
        {
            {"the contact exists", R"({"contact":"c-nobody"})", "contact", Str::err_ref_unknown},
            {"a contact keeps a name", R"({"name":" "})", "name", Str::err_required},
            {"a phone has 6 to 15 digits", R"({"phone":"call me"})", "phone", Str::err_phone_invalid},
            {"an email looks like one", R"({"email":"@pena.es"})", "email", Str::err_email_invalid},
            {"an update changes something", R"({"phone":null})", "", Str::err_nothing_to_change},
        });
    {
        INFO("a removed contact cannot be updated");
        const auto p = removed.refuse(command("updateContact", {{"contact", a.maria}, {"name", "María"}}));
        CHECK(p.field == "contact");
        CHECK(code(p) == "err_ref_unknown");
    }
    {
        INFO("nor removed twice");
        const auto p = removed.refuse(command("removeContact", {{"contact", a.maria}}));
        CHECK(p.field == "contact");
        CHECK(code(p) == "err_ref_unknown");
    }
    checkRefusals(a.book, command("removeContact", {{"contact", a.maria}}),
                  {{"the contact exists", R"({"contact":"c-nobody"})", "contact", Str::err_ref_unknown}});
}

TEST_CASE("a command is an object with a known type") {
    Book book;
    const std::string before = book.dump();
    struct Row {
        const char* json;
        const char* field;
        const char* reason;
    };
    const Row rows[] = {
        {R"(["addNote"])", "", "err_type_object"},
        {R"({"debtor":"d-1"})", "type", "err_field_missing"},
        {R"({"type":42})", "type", "err_field_missing"},
        {R"({"type":"addnote"})", "type", "err_command_unknown"},
        {R"({"type":"note.added","debtor":"d-1","text":"x"})", "type", "err_command_unknown"},
    };
    for (const auto& row : rows) {
        INFO(row.json);
        const auto p = book.refuse(json::parse(row.json));
        CHECK(p.field == row.field);
        CHECK(code(p) == row.reason);
    }
    CHECK(book.dump() == before);
}

TEST_CASE("NIFs of minors (K), Spaniards abroad (L) and foreigners without NIE (M) carry the DNI check letter") {
    // 1234567 % 23 = 19 -> 'L'
    CHECK(isValidSpanishTaxId("K1234567L"));
    CHECK(isValidSpanishTaxId("L1234567L"));
    CHECK(isValidSpanishTaxId("M1234567L"));
    CHECK_FALSE(isValidSpanishTaxId("M1234567A"));
}
