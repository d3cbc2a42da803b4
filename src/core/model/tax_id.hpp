#pragma once
// Tax ids as people type them and as Recobra compares them: normalized to upper-case letters
// and digits, and for Spain checked against their control character.
#include <string>
#include <string_view>

namespace recobra {

// "B12345678" for " b-1234567.8 ": upper case, letters and digits only.
std::string normalizeTaxId(std::string_view taxId);

// Spanish NIF/NIE/CIF with their check character (Real Decreto 1065/2007).
bool isValidSpanishTaxId(std::string_view normalized);

} // namespace recobra
