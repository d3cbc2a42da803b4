#include "core/sample/identity.hpp"
#include "core/sample/identity_tables.hpp"

#include <array>
#include <cstdio>
#include <iterator>
#include <string_view>

namespace recobra::gen {

namespace {

using namespace tables; // the names, places and banks drawn from (identity_tables.hpp)

// --- helpers ---------------------------------------------------------------------------------

std::string digits(std::uint64_t value, int width) {
    std::string out(static_cast<std::size_t>(width), '0');
    for (int i = width - 1; i >= 0; --i) {
        out[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return out;
}

// A bijection of [0, modulus) (modulus a power of ten): distinct debtors, distinct numbers.
std::uint32_t scramble(std::uint32_t index, std::uint32_t modulus, std::uint64_t salt) {
    // 7,368,787 is odd and not a multiple of 5, so it is invertible modulo any power of ten.
    return static_cast<std::uint32_t>((std::uint64_t{index} * 7368787u + salt) % modulus);
}

std::uint64_t salted(std::uint64_t seed, std::uint64_t what) {
    std::uint64_t s = seed ^ (what * 0x9E3779B97F4A7C15ull);
    return splitmix64(s);
}

// Spanish CCC control digits (the pair after entity and office), then the IBAN check digits.
std::string spanishIban(Rng& rng, const Bank& bank) {
    static constexpr int kWeights[] = {1, 2, 4, 8, 5, 10, 9, 7, 3, 6};
    auto control = [](const std::string& ten) {
        int sum = 0;
        for (std::size_t i = 0; i < 10; ++i) sum += (ten[i] - '0') * kWeights[i];
        const int c = 11 - sum % 11;
        return c == 11 ? 0 : c == 10 ? 1 : c;
    };
    const std::string office = digits(rng.below(10000), 4);
    const std::string account = digits(rng.below(10'000'000'000ull), 10);
    const int d1 = control("00" + std::string(bank.code) + office);
    const int d2 = control(account);
    const std::string bban =
        std::string(bank.code) + office + static_cast<char>('0' + d1) + static_cast<char>('0' + d2) + account;
    // ISO 13616: BBAN + "ES00" with letters as numbers (E=14, S=28), mod 97.
    const std::string numeric = bban + "142800";
    int rest = 0;
    for (char c : numeric) rest = (rest * 10 + (c - '0')) % 97;
    const int check = 98 - rest;
    std::string iban = "ES" + digits(static_cast<std::uint64_t>(check), 2) + bban;
    std::string spaced;
    for (std::size_t i = 0; i < iban.size(); ++i) {
        if (i != 0 && i % 4 == 0) spaced.push_back(' ');
        spaced.push_back(iban[i]);
    }
    return spaced;
}

std::string colombianNit(std::uint64_t number) {
    static constexpr int kWeights[] = {3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71};
    const std::string n = digits(number, 9);
    int sum = 0;
    for (std::size_t i = 0; i < n.size(); ++i) sum += (n[n.size() - 1 - i] - '0') * kWeights[i];
    const int r = sum % 11;
    const int dv = r >= 2 ? 11 - r : r;
    return n + "-" + std::to_string(dv);
}

std::string chileanRut(std::uint64_t number) {
    int sum = 0;
    int weight = 2;
    for (std::uint64_t n = number; n > 0; n /= 10) {
        sum += static_cast<int>(n % 10) * weight;
        weight = weight == 7 ? 2 : weight + 1;
    }
    const int r = 11 - sum % 11;
    const char dv = r == 11 ? '0' : r == 10 ? 'K' : static_cast<char>('0' + r);
    const std::string n = std::to_string(number);
    std::string grouped;
    for (std::size_t i = 0; i < n.size(); ++i) {
        if (i != 0 && (n.size() - i) % 3 == 0) grouped.push_back('.');
        grouped.push_back(n[i]);
    }
    return grouped + "-" + dv;
}

// CUIT/CUIL (AFIP): when the check comes out as 10 the prefix becomes 23 or 33.
std::string argentineCuit(int prefix, std::uint64_t number, bool female) {
    static constexpr int kWeights[] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    auto check = [&](int p) {
        const std::string s = digits(static_cast<std::uint64_t>(p), 2) + digits(number, 8);
        int sum = 0;
        for (std::size_t i = 0; i < 10; ++i) sum += (s[i] - '0') * kWeights[i];
        const int r = 11 - sum % 11;
        return r == 11 ? 0 : r;
    };
    int dv = check(prefix);
    if (dv == 10) {
        const bool company = prefix == 30;
        prefix = company ? 33 : 23;
        dv = company ? 9 : (female ? 4 : 9);
    }
    return digits(static_cast<std::uint64_t>(prefix), 2) + "-" + digits(number, 8) + "-" + std::to_string(dv);
}

std::string peruvianRuc(const std::string& ten) {
    static constexpr int kWeights[] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    int sum = 0;
    for (std::size_t i = 0; i < 10; ++i) sum += (ten[i] - '0') * kWeights[i];
    const int r = 11 - sum % 11;
    const int dv = r == 10 ? 0 : r == 11 ? 1 : r;
    return ten + std::to_string(dv);
}

// RFC (SAT): initials, a date and a three-character homoclave; people 4 letters, companies 3.
std::string mexicanRfc(Rng& rng, const std::string& letters, std::uint32_t unique) {
    static constexpr char kAlnum[] = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    std::string out = letters;
    out += digits(static_cast<std::uint64_t>(rng.between(60, 99)) % 100, 2);
    out += digits(static_cast<std::uint64_t>(rng.between(1, 12)), 2);
    out += digits(static_cast<std::uint64_t>(rng.between(1, 28)), 2);
    for (int i = 0; i < 3; ++i) {
        out.push_back(kAlnum[unique % 34]);
        unique /= 34;
    }
    return out;
}

std::string upperAsciiInitials(std::string_view text, std::size_t count) {
    const std::string slug = asciiSlug(text);
    std::string out;
    for (char c : slug) {
        if (out.size() == count) break;
        out.push_back(static_cast<char>(c - 'a' + 'A'));
    }
    while (out.size() < count) out.push_back('X');
    return out;
}

std::string spanishPhone(Rng& rng, const City& city, bool mobile) {
    // One draw per statement: the order in which operands of + are evaluated is unspecified.
    std::string number;
    if (mobile) {
        number = rng.chance(850) ? "6" : "7";
        number += digits(rng.below(100'000'000), 8);
    } else {
        const std::string prefix = city.phone;
        number = prefix + digits(rng.below(1'000'000'000), static_cast<int>(9 - prefix.size()));
    }
    // "612 345 678" or "976 12 34 56", half of them with the country code.
    std::string spaced = mobile ? number.substr(0, 3) + " " + number.substr(3, 3) + " " + number.substr(6, 3)
                                : number.substr(0, 3) + " " + number.substr(3, 2) + " " +
                                      number.substr(5, 2) + " " + number.substr(7, 2);
    return rng.chance(500) ? "+34 " + spaced : spaced;
}

const City& drawCity(Rng& rng) {
    std::uint64_t total = 0;
    for (const auto& c : kSpanishCities) total += c.weight;
    std::uint64_t r = rng.below(total);
    for (const auto& c : kSpanishCities) {
        if (r < c.weight) return c;
        r -= c.weight;
    }
    return kSpanishCities[0];
}

std::string spanishAddress(Rng& rng, const City& city, bool industrial) {
    const std::string postal = std::string(city.postal) + digits(rng.below(30) + 1, 3);
    const std::string place =
        industrial ? std::string("Polígono Industrial ") + rng.pick(kIndustrialEstates) + ", nave"
                   : std::string(rng.pick(kStreets));
    const int number = rng.between(1, industrial ? 60 : 180);
    return place + " " + std::to_string(number) + ", " + postal + " " + city.name;
}

struct Person {
    std::string first, surname1, surname2;
    bool female = false;
};

Person drawPerson(Rng& rng, std::uint16_t firstIndex, bool foreign) {
    Person p;
    const FirstName name = firstNameAt(firstIndex);
    p.first = name.name;
    p.female = name.female;
    if (foreign) {
        p.surname1 = rng.pick(kForeignSurnames);
    } else {
        p.surname1 = rng.pick(kSurnames);
        p.surname2 = rng.pick(kSurnames);
        // Some Latin American women carry two given names.
        if (rng.chance(120)) {
            const FirstName second = firstNameAt(static_cast<std::uint16_t>(rng.index(kSpanishFirstNames)));
            if (second.female == p.female && p.first != second.name)
                p.first += std::string(" ") + second.name;
        }
    }
    return p;
}

std::string legalNameOf(const Person& p) {
    std::string surnames = p.surname1;
    if (!p.surname2.empty()) surnames += " " + p.surname2;
    return surnames + ", " + p.first;
}

std::string plainNameOf(const Person& p) {
    return p.first + " " + p.surname1;
}

std::string personalEmail(Rng& rng, const Person& p, const char* const* domains, unsigned domainCount) {
    std::string first = asciiSlug(p.first.substr(0, p.first.find(' ')));
    std::string last = asciiSlug(p.surname1);
    std::string local;
    switch (rng.below(4)) {
    case 0:
        local = first + "." + last;
        break;
    case 1:
        local = first + last + std::to_string(rng.between(1, 99));
        break;
    case 2:
        local = first.substr(0, 1) + last + (p.surname2.empty() ? "" : asciiSlug(p.surname2).substr(0, 3));
        break;
    default:
        local = first + "_" + last + std::to_string(rng.between(60, 99));
        break;
    }
    return local + "@" + domains[rng.index(domainCount)];
}

} // namespace

// --- public -----------------------------------------------------------------------------------

const char* countryCode(Country country) {
    switch (country) {
    case Country::ES:
        return "ES";
    case Country::MX:
        return "MX";
    case Country::CO:
        return "CO";
    case Country::CL:
        return "CL";
    case Country::AR:
        return "AR";
    case Country::PE:
        return "PE";
    }
    return "ES";
}

CurrencyCode localCurrency(Country country) {
    const char* code = "EUR";
    switch (country) {
    case Country::ES:
        code = "EUR";
        break;
    case Country::MX:
        code = "MXN";
        break;
    case Country::CO:
        code = "COP";
        break;
    case Country::CL:
        code = "CLP";
        break;
    case Country::AR:
        code = "ARS";
        break;
    case Country::PE:
        code = "PEN";
        break;
    }
    return *CurrencyCode::parse(code);
}

const char* firstName(std::uint16_t index) {
    return firstNameAt(index).name;
}

std::uint16_t drawFirstName(Rng& rng, bool foreign) {
    if (foreign)
        return static_cast<std::uint16_t>(kSpanishFirstNames +
                                          rng.below(kAllFirstNames - kSpanishFirstNames));
    return static_cast<std::uint16_t>(rng.below(kSpanishFirstNames));
}

std::string asciiSlug(std::string_view text) {
    struct Fold {
        const char* utf8;
        char ascii;
    };
    static constexpr Fold kFolds[] = {
        {"á", 'a'}, {"à", 'a'}, {"â", 'a'}, {"ã", 'a'}, {"ä", 'a'}, {"é", 'e'}, {"è", 'e'},
        {"ê", 'e'}, {"ë", 'e'}, {"í", 'i'}, {"ì", 'i'}, {"ï", 'i'}, {"ó", 'o'}, {"ò", 'o'},
        {"ô", 'o'}, {"õ", 'o'}, {"ö", 'o'}, {"ú", 'u'}, {"ù", 'u'}, {"ü", 'u'}, {"ñ", 'n'},
        {"ç", 'c'}, {"Á", 'a'}, {"É", 'e'}, {"Í", 'i'}, {"Ó", 'o'}, {"Ú", 'u'}, {"Ü", 'u'},
        {"Ñ", 'n'}, {"Ç", 'c'}, {"ț", 't'}, {"ș", 's'}, {"ă", 'a'},
    };
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                out.push_back(static_cast<char>(c - 'A' + 'a'));
            else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                out.push_back(static_cast<char>(c));
            ++i;
            continue;
        }
        bool folded = false;
        for (const auto& f : kFolds) {
            const std::string_view seq(f.utf8);
            if (text.substr(i, seq.size()) == seq) {
                out.push_back(f.ascii);
                i += seq.size();
                folded = true;
                break;
            }
        }
        if (!folded) ++i; // another non-ASCII byte: dropped
    }
    return out;
}

std::string spanishDni(std::uint32_t number) {
    static constexpr const char* kLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
    return digits(number, 8) + kLetters[number % 23];
}

std::string spanishNie(char prefix, std::uint32_t number) {
    static constexpr const char* kLetters = "TRWAGMYFPDXBNJZSQVHLCKE";
    const std::uint32_t lead = static_cast<std::uint32_t>(prefix - 'X');
    return std::string(1, prefix) + digits(number, 7) + kLetters[(lead * 10'000'000u + number) % 23];
}

std::string spanishCif(char organization, std::uint32_t number) {
    const std::string body = digits(number, 7);
    int sum = 0;
    for (std::size_t i = 0; i < 7; ++i) {
        int n = body[i] - '0';
        if (i % 2 == 0) { // positions 1, 3, 5, 7 of the CIF
            n *= 2;
            n = n / 10 + n % 10;
        }
        sum += n;
    }
    const int control = (10 - sum % 10) % 10;
    const bool letter = std::string_view("NPQRSW").find(organization) != std::string_view::npos;
    const char check = letter ? "JABCDEFGHI"[control] : static_cast<char>('0' + control);
    return std::string(1, organization) + body + check;
}

std::string makePhone(Rng& rng, Country country, bool mobile) {
    if (country == Country::ES) return spanishPhone(rng, drawCity(rng), mobile);
    // Groups of digits drawn one per statement (operands of + are evaluated in no fixed order).
    auto group = [&](std::uint64_t width) {
        return digits(rng.below(std::uint64_t{1} << 40), static_cast<int>(width));
    };
    std::string out;
    switch (country) {
    case Country::MX:
        out = rng.chance(600) ? "+52 55 " : "+52 33 ";
        out += group(4);
        out += " ";
        out += group(4);
        break;
    case Country::CO:
        out = mobile ? "+57 3" : "+57 601 ";
        out += group(mobile ? 2 : 3);
        out += " ";
        out += group(mobile ? 3 : 4);
        if (mobile) {
            out += " ";
            out += group(4);
        }
        break;
    case Country::CL:
        out = mobile ? "+56 9 " : "+56 2 ";
        out += group(4);
        out += " ";
        out += group(4);
        break;
    case Country::AR:
        out = mobile ? "+54 9 11 " : "+54 11 ";
        out += group(4);
        out += "-";
        out += group(4);
        break;
    default:
        out = mobile ? "+51 9" : "+51 1 ";
        out += group(mobile ? 2 : 3);
        out += " ";
        out += group(mobile ? 3 : 4);
        if (mobile) {
            out += " ";
            out += group(3);
        }
        break;
    }
    return out;
}

Identity makeIdentity(std::uint64_t seed, std::uint32_t debtorIndex, const DebtorShape& shape) {
    Rng rng(streamSeed(seed, 2, debtorIndex));
    Identity id;
    const bool person = shape.kind == DebtorKind::Consumer || shape.kind == DebtorKind::Autonomo;
    const bool spain = shape.country == Country::ES;
    const City& city = drawCity(rng);
    const LatinAmerica* la = spain ? nullptr : &latinAmerica(shape.country);
    std::string domain; // the company's web domain, for email addresses
    std::string sector; // a tag
    const Person holder = drawPerson(rng, shape.contactName, shape.foreignResident);

    // Name and tax id.
    if (person) {
        id.legalName = legalNameOf(holder);
        if (shape.kind == DebtorKind::Autonomo) {
            const auto& trade = rng.pick(kTrades);
            sector = trade.sector;
            id.tradeName = rng.chance(500) ? std::string(trade.name) + " " + plainNameOf(holder)
                                           : std::string(trade.name) + " " + holder.surname1;
        }
        if (spain) {
            if (shape.foreignResident)
                id.taxId =
                    spanishNie("XYZ"[debtorIndex % 3], scramble(debtorIndex, 10'000'000, salted(seed, 11)));
            else
                id.taxId = spanishDni(scramble(debtorIndex, 100'000'000, salted(seed, 12)));
        } else {
            const std::uint32_t n = scramble(debtorIndex, 100'000'000, salted(seed, 13));
            switch (shape.country) {
            case Country::MX: {
                std::string letters = upperAsciiInitials(holder.surname1, 2) +
                                      upperAsciiInitials(holder.surname2, 1) +
                                      upperAsciiInitials(holder.first, 1);
                id.taxId = mexicanRfc(rng, letters, n);
                break;
            }
            case Country::CO:
                id.taxId = std::to_string(10'000'000u + n % 90'000'000u);
                break; // cédula
            case Country::CL:
                id.taxId = chileanRut(8'000'000u + n % 17'000'000u);
                break;
            case Country::AR:
                id.taxId =
                    argentineCuit(holder.female ? 27 : 20, 20'000'000u + n % 25'000'000u, holder.female);
                break;
            default:
                id.taxId = peruvianRuc("10" + digits(40'000'000u + n % 40'000'000u, 8));
                break;
            }
        }
    } else if (shape.kind == DebtorKind::PublicAdministration) {
        const unsigned which = rng.weighted({60, 12, 8, 8, 12});
        char letter = 'P';
        switch (which) {
        case 0: {
            const std::string town = rng.pick(kMunicipalities);
            id.legalName = "Ayuntamiento de " + town;
            domain = asciiSlug(town) + ".es";
            break;
        }
        case 1: {
            const std::string province = rng.pick(kProvinces);
            id.legalName = "Diputación Provincial de " + province;
            domain = "dip" + asciiSlug(province) + ".es";
            break;
        }
        case 2: {
            const std::string region = rng.pick(kRegions);
            id.legalName = "Comarca de " + region;
            domain = "comarca" + asciiSlug(region) + ".es";
            break;
        }
        case 3: {
            const std::string town = rng.pick(kMunicipalities);
            id.legalName = "Consorcio de Aguas de " + town;
            domain = "aguas" + asciiSlug(town) + ".es";
            break;
        }
        default: {
            const std::string uni = rng.pick(kUniversities);
            id.legalName = "Universidad de " + uni;
            domain = "uni" + asciiSlug(uni) + ".es";
            letter = 'Q';
            break;
        }
        }
        sector = "Sector público";
        id.taxId = spanishCif(letter, scramble(debtorIndex, 10'000'000, salted(seed, 14)));
    } else {
        // A company.
        const bool large = shape.kind == DebtorKind::LargeCompany;
        std::string name;
        std::string suffix;
        if (large) {
            const auto& act = rng.pick(kLargeActivities);
            sector = act.sector;
            name = std::string(act.name) + " " + (la ? la->places[rng.index(5)] : rng.pick(kPlaces));
        } else {
            const auto& act = rng.pick(kActivities);
            sector = act.sector;
            const std::string surname = rng.pick(kSurnames);
            switch (rng.weighted({40, 30, 10, 10, 10})) {
            case 0:
                name = std::string(act.name) + " " + surname;
                break;
            case 1:
                name = std::string(act.name) + " " + (la ? la->places[rng.index(5)] : rng.pick(kPlaces));
                break;
            case 2:
                name = surname + " e Hijos";
                break;
            case 3:
                name = std::string(act.name) + " Hermanos " + surname;
                break;
            default:
                name = surname + " y " + rng.pick(kSurnames) + " " + act.name;
                break;
            }
        }
        char letter = 'B';
        if (spain) {
            const unsigned form = large ? rng.weighted({80, 20, 0, 0, 0}) : rng.weighted({10, 78, 4, 4, 4});
            letter = "ABFEJ"[form];
            switch (letter) {
            case 'A':
                suffix = "S.A.";
                break;
            case 'B':
                suffix = rng.chance(150) ? "S.L.U." : "S.L.";
                break;
            case 'F':
                suffix = "S.Coop.";
                break;
            case 'E':
                suffix = "C.B.";
                break;
            default:
                suffix = "S.C.";
                break;
            }
            id.taxId = spanishCif(letter, scramble(debtorIndex, 10'000'000, salted(seed, 15)));
        } else {
            suffix = large || rng.chance(500) ? la->companySuffix : la->smallSuffix;
            const std::uint32_t n = scramble(debtorIndex, 100'000'000, salted(seed, 16));
            switch (shape.country) {
            case Country::MX:
                id.taxId = mexicanRfc(rng, upperAsciiInitials(name, 3), n);
                break;
            case Country::CO:
                id.taxId = colombianNit(900'000'000u + n % 100'000'000u);
                break;
            case Country::CL:
                id.taxId = chileanRut(76'000'000u + n % 2'000'000u);
                break;
            case Country::AR:
                id.taxId = argentineCuit(30, 70'000'000u + n % 10'000'000u, false);
                break;
            default:
                id.taxId = peruvianRuc("20" + digits(n, 8));
                break;
            }
        }
        id.legalName = name + " " + suffix;
        if (rng.chance(250)) id.tradeName = name;
        domain = asciiSlug(name) + (la ? la->domain : (rng.chance(600) ? ".es" : ".com"));
        if (rng.chance(large ? 700 : 350)) {
            const std::int64_t thousands = large ? rng.range(20, 150) : rng.range(3, 40);
            const CurrencyCode currency = spain ? CurrencyCode::eur() : *CurrencyCode::parse("USD");
            id.creditLimit = Money{thousands * 100'000, currency};
        }
    }

    // Contacts: the person themself, or people at the company.
    static constexpr const char* kCompanyRoles[] = {"Administración", "Contabilidad", "Gerencia",
                                                    "Tesorería",      "Compras",      "Dirección financiera",
                                                    "Recepción"};
    static constexpr const char* kPublicRoles[] = {"Intervención", "Tesorería", "Registro de facturas",
                                                   "Servicio de contratación"};
    static constexpr const char* kGenericMailboxes[] = {"administracion", "contabilidad", "facturas",
                                                        "pagos",          "info",         "tesoreria"};
    for (unsigned k = 0; k < shape.contacts; ++k) {
        ContactInfo c;
        const Person who = (person && k == 0) ? holder
                           : k == 0           ? drawPerson(rng, shape.contactName, false)
                                              : drawPerson(rng, drawFirstName(rng, false), false);
        c.name = plainNameOf(who);
        if (person) {
            c.role = k == 0 ? (shape.kind == DebtorKind::Autonomo ? "Titular" : "") : "Familiar";
            c.phone = spain ? spanishPhone(rng, city, true) : makePhone(rng, shape.country, true);
            if (rng.chance(800))
                c.email = la ? personalEmail(rng, who, la->mailDomains, 3)
                             : personalEmail(rng, who, kPersonalMailDomains, 8);
        } else {
            c.role = shape.kind == DebtorKind::PublicAdministration ? rng.pick(kPublicRoles)
                                                                    : rng.pick(kCompanyRoles);
            const bool mobile = rng.chance(450);
            c.phone = spain ? spanishPhone(rng, city, mobile) : makePhone(rng, shape.country, mobile);
            if (rng.chance(500))
                c.email = asciiSlug(who.first.substr(0, who.first.find(' '))) + "." +
                          asciiSlug(who.surname1) + "@" + domain;
            else
                c.email = std::string(rng.pick(kGenericMailboxes)) + "@" + domain;
        }
        if (k == 0) {
            c.address = la ? la->address[rng.index(4)]
                           : spanishAddress(rng, city,
                                            !person && shape.kind != DebtorKind::PublicAdministration &&
                                                rng.chance(400));
        }
        if (rng.chance(300)) {
            static constexpr Channel kPreferred[] = {Channel::Email, Channel::Call, Channel::WhatsApp,
                                                     Channel::Email};
            c.preferredChannel =
                person ? rng.pick(kPreferred) : (rng.chance(700) ? Channel::Email : Channel::Call);
        }
        id.contacts.push_back(std::move(c));
    }

    // Tags and references.
    if (!sector.empty() && rng.chance(700)) id.tags.push_back(sector);
    if (!person && rng.chance(80)) id.tags.push_back("Exportación");
    if (rng.chance(60)) id.tags.push_back("Domiciliación bancaria");
    if (!person && rng.chance(400)) {
        static constexpr const char* kOrders[] = {"pedidos mensuales", "pedidos trimestrales",
                                                  "pedidos puntuales", "contrato de mantenimiento anual",
                                                  "obra por presupuesto"};
        static constexpr const char* kTerms[] = {"30", "45", "60", "90"};
        const int since = rng.between(2008, 2024);
        const std::string orders = rng.pick(kOrders);
        const std::string terms = rng.pick(kTerms);
        id.commercialRefs = "Cliente desde " + std::to_string(since) + "; " + orders +
                            "; condiciones de pago a " + terms + " días";
    }
    if (spain && rng.chance(300)) {
        const Bank& bank = rng.pick(kBanks);
        id.bankRefs = std::string(bank.name) + ", IBAN " + spanishIban(rng, bank);
    }
    return id;
}

ContactInfo makeLaterContact(std::uint64_t seed, const DebtorShape& shape) {
    Rng rng(seed);
    static constexpr const char* kRoles[] = {"Administración", "Contabilidad", "Nueva gestoría", "Tesorería"};
    const Person who = drawPerson(rng, drawFirstName(rng, false), false);
    ContactInfo c;
    c.name = plainNameOf(who);
    const bool person = shape.kind == DebtorKind::Consumer || shape.kind == DebtorKind::Autonomo;
    c.role = person ? "Familiar" : rng.pick(kRoles);
    c.phone = makePhone(rng, shape.country, rng.chance(600));
    if (rng.chance(600)) c.email = personalEmail(rng, who, kPersonalMailDomains, 8);
    return c;
}

std::vector<TeamMember> makeTeam(std::uint64_t seed) {
    Rng rng(streamSeed(seed, 3, 0));
    struct Creditor {
        const char* name;
        const char* domain;
    };
    static constexpr Creditor kCreditors[] = {
        {"Suministros Industriales Ebro S.L.", "suministrosebro.es"},
        {"Talleres Ruiz S.L.", "talleresruiz.es"},
        {"Distribuciones Norte S.A.", "distribucionesnorte.com"},
        {"Grupo Gráfico Levante S.L.", "graficolevante.es"},
    };
    const Creditor& creditor = rng.pick(kCreditors);
    const unsigned count = static_cast<unsigned>(rng.between(3, 6));
    std::vector<TeamMember> team;
    while (team.size() < count) {
        const auto first = drawFirstName(rng, false);
        const Person p = drawPerson(rng, first, false);
        TeamMember m;
        m.name = p.first + " " + p.surname1 + " " + p.surname2;
        bool clash = false;
        for (const auto& other : team) clash = clash || other.name == m.name;
        if (clash) continue;
        m.email = asciiSlug(p.first.substr(0, p.first.find(' '))) + "." + asciiSlug(p.surname1) + "@" +
                  creditor.domain;
        if (team.empty())
            m.role = "Responsable de cobros";
        else if (team.size() == 1)
            m.role = "Administración";
        else if (team.size() == 2 && count >= 5)
            m.role = "Dirección";
        else
            m.role = p.female ? "Gestora de cobros" : "Gestor de cobros";
        team.push_back(std::move(m));
    }
    return team;
}

} // namespace recobra::gen
