// The benchmark data generator: the same options always give the same bytes, and what it
// writes is a collections book Recobra itself would accept, realistic on average.
#include "core/exchange/backup.hpp"
#include "core/sample/demo.hpp"
#include "core/sample/generator.hpp"
#include "core/sample/identity.hpp"
#include "core/sample/phrases.hpp"
#include "core/sample/random.hpp"
#include "core/state/plans.hpp"
#include "core/state/queries.hpp"
#include "core/workspace/workspace.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <map>
#include <set>
#include <string>

using namespace recobra;

namespace {

constexpr std::uint32_t kSampleDebtors = 2000;

// One data set of 2,000 debtors, shared by the tests that only read it.
const std::vector<Event>& sample() {
    static const std::vector<Event> events = [] {
        GeneratorOptions options;
        options.debtors = kSampleDebtors;
        options.seed = 1;
        return generateDataset(options);
    }();
    return events;
}

const State& sampleState() {
    static const State state = [] {
        EventLog log;
        log = EventLog(sample());
        return fold(log);
    }();
    return state;
}

template <class T> std::vector<const T*> payloads(const std::vector<Event>& events) {
    std::vector<const T*> out;
    for (const auto& e : events)
        if (const auto* p = std::get_if<T>(&e.payload)) out.push_back(p);
    return out;
}

std::string backupOf(std::uint32_t debtors, std::uint64_t seed) {
    GeneratorOptions options;
    options.debtors = debtors;
    options.seed = seed;
    return writeBackup(Settings{}, generateDataset(options));
}

double perDebtor(std::size_t count) {
    return static_cast<double>(count) / kSampleDebtors;
}

} // namespace

TEST_CASE("the same options give the same bytes; another seed gives another data set") {
    const std::string a = backupOf(150, 42);
    CHECK(a == backupOf(150, 42));
    CHECK(a != backupOf(150, 43));
    CHECK(a.size() > 150 * 1000);
}

// The same bytes natively (GCC, libstdc++) and in wasm (clang, libc++): this suite runs in
// both. When the generator is changed on purpose, the new value is printed on failure.
TEST_CASE("the data set is the same on every platform: a fixed fingerprint") {
    const std::string backup = backupOf(300, 7);
    std::uint64_t fnv = 0xcbf29ce484222325ull; // FNV-1a, 64 bits
    for (char c : backup) {
        fnv ^= static_cast<unsigned char>(c);
        fnv *= 0x100000001b3ull;
    }
    CHECK(backup.size() == 2199126);
    CHECK(fnv == 0x27c7ae3ca3ddf6e2ull);
}

TEST_CASE("a debtor's story does not depend on how many debtors there are") {
    GeneratorOptions small, large;
    small.debtors = 40;
    large.debtors = 80;
    const auto smallSet = generateDataset(small);
    const auto largeSet = generateDataset(large);
    const auto a = payloads<DebtorRegistered>(smallSet);
    const auto b = payloads<DebtorRegistered>(largeSet);
    std::set<std::string> names;
    for (const auto* d : b) names.insert(d->legalName + "|" + d->taxId);
    REQUIRE(a.size() == 40);
    for (const auto* d : a) CHECK(names.count(d->legalName + "|" + d->taxId) == 1);
}

TEST_CASE("streaming gives the same events, in id order, as the whole data set at once") {
    GeneratorOptions options;
    options.debtors = 60;
    options.seed = 9;
    std::vector<Event> streamed;
    const auto summary = generateDataset(options, [&](const Event& e) { streamed.push_back(e); });
    const auto whole = generateDataset(options);
    REQUIRE(streamed.size() == whole.size());
    CHECK(writeBackup(Settings{}, streamed) == writeBackup(Settings{}, whole));
    CHECK(summary.events == whole.size());
    CHECK(summary.debtors == 60);
    CHECK(summary.invoices == payloads<InvoiceAdded>(whole).size());
    CHECK(summary.payments == payloads<PaymentRecorded>(whole).size());
    CHECK(summary.interactions == payloads<InteractionLogged>(whole).size());
    CHECK(!summary.teamLead.empty());
}

