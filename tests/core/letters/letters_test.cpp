// Letters (docs/letters.md): every shipped template written for a real debtor in both
// languages, the warnings for what a record lacks, the templates the team edits, and how a
// letter leaves (print page, .eml draft, mailto link) without letting a name break out.
#include "core/exchange/agency/agency.hpp"
#include "core/exchange/backup.hpp"
#include "core/exchange/letter_drafts.hpp"
#include "core/letters/delivery.hpp"
#include "core/letters/template_text.hpp"
#include "core/values/sha256.hpp"
#include "core/values/text.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

const json kCreditor = {{"legalName", "Estudio Marta Ruiz S.L."},
                        {"tradeName", "Estudio Ruiz"},
                        {"taxId", "B12345674"},
                        {"address", "Calle de la Paz 12, 3º\n46003 Valencia"},
                        {"email", "cobros@estudioruiz.es"},
                        {"phone", "+34 961 234 567"},
                        {"iban", "es91 2100 0418 4502 0005 1332"},
                        {"paymentOther", "Bizum 600 123 456"},
                        {"signerName", "Marta Ruiz"},
                        {"signerRole", "Gerente"},
                        {"place", "Valencia"}};

// A debtor with a contact (address and email), two overdue invoices, one partly paid, and
// the creditor's details: everything a shipped template asks for except a promise and a plan.
struct LetterBook : Book {
    LetterBook() : Book(1, "2026-01-10") {
        accept(command("updateCreditor", {{"creditor", kCreditor}}));
        pena = registerDebtor("Gráficas Peña S.L.", "B87654323");
        accept(command("addContact", {{"debtor", pena},
                                      {"contact",
                                       {{"name", "Ana Peña"},
                                        {"email", "ana@graficaspena.es"},
                                        {"address", "Avda. del Puerto 5\n46021 Valencia"}}}}));
        first = addInvoice(pena, "F-2026-001", 121000, "2026-01-10", "2026-02-09");
        second = addInvoice(pena, "F-2026-002", 60500, "2026-01-20", "2026-02-19");
        setNow("2026-02-25");
        pay(pena, 21000, "2026-02-25");
        setNow("2026-03-20");
    }
    std::variant<Letter, Problem> write(const std::string& templateId, Lang lang = Lang::es,
                                        const std::string& who = debtorDefault) const {
        const std::string& id = who.empty() ? pena : who;
        return writeLetter(state(), LawTables(state().law), *state().debtor(id), templateId,
                           LetterOptions{.lang = lang, .today = day("2026-03-20"), .deadlineDays = 10, .user = "Marta"});
    }
    Letter letter(const std::string& templateId, Lang lang = Lang::es, const std::string& who = debtorDefault) const {
        auto written = write(templateId, lang, who);
        REQUIRE(std::holds_alternative<Letter>(written));
        return std::get<Letter>(std::move(written));
    }
    static inline const std::string debtorDefault;
    std::string pena, first, second;
};

bool hasWarningFor(const Letter& l, const char* placeholder) {
    return std::any_of(l.warnings.begin(), l.warnings.end(), [&](const auto& w) { return w.placeholder == placeholder; });
}

} // namespace

