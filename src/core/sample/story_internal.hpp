#pragma once
// What the files of a debtor's story share (story.cpp, story_steps.cpp, story_collection.cpp,
// story_escalation.cpp): the Story class that simulates one debtor day by day, its agenda items
// and conversations, the calendar helpers and the constants. Included by those files alone.
#include "core/sample/story.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace recobra::gen::story_detail {

inline constexpr std::int64_t kDayMs = 86'400'000;
inline constexpr std::uint32_t kNoSlot = 0xFFFFFFFFu;
inline constexpr std::uint8_t kLead = 0;  // the member who leads collections
inline constexpr std::uint8_t kAdmin = 1; // the member who records payments

template <class T> std::uint8_t u8(T v) {
    return static_cast<std::uint8_t>(v);
}

// --- calendar (story_steps.cpp) -------------------------------------------------------------------

// ISO weekday of a day since 1970 (1: Monday … 7: Sunday).
int isoWeekday(std::int32_t day);
// The day itself, or the Monday after a weekend day.
std::int32_t workday(std::int32_t day);
// The day itself, or the Friday before a weekend day.
std::int32_t previousWorkday(std::int32_t day);
std::int32_t lastWorkdayOfMonth(std::int32_t day);
// How far up the collection ladder a stage is (0: not on it; 10: closed for good).
int stageRank(std::optional<Stage> stage);

// What an agenda item does.
enum class Do : std::uint8_t {
    Issue,
    ErrorVoid,
    PreDue,
    PayOnTime,
    Collect,
    PromisedPay,
    PlanCheck,
    DisputeResolve,
    AgencyStep,
    LegalStep,
    Recover,
    PayRest,
    Inbound,
    Note,
    Reassign,
    Negotiate,
    Refuse,
    Installment,
    Court,
    WriteOff,
    SettlementPay,
    ConfirmPromise,
    RemindPromise,
    Statement,
    DiscountPay,
};

// An agenda entry: `what` on `day`; entries of the same day in the order they were added.
struct Item {
    std::int32_t day = 0;
    std::uint32_t order = 0;
    Do what = Do::Note;
    std::uint32_t inv = 0;
    std::int64_t amount = 0;
    std::uint8_t currency = 0;
    std::int32_t extra = 0;
};

// A conversation, before it becomes a step.
struct Talk {
    Channel channel = Channel::Call;
    Outcome outcome = Outcome::Other;
    Attitude attitude = Attitude::Unknown;
    std::uint8_t flags = 0;
    PhraseId text = 0;
    std::array<std::uint32_t, 3> invoices{}; // local indexes
    std::uint8_t invoiceCount = 0;
    std::int64_t amount = 0;
    std::uint8_t currency = 0;
    std::int32_t date = 0;
    std::uint8_t n = 0;
    int author = -1; // -1: whoever handles the debtor
};

class Story {
public:
    Story(const World& world, std::uint32_t debtor, Plan& plan)
        : w_(world), plan_(plan), debtor_(debtor), rng_(streamSeed(world.seed, 1, debtor)),
          refTs_(static_cast<Timestamp>(world.referenceDay) * kDayMs) {}

    void run(); // story.cpp

    const DebtorPlan& debtorPlan() const { return d_; }

private:
    struct Inv {
        std::uint32_t slot = kNoSlot;
        std::int32_t issue = 0, due = 0;
        std::int64_t amount = 0, paid = 0;
        PhraseId description = 0;
        std::uint8_t currency = 0;
        bool late = false, voided = false, disputed = false;

        bool issued() const { return slot != kNoSlot; }
        std::int64_t outstanding() const { return voided ? 0 : amount - paid; }
        bool open() const { return issued() && !voided && outstanding() > 0; }
    };

    struct PlanState {
        unsigned installment = 0, count = 0;
        std::int64_t each = 0, last = 0;
        std::uint8_t currency = 0;
        std::int32_t due = 0;
        bool kept = false;
        std::optional<Stage> before;
        std::int32_t grace = 0; // the stage the fold returns the case to when the plan ends
    };

    // Short questions about the debtor, answered here.

    // Who works this debtor: the assignee, or anyone in the team.
    int handler() { return d_.assignee >= 0 ? d_.assignee : static_cast<int>(rng_.below(w_.members)); }
    bool owes() const {
        return std::any_of(inv_.begin(), inv_.end(), [](const Inv& v) { return v.open(); });
    }
    bool busy() const { return inPlan_ || agency_ || legal_ || closed_; }
    bool isPerson() const {
        return d_.shape.kind == DebtorKind::Consumer || d_.shape.kind == DebtorKind::Autonomo;
    }
    std::int64_t installmentAmount() const {
        return installments_.installment == installments_.count ? installments_.last : installments_.each;
    }

    // story.cpp: who the debtor is, the invoices, the agenda, routine events

    void drawProfile();
    std::uint8_t drawCurrency();
    std::int64_t drawAmount(std::uint8_t currency);
    void drawInvoices();
    Inv makeInvoice(std::int32_t issue);
    void push(std::int32_t day, Do what, std::uint32_t inv = 0, std::int64_t amount = 0,
              std::uint8_t currency = 0, std::int32_t extra = 0);
    Item pop();
    void dispatch(const Item& item);
    bool registerDebtor();
    void issue(std::int32_t day, std::uint32_t k);
    void errorVoid(std::int32_t day, std::uint32_t k);
    void preDue(std::int32_t day, std::uint32_t k);
    void payOnTime(std::int32_t day, std::uint32_t k);
    void inbound(std::int32_t day, std::uint32_t k);
    void note(std::int32_t day);
    void reassign(std::int32_t day, int to);
    void statement(std::int32_t day);
    void legacyStory();

