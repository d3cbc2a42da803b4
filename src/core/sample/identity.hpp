#pragma once
// Who the generated debtors and team members are: Spanish and Latin American names of
// people, companies and public bodies, tax ids with their check characters, addresses,
// phone numbers and email addresses that look real (and are not).
#include "core/model/events.hpp"
#include "core/sample/random.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace recobra::gen {

enum class Country : std::uint8_t { ES, MX, CO, CL, AR, PE };
inline constexpr unsigned kCountryCount = 6;
const char* countryCode(Country country);
CurrencyCode localCurrency(Country country);

// What the story of a debtor needs to know about who it is; drawn with the story.
struct DebtorShape {
    DebtorKind kind = DebtorKind::Sme;
    Country country = Country::ES;
    bool foreignResident = false;  // a person with a NIE (ES) or a foreign name
    std::uint8_t contacts = 1;     // contacts registered with the debtor
    std::uint16_t contactName = 0; // first name of the first contact (firstName())
};

// The first contact's first name, for phrases ("Hablo con Marta…").
const char* firstName(std::uint16_t index);
std::uint16_t drawFirstName(Rng& rng, bool foreign);

// Everything else about a debtor, drawn from its own stream so that it can be rebuilt when
// its registration is written without being kept in memory meanwhile.
struct Identity {
    std::string legalName;
    std::string tradeName;
    std::string taxId;
    std::vector<ContactInfo> contacts; // ids left empty
    std::vector<std::string> tags;
    std::optional<Money> creditLimit;
    std::string commercialRefs;
    std::string bankRefs;
};
Identity makeIdentity(std::uint64_t seed, std::uint32_t debtorIndex, const DebtorShape& shape);

// A new contact met later (accounting changed hands…), and a new phone for an old one.
ContactInfo makeLaterContact(std::uint64_t seed, const DebtorShape& shape);
std::string makePhone(Rng& rng, Country country, bool mobile);

struct TeamMember {
    std::string name;
    std::string email;
    std::string role;
};
// The creditor's collection team: 3 to 6 people, the first one leads it.
std::vector<TeamMember> makeTeam(std::uint64_t seed);

// Tax ids with their check characters (exposed for tests).
std::string spanishDni(std::uint32_t number);                    // 8 digits + letter
std::string spanishNie(char prefix, std::uint32_t number);       // X/Y/Z + 7 digits + letter
std::string spanishCif(char organization, std::uint32_t number); // letter + 7 digits + control

// "Peña Martínez" -> "penamartinez": for email addresses and web domains.
std::string asciiSlug(std::string_view text);

} // namespace recobra::gen