TEST_CASE("every shipped template is written in Spanish and English with every placeholder filled and no warning") {
    LetterBook book;
    // The plan agreement needs a plan, the offers an open offer (docs/plans-and-offers.md).
    LetterBook withPlan, withOffer;
    withPlan.accept(command("agreePlan", {{"debtor", withPlan.pena},
                                          {"graceDays", 5},
                                          {"acceleration", true},
                                          {"installments",
                                           {{{"amount", eur(53500)}, {"due", "2026-04-20"}},
                                            {{"amount", eur(53500)}, {"due", "2026-05-20"}},
                                            {{"amount", eur(53500)}, {"due", "2026-06-20"}}}}}));
    withOffer.accept(command("makeOffer", {{"debtor", withOffer.pena},
                                           {"kind", "discount"},
                                           {"pay", eur(152475)},
                                           {"percent", 500},
                                           {"deadline", "2026-04-05"}}));
    REQUIRE(shippedTemplates().size() >= 15);
    for (const auto& t : shippedTemplates()) {
        for (const Lang lang : {Lang::es, Lang::en}) {
            INFO(t.id, " ", langCode(lang));
            const std::string_view id = t.id;
            const LetterBook& used = id == "plan_agreement" ? withPlan : id.ends_with("_offer") ? withOffer : book;
            const Letter l = used.letter(t.id, lang);
            CHECK(l.text.find("{{") == std::string::npos);
            CHECK(l.subject.find("{{") == std::string::npos);
            CHECK(l.html.find("{{") == std::string::npos);
            CHECK(l.warnings.empty());
            for (const auto& w : l.warnings) INFO(w.placeholder, ": ", w.message);
            CHECK(l.text.find("Peña") != std::string::npos);
            if (t.kind == TemplateKind::Letter) CHECK(!l.subject.empty());
            // Amounts in the letter's own locale: 1.050,00 € still owed of the first invoice
            // (1.210,00 € less the 210,00 € paid).
            if (std::string_view(t.body[lang == Lang::es ? 0 : 1]).find("{{invoices}}") != std::string_view::npos)
                CHECK(l.text.find(lang == Lang::es ? "1.000,00 €" : "€1,000.00") != std::string::npos);
        }
    }
}

TEST_CASE("the shipped templates cover every template the default policy's ladders name") {
    const Policy& policy = defaultPolicy();
    for (const auto& step : policy.ladder) CHECK_MESSAGE(findShipped(step.templateName), step.templateName);
    for (const auto& ladder : policy.segmentLadders)
        for (const auto& step : ladder.steps) CHECK_MESSAGE(findShipped(step.templateName), step.templateName);
}

TEST_CASE("a value the debtor's record lacks is marked in the text and warned about, never left blank") {
    LetterBook book;
    const auto bare = book.registerDebtor("Talleres Sin Datos S.L.");
    book.addInvoice(bare, "T-1", 50000, "2026-01-05", "2026-02-04");
    book.accept(command("saveTemplate", {{"template", "everything"},
                                         {"lang", "es"},
                                         {"name", "Todo"},
                                         {"subject", "Deuda de {{debtor.name}}"},
                                         {"body", "{{debtor.address}} / {{debtor.email}} / {{promise}}\n{{plan}}\n"}}));
    const Letter l = book.letter("everything", Lang::es, bare);
    CHECK(hasWarningFor(l, "debtor.address"));
    CHECK(hasWarningFor(l, "debtor.email"));
    CHECK(hasWarningFor(l, "promise"));
    CHECK(hasWarningFor(l, "plan"));
    CHECK(l.text.find("[falta: dirección del deudor]") != std::string::npos);
    CHECK(l.html.find("<mark>[falta: email del deudor]</mark>") != std::string::npos);
    CHECK(l.subject == "Deuda de Talleres Sin Datos S.L.");

    // A promise made, and the same text fills it.
    book.accept(command("logInteraction", {{"debtor", bare}, {"at", at("2026-03-20", 10)}, {"channel", "call"},
                                           {"direction", "inbound"}, {"outcome", "promise"},
                                           {"promise", {{"amount", eur(25000)}, {"dueDate", "2026-04-15"}}}}));
    const Letter promised = book.letter("everything", Lang::es, bare);
    CHECK_FALSE(hasWarningFor(promised, "promise"));
    CHECK(promised.text.find("250,00 € el 15/04/2026") != std::string::npos);
}

TEST_CASE("no letter without the creditor's name, tax id and address: the problem says what to fill in") {
    Book book(1, "2026-03-10");
    const auto d = book.registerDebtor("Gráficas Peña S.L.");
    auto written = writeLetter(book.state(), LawTables(book.state().law), *book.state().debtor(d), "friendly_reminder",
                               LetterOptions{.lang = Lang::es, .today = day("2026-03-10"), .deadlineDays = 10, .user = ""});
    REQUIRE(std::holds_alternative<Problem>(written));
    CHECK(code(std::get<Problem>(written)) == "err_creditor_incomplete");
    CHECK(std::get<Problem>(written).args.at(0) == "Razón social, NIF, Dirección");
    book.accept(command("updateCreditor", {{"creditor", {{"legalName", "Estudio Ruiz S.L."}, {"taxId", "B12345674"}}}}));
    CHECK(missingCreditorFields(book.state().letters) == std::vector<std::string>{"address"});
}

