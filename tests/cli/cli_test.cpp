#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "support.hpp"

#include "recobra/version.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <optional>
#include <sstream>

using namespace recobra::clitest;

namespace {

// Sets LANG for the duration of a test, then puts it back.
class LangVariable {
public:
    explicit LangVariable(const char* value) {
        if (const char* old = std::getenv("LANG")) old_ = old;
        if (value)
            ::setenv("LANG", value, 1);
        else
            ::unsetenv("LANG");
    }
    ~LangVariable() {
        if (old_)
            ::setenv("LANG", old_->c_str(), 1);
        else
            ::unsetenv("LANG");
    }

private:
    std::optional<std::string> old_;
};

Run bare(std::vector<std::string> args) { // without the --lang the helper adds
    std::ostringstream out, err;
    const int code = recobra::cli::run(args, out, err);
    return {code, out.str(), err.str()};
}

} // namespace

TEST_CASE("recobra --version prints the version") {
    const auto r = runRecobra({"--version"});
    CHECK(r.code == 0);
    CHECK(r.out == std::string("recobra ") + recobra::kVersion + "\n");
}

TEST_CASE("recobra --help lists the commands") {
    const auto r = runRecobra({"--help"});
    CHECK(r.code == 0);
    CHECK(r.out.find("Usage:") != std::string::npos);
    for (const char* command : {"generate", "validate", "stats", "--lang", "Exit codes"})
        CHECK_MESSAGE(r.out.find(command) != std::string::npos, command);
}

TEST_CASE("wrong usage exits 2 with the usage on stderr") {
    CHECK(runRecobra({}).code == 2);
    const auto r = runRecobra({"frobnicate"});
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown command 'frobnicate'") != std::string::npos);
    CHECK(r.err.find("recobra --help") != std::string::npos);
}

TEST_CASE("--lang chooses the language of messages, wherever it is written") {
    CHECK(runRecobra({"--lang", "es", "--help"}).out.find("Uso:") != std::string::npos);
    CHECK(runRecobra({"--help", "--lang=es"}).out.find("Códigos de salida") != std::string::npos);
    const auto r = runRecobra({"--lang", "es", "frobnicate"});
    CHECK(r.code == 2);
    CHECK(r.err.find("orden desconocida «frobnicate»") != std::string::npos);
    const auto bad = runRecobra({"--lang", "fr", "--help"});
    CHECK(bad.code == 2);
    CHECK(bad.err.find("unsupported language 'fr'") != std::string::npos);
    CHECK(runRecobra({"--help", "--lang"}).code == 2);
}

TEST_CASE("without --lang, LANG decides: es* is Spanish, anything else English") {
    {
        LangVariable lang("es_ES.UTF-8");
        CHECK(bare({"--help"}).out.find("Uso:") != std::string::npos);
        CHECK(bare({"frobnicate"}).err.find("orden desconocida") != std::string::npos);
    }
    {
        LangVariable lang("es_MX");
        CHECK(bare({"--help"}).out.find("Uso:") != std::string::npos);
    }
    for (const char* value : {"en_GB.UTF-8", "C.UTF-8", "fr_FR", ""}) {
        LangVariable lang(value);
        CHECK_MESSAGE(bare({"--help"}).out.find("Usage:") != std::string::npos, value);
    }
    LangVariable unset(nullptr);
    CHECK(bare({"--help"}).out.find("Usage:") != std::string::npos);
}
