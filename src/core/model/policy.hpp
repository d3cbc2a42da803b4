#pragma once
// The collection policy: how the business chases what it is owed (docs/policy-and-agenda.md).
// Payment terms, a reminder before the due date, an escalation ladder by days overdue (one
// per payment-behaviour segment if wanted), how often a debtor may be contacted and when
// not at all, and how long a case may sit in a stage without anyone touching it.
//
// The policy is part of the event log (policy.updated carries the whole policy); until one
// is recorded the default policy applies. Plain data: visit() lists the fields in the
// alphabetical order of their JSON keys, like every payload.
#include "core/i18n/problem.hpp"
#include "core/model/field.hpp"
#include "core/model/vocabulary.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace recobra {

// What a step of the ladder asks the collector to do, in rising order of severity.
enum class LadderAction { FriendlyReminder, Call, FirmLetter, InterestNotice, FormalDemand, Agency, Legal };

// How a debtor pays, read from its history (segmentation.hpp says how).
enum class Segment { New, Punctual, OccasionalSlip, Chronic, WontPay };

template <> struct EnumTable<LadderAction> {
    static constexpr std::array<std::pair<LadderAction, const char*>, 7> values{
        {{LadderAction::FriendlyReminder, "friendly_reminder"},
         {LadderAction::Call, "call"},
         {LadderAction::FirmLetter, "firm_letter"},
         {LadderAction::InterestNotice, "interest_notice"},
         {LadderAction::FormalDemand, "formal_demand"},
         {LadderAction::Agency, "agency"},
         {LadderAction::Legal, "legal"}}};
};
template <> struct EnumTable<Segment> {
    static constexpr std::array<std::pair<Segment, const char*>, 5> values{{{Segment::New, "new"},
                                                                             {Segment::Punctual, "punctual"},
                                                                             {Segment::OccasionalSlip, "occasional_slip"},
                                                                             {Segment::Chronic, "chronic"},
                                                                             {Segment::WontPay, "wont_pay"}}};
};

// 1 friendly contact, 2 a firmer letter or notice, 3 formal demand, 4 agency, 5 court.
int severity(LadderAction action);
// The severity a stage of the case already stands for (a case in "formal demand" needs no
// ladder step of severity 3 or less); 0 for stages that cover no step.
int severity(Stage stage);

struct LadderStep {
    LadderAction action = LadderAction::FriendlyReminder;
    Channel channel = Channel::Email;
    std::int64_t day = 1;     // days overdue when the step falls due (1 = the day after the due date)
    std::string templateName; // the letter or script template it uses ("friendly_reminder")

    template <class V> void visit(V& v) {
        v("action", action);
        v("channel", channel);
        v("day", day);
        v("template", templateName);
    }
    friend bool operator==(const LadderStep&, const LadderStep&) = default;
};

// A ladder of its own for the debtors of one segment; segments without one use the default.
struct SegmentLadder {
    Segment segment = Segment::New;
    std::vector<LadderStep> steps;

    template <class V> void visit(V& v) {
        v("segment", segment);
        v("steps", steps);
    }
    friend bool operator==(const SegmentLadder&, const SegmentLadder&) = default;
};

struct Policy {
    std::int64_t contactLimit = 3;   // outbound contacts per debtor in any rolling 7 days
    std::vector<LadderStep> ladder;  // the default ladder, by rising day
    std::int64_t paymentTermsDays = 30;
    // Quiet hours, local time in minutes after midnight: no calls, messages or visits from
    // start to end (wrapping midnight when start > end; none when they are equal).
    std::int64_t quietHoursEnd = 9 * 60;
    std::int64_t quietHoursStart = 21 * 60;
    std::int64_t reminderDaysBefore = 3; // 0: no reminder before the due date
    std::vector<SegmentLadder> segmentLadders;
    std::int64_t staleDays = 14;           // a case in an active stage untouched this long
    std::int64_t staleHandedOverDays = 60; // the same for cases with the agency or in court

    template <class V> void visit(V& v) {
        v("contactLimit", contactLimit);
        v("ladder", ladder);
        v("paymentTermsDays", paymentTermsDays);
        v("quietHoursEnd", quietHoursEnd);
        v("quietHoursStart", quietHoursStart);
        v("reminderDaysBefore", reminderDaysBefore);
        v("segmentLadders", segmentLadders, Opt);
        v("staleDays", staleDays);
        v("staleHandedOverDays", staleHandedOverDays);
    }
    friend bool operator==(const Policy&, const Policy&) = default;
};

// What ships: a friendly reminder on day 1, firmer on day 15, an interest notice on day 30,
// a formal demand on day 60 and the agency on day 90; gentler for punctual payers, quicker
// for chronic late payers and for those who will not pay.
const Policy& defaultPolicy();

// The ladder a debtor of `segment` follows.
const std::vector<LadderStep>& ladderFor(const Policy& policy, Segment segment);

// Checks a policy a person or a file sets, and puts it in its canonical form (steps sorted
// by day, texts trimmed). Problems name the field under `prefix` ("policy.ladder[2].day").
std::optional<Problem> validatePolicy(Policy& policy, const std::string& prefix = "policy");
// The same, recording what it finds in `found` (every field's problem, or the first); true when
// the validation is over.
bool validatePolicy(Policy& policy, Findings& found, const std::string& prefix = "policy");

// Channels that reach a person at once (a call, a message, a visit): quiet hours apply to
// them. Letters, email and burofax wait in a mailbox.
bool quietHoursApply(Channel channel);
// Whether `minuteOfDay` (0–1439, local) falls in the policy's quiet hours.
bool inQuietHours(const Policy& policy, int minuteOfDay);
// "21:00" for 1260.
std::string clockText(std::int64_t minuteOfDay);
// 1260 for "21:00" or "21.00" or "9:5"; nullopt for anything else.
std::optional<std::int64_t> parseClock(std::string_view text);

} // namespace recobra