TEST_CASE("the creditor's details are checked: tax id, IBAN with its control digits, email, phone") {
    Book book(1, "2026-03-10");
    struct Row {
        const char* rule;
        json creditor;
        const char* field;
        const char* reason;
    };
    const Row rows[] = {
        {"an IBAN whose control digits do not match", {{"iban", "ES91 2100 0418 4502 0005 1333"}}, "creditor.iban", "err_iban_invalid"},
        {"an IBAN too short", {{"iban", "ES91 2100"}}, "creditor.iban", "err_iban_invalid"},
        {"a Spanish tax id with a wrong letter", {{"taxId", "12345678A"}}, "creditor.taxId", "err_taxid_invalid"},
        {"an email without a domain", {{"email", "cobros@"}}, "creditor.email", "err_email_invalid"},
        {"a phone that is words", {{"phone", "llámame"}}, "creditor.phone", "err_phone_invalid"},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        const Problem p = book.refuse(command("updateCreditor", {{"creditor", row.creditor}}));
        CHECK(p.field == row.field);
        CHECK(code(p) == row.reason);
    }
    book.accept(command("updateCreditor", {{"creditor", kCreditor}}));
    const Creditor& c = *book.state().letters.creditor;
    CHECK(c.iban == "ES9121000418450200051332"); // stored normalized
    CHECK(groupedIban(c.iban) == "ES91 2100 0418 4502 0005 1332");
    CHECK(c.address == "Calle de la Paz 12, 3º\n46003 Valencia");
}

TEST_CASE("saving a template refuses an unknown placeholder, naming it, and a table not alone on its line") {
    LetterBook book;
    const json base = {{"template", "mine"}, {"lang", "es"}, {"name", "Mía"}, {"subject", "Hola"}, {"body", "Hola\n"}};
    struct Row {
        const char* rule;
        const char* patch;
        const char* field;
        const char* reason;
        const char* arg;
    };
    const Row rows[] = {
        {"a misspelt placeholder", R"({"body": "Debe {{outstandin}} desde {{dueDate}}"})", "body", "err_placeholder_unknown", "outstandin"},
        {"an unknown one in the subject", R"({"subject": "{{debtor.nombre}}"})", "subject", "err_placeholder_unknown", "debtor.nombre"},
        {"a table inside a sentence", R"({"body": "Facturas: {{invoices}}\n"})", "body", "err_placeholder_block", "invoices"},
        {"an id with capitals", R"({"template": "Mine"})", "template", "err_template_id", "Mine"},
        {"a language that is not one", R"({"lang": "fr"})", "lang", "err_lang", "fr"},
        {"a template of the user's own without a name", R"({"name": ""})", "name", "err_required", nullptr},
        {"a shipped template renamed", R"({"template": "friendly_reminder"})", "name", "err_template_shipped_name", nullptr},
    };
    for (const auto& row : rows) {
        INFO(row.rule);
        const Problem p = book.refuse(patched(command("saveTemplate", base), row.patch));
        CHECK(p.field == row.field);
        CHECK(code(p) == row.reason);
        if (row.arg) CHECK(p.args.at(0) == row.arg);
    }
    CHECK(tr(Str::err_placeholder_unknown, Lang::es) == std::string("«{{{0}}}» no es un marcador conocido (docs/letters.md los lista)"));
    CHECK(trf(Str::err_placeholder_unknown, Lang::en, {"outstandin"}).starts_with("“{{outstandin}}” is not"));
}