TEST_CASE("the data set passes the integrity check of an import and folds without orphans") {
    const auto& events = sample();
    const auto problem = checkIntegrity(EventLog{}, EventLog(events), "x");
    CHECK_MESSAGE(!problem, (problem ? problem->describe(Lang::en) : std::string()));
    const auto& d = sampleState().diagnostics;
    CHECK(d.unknownEvents == 0);
    CHECK(d.orphanEvents == 0);
    CHECK(d.duplicateEntities == 0);
}

TEST_CASE("events are sorted by unique ids, happen before the reference date, by team members") {
    const auto& events = sample();
    const Timestamp end = GeneratorOptions{}.referenceDate.startOfDayUtc();
    std::set<std::string> team;
    for (const auto* m : payloads<MemberAdded>(events)) team.insert(m->name);
    CHECK(team.size() >= 3);
    CHECK(team.size() <= 6);
    std::set<std::uint32_t> devices;
    for (std::size_t i = 0; i < events.size(); ++i) {
        if (i > 0) REQUIRE(events[i - 1].id < events[i].id);
        CHECK(events[i].ts < end);
        CHECK(events[i].id.ms == events[i].ts);
        CHECK(team.count(events[i].author) == 1);
        devices.insert(events[i].id.device);
    }
    CHECK(devices.size() == team.size()); // each member on their own device
}

TEST_CASE("ids of created things follow the app's convention: prefix and creating event") {
    for (const auto& e : sample()) {
        if (const auto* d = std::get_if<DebtorRegistered>(&e.payload)) {
            CHECK(d->debtor == entityId('d', e.id));
            for (std::size_t k = 0; k < d->contacts.size(); ++k)
                CHECK(d->contacts[k].id == entityId('c', e.id) + "-" + std::to_string(k));
        } else if (const auto* i = std::get_if<InvoiceAdded>(&e.payload)) {
            CHECK(i->invoice == entityId('i', e.id));
        } else if (const auto* x = std::get_if<InteractionLogged>(&e.payload)) {
            CHECK(x->interaction == entityId('x', e.id));
            if (x->promise) CHECK(x->promise->id == entityId('r', e.id));
        } else if (const auto* p = std::get_if<PaymentRecorded>(&e.payload)) {
            CHECK(p->payment == entityId('p', e.id));
        }
    }
}

TEST_CASE("on average 3 invoices and 10 interactions per debtor, as the benchmark asks") {
    const auto& events = sample();
    const double invoices = perDebtor(payloads<InvoiceAdded>(events).size());
    const double interactions = perDebtor(payloads<InteractionLogged>(events).size());
    const double payments = perDebtor(payloads<PaymentRecorded>(events).size());
    CHECK(payloads<DebtorRegistered>(events).size() == kSampleDebtors);
    CHECK(invoices > 2.7);
    CHECK(invoices < 3.3);
    CHECK(interactions > 8.5);
    CHECK(interactions < 11.5);
    CHECK(payments > 1.5);
    CHECK(payments < 3.5);
    CHECK(perDebtor(payloads<NoteAdded>(events).size()) > 0.1);
    CHECK(perDebtor(payloads<StageChanged>(events).size()) > 1.0);
}

TEST_CASE("every stage of a case is reached, each with a reason") {
    // Set by hand (stage.changed) or by the fold (a plan agreed, an offer paid in time).
    std::set<Stage> seen;
    for (const auto* s : payloads<StageChanged>(sample())) {
        seen.insert(s->stage);
        CHECK(!s->reason.empty());
    }
    for (const auto& change : sampleState().stageChanges)
        if (change.to) {
            seen.insert(*change.to);
            CHECK((!change.reason.empty() || change.automaticReason));
        }
    // (No structured bindings: clang 14, the wasm compiler, cannot capture them in CHECK.)
    for (const auto& entry : EnumTable<Stage>::values)
        CHECK_MESSAGE(seen.count(entry.first) == 1, entry.second);
    // And at the reference date, cases stand at every stage too.
    std::set<Stage> atReference;
    for (const auto& d : sampleState().debtors) atReference.insert(effectiveStage(d, GeneratorOptions{}.referenceDate));
    for (const auto& entry : EnumTable<Stage>::values)
        CHECK_MESSAGE(atReference.count(entry.first) == 1, entry.second);
}

