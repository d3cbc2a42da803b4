// What an event's envelope may hold, and how long a message quoting a bad value may be
// (issue 27, points 5 and 7): bounds every reader applies, whichever parser read the event.
#include "core/codec/event_codec.hpp"
#include "core/model/settings.hpp"
#include "core/values/text.hpp"
#include "support.hpp"

#include <doctest/doctest.h>

using namespace recobra;
using namespace recobra::test;

TEST_CASE("an event's envelope is bounded: ts from 1970 to 2200, an author of at most 200 characters") {
    // ts 2^63-1 was read, and `recobra stats` then reported the year 2404.
    auto withEnvelope = [](const std::string& ts, const std::string& author) {
        return R"({"author":")" + author + R"(","id":"0192e6ef8a1e-0000-5eed0000","payload":{"debtor":"d-1","note":"n-1","text":"x"},"ts":)" +
               ts + R"(,"type":"note.added","v":1})";
    };
    const std::string ana = "Ana";
    struct Row {
        std::string text;
        const char* field;
        Str reason;
    };
    const Row rows[] = {
        {withEnvelope("9223372036854775807", ana), "ts", Str::err_ts_range},
        {withEnvelope("7258118400001", ana), "ts", Str::err_ts_range},
        {withEnvelope("-1", ana), "ts", Str::err_ts_range},
        // Past int64: nlohmann called it an integer and the cast made it negative (fuzz-codec).
        {withEnvelope("18446744073709551615", ana), "ts", Str::err_type_integer},
        {withEnvelope("9223372036854775809", ana), "ts", Str::err_type_integer},
        {withEnvelope("1", std::string(201, 'a')), "author", Str::err_too_long},
        // The same for an event of a type this version does not know: its envelope is read.
        {[&] {
             std::string t = withEnvelope("9223372036854775807", ana);
             return t.replace(t.find("note.added"), 10, "plan.created");
         }(),
         "ts", Str::err_ts_range},
    };
    EventDecoder decoder;
    for (const auto& row : rows) {
        INFO(row.text.substr(0, 120));
        const auto p = decoder.decode(row.text);
        REQUIRE(p);
        CHECK(p->code == row.reason);
        CHECK(p->field == row.field);
        const auto viaNlohmann = decodeEvent(json::parse(row.text));
        REQUIRE(viaNlohmann.problem);
        CHECK(viaNlohmann.problem->code == row.reason);
    }
    // The edges themselves are fine: 200 characters of "ñ" (400 bytes), and 2200-01-01.
    std::string ene;
    for (int i = 0; i < 200; ++i) ene += "\u00f1";
    CHECK_FALSE(decoder.decode(withEnvelope("7258118400000", ene)));
    CHECK_FALSE(decoder.decode(withEnvelope("0", ana)));
    // A NUL after the event is no JSON: simdjson read the line as ending before it (fuzz-backup).
    const std::string withNul = withEnvelope("1", ana) + std::string(1, '\0');
    const auto nul = decoder.decode(withNul);
    REQUIRE(nul);
    CHECK(nul->code == Str::err_json_syntax);
    CHECK(decodeEventText(withNul).problem.has_value());
}

TEST_CASE("a message quotes at most a short prefix of what it refuses, in both languages") {
    const std::string huge = "d-" + std::string(std::size_t{10} << 20, 'x');
    const Problem p = problem(Str::err_ref_unknown, "payload.debtor", {huge});
    for (const Lang lang : {Lang::es, Lang::en}) {
        const std::string text = p.describe(lang);
        INFO(text);
        CHECK(text.size() < 200);
        CHECK(text.find("d-xxxx") != std::string::npos);
        CHECK(text.find("\u2026") != std::string::npos);
    }
    // A key of 10 MB, a record named by the file: bounded too.
    Problem named = problem(Str::err_field_unknown, std::string(std::size_t{1} << 20, 'k'));
    named.record = std::string(std::size_t{1} << 20, 'r');
    CHECK(named.describe(Lang::es).size() < 400);
    // Cut between characters, never inside one; short texts whole.
    std::string accents;
    for (int i = 0; i < 100; ++i) accents += "\u00e1";
    const std::string cut = quoteBounded(accents, 10);
    CHECK(cut == std::string(accents, 0, 20) + "\u2026");
    CHECK(quoteBounded("corto") == "corto");
    CHECK(quoteBounded(std::string(60, 'a')) == std::string(60, 'a'));
    CHECK(quoteBounded(std::string(61, 'a')) == std::string(60, 'a') + "\u2026");
    // Lists of choices are not quoted values: they stay whole.
    const Problem choice = problem(Str::err_field_choice, "kind", {std::string(70, 'z'), std::string(120, 'c')});
    CHECK(choice.reason(Lang::en).find(std::string(120, 'c')) != std::string::npos);
    CHECK(choice.reason(Lang::en).find(std::string(61, 'z')) == std::string::npos);
}
