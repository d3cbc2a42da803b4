// `recobra letter`: a letter for one debtor of a backup, as text, a print page, a draft email
// or JSON; every shipped template written for a generated data set without a missing value;
// a refusal that names what is wrong.
#include "support.hpp"

#include "core/letters/templates.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

using namespace recobra::clitest;
using nlohmann::json;

namespace {

// A debtor of the backup with an open invoice: the one its agenda names first.
std::string debtorWithDebt(const std::string& file) {
    const json agenda = json::parse(runRecobra({"agenda", file}).out);
    for (const auto& item : agenda["items"])
        if (item.contains("debtor")) return item["debtor"].get<std::string>();
    return {};
}

} // namespace

TEST_CASE("letter writes every shipped template for a debtor of a generated data set, in both languages") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 40, 5);
    const std::string debtor = debtorWithDebt(file);
    REQUIRE_FALSE(debtor.empty());
    for (const auto& t : recobra::shippedTemplates()) {
        for (const char* lang : {"es", "en"}) {
            INFO(t.id, " ", lang);
            const auto r = runRecobra({"letter", file, "--debtor", debtor, "--template", t.id, "--format", "json", "--lang", lang});
            REQUIRE(r.code == 0);
            const json j = json::parse(r.out);
            CHECK(j["template"] == t.id);
            CHECK(j["lang"] == lang);
            CHECK(j["text"].get<std::string>().find("{{") == std::string::npos);
            CHECK(j["html"].get<std::string>().find("<script") == std::string::npos);
            CHECK(runRecobra({"letter", file, "--debtor", debtor, "--template", t.id, "--format", "json", "--lang", lang}).out == r.out);
        }
    }
}

TEST_CASE("letter prints text, a print page and a draft email; refusals name the problem") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 40, 5);
    const std::string debtor = debtorWithDebt(file);
    const auto text = runRecobra({"letter", file, "--debtor", debtor, "--template", "friendly_reminder"});
    REQUIRE(text.code == 0);
    CHECK(text.out.find("Instalaciones Mediterráneo S.L.") != std::string::npos); // the generated creditor signs
    const auto html = runRecobra({"letter", file, "--debtor", debtor, "--template", "formal_demand", "--format", "html"});
    CHECK(html.out.find("<!DOCTYPE html>") == 0);
    CHECK(html.out.find("@page { size: A4;") != std::string::npos);
    const std::string out = dir.path("demand.eml");
    const auto eml = runRecobra({"letter", file, "--debtor", debtor, "--template", "formal_demand", "--format", "eml", "--out", out});
    CHECK(eml.code == 0);
    CHECK(readFile(out).find("From: Instalmed <cobros@instalmed.es>\r\n") == 0);

    const auto unknownTemplate = runRecobra({"letter", file, "--debtor", debtor, "--template", "nope"});
    CHECK(unknownTemplate.code == 1);
    CHECK(unknownTemplate.err.find("nope") != std::string::npos);
    CHECK(runRecobra({"letter", file, "--debtor", "d-none", "--template", "friendly_reminder"}).code == 1);
    CHECK(runRecobra({"letter", file, "--template", "friendly_reminder"}).code == 2);
    CHECK(runRecobra({"letter", file, "--debtor", debtor, "--template", "friendly_reminder", "--format", "pdf"}).code == 2);
}

TEST_CASE("case-file writes one debtor's page: the parties, the claim, the conversations") {
    TempDir dir;
    const std::string file = generatedBackup(dir, 40, 5);
    const std::string debtor = debtorWithDebt(file);
    const std::string out = dir.path("case.html");
    const auto r = runRecobra({"case-file", file, "--debtor", debtor, "--out", out, "--lang", "en"});
    REQUIRE(r.code == 0);
    const std::string page = readFile(out);
    CHECK(page.find("<h2>Creditor</h2>") != std::string::npos);
    CHECK(page.find("Instalaciones Mediterráneo S.L.") != std::string::npos);
    CHECK(page.find("<h2>Claim as of ") != std::string::npos);
    CHECK(page.find("Negotiation attempt (LO 1/2025)") != std::string::npos);
    CHECK(runRecobra({"case-file", file, "--debtor", debtor}).code == 2);
    CHECK(runRecobra({"case-file", file, "--debtor", "d-none", "--out", out}).code == 1);
}
