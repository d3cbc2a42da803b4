#pragma once
// A small command-line parser: "--name value", "--name=value" and positional arguments;
// "--" ends the options.
#include "cli/command.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace recobra::cli {

struct Options {
    std::vector<std::string> positional;
    std::map<std::string, std::string> values;               // the last value of each option
    std::map<std::string, std::vector<std::string>> every;  // every value, for options that repeat

    const std::string* find(const std::string& name) const;
    std::vector<std::string> all(const std::string& name) const;
};

// Parses `args`, accepting the options named in `known` (each takes a value). On a mistake
// returns the message to show with the usage hint.
std::optional<std::string> parseOptions(const std::vector<std::string>& args,
                                        const std::vector<std::string>& known, const Context& cx,
                                        Options& out);

// Option values; each returns the message for a bad one.
std::optional<std::string> readCount(const Context& cx, const std::string& name, const std::string& text,
                                     std::uint64_t min, std::uint64_t max, std::uint64_t& out);
std::optional<std::string> readHex32(const Context& cx, const std::string& name, const std::string& text,
                                     std::uint32_t& out);
std::optional<std::string> readDate(const Context& cx, const std::string& name, const std::string& text,
                                    Date& out);
// The `FILE [--today YYYY-MM-DD]` of stats, agenda and agency (parsed with `known` containing
// "--today"): exactly one file, the day read, the backup loaded and folded. On a problem it
// has been reported and the exit code is returned.
std::optional<int> loadBookArgument(const Options& opts, const Context& cx, Book& out);

} // namespace recobra::cli
