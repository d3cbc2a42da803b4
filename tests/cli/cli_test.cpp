#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "cli/cli.hpp"
#include "recobra/version.hpp"

#include <doctest/doctest.h>
#include <sstream>

namespace {
struct Run {
    int code;
    std::string out, err;
};
Run cli(std::vector<std::string> args) {
    std::ostringstream out, err;
    const int code = recobra::cli::run(args, out, err);
    return {code, out.str(), err.str()};
}
} // namespace

TEST_CASE("recobra --version prints the version") {
    const auto r = cli({"--version"});
    CHECK(r.code == 0);
    CHECK(r.out == std::string("recobra ") + recobra::kVersion + "\n");
}

TEST_CASE("recobra --help lists the commands") {
    const auto r = cli({"--help"});
    CHECK(r.code == 0);
    CHECK(r.out.find("Usage:") != std::string::npos);
}

TEST_CASE("wrong usage exits 2 with the usage on stderr") {
    CHECK(cli({}).code == 2);
    const auto r = cli({"frobnicate"});
    CHECK(r.code == 2);
    CHECK(r.err.find("unknown command 'frobnicate'") != std::string::npos);
}
