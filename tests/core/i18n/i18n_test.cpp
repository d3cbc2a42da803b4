#include "core/i18n/strings.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>

using namespace recobra;

TEST_CASE("every string exists, non-empty, in Spanish and English") {
    for (std::size_t i = 0; i < kStrCount; ++i) {
        const auto id = static_cast<Str>(i);
        CAPTURE(std::string(strId(id)));
        CHECK(std::string(tr(id, Lang::es)).size() > 0);
        CHECK(std::string(tr(id, Lang::en)).size() > 0);
    }
}

TEST_CASE("placeholders are the same in both languages") {
    for (std::size_t i = 0; i < kStrCount; ++i) {
        const auto id = static_cast<Str>(i);
        CAPTURE(std::string(strId(id)));
        for (char n = '0'; n <= '9'; ++n) {
            const std::string ph = std::string("{") + n + "}";
            CHECK((std::string(tr(id, Lang::es)).find(ph) == std::string::npos) ==
                  (std::string(tr(id, Lang::en)).find(ph) == std::string::npos));
        }
    }
}

// "{N|one|other}": two forms, an argument the string also shows, nothing nested.
TEST_CASE("plural choices are well formed in both languages") {
    std::size_t choices = 0;
    for (std::size_t i = 0; i < kStrCount; ++i) {
        const auto id = static_cast<Str>(i);
        CAPTURE(std::string(strId(id)));
        for (const Lang lang : {Lang::es, Lang::en}) {
            const std::string text = tr(id, lang);
            for (std::size_t at = text.find('{'); at != std::string::npos; at = text.find('{', at + 1)) {
                if (at + 2 >= text.size() || text[at + 2] != '|') continue;
                ++choices;
                const auto close = text.find('}', at);
                REQUIRE(close != std::string::npos);
                const std::string inside = text.substr(at + 3, close - at - 3);
                CAPTURE(inside);
                CHECK(std::count(inside.begin(), inside.end(), '|') == 1);
                CHECK(inside.find('{') == std::string::npos);
                CHECK(inside.front() != '|');
                CHECK(inside.back() != '|');
                CHECK(text.find(std::string("{") + text[at + 1] + "}") != std::string::npos);
                // Filled, no braces or bars are left.
                const std::string one = substitute(text, {"1", "1", "1", "1", "1", "1", "1", "1", "1"});
                const std::string many = substitute(text, {"2", "2", "2", "2", "2", "2", "2", "2", "2"});
                CHECK(one.find('|') == std::string::npos);
                CHECK(many.find('|') == std::string::npos);
            }
        }
    }
    CHECK(choices > 50);
}

TEST_CASE("placeholders are filled in order") {
    CHECK(substitute("{1} debe {0}", {"1.234,56 €", "José"}) == "José debe 1.234,56 €");
    CHECK(substitute("sin {9}", {"a"}) == "sin ");
    // Plural choices: the first form for the count 1, the second for any other.
    CHECK(substitute("{0} {0|deudor nuevo|deudores nuevos}", {"1"}) == "1 deudor nuevo");
    CHECK(substitute("{0} {0|deudor nuevo|deudores nuevos}", {"0"}) == "0 deudores nuevos");
    CHECK(substitute("{0} {0|deudor nuevo|deudores nuevos}", {"1.234"}) == "1.234 deudores nuevos");
    CHECK(substitute("{1} {1|was|were} already here, {0} {0|event|events}", {"2", "1"}) ==
          "1 was already here, 2 events");
    CHECK(substitute("{0|solo}", {"1"}) == "{0|solo}"); // no second form: not a choice
    CHECK(substitute("{0|a|b", {"1"}) == "{0|a|b");
    CHECK(trf(Str::welcome_sample, Lang::en, {"€10.00", "1 Nov 2026"}) ==
          "Example: Peña, José — €10.00 outstanding since 1 Nov 2026");
}