TEST_CASE("Spanish tax ids carry the right check character; every debtor has its own") {
    std::set<std::string> taxIds;
    std::size_t spanish = 0;
    for (const auto* d : payloads<DebtorRegistered>(sample())) {
        CHECK(taxIds.insert(normalizeTaxId(d->taxId)).second);
        if (d->country != "ES") continue;
        ++spanish;
        CHECK_MESSAGE(isValidSpanishTaxId(normalizeTaxId(d->taxId)), d->taxId);
    }
    CHECK(spanish > kSampleDebtors * 8 / 10);
    for (std::uint32_t n = 0; n < 100'000'000; n += 999'983) {
        CHECK(isValidSpanishTaxId(gen::spanishDni(n)));
        CHECK(isValidSpanishTaxId(gen::spanishNie("XYZ"[n % 3], n % 10'000'000)));
        for (char org : std::string("ABEHFJNPQRSW"))
            CHECK(isValidSpanishTaxId(gen::spanishCif(org, n % 10'000'000)));
    }
    CHECK(gen::spanishDni(12345678) == "12345678Z");
    CHECK(gen::spanishCif('B', 1234567) == "B12345674");
}

TEST_CASE("debtors look real: people, companies, public bodies, Latin America") {
    std::map<DebtorKind, std::size_t> kinds;
    std::set<std::string> countries;
    std::size_t councils = 0, companies = 0, persons = 0;
    for (const auto* d : payloads<DebtorRegistered>(sample())) {
        ++kinds[d->kind];
        countries.insert(d->country);
        if (d->legalName.rfind("Ayuntamiento de ", 0) == 0) ++councils;
        if (d->legalName.find(" S.L.") != std::string::npos ||
            d->legalName.find(" S.A.") != std::string::npos)
            ++companies;
        if (d->kind == DebtorKind::Consumer) {
            CHECK(d->legalName.find(", ") != std::string::npos); // "Peña Martínez, José"
            ++persons;
        }
        REQUIRE(!d->contacts.empty());
        for (const auto& c : d->contacts) {
            CHECK(!c.name.empty());
            CHECK(!c.phone.empty());
            if (d->country == "ES") CHECK(c.phone.find_first_of("6789") < 5);
            if (!c.email.empty()) CHECK(c.email.find('@') != std::string::npos);
        }
    }
    CHECK(kinds.size() == 5);
    CHECK(councils > 0);
    CHECK(companies > kSampleDebtors / 4);
    CHECK(persons > kSampleDebtors / 10);
    for (const char* country : {"ES", "MX", "CO", "CL", "AR", "PE"})
        CHECK_MESSAGE(countries.count(country) == 1, country);
}

