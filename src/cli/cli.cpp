#include "cli/cli.hpp"

#include "recobra/version.hpp"

#include <ostream>

namespace recobra::cli {

namespace {

constexpr const char* kUsage = R"(recobra — Recobra's command-line tool (debt collection for freelancers and small businesses)

Usage:
  recobra --version              print the version
  recobra --help                 print this help

Exit codes: 0 success, 1 invalid input, 2 wrong usage, 3 a file could not be read or written.
)";

} // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.empty()) {
        err << kUsage;
        return 2;
    }
    const std::string& command = args[0];
    if (command == "--version" || command == "version") {
        out << "recobra " << kVersion << "\n";
        return 0;
    }
    if (command == "--help" || command == "-h" || command == "help") {
        out << kUsage;
        return 0;
    }
    err << "recobra: unknown command '" << command << "'\n\n" << kUsage;
    return 2;
}

} // namespace recobra::cli
