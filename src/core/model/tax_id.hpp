#pragma once
// Tax ids as people type them and as Recobra compares them: normalized to upper-case letters
// and digits, and for Spain checked against their control character. IBANs likewise.
#include <string>
#include <string_view>

namespace recobra {

// "B12345678" for " b-1234567.8 ": upper case, letters and digits only.
std::string normalizeTaxId(std::string_view taxId);

// Spanish NIF/NIE/CIF with their check character (Real Decreto 1065/2007).
bool isValidSpanishTaxId(std::string_view normalized);

// An IBAN as typed ("es91 2100 0418 4502 0005 1332") normalized like a tax id, and checked:
// a country's two letters, two check digits that make the whole number 1 modulo 97
// (ISO 13616), 15 to 34 characters in all.
bool isValidIban(std::string_view normalized);
// "ES91 2100 0418 4502 0005 1332": in groups of four, as printed on a letter.
std::string groupedIban(std::string_view normalized);

} // namespace recobra
