#include "core/model/policy.hpp"

#include "core/values/text.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <set>

namespace recobra {

int severity(LadderAction action) {
    switch (action) {
    case LadderAction::FriendlyReminder:
    case LadderAction::Call: return 1;
    case LadderAction::FirmLetter:
    case LadderAction::InterestNotice: return 2;
    case LadderAction::FormalDemand: return 3;
    case LadderAction::Agency: return 4;
    case LadderAction::Legal: return 5;
    }
    return 1;
}

int severity(Stage stage) {
    switch (stage) {
    case Stage::Reminded:
    case Stage::Negotiating: return 1;
    case Stage::FormalDemand: return 3;
    case Stage::Agency: return 4;
    case Stage::Legal: return 5;
    default: return 0;
    }
}

namespace {

LadderStep step(std::int64_t day, LadderAction action, Channel channel, const char* templateName) {
    return LadderStep{action, channel, day, templateName};
}

Policy makeDefault() {
    using A = LadderAction;
    Policy p;
    p.ladder = {step(1, A::FriendlyReminder, Channel::Email, "friendly_reminder"),
                step(15, A::FirmLetter, Channel::Email, "firm_reminder"),
                step(30, A::InterestNotice, Channel::Letter, "interest_notice"),
                step(60, A::FormalDemand, Channel::Burofax, "formal_demand"),
                step(90, A::Agency, Channel::Letter, "agency_handover")};
    // Punctual payers who slip have usually just forgotten: a nudge, then a call, and time.
    p.segmentLadders.push_back({Segment::Punctual,
                                {step(3, A::FriendlyReminder, Channel::Email, "friendly_reminder"),
                                 step(10, A::Call, Channel::Call, "call_script_friendly"),
                                 step(21, A::FirmLetter, Channel::Email, "firm_reminder"),
                                 step(45, A::InterestNotice, Channel::Letter, "interest_notice"),
                                 step(75, A::FormalDemand, Channel::Burofax, "formal_demand"),
                                 step(120, A::Agency, Channel::Letter, "agency_handover")}});
    // Chronic late payers answer the phone, not email: call at once, firm sooner.
    p.segmentLadders.push_back({Segment::Chronic,
                                {step(1, A::Call, Channel::Call, "call_script_friendly"),
                                 step(7, A::FirmLetter, Channel::Email, "firm_reminder"),
                                 step(21, A::InterestNotice, Channel::Letter, "interest_notice"),
                                 step(45, A::FormalDemand, Channel::Burofax, "formal_demand"),
                                 step(75, A::Agency, Channel::Letter, "agency_handover")}});
    // Those who refuse or never answer: the formal route without delay.
    p.segmentLadders.push_back({Segment::WontPay,
                                {step(1, A::FirmLetter, Channel::Email, "firm_reminder"),
                                 step(10, A::FormalDemand, Channel::Burofax, "formal_demand"),
                                 step(30, A::Agency, Channel::Letter, "agency_handover"),
                                 step(60, A::Legal, Channel::Letter, "legal_claim")}});
    return p;
}

constexpr std::int64_t kMaxStepDay = 3650;
constexpr std::size_t kMaxSteps = 20;
constexpr std::size_t kTemplateMax = 80;

std::optional<Problem> range(const std::string& field, std::int64_t value, std::int64_t min, std::int64_t max) {
    if (value < min || value > max)
        return problem(Str::err_policy_range, field, {std::to_string(min), std::to_string(max)});
    return std::nullopt;
}

// True when the validation is over (see Findings).
bool validateSteps(std::vector<LadderStep>& steps, const std::string& field, Findings& found) {
    if (steps.size() > kMaxSteps) return found.stop(problem(Str::err_too_many, field, {std::to_string(kMaxSteps)}));
    const std::size_t before = found.problems().size();
    for (std::size_t i = 0; i < steps.size(); ++i) {
        const std::string at = field + "[" + std::to_string(i) + "]";
        if (found.add(range(at + ".day", steps[i].day, 1, kMaxStepDay))) return true;
        steps[i].templateName = std::string(trim(steps[i].templateName));
        if (steps[i].templateName.size() > kTemplateMax &&
            found.add(problem(Str::err_too_long, at + ".template", {std::to_string(kTemplateMax)})))
            return true;
    }
    if (found.problems().size() != before) return false; // a day out of range cannot be compared
    std::stable_sort(steps.begin(), steps.end(), [](const LadderStep& a, const LadderStep& b) { return a.day < b.day; });
    for (std::size_t i = 1; i < steps.size(); ++i)
        if (steps[i].day == steps[i - 1].day &&
            found.add(problem(Str::err_policy_step_day_twice, field + "[" + std::to_string(i) + "].day",
                              {std::to_string(steps[i].day)})))
            return true;
    return false;
}

} // namespace

const Policy& defaultPolicy() {
    static const Policy policy = makeDefault();
    return policy;
}

const std::vector<LadderStep>& ladderFor(const Policy& policy, Segment segment) {
    for (const auto& l : policy.segmentLadders)
        if (l.segment == segment) return l.steps;
    return policy.ladder;
}

bool validatePolicy(Policy& p, Findings& found, const std::string& prefix) {
    const std::string at = prefix.empty() ? std::string() : prefix + ".";
    if (found.add(range(at + "contactLimit", p.contactLimit, 1, 50))) return true;
    if (found.add(range(at + "paymentTermsDays", p.paymentTermsDays, 0, 365))) return true;
    if (found.add(range(at + "quietHoursStart", p.quietHoursStart, 0, 24 * 60 - 1))) return true;
    if (found.add(range(at + "quietHoursEnd", p.quietHoursEnd, 0, 24 * 60 - 1))) return true;
    if (found.add(range(at + "reminderDaysBefore", p.reminderDaysBefore, 0, 60))) return true;
    if (found.add(range(at + "staleDays", p.staleDays, 1, 365))) return true;
    if (found.add(range(at + "staleHandedOverDays", p.staleHandedOverDays, 1, 730))) return true;
    if (validateSteps(p.ladder, at + "ladder", found)) return true;
    std::set<Segment> seen;
    for (std::size_t i = 0; i < p.segmentLadders.size(); ++i) {
        const std::string field = at + "segmentLadders[" + std::to_string(i) + "]";
        if (!seen.insert(p.segmentLadders[i].segment).second) {
            if (found.add(problem(Str::err_policy_segment_twice, field + ".segment",
                                  {enumName(p.segmentLadders[i].segment)})))
                return true;
            continue;
        }
        if (validateSteps(p.segmentLadders[i].steps, field + ".steps", found)) return true;
    }
    // Canonical order, so the same policy is always written the same way.
    std::stable_sort(p.segmentLadders.begin(), p.segmentLadders.end(),
                     [](const SegmentLadder& a, const SegmentLadder& b) { return a.segment < b.segment; });
    return false;
}

std::optional<Problem> validatePolicy(Policy& policy, const std::string& prefix) {
    Findings found;
    validatePolicy(policy, found, prefix);
    if (found.empty()) return std::nullopt;
    return std::move(found.problems().front());
}

bool quietHoursApply(Channel channel) {
    switch (channel) {
    case Channel::Call:
    case Channel::Sms:
    case Channel::WhatsApp:
    case Channel::Visit: return true;
    default: return false;
    }
}

bool inQuietHours(const Policy& p, int minuteOfDay) {
    const auto m = static_cast<std::int64_t>(minuteOfDay);
    if (p.quietHoursStart == p.quietHoursEnd) return false;
    if (p.quietHoursStart < p.quietHoursEnd) return m >= p.quietHoursStart && m < p.quietHoursEnd;
    return m >= p.quietHoursStart || m < p.quietHoursEnd; // across midnight
}

std::string clockText(std::int64_t minuteOfDay) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d", static_cast<int>(minuteOfDay / 60), static_cast<int>(minuteOfDay % 60));
    return buffer;
}

std::optional<std::int64_t> parseClock(std::string_view text) {
    const std::string t(trim(text));
    const auto sep = t.find_first_of(":.h");
    if (sep == std::string::npos || sep == 0 || sep > 2) return std::nullopt;
    const std::string_view hours(t.data(), sep);
    const std::string_view minutes(t.data() + sep + 1, t.size() - sep - 1);
    if (minutes.empty() || minutes.size() > 2) return std::nullopt;
    int h = 0, m = 0;
    auto [hp, he] = std::from_chars(hours.data(), hours.data() + hours.size(), h);
    auto [mp, me] = std::from_chars(minutes.data(), minutes.data() + minutes.size(), m);
    if (he != std::errc{} || me != std::errc{} || hp != hours.data() + hours.size() ||
        mp != minutes.data() + minutes.size())
        return std::nullopt;
    if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
    return h * 60 + m;
}

} // namespace recobra
