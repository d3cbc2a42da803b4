#pragma once
// The court route for a debtor's claim (docs/law.md), each line with the rule it rests on:
//
//   procedure    a proceso monitorio fits any amount that is due, liquid and documented
//                (LEC art. 812); the petition needs no lawyer or procurador (art. 814.2)
//   if opposed   above 2,000 € lawyer and procurador are needed (LEC arts. 23.2.1º and
//                31.2.1º, by art. 818.1); up to 15,000 € the case goes on as a juicio verbal,
//                above it as a juicio ordinario (arts. 249.2, 250.2 and 818.2)
//   MASC         since 3 April 2025 (so for any claim filed today) a claim needs a documented attempt at an out-of-court
//                solution (LO 1/2025, art. 5), made within the year before (art. 7.3) and
//                proved as art. 10 asks: a burofax or certified email with its receipt, a
//                notarial act, a mediation certificate or a signed acknowledgement. A plain
//                email, letter or WhatsApp may not do (courts differ): "weakly met"
//   deadline     the earliest prescription deadline still ahead (prescription.hpp)
#include "core/law/claim.hpp"

namespace recobra {

enum class MascStatus { Met, Weak, NotMet };
template <> struct EnumTable<MascStatus> {
    static constexpr std::array<std::pair<MascStatus, const char*>, 3> values{
        {{MascStatus::Met, "met"}, {MascStatus::Weak, "weak"}, {MascStatus::NotMet, "not_met"}}};
};

// Why the MASC requirement stands as it does.
enum class MascReason {
    Proved,        // a formal claim with a proof of receipt, within the year
    ProvedTooOld,  // proved, but more than a year ago (art. 7.3)
    NoProof,       // formal claims, none with a proof of receipt
    NoClaim,       // no formal claim logged
};
template <> struct EnumTable<MascReason> {
    static constexpr std::array<std::pair<MascReason, const char*>, 4> values{
        {{MascReason::Proved, "proved"},
         {MascReason::ProvedTooOld, "proved_too_old"},
         {MascReason::NoProof, "no_proof"},
         {MascReason::NoClaim, "no_claim"}}};
};

struct Masc {
    MascStatus status = MascStatus::NotMet;
    MascReason reason = MascReason::NoClaim;
    const LegalAct* act = nullptr; // the one it rests on (the latest proved, else the latest claim)
};

Masc mascOf(const State& state, Index debtor, Date today);

struct CourtRoute {
    std::int64_t claimableEuros = 0; // what the court figures are about (euro cents)
    bool monitorioFits = false;      // something due, in euros, not prescribed
    bool lawyerIfOpposed = false;    // above 2,000 €
    bool ordinaryIfOpposed = false;  // above 15,000 €
    Masc masc;
    std::optional<Date> deadline;
};

inline constexpr std::int64_t kLawyerAboveCents = 200000;    // LEC arts. 23.2.1º and 31.2.1º
inline constexpr std::int64_t kOrdinaryAboveCents = 1500000; // LEC arts. 249.2 and 250.2

CourtRoute courtRoute(const State& state, const DebtorClaim& claim);

nlohmann::json courtRouteJson(const State& state, const CourtRoute& route);

} // namespace recobra
