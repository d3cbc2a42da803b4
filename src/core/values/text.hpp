#pragma once
// Text as people search it: "pena" finds "Peña", "JOSE" finds "José". Folding decomposes
// accents, drops them and folds case (utf8proc); it is the same natively and in wasm.
#include <string>
#include <string_view>

namespace recobra {

std::string foldForSearch(std::string_view utf8);

// Whether `haystack` contains `needle`, both already folded.
bool containsFolded(std::string_view haystack, std::string_view needle);

// Whether the text is valid UTF-8 (imports check this before anything else).
bool isValidUtf8(std::string_view text);

} // namespace recobra