TEST_CASE("a shipped template edited by the team wins, in its language only, until it is reset") {
    LetterBook book;
    book.accept(command("saveTemplate", {{"template", "friendly_reminder"},
                                         {"lang", "es"},
                                         {"subject", "Un recordatorio, {{contact.name}}"},
                                         {"body", "Nos deben {{outstanding}}.\n"}}));
    CHECK(book.letter("friendly_reminder").text == "Nos deben 1.605,00 €.\n");
    CHECK(book.letter("friendly_reminder").subject == "Un recordatorio, Ana Peña");
    CHECK(book.letter("friendly_reminder", Lang::en).text.find("Hello") != std::string::npos); // English untouched
    CHECK(templateName(book.state().letters, "friendly_reminder", Lang::es) == "Recordatorio amable");
    book.accept(command("saveTemplate", {{"template", "friendly_reminder"}, {"lang", "es"}, {"reset", true}}));
    CHECK(book.letter("friendly_reminder").text.find("Hola, Ana Peña:") == 0);
    CHECK(code(book.refuse(command("saveTemplate", {{"template", "friendly_reminder"}, {"lang", "es"}, {"reset", true}}))) ==
          "err_nothing_to_change");
}

TEST_CASE("a template of the team's own is listed after the shipped ones and exists in the language it was written in") {
    LetterBook book;
    book.accept(command("saveTemplate", {{"template", "zz_ultimo_aviso"},
                                         {"lang", "es"},
                                         {"name", "Último aviso"},
                                         {"subject", "Último aviso: {{reference}}"},
                                         {"body", "{{invoices}}\nTotal {{outstanding}}\n"}}));
    const auto ids = templateIds(book.state().letters);
    CHECK(ids.back() == "zz_ultimo_aviso");
    CHECK(ids.size() == shippedTemplates().size() + 1);
    const Letter l = book.letter("zz_ultimo_aviso", Lang::en); // written in Spanish only: Spanish it is
    CHECK(l.lang == Lang::es);
    CHECK(l.subject == "Último aviso: F-2026-001, F-2026-002");
    CHECK(l.html.find("<table>") == 0);
    CHECK(l.html.find("<p>Total 1.605,00 €</p>") != std::string::npos);
    CHECK(code(std::get<Problem>(book.write("nonexistent"))) == "err_template_unknown");
}

TEST_CASE("a template edited, carried in a backup and restored writes the same letter") {
    LetterBook book;
    book.accept(command("saveTemplate", {{"template", "second_reminder"},
                                         {"lang", "en"},
                                         {"subject", "Second reminder: {{reference}}"},
                                         {"body", "{{contact.name}}, please pay {{outstanding}} by {{deadline}}.\n\n{{claim}}\n"}}));
    const Letter before = book.letter("second_reminder", Lang::en);
    const std::string text = writeBackup(Settings{}, book.log());
    const auto read = readBackup(text, "backup.json");
    REQUIRE(read.contents);
    const State restored = fold(EventLog(read.contents->events));
    CHECK(restored.letters == book.state().letters);
    const auto after = writeLetter(restored, LawTables(restored.law), *restored.debtor(book.pena), "second_reminder",
                                   LetterOptions{.lang = Lang::en, .today = day("2026-03-20"), .deadlineDays = 10, .user = "Marta"});
    REQUIRE(std::holds_alternative<Letter>(after));
    CHECK(std::get<Letter>(after).text == before.text);
    CHECK(std::get<Letter>(after).html == before.html);
    CHECK(before.text.find("Ana Peña, please pay €1,605.00 by 30 Mar 2026.") == 0);
}

