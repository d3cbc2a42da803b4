// The agency package: the chosen cases with their whole history as JSON (with the raw events,
// importable), two CSVs that spreadsheets open correctly and safely, and one printable page
// per debtor that records the out-of-court negotiation attempt (LO 1/2025) in order.
#include "core/codec/event_codec.hpp"
#include "core/exchange/agency/agency.hpp"
#include "core/values/text.hpp"
#include "core/exchange/csv.hpp"
#include "core/sample/generator.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

namespace {

struct Cases {
    Book book{1, "2026-01-10"};
    std::string pena, ruiz, sola, f1, member;

    Cases() {
        member = book.accept(command("addMember", {{"name", "Ana García"}}));
        pena = book.registerDebtor("Gráficas Peña S.L.", "B12345674");
        ruiz = book.registerDebtor("Taller <Ruiz> & Hijos");
        sola = book.registerDebtor("Sola Al Día S.L.");
        book.accept(command("addContact", {{"debtor", pena},
                                           {"contact", {{"name", "José Peña"}, {"phone", "+34 600 123 456"}, {"email", "jose@pena.es"}}}}));
        book.accept(command("assignDebtor", {{"debtor", pena}, {"member", member}}));
        f1 = book.addInvoice(pena, "F-001", 120000, "2026-01-05", "2026-02-04");
        book.addInvoice(pena, "F-002", 30000, "2026-02-01", "2026-03-03");
        book.addInvoice(ruiz, "R-001", 50000, "2025-10-01", "2025-10-31");
        book.addInvoice(sola, "S-001", 9900, "2026-06-01", "2026-07-01"); // not due on 2026-06-15
        book.setNow("2026-05-20", 12);
        book.pay(pena, 20000, "2026-05-18");
        // Recorded out of order: the call of the 12th is logged after the email of the 14th.
        book.accept(command("logInteraction", {{"debtor", pena},
                                               {"at", at("2026-05-14", 10)},
                                               {"channel", "email"},
                                               {"direction", "inbound"},
                                               {"outcome", "dispute"},
                                               {"invoices", {f1}},
                                               {"summary", "Dice: <script>alert('x')</script> & no pagará"}}));
        book.accept(command("logInteraction", {{"debtor", pena},
                                               {"at", at("2026-05-12", 9, 30)},
                                               {"channel", "call"},
                                               {"direction", "outbound"},
                                               {"outcome", "promise"},
                                               {"attitude", "in_difficulty"},
                                               {"promise", {{"amount", eur(50000)}, {"dueDate", "2026-05-30"}}},
                                               {"summary", "=HYPERLINK(\"http://x\";\"pagar\")"}}));
        book.accept(command("logInteraction", {{"debtor", pena},
                                               {"at", at("2026-05-19", 16)},
                                               {"channel", "burofax"},
                                               {"direction", "outbound"},
                                               {"outcome", "no_answer"},
                                               {"formalClaim", true},
                                               {"summary", "Requerimiento formal\nsegunda línea"}}));
        book.accept(command("changeStage", {{"debtor", pena}, {"stage", "agency"}, {"reason", "Tres promesas incumplidas"}}));
        book.accept(command("addNote", {{"debtor", pena}, {"text", "Nota interna"}}));
    }

    AgencyPackage package(Lang lang, std::vector<std::string> ids) {
        AgencyOptions options;
        options.lang = lang;
        options.today = day("2026-06-15");
        options.preparedBy = "Ana García";
        const auto chosen = selectDebtors(book.state(), AgencySelection{std::move(ids), {}, {}}, options.today);
        REQUIRE_FALSE(chosen.problem.has_value());
        return buildAgencyPackage(book.state(), book.log(), chosen.debtors, options);
    }
};

std::vector<std::string> ids(const State& s, const std::vector<Index>& debtors) {
    std::vector<std::string> out;
    for (Index d : debtors) out.push_back(s.debtors[d].id);
    return out;
}

const std::string& bytesOf(const AgencyPackage& p, const std::string& name) {
    static const std::string none;
    const PackageFile* f = p.find(name);
    CHECK_MESSAGE(f != nullptr, "no file ", name);
    return f ? f->bytes : none;
}

bool before(const std::string& text, const std::string& first, const std::string& second) {
    const auto a = text.find(first), b = text.find(second);
    return a != std::string::npos && b != std::string::npos && a < b;
}

} // namespace

