#include "core/model/plan_schedule.hpp"

#include <algorithm>

namespace recobra {

std::vector<PlanInstallment> buildSchedule(const ScheduleRequest& r) {
    const std::int64_t down = r.downPayment ? r.downPayment->minor : 0;
    const std::int64_t rest = r.total.minor - down;
    if (r.count < 1 || r.count > kMaxInstallments || down < 0 || rest < r.count) return {};
    // Whole minor units to each; what does not divide goes to the last (an exact division
    // needs no rounding: the remainder is kept, not rounded away).
    const std::int64_t each = rest / r.count;
    const int day = r.dayOfMonth > 0 ? std::min(r.dayOfMonth, 31) : static_cast<int>(r.first.day());
    // Monthly: from the first's month, or the next when the day asked falls before the first.
    const Date firstMonth = *Date::fromYmd(r.first.year(), static_cast<int>(r.first.month()), 1);
    const auto monthly = [&](int k) { return std::min(firstMonth.addMonths(k).addDays(day - 1), firstMonth.addMonths(k).endOfMonth()); };
    const int skip = r.frequency == PlanFrequency::Monthly && monthly(0) < r.first ? 1 : 0;
    std::vector<PlanInstallment> out;
    out.reserve(static_cast<std::size_t>(r.count));
    for (int k = 0; k < r.count; ++k) {
        Date due;
        switch (r.frequency) {
        case PlanFrequency::Weekly: due = r.first.addDays(7 * k); break;
        case PlanFrequency::Fortnightly: due = r.first.addDays(14 * k); break;
        case PlanFrequency::Monthly: due = monthly(k + skip); break;
        }
        const std::int64_t amount = k + 1 == r.count ? rest - each * (r.count - 1) : each;
        out.push_back(PlanInstallment{Money{amount, r.total.currency}, due});
    }
    return out;
}

} // namespace recobra
