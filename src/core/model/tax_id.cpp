#include "core/model/tax_id.hpp"

#include <algorithm>
#include <cctype>

namespace recobra {

std::string normalizeTaxId(std::string_view taxId) {
    std::string out;
    for (char c : taxId) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u)) out.push_back(static_cast<char>(std::toupper(u)));
    }
    return out;
}

bool isValidSpanishTaxId(std::string_view id) {
    static constexpr const char* kDniLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
    auto allDigits = [](std::string_view s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (id.size() != 9) return false;
    // DNI: 8 digits and a letter; NIE: X, Y or Z (0, 1, 2), 7 digits and a letter.
    std::string digits(id.substr(0, 8));
    if (digits[0] == 'X' || digits[0] == 'Y' || digits[0] == 'Z') digits[0] = static_cast<char>('0' + (digits[0] - 'X'));
    if (allDigits(digits)) return kDniLetters[std::stoul(digits) % 23] == id[8];
    // NIF of minors (K), Spaniards abroad (L) and foreigners without NIE (M): the letter,
    // 7 digits and the DNI check letter of those digits.
    if ((id[0] == 'K' || id[0] == 'L' || id[0] == 'M') && allDigits(id.substr(1, 7)))
        return kDniLetters[std::stoul(std::string(id.substr(1, 7))) % 23] == id[8];
    // CIF: an organization letter, 7 digits and a control digit or letter.
    static constexpr std::string_view kOrgLetters = "ABCDEFGHJNPQRSUVW";
    if (kOrgLetters.find(id[0]) == std::string_view::npos || !allDigits(id.substr(1, 7))) return false;
    int sum = 0;
    for (int i = 1; i <= 7; ++i) {
        int n = id[static_cast<std::size_t>(i)] - '0';
        if (i % 2 == 1) { // positions 1, 3, 5, 7 are doubled and their digits added
            n *= 2;
            n = n / 10 + n % 10;
        }
        sum += n;
    }
    const int control = (10 - sum % 10) % 10;
    const char letter = "JABCDEFGHI"[control];
    const char given = id[8];
    if (std::string_view("NPQRSW").find(id[0]) != std::string_view::npos) return given == letter;
    if (std::string_view("ABEH").find(id[0]) != std::string_view::npos) return given == static_cast<char>('0' + control);
    return given == letter || given == static_cast<char>('0' + control);
}

bool isValidIban(std::string_view iban) {
    if (iban.size() < 15 || iban.size() > 34) return false;
    if (!std::isupper(static_cast<unsigned char>(iban[0])) || !std::isupper(static_cast<unsigned char>(iban[1])) ||
        !std::isdigit(static_cast<unsigned char>(iban[2])) || !std::isdigit(static_cast<unsigned char>(iban[3])))
        return false;
    // The first four characters moved to the end, each letter read as 10–35, modulo 97.
    unsigned remainder = 0;
    for (std::size_t i = 0; i < iban.size(); ++i) {
        const char c = iban[(i + 4) % iban.size()];
        if (c >= '0' && c <= '9') remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
        else if (c >= 'A' && c <= 'Z') remainder = (remainder * 100 + static_cast<unsigned>(c - 'A' + 10)) % 97;
        else return false;
    }
    return remainder == 1;
}

std::string groupedIban(std::string_view iban) {
    std::string out;
    for (std::size_t i = 0; i < iban.size(); ++i) {
        if (i > 0 && i % 4 == 0) out.push_back(' ');
        out.push_back(iban[i]);
    }
    return out;
}

} // namespace recobra