TEST_CASE("whatever a debtor is called, it prints as text: the HTML escapes it, the .eml headers cannot be split") {
    LetterBook book;
    const auto evil = book.registerDebtor("<img src=x onerror=alert(1)>");
    book.accept(command("addContact", {{"debtor", evil},
                                       {"contact", {{"name", "Eve\r\nBcc: all@example.com"}, {"email", "eve@example.com"}}}}));
    book.addInvoice(evil, "E-1", 10000, "2026-01-05", "2026-02-04");
    book.accept(command("saveTemplate", {{"template", "friendly_reminder"},
                                         {"lang", "es"},
                                         {"subject", "Para {{contact.name}} de {{debtor.name}}"},
                                         {"body", "{{debtor.name}} & {{contact.name}}\n"}}));
    const Letter l = book.letter("friendly_reminder", Lang::es, evil);
    CHECK(l.html.find("<img") == std::string::npos);
    CHECK(l.html.find("&lt;img src=x onerror=alert(1)&gt; &amp; Eve") != std::string::npos);
    const std::string page = letterPages(book.state(), {l});
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("default-src 'none'") != std::string::npos);
    CHECK(page.find("<script") == std::string::npos);

    const std::string eml = emlDraft(book.state(), l, at("2026-03-20", 9, 30));
    CHECK(eml.find("\r\nBcc:") == std::string::npos);
    CHECK(eml.find("\nBcc:") == std::string::npos);
    CHECK(eml.find("Date: Fri, 20 Mar 2026 09:30:00 +0000\r\n") != std::string::npos);
    CHECK(eml.find("To: =?UTF-8?B?") != std::string::npos); // the name as encoded words, its line breaks blanked
    CHECK(eml.find("<eve@example.com>\r\n") != std::string::npos);
    CHECK(eml.find("From: Estudio Ruiz <cobros@estudioruiz.es>\r\n") == 0);
    CHECK(eml.find("X-Unsent: 1\r\n") != std::string::npos);
    // Every header line before the blank line is a header or a folded continuation.
    const std::string head = eml.substr(0, eml.find("\r\n\r\n"));
    std::size_t from = 0;
    while (from < head.size()) {
        const auto end = std::min(head.find("\r\n", from), head.size());
        const std::string line = head.substr(from, end - from);
        CHECK((line[0] == ' ' || line.find(": ") != std::string::npos));
        CHECK(line.find('\n') == std::string::npos);
        from = end + 2;
    }
}

TEST_CASE("the .eml body is the letter's text, base64 in lines of 76, and subjects in UTF-8 encoded words") {
    LetterBook book;
    Letter l = book.letter("friendly_reminder");
    CHECK(emlDraft(book.state(), l, at("2026-03-20")).find("Subject: " + l.subject + "\r\n") != std::string::npos);
    l.subject = "Último aviso: " + std::string(60, 'x') + " ñ";
    const std::string eml = emlDraft(book.state(), l, at("2026-03-20"));
    // Encoded words of at most 75 characters, folded onto lines of their own.
    CHECK(eml.find("Subject: =?UTF-8?B?w5psdGltbyBhdmlzbzog") != std::string::npos);
    CHECK(eml.find("?=\r\n =?UTF-8?B?") != std::string::npos);
    CHECK(eml.find("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n") !=
          std::string::npos);
    const std::string body = eml.substr(eml.find("\r\n\r\n") + 4);
    std::size_t from = 0;
    while (from < body.size()) {
        const auto end = body.find("\r\n", from);
        REQUIRE(end != std::string::npos);
        CHECK(end - from <= 76);
        from = end + 2;
    }
}

TEST_CASE("mailto links encode ñ, €, ¿ and line breaks in UTF-8, and say when they are too long") {
    Letter l;
    l.to = "ana@graficaspena.es";
    l.subject = "¿Pagará España?";
    l.text = "Señora:\n1.000 €\n";
    const MailtoLink link = mailtoLink(l);
    CHECK(link.url == "mailto:ana%40graficaspena.es?subject=%C2%BFPagar%C3%A1%20Espa%C3%B1a%3F"
                      "&body=Se%C3%B1ora%3A%0D%0A1.000%20%E2%82%AC%0D%0A");
    CHECK_FALSE(link.tooLong);
    l.text = std::string(kMailtoMax, 'a');
    CHECK(mailtoLink(l).tooLong);
    l.to = "ana@x.es\r\nbcc=all@x.es"; // never a header of its own
    CHECK(mailtoLink(l).url.starts_with("mailto:?subject="));
}

