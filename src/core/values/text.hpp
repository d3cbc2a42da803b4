#pragma once
// Text as people search it: "pena" finds "Peña", "JOSE" finds "José". Folding decomposes
// accents, drops them and folds case (utf8proc); it is the same natively and in wasm.
#include <string>
#include <string_view>

namespace recobra {

// Without the blanks at both ends: ASCII white space (space, tab, line breaks) and the
// no-break space U+00A0 that spreadsheets and word processors leave around text. The one
// idea of "blank" for every text Recobra reads: commands, policies, amounts, dates, CSV cells.
std::string_view trim(std::string_view text);

std::string foldForSearch(std::string_view utf8);

// Whether `haystack` contains `needle`, both already folded.
bool containsFolded(std::string_view haystack, std::string_view needle);

// Whether the text is valid UTF-8 (imports check this before anything else).
bool isValidUtf8(std::string_view text);

// How many characters (Unicode code points) valid UTF-8 text holds: "ñ" is one, not two
// bytes. Every length limit counts these, in the UI, the commands and the backup check.
std::size_t characterCount(std::string_view utf8);

// At most `maxCharacters` characters of `text`, ending in "…" when cut (never inside a
// character): how a message quotes a value it refuses, so that a 10 MB id gives a short
// message, not a 10 MB one. Bytes that are not UTF-8 are kept as they are.
inline constexpr std::size_t kQuoteCharacters = 60;
std::string quoteBounded(std::string_view text, std::size_t maxCharacters = kQuoteCharacters);

// A file name's part made of text: ASCII letters (accents folded) and digits, the rest as
// single hyphens, at most `max` characters: "Gráficas Peña, S.L." → "graficas-pena-s-l".
std::string slugOf(std::string_view text, std::size_t max);

// &, <, >, " and ' as entities: any text of the user's is safe inside an element or an attribute
// of an HTML page (the agency's pages, letters, the KPIs' report).
std::string htmlEscape(std::string_view text);

} // namespace recobra
