#pragma once
// Today's letters as draft emails in one .zip (docs/letters.md): one .eml per letter
// (delivery.hpp), named by its day, template and debtor, for a mail client to open one by one.
#include "core/letters/delivery.hpp"

#include <string>
#include <vector>

namespace recobra {

// The .zip's bytes; "" when the letters pass the ZIP format's limits (zip.hpp).
std::string emlDraftsZip(const State& state, const std::vector<Letter>& letters, Timestamp now);

} // namespace recobra