    // story_steps.cpp: time and steps, stages, money

    std::optional<Timestamp> stamp(std::int32_t day);
    Step& add(StepKind kind, Timestamp ts, int author);
    bool talk(std::int32_t day, const Talk& t);
    void refresh();
    bool setStage(std::int32_t day, Stage to, PhraseId reason, std::int32_t date = 0, std::uint8_t n = 0,
                  int author = -1);
    void escalate(std::int32_t day, Stage to, Phrase reasons, std::uint8_t n = 0);
    PhraseId drawBetween(Phrase bank, unsigned first, unsigned last);
    std::vector<std::uint32_t> overdue(std::int32_t day, int currency = -1) const;
    std::vector<std::uint32_t> openIn(std::uint8_t currency) const;
    std::int64_t outstandingOf(const std::vector<std::uint32_t>& list) const;
    void fillInvoices(Talk& t, const std::vector<std::uint32_t>& list) const;
    PaymentMethod drawMethod();
    bool pay(std::int32_t day, std::int32_t valueDay, std::uint8_t currency, std::int64_t amount,
             const std::vector<std::uint32_t>& targets, std::int64_t extra = 0);
    bool payAll(std::int32_t day, std::int32_t valueDay, bool evenNotDue);
    void payEverything(std::int32_t day);

    // story_collection.cpp: the collection ladder and promises

    void collect(std::int32_t day);
    void next(std::int32_t day, int level);
    void remind(std::int32_t day, const std::vector<std::uint32_t>& late);
    void settleSoon(std::int32_t day, int from, int to);
    void contact(std::int32_t day, const std::vector<std::uint32_t>& late);
    void fixContact(std::int32_t day);
    void firmLetter(std::int32_t day, const std::vector<std::uint32_t>& late);
    void burofax(std::int32_t day, const std::vector<std::uint32_t>& late);
    void negotiate(std::int32_t day, std::int32_t way);
    void refuse(std::int32_t day);
    Attitude promiseAttitude();
    bool keeps();
    std::int32_t promise(std::int32_t day, Channel channel, const std::vector<std::uint32_t>& late,
                         bool partial, Phrase bank = Phrase::Count_, int author = -1);
    void promisedPay(std::int32_t day, std::int64_t amount, std::uint8_t currency, std::int32_t tells);
    void promiseNote(std::int32_t day, Phrase bank, const Item& item);
    void thank(std::int32_t day, std::int64_t amount, std::uint8_t currency);

    // story_escalation.cpp: disputes, payment plans, the agency, the court, closing

    bool startDispute(std::int32_t day, Channel channel, const std::vector<std::uint32_t>& late);
    void resolveDispute(std::int32_t day, std::uint32_t k);
    bool agreePlan(std::int32_t day, const std::vector<std::uint32_t>& late);
    void schedulePlanPayment(std::int32_t day);
    void planCheck(std::int32_t day);
    void installmentCall(std::int32_t when);
    void handOver(std::int32_t day, const std::vector<std::uint32_t>& late);
    void agencyStep(std::int32_t day, std::int32_t round);
    void goToCourt(std::int32_t day);
    void legalStep(std::int32_t day, std::int32_t round);
    void settle(std::int32_t day, const std::vector<std::uint32_t>& late);
    void settlementPay(std::int32_t day, std::int64_t amount, std::uint8_t currency, std::int32_t pct);
    // A step about the open invoices `list` (all of them: plans and offers cover each).
    Step* addCovering(StepKind kind, std::int32_t day, const std::vector<std::uint32_t>& list, int author = -1);
    // What an accepted offer let go: the fold forgives the rest of its invoices.
    void forgive(const std::vector<std::uint32_t>& list);
    void offerDiscount(std::int32_t day, std::uint8_t currency);
    void discountPay(std::int32_t day, std::int64_t amount, std::uint8_t currency);
    void writeOff(std::int32_t day, unsigned why);
    void recover(std::int32_t day);
    void payRest(std::int32_t day);

    const World& w_;
    Plan& plan_;
    std::uint32_t debtor_;
    Rng rng_;
    Timestamp refTs_;
    DebtorPlan d_;
    std::vector<Inv> inv_;
    std::vector<Item> agenda_;
    std::uint32_t order_ = 0;
    std::int32_t regDay_ = 0;
    Timestamp last_ = 0;
    bool done_ = false;
    std::optional<Stage> stage_;        // mirrors the fold: set explicitly, or following the invoices
    int level_ = 0;                     // the next rung of the collection ladder
    int attempts_ = 0;                  // unanswered contacts on this rung
    std::int32_t brokenPromiseDue_ = 0; // due day of a promise that will not be kept
    bool lastKept_ = false;             // whether the debtor will keep the last promise
    bool collecting_ = false;           // a Collect is on the agenda
    bool inPlan_ = false, agency_ = false, legal_ = false, closed_ = false, tagged_ = false;
    unsigned removedContacts_ = 0;
    PlanState installments_;
};

} // namespace recobra::gen::story_detail
