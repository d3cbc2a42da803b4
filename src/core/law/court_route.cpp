#include "core/law/court_route.hpp"

namespace recobra {

Masc mascOf(const State& s, Index debtor, Date today) {
    Masc out;
    const LegalAct* latestClaim = nullptr;
    const LegalAct* latestProved = nullptr;
    for (const auto& act : s.debtors[debtor].legalActs) {
        if (act.on > today) continue;
        const bool proved = act.proof.has_value();
        if (!act.formalClaim && !(act.acknowledgement && act.proof == ProofKind::SignedAcknowledgement)) continue;
        if (!latestClaim || !(act.on < latestClaim->on)) latestClaim = &act;
        if (proved && (!latestProved || !(act.on < latestProved->on))) latestProved = &act;
    }
    if (latestProved && daysBetween(latestProved->on, today) <= 365) {
        out = {MascStatus::Met, MascReason::Proved, latestProved};
    } else if (latestProved) {
        out = {MascStatus::Weak, MascReason::ProvedTooOld, latestProved};
    } else if (latestClaim) {
        out = {MascStatus::Weak, MascReason::NoProof, latestClaim};
    }
    return out;
}

CourtRoute courtRoute(const State& s, const DebtorClaim& claim) {
    CourtRoute out;
    out.claimableEuros = claim.claimable.in(CurrencyCode::eur());
    out.monitorioFits = out.claimableEuros > 0;
    out.lawyerIfOpposed = out.claimableEuros > kLawyerAboveCents;
    out.ordinaryIfOpposed = out.claimableEuros > kOrdinaryAboveCents;
    out.masc = mascOf(s, claim.debtor, claim.today);
    out.deadline = claim.nextDeadline;
    return out;
}

nlohmann::json courtRouteJson(const State&, const CourtRoute& route) {
    nlohmann::json masc = {{"reason", enumName(route.masc.reason)}, {"status", enumName(route.masc.status)}};
    if (const LegalAct* act = route.masc.act) {
        masc["interaction"] = act->interaction;
        masc["on"] = act->on.iso();
        masc["channel"] = enumName(act->channel);
        if (act->proof) {
            masc["proof"] = enumName(*act->proof);
            masc["proofReference"] = act->proofReference;
            masc["proofReceivedOn"] = act->proofReceivedOn.iso();
        }
    }
    return {{"claimableEuros", route.claimableEuros},
            {"deadline", route.deadline ? nlohmann::json(route.deadline->iso()) : nlohmann::json(nullptr)},
            {"lawyerIfOpposed", route.lawyerIfOpposed},
            {"masc", masc},
            {"monitorioFits", route.monitorioFits},
            {"ordinaryIfOpposed", route.ordinaryIfOpposed}};
}

} // namespace recobra