TEST_CASE("a letter marked as sent keeps its text and SHA-256 in the conversation; a wrong fingerprint is refused") {
    CHECK(sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    LetterBook book;
    const Letter l = book.letter("formal_demand");
    const json sent = {{"debtor", book.pena},
                       {"at", at("2026-03-20", 11)},
                       {"channel", "burofax"},
                       {"direction", "outbound"},
                       {"outcome", "other"},
                       {"formalClaim", true},
                       {"summary", l.subject},
                       {"letter", {{"template", "formal_demand"}, {"lang", "es"}, {"subject", l.subject}, {"text", l.text},
                                   {"reference", "BF-2026-0042"}}}};
    const Problem wrong = book.refuse(patched(command("logInteraction", sent), R"({"letter": {"sha256": "00"}})"));
    CHECK(wrong.field == "letter.sha256");
    CHECK(code(wrong) == "err_sha256_mismatch");
    CHECK(book.refuse(patched(command("logInteraction", sent), R"({"letter": {"text": " "}})")).field == "letter.text");
    const auto id = book.accept(command("logInteraction", sent));
    const Event e = book.log().back();
    const auto& logged = std::get<InteractionLogged>(e.payload);
    REQUIRE(logged.letter);
    CHECK(logged.letter->text == l.text);
    CHECK(logged.letter->sha256 == sha256Hex(l.text));
    CHECK(logged.letter->reference == "BF-2026-0042");
    CHECK(book.debtor(book.pena).legalActs.size() == 1); // the formal demand restarts prescription
    CHECK(!id.empty());
}

TEST_CASE("the print page: one A4 sheet per letter, letterhead, place and date, recipient, reference, subject") {
    LetterBook book;
    const Letter es = book.letter("interest_notice");
    const Letter en = book.letter("friendly_reminder", Lang::en);
    const std::string page = letterPages(book.state(), {es, en});
    CHECK(page.find("@page { size: A4;") != std::string::npos);
    std::size_t articles = 0;
    for (std::size_t at = page.find("<article>"); at != std::string::npos; at = page.find("<article>", at + 1)) ++articles;
    CHECK(articles == 2);
    CHECK(page.find("<strong>Estudio Ruiz</strong>Estudio Marta Ruiz S.L. · NIF B12345674<br>Calle de la Paz 12, 3º<br>46003 Valencia") !=
          std::string::npos);
    CHECK(page.find("Gráficas Peña S.L.<br>A/A: Ana Peña<br>Avda. del Puerto 5<br>46021 Valencia") != std::string::npos);
    CHECK(page.find("<p class=\"dated\">Valencia, 20/03/2026</p>") != std::string::npos);
    CHECK(page.find("Ref.: F-2026-001, F-2026-002") != std::string::npos);
    CHECK(page.find("Attn: Ana Peña") != std::string::npos);
    CHECK(letterFileName(book.state(), es, "eml") == "2026-03-20-interest_notice-graficas-pena-s-l.eml");
}

TEST_CASE("placeholders: one list, each with its meaning in both languages; scanning keeps unknown ones as text") {
    for (const auto& p : placeholders()) {
        CHECK(std::string(tr(p.meaning, Lang::es)).size() > 3);
        CHECK(&info(p.id) == &p);
    }
    const auto scanned = scanTemplate("Hola {{ debtor.name }}, {{nope}} {{ unclosed\n{{today}}");
    REQUIRE(scanned.pieces.size() == 3);
    CHECK(scanned.pieces[0].text == "Hola ");
    CHECK(scanned.pieces[0].placeholder == Placeholder::DebtorName);
    CHECK(scanned.pieces[1].text == ", {{nope}} {{ unclosed\n");
    CHECK(scanned.pieces[1].placeholder == Placeholder::Today);
    CHECK(scanned.unknown == std::vector<std::string>{"nope"});
}

TEST_CASE("the case file: both parties, the claim and the MASC attempt, each letter sent in full with its proof") {
    LetterBook book;
    const Letter demand = book.letter("formal_demand");
    const json sent = {{"debtor", book.pena},
                       {"at", at("2026-03-20", 11)},
                       {"channel", "burofax"},
                       {"direction", "outbound"},
                       {"outcome", "other"},
                       {"formalClaim", true},
                       {"summary", demand.subject},
                       {"letter", {{"template", "formal_demand"}, {"lang", "es"}, {"subject", demand.subject},
                                   {"text", demand.text}, {"reference", "BF-0042"}}}};
    const auto interaction = book.accept(command("logInteraction", sent));
    book.setNow("2026-03-24");
    book.accept(command("attachProof", {{"debtor", book.pena}, {"interaction", interaction}, {"kind", "burofax_receipt"},
                                        {"receivedOn", "2026-03-23"}, {"reference", "AR-77"}}));
    AgencyOptions options;
    options.today = day("2026-03-24");
    const std::string page = caseFilePage(book.state(), book.log(), *book.state().debtor(book.pena), options);
    CHECK(page.find("<h2>Acreedor</h2>") != std::string::npos);
    CHECK(page.find("Estudio Marta Ruiz S.L.") != std::string::npos);
    CHECK(page.find("<h2>Reclamación a 24/03/2026</h2>") != std::string::npos);
    CHECK(page.find("Cumplido — Burofax del 20/03/2026, con Acuse de recibo de burofax recibido el 23/03/2026") !=
          std::string::npos);
    CHECK(page.find("Huella SHA-256 del texto: " + sha256Hex(demand.text)) != std::string::npos);
    CHECK(page.find("Referencia del envío: BF-0042") != std::string::npos);
    CHECK(page.find("Justificante: Acuse de recibo de burofax, recibido el 23/03/2026 · AR-77") != std::string::npos);
    CHECK(page.find(htmlEscape("Por medio del presente escrito")) != std::string::npos);
    CHECK(page.find("<script") == std::string::npos);
}

TEST_CASE("today's letters as .eml drafts in one .zip: a numbered file per letter, each the draft of its letter") {
    LetterBook book;
    const auto other = book.registerDebtor("Gráficas Peña S.L.U."); // folds to almost the same name
    book.addInvoice(other, "G-1", 30000, "2026-01-05", "2026-02-04");
    const std::vector<Letter> letters = {book.letter("friendly_reminder"), book.letter("friendly_reminder", Lang::es, other)};
    const Timestamp now = at("2026-03-20", 9, 30);
    const std::string zip = emlDraftsZip(book.state(), letters, now);
    REQUIRE_FALSE(zip.empty());
    CHECK(zip.find("001-2026-03-20-friendly_reminder-graficas-pena-s-l.eml") != std::string::npos);
    CHECK(zip.find("002-2026-03-20-friendly_reminder-graficas-pena-s-l-u.eml") != std::string::npos);
    CHECK(zip.find(emlDraft(book.state(), letters[1], now)) != std::string::npos); // stored, not compressed
}

TEST_CASE("the plan agreement and the offers read their records: the schedule, its terms, what an offer asks and lets go") {
    LetterBook book;
    book.accept(command("agreePlan", {{"debtor", book.pena},
                                      {"graceDays", 5},
                                      {"acceleration", true},
                                      {"installments",
                                       {{{"amount", eur(80000)}, {"due", "2026-04-20"}},
                                        {{"amount", eur(80500)}, {"due", "2026-05-20"}}}}}));
    const Letter es = book.letter("plan_agreement", Lang::es);
    CHECK(es.text.find("1. 800,00 € el 20/04/2026") != std::string::npos);
    CHECK(es.text.find("2. 805,00 € el 20/05/2026") != std::string::npos);
    CHECK(es.text.find("2 plazos, del 20/04/2026 al 20/05/2026, por un total de 1.605,00 €. Un plazo no pagado a su "
                       "vencimiento se considera impagado pasados 5 días. El impago de cualquier plazo dará por vencido") !=
          std::string::npos);
    CHECK(es.html.find("<td class=\"n\">Pendiente</td>") != std::string::npos);
    const Letter en = book.letter("plan_agreement", Lang::en);
    CHECK(en.text.find("If the plan is kept, the creditor waives the late-payment interest") != std::string::npos);

    LetterBook offer;
    offer.accept(command("makeOffer", {{"debtor", offer.pena},
                                       {"kind", "settlement"},
                                       {"pay", eur(100000)},
                                       {"deadline", "2026-04-10"},
                                       {"reason", "Cierre del ejercicio"}}));
    const Letter s = offer.letter("settlement_offer", Lang::es);
    CHECK(s.text.find("aceptar 1.000,00 € como pago total si los recibimos a más tardar el 10/04/2026") != std::string::npos);
    CHECK(s.text.find("renunciaremos al resto, 605,00 €") != std::string::npos);
    // Paid in time, the offer is no longer open: the letter says so.
    offer.setNow("2026-04-01");
    offer.pay(offer.pena, 100000, "2026-04-01");
    CHECK(hasWarningFor(offer.letter("settlement_offer", Lang::es), "offer.amount"));
}