TEST_CASE("amounts are realistic and in the debtor's currencies") {
    std::map<std::string, std::size_t> currencies;
    for (const auto* i : payloads<InvoiceAdded>(sample())) {
        ++currencies[i->amount.currency.str()];
        CHECK(i->dueDate >= i->issueDate);
        CHECK(!i->number.empty());
        if (i->amount.currency == CurrencyCode::eur()) {
            CHECK(i->amount.minor >= 8'000);
            CHECK(i->amount.minor <= 2'500'000);
        }
    }
    CHECK(currencies["EUR"] > 5000);
    for (const char* code : {"USD", "MXN", "COP", "CLP", "ARS", "PEN"})
        CHECK_MESSAGE(currencies[code] > 0, code);
}

TEST_CASE("payments in full, in part and too much; promises kept and broken; disputes and voids") {
    const auto& events = sample();
    const auto& state = sampleState();
    std::size_t overpaid = 0, partial = 0;
    for (const auto& p : state.payments) {
        if (p.unallocated > 0) ++overpaid;
        for (const auto& a : p.allocations)
            if (a.amount < state.invoices[a.invoice].amount.minor) ++partial;
    }
    CHECK(overpaid > 0);
    CHECK(partial > 0);
    // A promise is kept when the debtor's payments between making it and its due date
    // add up to it.
    std::size_t kept = 0, broken = 0;
    const Date end = GeneratorOptions{}.referenceDate;
    for (const auto& promise : state.promises) {
        if (promise.dueDate >= end) continue;
        std::int64_t paid = 0;
        for (Index i : state.debtors[promise.debtor].payments) {
            const auto& p = state.payments[i];
            if (p.amount.currency == promise.amount.currency && p.date >= promise.madeOn &&
                p.date <= promise.dueDate)
                paid += p.amount.minor;
        }
        ++(paid >= promise.amount.minor ? kept : broken);
    }
    CHECK(kept > 100);
    CHECK(broken > 100);
    const auto invoices = payloads<InvoiceAdded>(events).size();
    const auto voided = payloads<InvoiceVoided>(events).size();
    CHECK(voided > 0);
    CHECK(voided < invoices / 20);
    CHECK(!payloads<InvoiceDisputeSet>(events).empty());
    std::size_t formalClaims = 0, acknowledgements = 0, inbound = 0;
    std::set<Channel> channels;
    std::set<Outcome> outcomes;
    std::set<Attitude> attitudes;
    for (const auto* x : payloads<InteractionLogged>(events)) {
        formalClaims += x->formalClaim;
        acknowledgements += x->acknowledgesDebt;
        inbound += x->direction == Direction::Inbound;
        channels.insert(x->channel);
        outcomes.insert(x->outcome);
        attitudes.insert(x->attitude);
        CHECK(x->at > 0);
        CHECK(!x->summary.empty());
        if (x->promise) CHECK(x->promise->dueDate >= Date::ofTimestamp(x->at));
    }
    CHECK(formalClaims > 0);
    CHECK(acknowledgements > 0);
    CHECK(inbound > 0);
    CHECK(channels.size() == EnumTable<Channel>::values.size());
    CHECK(outcomes.size() == EnumTable<Outcome>::values.size());
    CHECK(attitudes.size() == EnumTable<Attitude>::values.size());
}

TEST_CASE("team members are assigned and reassigned; contacts change; notes are written") {
    const auto& events = sample();
    CHECK(!payloads<DebtorAssigned>(events).empty());
    CHECK(!payloads<ContactAdded>(events).empty());
    CHECK(!payloads<ContactUpdated>(events).empty());
    CHECK(!payloads<DebtorUpdated>(events).empty());
    CHECK(!payloads<InvoiceUpdated>(events).empty());
    std::size_t assigned = 0;
    for (const auto& d : sampleState().debtors) assigned += !d.assignee.empty();
    CHECK(assigned > kSampleDebtors / 2);
}

TEST_CASE("texts are Spanish phrases with every detail filled in") {
    auto filled = [](const std::string& text) {
        CHECK_MESSAGE(text.find('{') == std::string::npos, text);
        CHECK_MESSAGE(text.find('}') == std::string::npos, text);
    };
    std::set<std::string> summaries;
    for (const auto& e : sample()) {
        if (const auto* x = std::get_if<InteractionLogged>(&e.payload)) {
            filled(x->summary);
            summaries.insert(x->summary.substr(0, 25));
        } else if (const auto* s = std::get_if<StageChanged>(&e.payload))
            filled(s->reason);
        else if (const auto* n = std::get_if<NoteAdded>(&e.payload))
            filled(n->text);
        else if (const auto* i = std::get_if<InvoiceAdded>(&e.payload))
            filled(i->description);
        else if (const auto* v = std::get_if<InvoiceVoided>(&e.payload))
            filled(v->reason);
    }
    CHECK(summaries.size() > 100); // a varied bank, not a handful of sentences
    gen::PhraseDetails d;
    d.amount = euros(123456);
    d.date = *Date::fromYmd(2026, 3, 13);
    CHECK(gen::renderPhrase(gen::phraseId(gen::Phrase::PromiseWeekday, 0), d) ==
          "Llamada: dice que paga el viernes");
    CHECK(gen::renderPhrase(gen::phraseId(gen::Phrase::PromiseDate, 1), d) ==
          "Acordamos que paga el 13/03/2026");
    CHECK(gen::renderPhrase(gen::phraseId(gen::Phrase::PromiseEndOfMonth, 1), d) ==
          "Se compromete a pagar 1.234,56 € antes de fin de mes");
}

TEST_CASE("the generator's random numbers are its own and fixed") {
    gen::Rng rng(1);
    // Fixed values: a change here changes every data set ever generated.
    CHECK(rng.next() == 0xB3F2AF6D0FC710C5ull);
    for (int i = 0; i < 1000; ++i) {
        const auto v = rng.range(-3, 3);
        CHECK(v >= -3);
        CHECK(v <= 3);
    }
    CHECK(gen::asciiSlug("Peña Martínez, José") == "penamartinezjose");
}

TEST_CASE("the example data shows about forty debtors with every stage represented, whatever the day") {
    for (int day = 0; day < 40; day += 7) {
        const Date today = Date::fromYmd(2026, 11, 23)->addDays(day);
        EventLog log;
        log = EventLog(demoDataset(today));
        const State state = fold(log);
        CHECK(state.debtors.size() >= 36);
        CHECK(state.debtors.size() <= 44);
        CHECK(state.diagnostics.orphanEvents == 0);
        std::set<Stage> stages;
        for (const auto& d : state.debtors) stages.insert(effectiveStage(d, today));
        for (const auto& entry : EnumTable<Stage>::values) CHECK_MESSAGE(stages.count(entry.first) == 1, entry.second);
        for (const auto& e : log) CHECK(isDemoDevice(e.id.device));
    }
}

TEST_CASE("payment plans, discounts, settlements and write-offs in realistic proportions, some kept, some broken") {
    const State& s = sampleState();
    const Date today = GeneratorOptions{}.referenceDate;
    std::map<PlanStatus, std::size_t> plans;
    for (const auto& plan : s.plans) {
        const auto progress = planProgress(s, plan, today);
        ++plans[progress.status];
        std::int64_t sum = 0;
        for (const auto& i : plan.schedules.front().installments) sum += i.amount.minor;
        CHECK(sum == plan.total.minor);
    }
    std::map<std::pair<OfferKind, OfferStatus>, std::size_t> offers;
    for (const auto& offer : s.offers) ++offers[{offer.kind, offerStatus(offer, today)}];
    std::size_t writtenOff = 0;
    for (const auto& d : s.debtors) writtenOff += effectiveStage(d, today) == Stage::ClosedWrittenOff;
    const double debtors = static_cast<double>(s.debtors.size());
    CHECK(static_cast<double>(s.plans.size()) / debtors > 0.05);
    CHECK(static_cast<double>(s.plans.size()) / debtors < 0.20);
    CHECK(plans[PlanStatus::Completed] > plans[PlanStatus::Cancelled]); // most are kept
    CHECK(plans[PlanStatus::Cancelled] > 0);
    CHECK(plans[PlanStatus::Active] > 0);
    for (auto kind : {OfferKind::Discount, OfferKind::Settlement}) {
        CHECK(offers[{kind, OfferStatus::Accepted}] > 0);
        CHECK(offers[{kind, OfferStatus::Lapsed}] > 0);
        CHECK(offers[{kind, OfferStatus::Accepted}] > offers[{kind, OfferStatus::Lapsed}]);
    }
    CHECK(writtenOff > 0);
}
