#pragma once
// What the generated team writes: interaction summaries, reasons for stage changes, voids
// and disputes, notes and invoice descriptions, from banks of realistic Spanish phrases.
// A phrase is chosen while the story is planned (a small number) and written out only when
// its event is, with the details of that event filled in.
#include "core/sample/random.hpp"
#include "core/values/date.hpp"
#include "core/values/money.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace recobra::gen {

enum class Phrase : std::uint8_t {
    // interactions
    PreDueEmail,
    PreDueMessage,
    ReminderEmail,
    ReminderMessage,
    CallNoAnswer,
    CallNoAnswerCompany, // a switchboard, a receptionist
    WrittenNoAnswer,
    PromiseWeekday,
    PromiseEndOfMonth,
    PromiseDate,
    PromisePartial,
    PromiseWritten,
    PromiseVisit,
    PromiseMeeting,
    BrokenPromise,
    Dispute,
    DisputeRejected,
    DisputeDiscount,
    Refusal,
    PaidAlready,
    WrongContact,       // at a company
    WrongContactPerson, // a person's own phone or email
    InboundCall,
    InboundEmail,
    Acknowledge,
    FirmLetter,
    FirmEmail,
    Burofax,
    PlanAgreed,
    InstallmentReminder,
    PlanBroken,
    AgencyHandover,
    AgencyUpdate,
    AgencyPromise,
    LegalFiled,
    LegalUpdate,
    SettlementOffer,
    Recovery,
    PaymentThanks,
    PreDueCall,
    PromiseConfirmation,
    PromiseReminder,
    Statement,
    // reasons and texts
    DisputeReason, // paired with Dispute: the same variant gives the matching reason
    DisputeCreditVoid,
    ErrorVoid,
    DisputeCleared,
    StageNotDue,
    StageOverdue,
    StageReminded,
    StageNegotiating,
    StagePaymentPlan,
    StageFormalDemand,
    StageAgency,
    StageLegal,
    StageClosedPaid,
    StageClosedSettled,
    StageClosedWrittenOff,
    StageClosedPrescribed,
    Note,
    NoteCompany,
    InvoiceDescription,
    Count_
};

// A phrase: its bank and the variant within it.
using PhraseId = std::uint16_t;
PhraseId drawPhrase(Rng& rng, Phrase bank);
PhraseId phraseId(Phrase bank, unsigned variant);
unsigned phraseVariants(Phrase bank);
Phrase phraseBank(PhraseId id);

// The details a phrase may mention: {importe}, {fecha}, {dia} (its weekday), {mes} (its
// month and year), {factura}, {persona} and {n}.
struct PhraseDetails {
    Money amount;
    Date date;
    std::string_view invoice;
    std::string_view person;
    std::int64_t n = 0;
};
std::string renderPhrase(PhraseId id, const PhraseDetails& details);
// Whether the phrase's text mentions a detail ("{dia}"): a weekday only suits a date close by.
bool phraseMentions(PhraseId id, std::string_view placeholder);

} // namespace recobra::gen
