#pragma once
// The `recobra` command line: parsed and run here so tests can call it in-process.
#include <iosfwd>
#include <string>
#include <vector>

namespace recobra::cli {

// args excludes the program name. Returns the process exit code:
// 0 success, 1 the input is invalid (validate), 2 wrong usage, 3 an I/O failure.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

} // namespace recobra::cli