TEST_CASE("debtors are chosen by hand, or by stage and days overdue on a given day") {
    Cases c;
    const State& s = c.book.state();
    const Date today = day("2026-06-15");
    CHECK(ids(s, selectDebtors(s, {{c.ruiz, c.pena}, {}, {}}, today).debtors) == std::vector<std::string>{c.pena, c.ruiz});
    CHECK(ids(s, selectDebtors(s, {{}, {Stage::Agency}, {}}, today).debtors) == std::vector<std::string>{c.pena});
    CHECK(ids(s, selectDebtors(s, {{}, {Stage::Agency, Stage::Overdue}, {}}, today).debtors) ==
          std::vector<std::string>{c.pena, c.ruiz});
    // Ruiz's R-001 is 227 days overdue, Peña's oldest 131; Sola owes nothing due yet.
    CHECK(ids(s, selectDebtors(s, {{}, {}, 200}, today).debtors) == std::vector<std::string>{c.ruiz});
    CHECK(ids(s, selectDebtors(s, {{}, {}, 90}, today).debtors) == std::vector<std::string>{c.pena, c.ruiz});
    CHECK(ids(s, selectDebtors(s, {{}, {Stage::Agency}, 200}, today).debtors).empty());
    CHECK(selectDebtors(s, {}, today).debtors.size() == 3);
    const auto unknown = selectDebtors(s, {{c.pena, "d-nadie"}, {}, {}}, today);
    CHECK(unknown.debtors.empty());
    CHECK(code(unknown.problem) == "err_ref_unknown");
}

