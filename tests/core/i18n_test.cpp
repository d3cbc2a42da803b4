#include "core/i18n.hpp"

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

TEST_CASE("placeholders are filled in order") {
    CHECK(substitute("{1} debe {0}", {"1.234,56 €", "José"}) == "José debe 1.234,56 €");
    CHECK(substitute("sin {9}", {"a"}) == "sin ");
    CHECK(trf(Str::welcome_sample, Lang::en, {"€10.00", "1 Nov 2026"}) ==
          "Example: Peña, José — €10.00 outstanding since 1 Nov 2026");
}
