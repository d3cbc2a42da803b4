#pragma once
// The words for every enumeration value in both languages: "stage_" + "not_due" in
// strings/ui.def is the label of Stage::NotDue. A test checks that no value lacks one.
#include "core/i18n/locale.hpp"
#include "core/i18n/strings.hpp"
#include "core/law/court_route.hpp"
#include "core/model/vocabulary.hpp"
#include "core/rules/agenda.hpp"
#include "core/rules/debtor_list.hpp"

#include <array>
#include <string>

namespace recobra {

template <class E> struct LabelPrefix;
template <> struct LabelPrefix<DebtorKind> { static constexpr const char* value = "kind_"; };
template <> struct LabelPrefix<Relationship> { static constexpr const char* value = "relationship_"; };
template <> struct LabelPrefix<Channel> { static constexpr const char* value = "channel_"; };
template <> struct LabelPrefix<Direction> { static constexpr const char* value = "direction_"; };
template <> struct LabelPrefix<Outcome> { static constexpr const char* value = "outcome_"; };
template <> struct LabelPrefix<Attitude> { static constexpr const char* value = "attitude_"; };
template <> struct LabelPrefix<InvoiceKind> { static constexpr const char* value = "invoice_kind_"; };
template <> struct LabelPrefix<PaymentMethod> { static constexpr const char* value = "method_"; };
template <> struct LabelPrefix<Stage> { static constexpr const char* value = "stage_"; };
template <> struct LabelPrefix<PromiseStatus> { static constexpr const char* value = "promise_"; };
template <> struct LabelPrefix<InvoiceStatus> { static constexpr const char* value = "invoice_"; };
template <> struct LabelPrefix<OverdueBucket> { static constexpr const char* value = "bucket_"; };
template <> struct LabelPrefix<Segment> { static constexpr const char* value = "segment_"; };
template <> struct LabelPrefix<LadderAction> { static constexpr const char* value = "ladder_action_"; };
template <> struct LabelPrefix<AgendaKind> { static constexpr const char* value = "agenda_kind_"; };
template <> struct LabelPrefix<Priority> { static constexpr const char* value = "priority_"; };
template <> struct LabelPrefix<RateTable> { static constexpr const char* value = "rate_table_"; };
template <> struct LabelPrefix<PrescriptionTerm> { static constexpr const char* value = "term_"; };
template <> struct LabelPrefix<ProofKind> { static constexpr const char* value = "proof_"; };
template <> struct LabelPrefix<ChargesOutcome> { static constexpr const char* value = "charges_"; };
template <> struct LabelPrefix<InterestKind> { static constexpr const char* value = "interest_kind_"; };
template <> struct LabelPrefix<MascStatus> { static constexpr const char* value = "masc_"; };
template <> struct LabelPrefix<PlanInterest> { static constexpr const char* value = "plan_interest_"; };
template <> struct LabelPrefix<PlanFrequency> { static constexpr const char* value = "plan_frequency_"; };
template <> struct LabelPrefix<PlanStatus> { static constexpr const char* value = "plan_status_"; };
template <> struct LabelPrefix<InstallmentStatus> { static constexpr const char* value = "installment_"; };
template <> struct LabelPrefix<OfferKind> { static constexpr const char* value = "offer_kind_"; };
template <> struct LabelPrefix<OfferStatus> { static constexpr const char* value = "offer_status_"; };

// The string id of a value's label, if strings/*.def has one.
template <class E> std::optional<Str> labelId(E value) {
    return strFromId(std::string(LabelPrefix<E>::value) + enumName(value));
}

// The label in `lang` (looked up once per value, then cached).
template <class E> const char* label(E value, Lang lang) {
    static const auto cache = [] {
        std::array<std::optional<Str>, EnumTable<E>::values.size()> ids{};
        for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = labelId(EnumTable<E>::values[i].first);
        return ids;
    }();
    for (std::size_t i = 0; i < cache.size(); ++i)
        if (EnumTable<E>::values[i].first == value) return cache[i] ? tr(*cache[i], lang) : enumName(value);
    return enumName(value);
}

// Why the MASC attempt of LO 1/2025 stands as it does, in a sentence: the claim view and the
// case file say it alike.
inline std::string mascExplanation(const Masc& masc, Lang lang) {
    const LegalAct* act = masc.act;
    switch (masc.reason) {
    case MascReason::Proved:
        return trf(Str::masc_why_proved, lang, {label(act->channel, lang), formatDate(act->on, lang),
                                                 label(*act->proof, lang), formatDate(act->proofReceivedOn, lang)});
    case MascReason::ProvedTooOld: return trf(Str::masc_why_proved_too_old, lang, {formatDate(act->on, lang)});
    case MascReason::NoProof: return trf(Str::masc_why_no_proof, lang, {label(act->channel, lang), formatDate(act->on, lang)});
    case MascReason::NoClaim: break;
    }
    return tr(Str::masc_why_no_claim, lang);
}

} // namespace recobra