TEST_CASE("the package holds cases.json, two CSVs, an index and one page per debtor") {
    Cases c;
    const AgencyPackage p = c.package(Lang::es, {c.pena, c.ruiz});
    std::vector<std::string> names;
    for (const auto& f : p.files) names.push_back(f.name);
    CHECK(names == std::vector<std::string>{"cases.json", "invoices.csv", "interactions.csv", "index.html",
                                            "0001-graficas-pena-s-l.html", "0002-taller-ruiz-hijos.html"});
    CHECK(p.debtors == 2);
    CHECK(p.invoices == 3);
    CHECK(p.interactions == 3);
    CHECK(p.bytes() > 10'000);
}

TEST_CASE("cases.json: every case with its complete history in order, and the raw events") {
    Cases c;
    const AgencyPackage p = c.package(Lang::en, {c.pena});
    nlohmann::json j;
    REQUIRE_FALSE(parseJson(bytesOf(p, "cases.json"), j).has_value());
    CHECK(j["format"] == kAgencyFormat);
    CHECK(j["schema"] == 1);
    CHECK(j["generated"] == "2026-06-15");
    CHECK(j["preparedBy"] == "Ana García");
    REQUIRE(j["cases"].size() == 1);
    const auto& k = j["cases"][0];
    CHECK(k["debtor"]["legalName"] == "Gráficas Peña S.L.");
    CHECK(k["debtor"]["taxId"] == "B12345674");
    CHECK(k["debtor"]["assignee"] == "Ana García");
    CHECK(k["stage"] == "agency");
    CHECK(k["daysOverdue"] == 131);
    CHECK(k["outstanding"][0]["minor"] == 130000);
    CHECK(k["contacts"][0]["phone"] == "+34 600 123 456");
    REQUIRE(k["invoices"].size() == 2);
    CHECK(k["invoices"][0]["number"] == "F-001");
    CHECK(k["invoices"][0]["status"] == "partially_paid");
    CHECK(k["invoices"][0]["outstanding"]["minor"] == 100000);
    CHECK(k["payments"][0]["allocations"][0]["number"] == "F-001");
    CHECK(k["payments"][0]["allocations"][0]["amount"]["minor"] == 20000);
    CHECK(k["promises"][0]["status"] == "broken"); // 200 € of the 500 € promised by 30 May
    CHECK(k["promises"][0]["paid"]["minor"] == 20000);
    CHECK(k["stageHistory"][0]["to"] == "agency");
    CHECK(k["stageHistory"][0]["reason"] == "Tres promesas incumplidas");
    REQUIRE(k["interactions"].size() == 3);
    // In the order they happened, not the order they were recorded.
    CHECK(k["interactions"][0]["at"] == "2026-05-12T09:30:00Z");
    CHECK(k["interactions"][0]["promise"]["amount"]["minor"] == 50000);
    CHECK(k["interactions"][1]["at"] == "2026-05-14T10:00:00Z");
    CHECK(k["interactions"][1]["invoices"][0] == "F-001");
    CHECK(k["interactions"][2]["formalClaim"] == true);
    CHECK(k["interactions"][2]["author"] == "Ana");
    CHECK(k["notes"][0]["text"] == "Nota interna");

    // The raw events: Peña's, and the team member they name; they check like a backup.
    const BackupRead events = readAgencyPackageEvents(bytesOf(p, "cases.json"), "cases.json");
    REQUIRE(events.contents.has_value());
    CHECK(events.contents->events.size() == p.events);
    CHECK(p.events == 12); // the member, the debtor, a contact, the assignment, 2 invoices, a payment, 3 calls, stage, note
    CHECK_FALSE(checkIntegrity({}, events.contents->events, "cases.json").has_value());
    for (const auto& e : events.contents->events) {
        const auto d = affectedDebtor(c.book.state(), e.payload);
        CHECK((!d || c.book.state().debtors[*d].id == c.pena));
    }
}

TEST_CASE("invoices.csv and interactions.csv read back with the CSV reader, one row each, guarded") {
    Cases c;
    for (Lang lang : {Lang::es, Lang::en}) {
        INFO(langCode(lang));
        const AgencyPackage p = c.package(lang, {c.pena, c.ruiz});
        const std::string& invoicesText = bytesOf(p, "invoices.csv");
        CHECK(invoicesText.rfind("\xEF\xBB\xBF", 0) == 0);
        const auto invoices = readCsv(invoicesText, "invoices.csv");
        REQUIRE(invoices.ok());
        CHECK(invoices.table->separator == (lang == Lang::es ? ';' : ','));
        REQUIRE(invoices.table->rows.size() == 4); // header + 3 invoices
        const auto& header = invoices.table->rows[0].cells;
        const auto& f1 = invoices.table->rows[1].cells;
        REQUIRE(f1.size() == header.size());
        CHECK(header[3] == (lang == Lang::es ? "Factura" : "Invoice"));
        CHECK(f1[1] == "Gráficas Peña S.L.");
        CHECK(f1[3] == "F-001");
        CHECK(f1[4] == (lang == Lang::es ? "05/01/2026" : "2026-01-05"));
        CHECK(f1[6] == (lang == Lang::es ? "1200,00" : "1200.00"));
        CHECK(f1[9] == (lang == Lang::es ? "1000,00" : "1000.00"));
        CHECK(f1[10] == (lang == Lang::es ? "Pagada en parte" : "Partly paid"));
        CHECK(invoices.table->rows[3].cells[1] == "Taller <Ruiz> & Hijos");

        const auto interactions = readCsv(bytesOf(p, "interactions.csv"), "interactions.csv");
        REQUIRE(interactions.ok());
        REQUIRE(interactions.table->rows.size() == 4);
        const auto& first = interactions.table->rows[1].cells;
        CHECK(first[3] == (lang == Lang::es ? "12/05/2026 09:30" : "2026-05-12 09:30"));
        CHECK(first[4] == (lang == Lang::es ? "Llamada" : "Call"));
        CHECK(first[6] == (lang == Lang::es ? "Promesa de pago" : "Promise to pay"));
        CHECK(first[7] == (lang == Lang::es ? "En dificultades" : "In difficulty"));
        // A formula in a summary is written as text: an apostrophe in front.
        CHECK(first[9] == "'=HYPERLINK(\"http://x\";\"pagar\")");
        CHECK(first[10] == (lang == Lang::es ? "500,00" : "500.00"));
        CHECK(interactions.table->rows[2].cells[16] == "F-001");
        CHECK(interactions.table->rows[3].cells[9] == "Requerimiento formal\nsegunda línea");
        CHECK(interactions.table->rows[3].cells[14] == (lang == Lang::es ? "Sí" : "Yes"));
        // The contact's phone starts with '+': guarded too, wherever a cell starts so.
        CsvReadOptions undo;
        undo.undoFormulaGuard = true;
        CHECK(readCsv(bytesOf(p, "interactions.csv"), "i.csv", undo).table->rows[1].cells[9] ==
              "=HYPERLINK(\"http://x\";\"pagar\")");
    }
}

TEST_CASE("the page per debtor: escaped, self-contained, printable, the negotiation in order") {
    Cases c;
    const AgencyPackage es = c.package(Lang::es, {c.pena, c.ruiz});
    const std::string& page = bytesOf(es, "0001-graficas-pena-s-l.html");
    CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(page.find("<html lang=\"es\">") != std::string::npos);
    // Nothing the user typed becomes markup, and the page runs nothing and loads nothing.
    CHECK(page.find("<script") == std::string::npos);
    CHECK(page.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; no pagará") != std::string::npos);
    CHECK(page.find("Content-Security-Policy") != std::string::npos);
    CHECK(page.find("default-src 'none'") != std::string::npos);
    CHECK(page.find("http://") == page.find("http://x")); // the only URL is the escaped text of a summary
    CHECK(page.find("src=") == std::string::npos);
    CHECK(page.find("@page") != std::string::npos);
    // Headed as the record of the out-of-court negotiation attempt (LO 1/2025).
    CHECK(page.find("Registro del intento de negociación extrajudicial") != std::string::npos);
    CHECK(page.find("Ley Orgánica 1/2025") != std::string::npos);
    CHECK(page.find("Preparado por") != std::string::npos);
    // The negotiation in the order it happened, with dates, channels, outcomes, authors.
    CHECK(before(page, "12/05/2026 09:30", "14/05/2026 10:00"));
    CHECK(before(page, "14/05/2026 10:00", "19/05/2026 16:00"));
    CHECK(before(page, "=HYPERLINK", "&lt;script&gt;"));
    CHECK(page.find("<td>Llamada</td>") != std::string::npos);
    CHECK(page.find("<td>Burofax</td>") != std::string::npos);
    CHECK(page.find("<td>Promesa de pago</td>") != std::string::npos);
    CHECK(page.find("Promete pagar 500,00 € el 30/05/2026 (Incumplida)") != std::string::npos);
    CHECK(page.find("Reclamación formal documentada") != std::string::npos);
    CHECK(page.find("1.200,00 €") != std::string::npos);
    CHECK(page.find("Tres promesas incumplidas") != std::string::npos);
    CHECK(page.find("Nota interna") == std::string::npos); // internal notes stay in cases.json
    const std::string& ruiz = bytesOf(es, "0002-taller-ruiz-hijos.html");
    CHECK(ruiz.find("<h1>Taller &lt;Ruiz&gt; &amp; Hijos</h1>") != std::string::npos);
    CHECK(ruiz.find("No hay gestiones registradas.") != std::string::npos);
    const std::string& index = bytesOf(es, "index.html");
    CHECK(index.find("href=\"0001-graficas-pena-s-l.html\"") != std::string::npos);
    CHECK(index.find("href=\"0002-taller-ruiz-hijos.html\"") != std::string::npos);

    const AgencyPackage en = c.package(Lang::en, {c.pena});
    const std::string& english = bytesOf(en, "0001-graficas-pena-s-l.html");
    CHECK(english.find("Record of the out-of-court negotiation attempt") != std::string::npos);
    CHECK(english.find("12 May 2026 09:30") != std::string::npos);
    CHECK(english.find("€1,200.00") != std::string::npos);
    CHECK(english.find("<td>Call</td>") != std::string::npos);
}

TEST_CASE("built a piece at a time, the package is the same, and progress only goes up") {
    const std::vector<Event> events = generateDataset(GeneratorOptions{60, 5});
    Workspace w(1);
    w.load(events);
    AgencyOptions options;
    options.today = day("2026-11-01");
    const auto chosen = selectDebtors(w.state(), AgencySelection{{}, {Stage::Agency, Stage::Legal, Stage::FormalDemand}, {}},
                                      options.today);
    REQUIRE(chosen.debtors.size() > 2);
    const AgencyPackage whole = buildAgencyPackage(w.state(), w.log(), chosen.debtors, options);
    AgencyPackageBuilder builder(w.state(), w.log(), chosen.debtors, options);
    double last = 0;
    int steps = 0;
    while (builder.step(50)) {
        CHECK(builder.progress() >= last);
        CHECK(builder.progress() <= 1.0);
        last = builder.progress();
        ++steps;
    }
    CHECK(steps > 10);
    CHECK(builder.progress() == 1.0);
    const AgencyPackage pieces = builder.take();
    REQUIRE(pieces.files.size() == whole.files.size());
    for (std::size_t i = 0; i < whole.files.size(); ++i) {
        CHECK(pieces.files[i].name == whole.files[i].name);
        CHECK(pieces.files[i].bytes == whole.files[i].bytes);
    }
    // Whatever the data, the CSVs read back and the events check.
    CHECK(readCsv(bytesOf(whole, "invoices.csv"), "i.csv").ok());
    CHECK(readCsv(bytesOf(whole, "interactions.csv"), "x.csv").ok());
    const BackupRead read = readAgencyPackageEvents(bytesOf(whole, "cases.json"), "cases.json");
    REQUIRE(read.contents.has_value());
    CHECK_FALSE(checkIntegrity({}, read.contents->events, "cases.json").has_value());
}

TEST_CASE("HTML escaping and instants in ISO form") {
    CHECK(htmlEscape("<a href=\"x\">'Peña' & co</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;Peña&#39; &amp; co&lt;/a&gt;");
    CHECK(isoTimestamp(at("2026-03-10", 11, 30)) == "2026-03-10T11:30:00Z");
    CHECK(isoTimestamp(0) == "1970-01-01T00:00:00Z");
}
