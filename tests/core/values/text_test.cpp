// One idea of "blank" for every text Recobra reads (values/text.hpp): ASCII white space and
// the no-break space spreadsheets leave around numbers, at both ends, never inside.
#include "core/values/text.hpp"

#include <doctest/doctest.h>

using namespace recobra;

TEST_CASE("trim takes blanks off both ends and keeps what is inside") {
    struct Row {
        const char* given;
        const char* kept;
    };
    const Row rows[] = {
        {"", ""},
        {"   ", ""},
        {"Ana", "Ana"},
        {"  Ana García \t", "Ana García"},
        {"\r\nF-001\n", "F-001"},
        {"\v\f12,50\f", "12,50"},
        {"\xC2\xA0" "1.234,56\xC2\xA0", "1.234,56"},  // no-break spaces, as Calc writes them
        {" \xC2\xA0 \xC2\xA0x\xC2\xA0 ", "x"},
        {"Peña  y  Peña", "Peña  y  Peña"},           // blanks inside stay
        {"\xC2\xA0", ""},
        {"\xC2", "\xC2"},                              // half a character is not a blank
        {"ñ", "ñ"},
    };
    for (const auto& row : rows) {
        CAPTURE(row.given);
        CHECK(trim(row.given) == row.kept);
    }
}

TEST_CASE("characterCount counts code points, not bytes") {
    CHECK(characterCount("") == 0);
    CHECK(characterCount("abc") == 3);
    CHECK(characterCount("ñandú") == 5);  // 7 bytes
    CHECK(characterCount("€") == 1);      // 3 bytes
    CHECK(characterCount("😀x") == 2);    // 4 + 1 bytes
    CHECK(characterCount("Peña, José — ¿año?") == 18);
}
