#pragma once
// Segmentation by payment behaviour (docs/policy-and-agenda.md): each debtor is punctual, an occasional
// slip, a chronic late or partial payer, one who won't pay, or new, read from its history on
// a given day. The segment picks the escalation ladder (policy.hpp) and the 360° view shows
// the evidence in words.
//
// The rule, first match wins (docs/policy-and-agenda.md has it with examples):
//   An invoice "counts" once it is settled or more than kGraceDays past its due date; it was
//   "paid late" when its last payment came more than kGraceDays after the due date, or it is
//   still open that long after it (unless disputed or paused: a disagreement or an agreed
//   arrangement is not a habit). "Paid in parts": settled by two or more payments, or
//   partly paid and still open past its due date.
//   1. Won't pay — something is overdue and, about that debt: the debtor refused to pay, or
//      broke two or more promises made since it fell due, or the last three or more outbound
//      contacts went unanswered.
//   2. New — fewer than two invoices count: too little history to judge.
//   3. Chronic — at least half of the invoices that count were paid late (and two or more),
//      or two or more were paid in parts, or two or more promises were broken.
//   4. Occasional slip — one late or part-paid invoice, or one broken promise.
//   5. Punctual — everything that counts was paid on time.
#include "core/model/policy.hpp"
#include "core/state/state.hpp"

#include <string>

namespace recobra {

// A transfer ordered on the due date may take a few days to arrive: not a slip.
inline constexpr int kGraceDays = 5;

struct SegmentEvidence {
    std::uint32_t invoicesCounted = 0;
    std::uint32_t paidLate = 0;
    std::int64_t daysLateTotal = 0; // over the late ones, for the average
    std::uint32_t paidInParts = 0;
    std::uint32_t promisesBroken = 0;       // over the whole history
    std::uint32_t promisesBrokenOnDebt = 0; // made since the oldest overdue invoice fell due
    std::uint32_t unanswered = 0;           // outbound contacts in a row without an answer
    Timestamp refusedAt = 0;                // a refusal since the oldest overdue invoice fell due
    bool overdue = false;                   // an open invoice more than kGraceDays past due
    std::optional<Date> overdueSince;
};

struct SegmentResult {
    Segment segment = Segment::New;
    SegmentEvidence evidence;
};

SegmentResult classifyDebtor(const State& state, Index debtor, Date today);

// Why the debtor is in its segment, in plain words: "4 of 6 invoices paid late (37 days on
// average) · 2 paid in parts".
std::string segmentExplanation(const SegmentResult& result, Lang lang);

} // namespace recobra
